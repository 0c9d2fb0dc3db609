//go:build oracle

package oracle

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/buildspec"
	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/revision"
	"github.com/bgspec/bgspec/taskdef"
)

// TestExportedSchemasAgree runs python-jsonschema (an independent JSON Schema
// engine and YAML reader) with the schemas `bgspec schema` exports over every
// spec file in the repo's testdata and over broken variants of them, and checks
// that it accepts the schemas and reaches bgspec's verdict: a file is
// structurally valid for python-jsonschema exactly when bgspec reports no
// schema/* (or reader) error for it.
func TestExportedSchemasAgree(t *testing.T) {
	kinds := []struct {
		name   string
		schema []byte
		valid  func(name string, src []byte) diag.List
		match  func(base string, src []byte) bool
	}{
		{"taskdef", taskdef.Schema(), func(n string, s []byte) diag.List { return taskdef.Validate(n, s) },
			func(base string, src []byte) bool {
				return strings.HasSuffix(base, ".json") && bytes.Contains(src, []byte(`"containerDefinitions"`)) && !bytes.Contains(src, []byte(`"taskDefinition"`))
			}},
		{"appspec", appspec.Schema(), func(n string, s []byte) diag.List { return appspec.Validate(n, s) },
			func(base string, src []byte) bool {
				return strings.HasPrefix(base, "appspec") || strings.Contains(base, "appspec") && !strings.HasSuffix(base, ".txt")
			}},
		{"buildspec", buildspec.Schema(), func(n string, s []byte) diag.List { return buildspec.Validate(n, s) },
			func(base string, src []byte) bool {
				return strings.HasPrefix(base, "buildspec") && !strings.HasSuffix(base, ".txt")
			}},
		{"action", revision.ActionSchema(), revision.ValidateAction,
			func(base string, src []byte) bool {
				return strings.HasPrefix(base, "codedeploy-action") && strings.HasSuffix(base, ".json")
			}},
	}
	dir := t.TempDir()
	py := scriptPath(t, "schemacheck.py")
	total, agree := 0, 0
	for _, k := range kinds {
		schemaPath := filepath.Join(dir, k.name+".schema.json")
		if err := os.WriteFile(schemaPath, k.schema, 0o644); err != nil {
			t.Fatal(err)
		}
		var files []input
		for _, in := range testdataFiles(t, func([]byte) bool { return true }, ".json", ".yaml", ".yml") {
			if k.match(filepath.Base(in.Path), in.Src) {
				files = append(files, in)
			}
		}
		// Broken variants: an unknown top-level key, and the document's first
		// top-level member given the wrong type.
		var gen []input
		for _, in := range files {
			var v map[string]any
			if filepath.Ext(in.Path) == ".json" && json.Unmarshal(in.Src, &v) == nil && v != nil {
				v["bgspecUnknownKey"] = true
				b, _ := json.MarshalIndent(v, "", "  ")
				gen = append(gen, input{Name: "gen:" + in.Name + "+unknown.json", Src: b})
			} else if filepath.Ext(in.Path) != ".json" {
				gen = append(gen, input{Name: "gen:" + in.Name + "+unknown.yaml", Src: append(bytes.TrimRight(in.Src, "\n"), []byte("\nbgspecUnknownKey: true\n")...)})
			}
		}
		files = append(files, writeGen(t, dir, gen)...)
		if len(files) == 0 {
			t.Fatalf("%s: no files to judge", k.name)
		}
		args := []string{py, schemaPath}
		byPath := map[string]input{}
		for _, in := range files {
			p := in.Path
			if strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".json") {
				args = append(args, p)
				byPath[p] = in
			}
		}
		out := run(t, 2*time.Minute, []int{0}, "python3", args...)
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var r struct {
				File   string `json:"file"`
				Valid  *bool  `json:"valid"`
				Errors []struct{ Path, Message string }
			}
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatalf("schemacheck output: %v: %s", err, sc.Bytes())
			}
			in := byPath[r.File]
			if r.Valid == nil {
				continue // PyYAML could not read it; the readers' tests cover that
			}
			var structural diag.List
			for _, d := range k.valid(in.Name, in.Src) {
				if d.Severity == diag.Error && (strings.HasPrefix(d.Rule, "schema/") || strings.HasPrefix(d.Rule, "yaml/") || strings.HasPrefix(d.Rule, "json/") || strings.HasPrefix(d.Rule, "source/")) {
					structural = append(structural, d)
				}
			}
			total++
			if *r.Valid == (len(structural) == 0) {
				agree++
				continue
			}
			t.Errorf("%s %s: python-jsonschema valid=%v %v; bgspec structural errors: %v", k.name, in.Name, *r.Valid, r.Errors, structural)
		}
	}
	t.Logf("python-jsonschema vs bgspec: %d files judged, %d agree", total, agree)
	if total == 0 {
		t.Fatal("nothing judged")
	}
}

// TestExportedSchemaPatternsAreECMA262 compiles every "pattern" of the
// exported schemas with Node's RegExp (the ECMA-262 engine editors such as
// yaml-language-server use): JSON Schema patterns are ECMA-262 regexes, and a
// Go- or Python-only construct would break those tools.
func TestExportedSchemaPatternsAreECMA262(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatal("node is not installed: it is on every machine of this project's kind")
	}
	var patterns []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if s, ok := e.(string); ok && k == "pattern" {
					patterns = append(patterns, s)
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	for _, src := range [][]byte{taskdef.Schema(), appspec.Schema(), buildspec.Schema(), revision.ActionSchema()} {
		var v any
		if err := json.Unmarshal(src, &v); err != nil {
			t.Fatal(err)
		}
		walk(v)
	}
	in, _ := json.Marshal(patterns)
	const script = `const ps = JSON.parse(require("fs").readFileSync(0, "utf8")); let bad = 0;
for (const p of ps) { try { new RegExp(p, "u"); } catch (e) { console.log(p + ": " + e.message); bad++; } }
process.exit(bad ? 1 : 0);`
	cmd := exec.Command("node", "-e", script)
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("patterns ECMA-262 rejects:\n%s", out)
	}
	t.Logf("%d patterns compile as ECMA-262 (u flag)", len(patterns))
}
