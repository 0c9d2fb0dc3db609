package buildspec

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bgspec/bgspec/diag"
)

func TestSchemaCompiles(t *testing.T) {
	if err := buildspecSchema.Check(); err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(Schema(), &v); err != nil {
		t.Fatalf("Schema() is not JSON: %v", err)
	}
	if v["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v", v["$schema"])
	}
}

// TestSchemaCoversModel checks that every key of the typed model is
// declared in the schema, so the two cannot drift apart.
func TestSchemaCoversModel(t *testing.T) {
	out, err := os.ReadFile("testdata/render/TestMarshalAllKeys/buildspec.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range Validate("all.yml", out) {
		t.Errorf("a key of the model is not in the schema: %v", d)
	}
}

func TestParseShapes(t *testing.T) {
	for _, tc := range []struct {
		src      string
		nilValue bool
		rule     string
	}{
		{"", true, "source/empty"},
		{"# only a comment\n", true, "source/empty"},
		{"- a\n- b\n", true, "schema/type"},
		{"just text\n", true, "schema/type"},
		{"version: 0.2\nphases: [build]\n", false, "schema/type"},
		{"version: 0.2\nphases:\n  build: make\n", false, "schema/type"},
		{"version: 0.2\nphases:\n  build:\n    commands: [a]\n---\nversion: 9\n", false, "yaml/multiple-documents"},
		{"version: 0.2\nenvironment_variables:\n  plaintext: {A: b}\nphases:\n  build:\n    commands: [a]\n", false, RuleUnknownKey},
	} {
		b, l := Parse("buildspec.yml", []byte(tc.src))
		if (b == nil) != tc.nilValue {
			t.Errorf("%q: value nil = %v, want %v", tc.src, b == nil, tc.nilValue)
		}
		found := false
		for _, d := range l {
			found = found || d.Rule == tc.rule
		}
		if !found {
			t.Errorf("%q: want %s, got %v", tc.src, tc.rule, l)
		}
	}
}

func TestParseTyped(t *testing.T) {
	src := []byte("version: 0.2\nenv:\n  variables:\n    N: 3\n  git-credential-helper: yes\nphases:\n  install:\n    runtime-versions:\n      nodejs: 20\n  build:\n    commands:\n      - make\n      - echo a: b\nartifacts:\n  files: out.zip\n")
	b, l := Parse("buildspec.yml", src)
	if len(l) != 1 || l[0].Rule != RuleCommandNotString {
		t.Errorf("diagnostics: %v", l)
	}
	if b.Version != Version02 || b.Env.Variables["N"] != "3" || b.Env.GitCredentialHelper != Yes ||
		b.Phases.Install.RuntimeVersions["nodejs"] != "20" || len(b.Phases.Build.Commands) != 2 ||
		b.Phases.Build.Commands[0] != "make" || b.Phases.Build.Commands[1] != "" || len(b.Artifacts.Files) != 1 {
		t.Errorf("typed value: %+v %+v %+v", b, b.Env, b.Phases.Build)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "buildspec.yml")
	b, err := seedRecipe().Build()
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, b); err != nil {
		t.Fatal(err)
	}
	st1, _ := os.Stat(path)
	time.Sleep(10 * time.Millisecond)
	if err := WriteFile(path, b); err != nil {
		t.Fatal(err)
	}
	st2, _ := os.Stat(path)
	if !st1.ModTime().Equal(st2.ModTime()) {
		t.Error("unchanged content was rewritten")
	}
	got, _ := os.ReadFile(path)
	want, _ := Marshal(b)
	if string(got) != string(want) {
		t.Error("file content differs from Marshal")
	}
	bad := &Buildspec{RunAs: "\xff"}
	if err := WriteFile(filepath.Join(dir, "bad.yml"), bad); err == nil {
		t.Error("want an error for invalid UTF-8")
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.yml")); err == nil {
		t.Error("a file was written despite the error")
	}
}

func TestRulesRegistered(t *testing.T) {
	n := 0
	for _, r := range diag.Rules() {
		if strings.HasPrefix(r.ID, "buildspec/") {
			n++
			if len(r.Doc) < 20 {
				t.Errorf("%s: doc too short", r.ID)
			}
		}
	}
	if n < 30 {
		t.Errorf("only %d buildspec rules registered", n)
	}
}
