package robustness

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/buildspec"
	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/taskdef"
)

// fill repeats the items produced by item(i) until the next one would pass
// limit bytes (head and tail included).
func fill(head, tail string, limit int, item func(i int) string) []byte {
	var b strings.Builder
	b.WriteString(head)
	for i := 0; ; i++ {
		s := item(i)
		if b.Len()+len(s)+len(tail) > limit {
			break
		}
		b.WriteString(s)
	}
	b.WriteString(tail)
	return []byte(b.String())
}

// TestCapSizedInputs: contract (c) holds for inputs up to the size cap of
// each kind, shaped to reach the expensive paths (shell lints per command,
// unknown-key suggestions, per-item rules).
func TestCapSizedInputs(t *testing.T) {
	warm()
	cases := []struct {
		id   string
		kind string
		src  []byte
	}{
		{"cap-B-commands", "B", fill("version: 0.2\nphases:\n  build:\n    commands:\n", "", yamlCap, func(i int) string {
			return fmt.Sprintf("      - docker build -t repo%d:$TAG -f d%d/Dockerfile d%d && docker push repo%d:$TAG\n", i, i, i, i)
		})},
		{"cap-B-variables", "B", fill("version: 0.2\nenv:\n  variables:\n", okPhases, yamlCap, func(i int) string {
			return fmt.Sprintf("    DB_PASSWORD_%d: AKIAZ7QWERTY%08d\n", i, i)
		})},
		{"cap-B-phase-keys", "B", fill("version: 0.2\nphases:\n  build:\n", "    commands:\n      - x\n", yamlCap, func(i int) string {
			return fmt.Sprintf("    comands%d: x\n", i)
		})},
		{"cap-B-dense-list", "B", fill("", "", yamlCap, func(i int) string { return "- a\n" })},
		{"cap-A-hooks", "A", fill(strings.TrimSuffix(okAppSpec, "\n")+"\nHooks:\n", "", yamlCap, func(i int) string {
			return fmt.Sprintf("  - BeforeInstall: fn-%d\n", i)
		})},
		{"cap-T-env", "T", fill(`{"family":"web","containerDefinitions":[{"name":"web","image":"nginx:1.25","memory":64,"environment":[`, `{"name":"Z","value":"z"}]}]}`, jsonCap, func(i int) string {
			return fmt.Sprintf(`{"name":"API_TOKEN_%d","value":"tok-%d-abcdefgh"},`, i, i)
		})},
		{"cap-T-unknown-keys", "T", fill(`{"family":"web",`, `"containerDefinitions":[{"name":"web","image":"nginx:1.25","memory":64}]}`, jsonCap, func(i int) string {
			return fmt.Sprintf(`"Famly%d":1,`, i)
		})},
		{"cap-T-containers-deps", "T", fill(`{"family":"web","containerDefinitions":[`, `{"name":"last","image":"x","memory":64}]}`, jsonCap, func(i int) string {
			return fmt.Sprintf(`{"name":"c%d","image":"nginx","memory":64,"dependsOn":[{"containerName":"c%d","condition":"START"}],"links":["c%d"],"volumesFrom":[{"sourceContainer":"c%d"}]},`, i, i+1, i+1, i+1)
		})},
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			var l diag.List
			cost := bounded(t, func() {
				switch c.kind {
				case "B":
					l = buildspec.Validate("buildspec.yml", c.src)
				case "A":
					l = appspec.Validate("appspec.yaml", c.src)
				case "T":
					l = taskdef.Validate("taskdef.json", c.src)
				}
			})
			rules := map[string]int{}
			for _, d := range l {
				rules[d.Rule]++
			}
			t.Logf("%s: %d bytes, %d diagnostics %v, cpu %v, wall %v, alloc %d MB", c.id, len(c.src), len(l), rules, cost.CPU, cost.Wall, cost.Alloc>>20)
			for _, d := range l {
				if d.Rule == "source/too-large" {
					t.Fatalf("fixture over the cap")
				}
				if !d.Valid() {
					t.Errorf("invalid diagnostic %+v", d)
				}
			}
		})
	}
}
