package robustness

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/buildspec"
	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/cli"
	"github.com/bgspec/bgspec/internal/source"
	"github.com/bgspec/bgspec/revision"
	"github.com/bgspec/bgspec/taskdef"
)

// docCase is one catalogue case on a single spec file (ROBUSTNESS.md §7.1–7.4)
// or on an in-memory revision (cross-file cases).
type docCase struct {
	id   string
	kind string // "B" buildspec.yml, "A" appspec.yaml, "T" taskdef.json, "X" revision.Check
	src  func() []byte
	// files replaces src for kind X.
	files func() revision.Files
	// xfile is the file (kind X) whose diagnostics the wants describe.
	xfile string
	aopts []appspec.Option
	ropts []revision.Option
	wants []want
	// warnOnly: the case expects warnings only (no error in the list).
	warnOnly bool
	// clean: the input is valid and must produce no error.
	clean bool
	// positioned: for crashers, any error with a line number will do.
	positioned bool
	// maxPerRule caps how often a rule may fire (error-explosion cases).
	maxPerRule map[string]int
	// not lists rules that must not fire (the input is fine in that respect).
	not []string
	// note records where bgspec departs from the catalogue's wording, by
	// design.
	note string
}

func s(x string) func() []byte { return func() []byte { return []byte(x) } }

const okPhases = "phases:\n  build:\n    commands:\n      - echo hi\n"

func bs(x string) func() []byte { return s("version: 0.2\n" + x + okPhases) }

// appspecWith renders the ECS AppSpec with the given LoadBalancerInfo lines.
func appspecWith(version, td, lbi string) string {
	return version + `Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: ` + td + `
        LoadBalancerInfo:
` + lbi + `        CapacityProviderStrategy:
          - CapacityProvider: FARGATE
            Base: 1
            Weight: 1
`
}

const okLBI = "          ContainerName: web\n          ContainerPort: 80\n"

// td renders a one-line task definition with one container whose extra
// members are given.
func td(top, container string) func() []byte {
	return s(`{"family":"web","networkMode":"awsvpc","requiresCompatibilities":["FARGATE"],"cpu":"256","memory":"512",` +
		`"executionRoleArn":"arn:aws:iam::123456789012:role/x"` + top + `,"containerDefinitions":[{"name":"web","image":"nginx:1.25","essential":true` +
		container + `}]}`)
}

func aliasBomb() []byte {
	var b strings.Builder
	b.WriteString(`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	for c := byte('b'); c <= 'i'; c++ {
		p := string(c - 1)
		fmt.Fprintf(&b, "%c: &%c [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n", c, c, p, p, p, p, p, p, p, p, p)
	}
	return []byte(b.String())
}

func distinctKeys(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "key%06d: v\n", i)
	}
	return b.Bytes()
}

func manyContainers(n int) []byte {
	var c []string
	for i := range n {
		c = append(c, fmt.Sprintf(`{"name":"c%d","image":"nginx:1.25","essential":true,"memory":64}`, i))
	}
	return []byte(`{"family":"web","containerDefinitions":[` + strings.Join(c, ",") + `]}`)
}

// crashers: ROBUSTNESS.md §7 #10 and yaml/go-yaml testdata/fuzz_crashers.yaml.
var crashers = []string{
	"0: [:!00 \xef",
	"#\n-\n{",
	"#\n - - QI\xd7",
	" \ufeff\n",
	"? \ufeff: \ufeff\n",
	"\"\\0\\\r\n",
	"  0: [\n] 0",
	"? ? \"\n\" 0",
	"    - {\n000}0",
	"0:\n  0: [0\n] 0",
	"    - \"\n000\"0",
	"    - \"\n000\"\"",
	"0:\n    - {\n000}0",
	"0:\n    - \"\n000\"0",
	"0:\n    - \"\n000\"\"",
	"? \ufeff\n",
	"? \ufeff:\n",
	"0: \ufeff\n",
}

func catalogue() []docCase {
	cs := []docCase{
		// §7.1 Parsing and robustness.
		{id: "7.1-01", kind: "B", src: s(""), wants: []want{w("source/empty", 0, 0, "")},
			note: "file-level problems are at 0:0 (diag: 0 = whole file), not 1:1"},
		{id: "7.1-02a", kind: "B", src: s("# comment\n"), wants: []want{w("source/empty", 0, 0, "")}},
		{id: "7.1-02b", kind: "B", src: s("---\n"), wants: []want{w("source/empty", 0, 0, "")}},
		{id: "7.1-02c", kind: "B", src: s("null\n"), wants: []want{w("source/empty", 0, 0, "")}},
		{id: "7.1-02d", kind: "B", src: s("~\n"), wants: []want{w("source/empty", 0, 0, "")}},
		{id: "7.1-02e", kind: "A", src: s("# only a comment\n"), wants: []want{w("source/empty", 0, 0, "")}},
		{id: "7.1-03", kind: "B", src: s("version: 0.2\n" + okPhases + "---\nversion: 9\n"),
			wants: []want{w("yaml/multiple-documents", 6, 1, "")}},
		{id: "7.1-04", kind: "B", src: s("version: 0.2\n" + okPhases + "...\ngarbage: [\n"),
			wants: []want{w("yaml/multiple-documents", 7, 1, "")}},
		{id: "7.1-05", kind: "B", src: s("version: 0.2\nphases:\n\tbuild:\n    commands:\n      - echo hi\n"),
			wants: []want{w("yaml/tab", 3, 1, "")}},
		{id: "7.1-05a", kind: "A", src: s("version: 0.0\nResources:\n\t- TargetService: {}\n"),
			wants: []want{w("yaml/tab", 3, 1, "")}},
		{id: "7.1-06", kind: "B", src: s("a: b: c\n"), wants: []want{w("yaml/syntax", 1, 5, "")}},
		{id: "7.1-07", kind: "B", src: s("version: 0.2\nphases:\n  build:\n    commands: [a,\n"),
			wants: []want{w("yaml/syntax", 4, 15, "")}},
		{id: "7.1-08", kind: "B", src: s("version: 0.2\nenv:\n  variables:\n    X: \"a\x00b\"\n" + okPhases),
			wants: []want{w("source/encoding", 4, 10, "")}},
		{id: "7.1-08a", kind: "B", src: s("version: 0.2\nenv:\n  variables:\n    X: a\x07b\n" + okPhases),
			wants: []want{w("source/encoding", 4, 9, "")}},
		{id: "7.1-09a", kind: "B", src: s("\xff\xfev\x00e\x00r\x00:\x00 \x000\x00.\x002\x00\n\x00"),
			wants: []want{w("source/encoding", 0, 0, "")}},
		{id: "7.1-09b", kind: "B", src: s("version: 0.2\n\xff\n"), wants: []want{w("source/encoding", 2, 1, "")}},
		{id: "7.1-11a", kind: "B", src: s("<<:\n? -"), wants: []want{w("yaml/merge-key", 1, 4, "")},
			note: "merge keys with a mapping value are expanded under the alias budget; only a non-mapping << is reported"},
		{id: "7.1-11b", kind: "B", src: s("\n0:\n<<:\n  {}:\n"), wants: []want{w("yaml/non-string-key", 4, 3, "")}},
		{id: "7.1-11c", kind: "B", src: s("?\n<<:\n ? 0:"), wants: []want{w("yaml/non-string-key", 3, 4, "")}},
		{id: "7.1-12", kind: "B", src: aliasBomb, wants: []want{w("yaml/alias-budget", 1, 38, "/e/0/0/8/0/5")}, maxPerRule: map[string]int{"yaml/alias-budget": 1},
			note: "aliases are expanded under a node budget (not rejected outright); the position is the origin of the node that crossed the budget (line 1), not the alias being expanded"},
		{id: "7.1-13", kind: "B", src: s("a: &a [*a]\n"), wants: []want{w("yaml/alias-cycle", 1, 8, "/a/0")}},
		{id: "7.1-14", kind: "B", src: s("a: *nope\n"), wants: []want{w("yaml/syntax", 1, 4, "")},
			note: "an unknown anchor is a yaml/syntax error (position of the alias)"},
		{id: "7.1-15", kind: "B", src: func() []byte { return bytes.Repeat([]byte("["), 20000) },
			wants: []want{w("yaml/syntax", 1, 10001, "")},
			note:  "the YAML parser's own depth limit (10,000) fires before bgspec's cap; see 7.1-15b for the cap"},
		{id: "7.1-15b", kind: "B", src: func() []byte {
			return []byte(strings.Repeat("[", 100) + strings.Repeat("]", 100))
		}, wants: []want{w("source/too-deep", 1, 65, strings.Repeat("/0", 64))},
			note: "GAP (internal/source, minor): the YAML reader allows 65 nested levels and reports the 66th; the JSON reader reports the 65th (7.1-15c)"},
		{id: "7.1-15c", kind: "T", src: func() []byte { return bytes.Repeat([]byte("["), 20000) },
			wants: []want{w("source/too-deep", 1, 65, "/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0")}},
		{id: "7.1-16", kind: "B", src: func() []byte {
			return []byte("{" + strings.TrimSuffix(strings.Repeat("a,", 3000), ",") + "}")
		}, wants: []want{w("yaml/duplicate-key", 1, 4, "/a")}, maxPerRule: map[string]int{"yaml/duplicate-key": 1}},
		{id: "7.1-17", kind: "Y", src: func() []byte { return distinctKeys(40000) }, clean: true,
			note: "the reader: 40,000 distinct keys (520 KB) in linear time"},
		{id: "7.1-17b", kind: "B", src: func() []byte { return distinctKeys(40000) },
			// 100 diagnostics per rule and file, then one summary (diag.MaxPerRule).
			wants: []want{w("buildspec/version", 1, 1, "/version"), w("buildspec/unknown-key", 1, 1, "/key000000"), w("buildspec/unknown-key", 101, 1, "")}},
		{id: "7.1-17a", kind: "A", src: func() []byte { return distinctKeys(40000) },
			wants: []want{w("schema/additionalProperties", 1, 1, "/key000000"), w("schema/additionalProperties", 101, 1, "")}},
		{id: "7.1-18", kind: "B", src: s("version: 0.2\n" + okPhases + "phases:\n  build:\n    commands:\n      - echo again\n"),
			wants: []want{w("yaml/duplicate-key", 6, 1, "/phases")}},
		{id: "7.1-19", kind: "B", src: bs("env:\n  variables:\n    FOO: a\n    FOO: b\n"),
			wants: []want{w("yaml/duplicate-key", 5, 5, "/env/variables/FOO")}},
		{id: "7.1-19a", kind: "A", src: s(appspecWith("version: 0.0\nversion: 0.0\n", "<TASK_DEFINITION>", okLBI)),
			wants: []want{w("yaml/duplicate-key", 2, 1, "/version")}},
		{id: "7.1-20", kind: "B", src: func() []byte {
			return append([]byte("version: 0.2\n#"), bytes.Repeat([]byte("x"), yamlCap+1-len("version: 0.2\n#"))...)
		}, wants: []want{w("source/too-large", 0, 0, "")}, maxPerRule: map[string]int{"": 1}},
		{id: "7.1-21a", kind: "B", src: bs("env:\n  variables:\n    X: !Ref foo\n"),
			wants: []want{w("yaml/tag", 4, 8, "/env/variables/X")}},
		{id: "7.1-21b", kind: "B", src: bs("env:\n  variables:\n    X: !!binary aGVsbG8=\n"),
			wants: []want{w("yaml/tag", 4, 8, "/env/variables/X")}},
		{id: "7.1-21c", kind: "A", src: s(appspecWith("version: 0.0\n", "!custom x", okLBI)),
			wants: []want{w("yaml/tag", 6, 25, "/Resources/0/TargetService/Properties/TaskDefinition")}},
		{id: "7.1-22a", kind: "B", src: bs("env:\n  variables:\n    1: x\n"),
			wants: []want{w("yaml/non-string-key", 4, 5, "/env/variables/1")}, warnOnly: true,
			note: "a scalar non-string key is a warning (the key is kept as its text); a list or map key is dropped"},
		{id: "7.1-22b", kind: "B", src: bs("env:\n  variables:\n    true: y\n"),
			wants: []want{w("yaml/non-string-key", 4, 5, "/env/variables/true")}, warnOnly: true},
		{id: "7.1-22c", kind: "B", src: bs("env:\n  variables:\n    ? [a]\n    : b\n"),
			wants: []want{w("yaml/non-string-key", 4, 7, "/env/variables")}, warnOnly: true},
		{id: "7.1-23a", kind: "B", src: s("version: 0.2\nphases:\n  build:\n    commands:\n      - echo\n    on-failure: .nan\n"),
			wants: []want{w("yaml/nan-inf", 6, 17, "/phases/build/on-failure")}},
		{id: "7.1-23b", kind: "A", src: s(appspecWith("version: 0.0\n", "<TASK_DEFINITION>", "          ContainerName: web\n          ContainerPort: .inf\n")),
			wants: []want{w("yaml/nan-inf", 9, 26, "/Resources/0/TargetService/Properties/LoadBalancerInfo/ContainerPort")}},
		{id: "7.1-24", kind: "B", src: bs("env:\n  variables:\n    WHEN: 2001-12-14\n"), clean: true,
			note: "an unquoted date stays the string 2001-12-14"},

		// §7.2 Buildspec semantics.
		{id: "7.2-25a", kind: "B", src: s(okPhases), wants: []want{w("buildspec/version", 1, 1, "/version")}},
		{id: "7.2-25b", kind: "B", src: s("version: 0.1\n" + okPhases), wants: []want{w("buildspec/version-legacy", 1, 10, "/version")},
			warnOnly: true, note: "0.1 is still supported (SPEC §A.2): a warning, not an error"},
		{id: "7.2-25c", kind: "B", src: s("version: 1\n" + okPhases), wants: []want{w("buildspec/version", 1, 10, "/version")}},
		{id: "7.2-25d", kind: "B", src: s("version: '0.2'\n" + okPhases), clean: true,
			note: "a quoted '0.2' is accepted silently (SPEC §A.2: both accepted); the catalogue's policy warns"},
		{id: "7.2-26", kind: "B", src: s("version: 0.20\n" + okPhases), wants: []want{w("buildspec/version-literal", 1, 10, "/version")}, warnOnly: true},
		{id: "7.2-27", kind: "B", src: s("version: 0.2\nphases:\n  build:\n    commands:\n      - echo a\n      - echo foo: bar\n"),
			wants: []want{w("buildspec/command-not-string", 6, 9, "/phases/build/commands/1")}},
		{id: "7.2-28", kind: "B", src: s("version: 0.2\nphases:\n  build:\n    commands: echo hi\n"),
			wants: []want{w("schema/type", 4, 15, "/phases/build/commands")}},
		{id: "7.2-29a", kind: "B", src: s("version: 0.2\n" + okPhases + "  bulid:\n    commands:\n      - x\n"),
			wants: []want{w("buildspec/phase-name", 6, 3, "/phases/bulid")}},
		{id: "7.2-29b", kind: "B", src: s("version: 0.2\nphases:\n  build:\n    comands:\n      - echo hi\n"),
			wants: []want{w("schema/additionalProperties", 4, 5, "/phases/build/comands")}},
		{id: "7.2-30", kind: "B", src: bs("env:\n  variables: {A: 1, B: true, C: null, D: [x]}\n"),
			wants: []want{w("schema/type", 3, 33, "/env/variables/C"), w("schema/type", 3, 42, "/env/variables/D")},
			note:  "GAP: A: 1 and B: true get no coercion warning (catalogue W-TYPE)"},
		{id: "7.2-31a", kind: "B", src: bs("env:\n  variables:\n    AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ3rT9xYpL\n"),
			wants: []want{w("buildspec/plaintext-aws-key", 4, 28, "/env/variables/AWS_SECRET_ACCESS_KEY")}},
		{id: "7.2-31b", kind: "B", src: bs("env:\n  variables:\n    KEY_ID: AKIAQ3RT7XYZ2ABC4DEF\n"),
			wants: []want{w("buildspec/plaintext-aws-key", 4, 13, "/env/variables/KEY_ID")}},
		{id: "7.2-32", kind: "B", src: bs("env:\n  variables:\n    CODEBUILD_FOO: x\n"),
			wants: []want{w("buildspec/reserved-env-name", 4, 5, "/env/variables/CODEBUILD_FOO")}},
		{id: "7.2-33", kind: "B", src: s("version: 0.2\nphases:\n  pre_build:\n    commands:\n      - $(aws ecr get-login --no-include-email)\n" +
			"  build:\n    commands:\n      - echo hi\n"),
			wants: []want{w("buildspec/ecr-get-login", 5, 9, "/phases/pre_build/commands/0")}},
		{id: "7.2-34", kind: "B", src: s("version: 0.2\nphases:\n  build:\n    commands:\n      - docker login -u AWS -p $PW 123456789012.dkr.ecr.us-east-1.amazonaws.com\n"),
			wants: []want{w("buildspec/docker-login-password", 5, 9, "/phases/build/commands/0")}},
		{id: "7.2-35a", kind: "B", src: bs("env:\n  secrets-manager:\n    X: \"\"\n"),
			wants: []want{w("buildspec/secrets-manager-reference", 4, 8, "/env/secrets-manager/X")}},
		{id: "7.2-35b", kind: "B", src: bs("env:\n  secrets-manager:\n    Y: 'a:b:c:d:e'\n"),
			wants: []want{w("buildspec/secrets-manager-reference", 4, 8, "/env/secrets-manager/Y")}},
		{id: "7.2-36", kind: "B", src: bs("env:\n  git-credential-helper: true\n"),
			wants: []want{w("buildspec/yes-no", 3, 26, "/env/git-credential-helper")}, warnOnly: true,
			note: "a YAML boolean where yes/no is documented is a warning by policy"},

		// §7.3 AppSpec (ECS) semantics.
		{id: "7.3-37a", kind: "A", src: s(appspecWith("version: 1\n", "<TASK_DEFINITION>", okLBI)),
			wants: []want{w("appspec/version", 1, 10, "/version")}},
		{id: "7.3-37b", kind: "A", src: s(appspecWith("", "<TASK_DEFINITION>", okLBI)),
			wants: []want{w("appspec/version", 1, 1, "/version")}},
		{id: "7.3-38a", kind: "A", src: s("version: 0.0\nResources:\n  TargetService:\n    Type: AWS::ECS::Service\n"),
			wants: []want{w("appspec/resource-count", 3, 3, "/Resources")}},
		{id: "7.3-38b", kind: "A", src: s(appspecWith("version: 0.0\n", "<TASK_DEFINITION>", okLBI) +
			strings.TrimPrefix(appspecWith("", "<TASK_DEFINITION>", okLBI), "Resources:\n")),
			wants: []want{w("appspec/resource-count", 3, 3, "/Resources")}},
		{id: "7.3-39a", kind: "A", src: s(appspecWith("version: 0.0\n", "<TASK_DEFINITION>", "          ContainerName: web\n          ContainerPort: \"80\"\n")),
			wants: []want{w("appspec/container-port", 9, 26, "/Resources/0/TargetService/Properties/LoadBalancerInfo/ContainerPort")}},
		{id: "7.3-39b", kind: "A", src: s(appspecWith("version: 0.0\n", "<TASK_DEFINITION>", "          ContainerPort: 80\n")),
			wants: []want{w("schema/required", 7, 9, "/Resources/0/TargetService/Properties/LoadBalancerInfo/ContainerName")}},
		{id: "7.3-40", kind: "A", src: s(appspecWith("version: 0.0\n", "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3", okLBI)),
			aopts: []appspec.Option{appspec.ForPipeline()}, warnOnly: true,
			wants: []want{w("appspec/task-definition-placeholder", 6, 25, "/Resources/0/TargetService/Properties/TaskDefinition")}},
		{id: "7.3-40x", kind: "X", xfile: "appspec.yaml", files: func() revision.Files {
			f := okFiles()
			f["appspec.yaml"] = []byte(appspecWith("version: 0.0\n", "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3", okLBI))
			return f
		}, warnOnly: true,
			wants: []want{w("revision/task-definition-placeholder", 6, 25, "/Resources/0/TargetService/Properties/TaskDefinition")}},
		{id: "7.3-41", kind: "X", xfile: "appspec.yaml", files: func() revision.Files {
			f := okFiles()
			f["appspec.yaml"] = []byte(appspecWith("version: 0.0\n", "<TASK_DEFINITION>", "          ContainerName: api\n          ContainerPort: 80\n"))
			return f
		}, wants: []want{w("revision/appspec-container", 8, 26, "/Resources/0/TargetService/Properties/LoadBalancerInfo/ContainerName")}},
		// 7.3-42 (appspec.yml instead of appspec.yaml) is a packager case: see zip_test.go.

		// §7.4 Task definition (JSON) semantics.
		{id: "7.4-43a", kind: "T", src: s(`{"family":"a",}`), wants: []want{w("json/trailing-comma", 1, 14, "")}},
		{id: "7.4-43b", kind: "T", src: s("{\"family\":\"a\"// c\n}"), wants: []want{w("json/comment", 1, 14, "")}},
		{id: "7.4-43c", kind: "T", src: s(`{"family":NaN}`), wants: []want{w("json/syntax", 1, 11, "")}},
		{id: "7.4-44", kind: "T", src: s(`{"family":"a","family":"b"}`), wants: []want{w("json/duplicate-key", 1, 15, "/family")},
			note: "the second key starts at column 15 (the catalogue says 16)"},
		{id: "7.4-45", kind: "T", src: s(`{"Family": "x","containerDefinitions":[{"name":"web","image":"nginx:1.25","memory":64}]}`),
			wants: []want{w("schema/key-spelling", 1, 2, "/Family")},
			note:  "the missing family is not reported a second time as schema/required"},
		{id: "7.4-46", kind: "T", src: td("", `,"environment":[{"name":"GREETING","value":"\ud83d\ude00 repo\/app"}]`), clean: true},
		{id: "7.4-46a", kind: "T", src: s(`{"family":"web","containerDefinitions":[{"name":"web","image":"public.ecr.aws\/nginx\/nginx:1.25","essential":true,"memory":64}]}`), clean: true},
		{id: "7.4-47a", kind: "T", src: s(okTaskdef + okTaskdef), wants: []want{w("json/trailing-data", 17, 1, "")}},
		{id: "7.4-47b", kind: "T", src: s("\ufeff" + okTaskdef), wants: []want{w("source/bom", 1, 1, "")}, warnOnly: true,
			note: "a UTF-8 BOM is a warning (policy: accept, some AWS readers reject it)"},
		{id: "7.4-48a", kind: "T", src: func() []byte {
			pad := strings.Repeat(" ", jsonCap+1-len(okTaskdef))
			return []byte(okTaskdef + pad)
		}, wants: []want{w("source/too-large", 0, 0, "")}},
		{id: "7.4-48b", kind: "T", src: func() []byte { return manyContainers(11) },
			wants: []want{w("taskdef/container-count", 1, 681, "/containerDefinitions/10")},
			note:  "reported at the 11th container"},
		{id: "7.4-49", kind: "T", src: td("", `,"environment":[{"name":"DB_PASSWORD","value":"hunter2"}]`),
			wants: []want{w("taskdef/plaintext-secret", 1, 280, "/containerDefinitions/0/environment/0/value")}, warnOnly: true,
			note: "plaintext-secret is a warning (a name-based guess); the catalogue says error"},
		{id: "7.4-50a", kind: "T", src: td("", `,"secrets":[{"name":"A","valueFrom":""}]`),
			wants: []want{w("schema/minLength", 1, 270, "/containerDefinitions/0/secrets/0/valueFrom")}},
		{id: "7.4-50b", kind: "T", src: td("", `,"secrets":[{"name":"B","valueFrom":"not an arn!"}]`),
			wants: []want{w("taskdef/secret-value-from", 1, 270, "/containerDefinitions/0/secrets/0/valueFrom")}},
		{id: "7.4-51a", kind: "X", xfile: "taskdef.json", files: func() revision.Files {
			f := okFiles()
			f["taskdef.json"] = []byte(strings.Replace(okTaskdef, "<IMAGE1_NAME>", "nginx:1.25", 1))
			return f
		}, ropts: []revision.Option{revision.WithAction(&revision.Action{
			ApplicationName: "app", DeploymentGroupName: "dg",
			TaskDefinitionTemplateArtifact: "BuildArtifact", AppSpecTemplateArtifact: "BuildArtifact",
			Images: []revision.Image{{ArtifactName: "ImageWeb", ContainerName: "IMAGE1_NAME"}},
		})}, wants: []want{w("revision/image-placeholder", 0, 0, "")},
			note: "an image input without its <IMAGE1_NAME> placeholder is an error (the catalogue says warning): the deployment would run the old image"},
		{id: "7.4-51b", kind: "X", xfile: "buildspec.yml", files: func() revision.Files {
			f := okFiles()
			f["taskdef.json"] = []byte(strings.Replace(okTaskdef, "<IMAGE1_NAME>", "nginx:1.25", 1))
			return f
		}, wants: []want{w("revision/image-placeholder", 21, 7, "/artifacts/secondary-artifacts/ImageWeb")},
			note: "without an action the image inputs come from the buildspec's imageDetail.json artifacts"},
		{id: "7.4-52a", kind: "T", src: s(`{"family":"web","memory":1e400,"containerDefinitions":[{"name":"web","image":"nginx:1.25"}]}`),
			wants: []want{w("schema/type", 1, 26, "/memory")}},
		{id: "7.4-52b", kind: "T", src: s(`{"family":"web","cpu":256,"memory":"512","containerDefinitions":[{"name":"web","image":"nginx:1.25"}]}`),
			wants: []want{w("schema/type", 1, 23, "/cpu")}},
	}
	// A syntax error at a multi-byte line break (found by buildspec FuzzValidate)
	// is placed at the break's first byte, as "\n gives 1:2.
	cs = append(cs, docCase{id: "7.1-10.LS", kind: "Y", src: s("\"\u2028"), wants: []want{w("yaml/syntax", 1, 2, "")}},
		docCase{id: "7.1-10.NEL", kind: "Y", src: s("\"\u0085"), wants: []want{w("yaml/syntax", 1, 2, "")}})
	for i, c := range crashers {
		cs = append(cs, docCase{id: fmt.Sprintf("7.1-10.%02d", i+1), kind: "B", src: s(c), positioned: true})
		cs = append(cs, docCase{id: fmt.Sprintf("7.1-10.%02dA", i+1), kind: "A", src: s(c), positioned: true})
	}
	return cs
}

func (c docCase) file() string {
	switch c.kind {
	case "B":
		return "buildspec.yml"
	case "A":
		return "appspec.yaml"
	case "T":
		return "taskdef.json"
	case "Y":
		return "doc.yaml"
	}
	return c.xfile
}

func TestCatalogueDocuments(t *testing.T) {
	warm()
	for _, c := range catalogue() {
		t.Run(c.id, func(t *testing.T) {
			var src []byte
			var files revision.Files
			if c.kind == "X" {
				files = c.files()
				src = files[c.xfile]
			} else {
				src = c.src()
			}
			var l diag.List
			cost := bounded(t, func() {
				switch c.kind {
				case "B":
					l = buildspec.Validate("buildspec.yml", src)
				case "A":
					l = appspec.Validate("appspec.yaml", src, c.aopts...)
				case "T":
					l = taskdef.Validate("taskdef.json", src)
				case "X":
					l = revision.Check(files, c.ropts...)
				case "Y":
					_, l = source.ParseYAML("doc.yaml", src, source.Options{})
				}
			})
			t.Logf("%s: %d diagnostics, cpu %v, wall %v, alloc %d KB", c.id, len(l), cost.CPU, cost.Wall, cost.Alloc>>10)
			if c.kind == "X" {
				var mine diag.List
				for _, d := range l {
					if d.File == c.xfile {
						mine = append(mine, d)
					}
				}
				l = mine
			}
			checkCase(t, c, l, src)
		})
	}
}

func checkCase(t *testing.T, c docCase, l diag.List, src []byte) {
	t.Helper()
	checkList(t, l, c.file(), src, c.wants)
	switch {
	case c.clean:
		if l.HasErrors() {
			t.Errorf("valid input reported with errors:\n%s", dump(l))
		}
	case c.warnOnly:
		if len(l) == 0 {
			t.Errorf("no warning")
		}
	default:
		if !l.HasErrors() || l.Err() == nil {
			t.Errorf("no error reported (contract (a)):\n%s", dump(l))
		}
	}
	if c.positioned {
		ok := false
		for _, d := range l {
			if d.Severity == diag.Error && d.Line > 0 {
				ok = true
			}
		}
		if !ok {
			t.Errorf("no positioned error:\n%s", dump(l))
		}
	}
	counts := map[string]int{}
	for _, d := range l {
		counts[d.Rule]++
		counts[""]++
	}
	for rule, max := range c.maxPerRule {
		if counts[rule] > max {
			what := rule
			if rule == "" {
				what = "diagnostics in all"
			}
			t.Errorf("%d × %s, want at most %d", counts[rule], what, max)
		}
	}
	for _, rule := range c.not {
		if counts[rule] > 0 {
			t.Errorf("%s fired:\n%s", rule, dump(l))
		}
	}
}

// TestCatalogueCLI runs the single-file cases through `bgspec validate
// -format json` (contract (a): exit status 1 on errors, 0 on warnings only)
// and finds the same diagnostics in the JSON output.
func TestCatalogueCLI(t *testing.T) {
	warm()
	dir := t.TempDir()
	for _, c := range catalogue() {
		if c.kind == "X" || c.kind == "Y" || len(c.aopts) > 0 {
			continue
		}
		t.Run(c.id, func(t *testing.T) {
			p := filepath.Join(dir, c.id, c.file())
			must(t, os.MkdirAll(filepath.Dir(p), 0o755))
			must(t, os.WriteFile(p, c.src(), 0o644))
			var stdout, stderr bytes.Buffer
			var code int
			bounded(t, func() {
				code = cli.Main([]string{"validate", "-format", "json", p}, strings.NewReader(""), &stdout, &stderr)
			})
			want := cli.ExitOK
			if !c.clean && !c.warnOnly {
				want = 1
			}
			if code != want {
				t.Errorf("exit %d, want %d\n%s", code, want, stderr.String())
			}
			var out struct{ Diagnostics diag.List }
			if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, stdout.String())
			}
			checkList(t, out.Diagnostics, p, nil, c.wants)
		})
	}
}
