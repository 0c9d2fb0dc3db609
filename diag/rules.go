package diag

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// RuleInfo documents one rule id.
type RuleInfo struct {
	// ID is the stable rule id, "<package>/<kebab-name>" or "schema/<keyword>".
	ID string `json:"id"`
	// Severity is the severity the rule reports by default.
	Severity Severity `json:"severity"`
	// Doc is a one-line description of what the rule checks and why.
	Doc string `json:"doc"`
}

var registry struct {
	sync.RWMutex
	rules map[string]RuleInfo
}

// Register adds rules to the process-wide registry. Packages call it from
// package-level variable initialisers, so every rule a package can report is
// known as soon as the package is imported. Registering an id twice, or a rule
// without a doc or a valid severity, panics: it is a programming error caught by
// any test that imports the package.
//
// Register returns its first argument's ID, so a rule can be declared as
//
//	var ruleFoo = diag.Register(diag.RuleInfo{ID: "pkg/foo", Severity: diag.Error, Doc: "…"})
func Register(rules ...RuleInfo) string {
	registry.Lock()
	defer registry.Unlock()
	if registry.rules == nil {
		registry.rules = make(map[string]RuleInfo)
	}
	for _, r := range rules {
		switch {
		case r.ID == "" || strings.ContainsAny(r.ID, " \t\n"):
			panic(fmt.Sprintf("diag: invalid rule id %q", r.ID))
		case r.Doc == "":
			panic(fmt.Sprintf("diag: rule %q has no doc", r.ID))
		case r.Severity != Error && r.Severity != Warning:
			panic(fmt.Sprintf("diag: rule %q has no valid severity", r.ID))
		}
		if _, dup := registry.rules[r.ID]; dup {
			panic(fmt.Sprintf("diag: rule %q registered twice", r.ID))
		}
		registry.rules[r.ID] = r
	}
	if len(rules) == 0 {
		return ""
	}
	return rules[0].ID
}

// Rules returns every registered rule, sorted by id.
func Rules() []RuleInfo {
	registry.RLock()
	defer registry.RUnlock()
	out := make([]RuleInfo, 0, len(registry.rules))
	for _, r := range registry.rules {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b RuleInfo) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// LookupRule returns the registered rule with the given id.
func LookupRule(id string) (RuleInfo, bool) {
	registry.RLock()
	defer registry.RUnlock()
	r, ok := registry.rules[id]
	return r, ok
}
