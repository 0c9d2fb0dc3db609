package diag_test

import (
	"fmt"

	"github.com/bgspec/bgspec/diag"
)

// ruleHostPort is registered once, at package initialisation, so that tools
// can list it with diag.Rules.
var ruleHostPort = diag.Register(diag.RuleInfo{
	ID:       "example/awsvpc-host-port",
	Severity: diag.Error,
	Doc:      "with awsvpc, hostPort must equal containerPort or be omitted",
})

func Example() {
	l := diag.List{
		{File: "taskdef.json", Line: 14, Column: 23, Path: diag.Pointer("containerDefinitions", "0", "portMappings", "0", "hostPort"),
			Rule: ruleHostPort, Severity: diag.Error, Message: "hostPort 80 differs from containerPort 8080: omit hostPort"},
		{File: "taskdef.json", Line: 2, Column: 13, Path: "/family", Rule: "example/family-name", Severity: diag.Warning,
			Message: "the family name has a space: write web-app"},
	}
	l.Sort()
	fmt.Println(l)
	fmt.Println("fails the build:", l.Err() != nil)
	fmt.Println("without errors:", l.Warnings().Err())
	r, _ := diag.LookupRule(ruleHostPort)
	fmt.Println(r.ID+":", r.Doc)
	// Output:
	// taskdef.json:2:13: warning: /family: the family name has a space: write web-app [example/family-name]
	// taskdef.json:14:23: error: /containerDefinitions/0/portMappings/0/hostPort: hostPort 80 differs from containerPort 8080: omit hostPort [example/awsvpc-host-port]
	// fails the build: true
	// without errors: <nil>
	// example/awsvpc-host-port: with awsvpc, hostPort must equal containerPort or be omitted
}

func ExamplePointer() {
	p := diag.Pointer("a/b", "c~d")
	fmt.Println(p)
	fmt.Println(diag.Index(diag.Append(p, "env"), 0))
	toks, ok := diag.SplitPointer(p)
	fmt.Printf("%q %v\n", toks, ok)
	// Output:
	// /a~1b/c~0d
	// /a~1b/c~0d/env/0
	// ["a/b" "c~d"] true
}
