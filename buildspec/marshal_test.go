package buildspec

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/internal/golden"
	"github.com/google/go-cmp/cmp"
)

// nastyCommands are strings that plain YAML would read differently.
var nastyCommands = []string{
	"echo foo: bar", "echo a #b", "echo a# b", "- dash", "-", "* star", "& amp", "! bang", "% pct", "@ at", "`date`",
	"{a: b}", "[a, b]", "'single'", "\"double\"", `C:\path\with\backslash`, `printf '{"ImageURI":"%s"}' "$U" > imageDetail.json`,
	"yes", "no", "on", "off", "Yes", "NO", "y", "n", "true", "False", "null", "~", "", " ", "  lead", "trail  ", "trail\t",
	"123", "0.2", "1e3", "0x1F", "0o17", "0777", "1_000", "1:20:30", ".inf", "-.Inf", ".NaN", "2001-12-14", "2001-12-14T21:59:43.10-05:00",
	"=", "<<", "? q", ": c", "a: b: c", "|", ">", "...", "---", "# comment", "multi\nline", "multi\nline\n", "\nlead newline",
	"trailing space \nnext", "  indented\nblock", "tab\tinside", "emoji ✓ ünïcode", "ctrl\x01char", "cr\rreturn", "quote ' and \" both",
	"set -e\nif [ -f x ]; then\n  echo \"a: b\"\nfi\n", "echo \\\n  continued", "$(aws ecr get-login-password)", "${VAR:-default}",
	"key=value # not a comment?", "ends with colon:", "ends with hash #", "x\u00a0nbsp", "\ufeffbom", "line\u2028sep",
}

// roundTrip marshals a buildspec with cmds as its build commands and
// parses it back.
func roundTrip(t *testing.T, cmds []string) {
	t.Helper()
	b := &Buildspec{Version: Version02, Phases: Phases{Build: &Phase{Commands: cmds}},
		Env: &Env{Variables: map[string]string{}}}
	for i, c := range cmds {
		if !strings.ContainsAny(c, "\n\r") {
			b.Env.Variables["V"+string(rune('A'+i%26))+strings.Repeat("X", i/26)] = c
		}
	}
	out, err := Marshal(b)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	got, l := Parse("buildspec.yml", out)
	for _, d := range l {
		if strings.HasPrefix(d.Rule, "yaml/") || strings.HasPrefix(d.Rule, "source/") || strings.HasPrefix(d.Rule, "schema/") || d.Rule == RuleCommandNotString {
			t.Errorf("reading the output: %v\n%s", d, out)
		}
	}
	if got == nil || got.Phases.Build == nil {
		t.Fatalf("no build phase read back from:\n%s", out)
	}
	if diff := cmp.Diff([]string(b.Phases.Build.Commands), []string(got.Phases.Build.Commands)); diff != "" {
		t.Errorf("commands changed (-want +got):\n%s\noutput:\n%s", diff, out)
	}
	if got.Env == nil && len(b.Env.Variables) > 0 {
		t.Fatalf("env lost:\n%s", out)
	}
	if got.Env != nil {
		if diff := cmp.Diff(b.Env.Variables, got.Env.Variables); diff != "" && len(b.Env.Variables) > 0 {
			t.Errorf("variables changed (-want +got):\n%s\noutput:\n%s", diff, out)
		}
	}
	again, err := Marshal(got)
	if err != nil || !bytes.Equal(again, out) {
		t.Errorf("Marshal(Parse(Marshal(x))) differs:\n%s\n---\n%s", out, again)
	}
}

func TestCommandsRoundTrip(t *testing.T) {
	for _, c := range nastyCommands {
		t.Run("", func(t *testing.T) { roundTrip(t, []string{c}) })
	}
	roundTrip(t, nastyCommands)
}

// TestCommandsRoundTripRandom is the property test: random strings built
// from YAML-significant pieces survive Marshal → Parse unchanged.
func TestCommandsRoundTripRandom(t *testing.T) {
	pieces := []string{": ", " #", "#", "-", "*", "&", "!", "%", "@", "`", "{", "}", "[", "]", ",", "'", "\"", "\\", "yes", "no", "on",
		"0", "1.5", " ", "  ", "\t", "\n", "a", "echo", "|", ">", "?", ":", "$", "(", ")", "~", "null", "é", "\r\n", "=", "<<"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		batch := make([]string, 4)
		for k := range batch {
			var b strings.Builder
			for range rng.IntN(8) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			batch[k] = b.String()
		}
		roundTrip(t, batch)
		if t.Failed() {
			t.Fatalf("failed on %q", batch)
		}
	}
}

func TestMarshalInvalidUTF8(t *testing.T) {
	b := &Buildspec{Version: Version02, Phases: Phases{Build: &Phase{Commands: Commands{"ok", "bad \xff"}}}}
	if _, err := Marshal(b); err == nil || !strings.Contains(err.Error(), "/phases/build/commands/1") {
		t.Errorf("want an error naming /phases/build/commands/1, got %v", err)
	}
	l := b.Validate()
	if len(l) != 1 || l[0].Rule != RuleMarshal {
		t.Errorf("want one %s diagnostic, got %v", RuleMarshal, l)
	} else if d := l[0]; d.File != "buildspec.yml" || d.Path != "" || d.Line != 0 || d.Column != 0 {
		t.Errorf("%s: want buildspec.yml, path \"\", no position; got %+v", RuleMarshal, d)
	}
	b.Phases.Build.Commands[1] = "ok again"
	for _, d := range b.Validate() {
		if d.Rule == RuleMarshal {
			t.Errorf("%s fired on a valid buildspec: %v", RuleMarshal, d)
		}
	}
	if _, err := Marshal(nil); err == nil {
		t.Error("Marshal(nil): want an error")
	}
}

// TestMarshalAllKeys renders a buildspec using every key, checks the key
// order against the golden file and that it reads back the same.
func TestMarshalAllKeys(t *testing.T) {
	tr, fa := true, false
	b := &Buildspec{
		Version: Version02,
		RunAs:   "builder",
		Env: &Env{
			Shell:               "bash",
			Variables:           map[string]string{"STAGE": "prod", "DEBUG": "no", "COUNT": "3"},
			ParameterStore:      map[string]string{"DB_HOST": "/app/db/host"},
			SecretsManager:      map[string]string{"DB_PASSWORD": "prod/db:password"},
			ExportedVariables:   []string{"IMAGE_TAG"},
			GitCredentialHelper: Yes,
		},
		Proxy: &Proxy{UploadArtifacts: Yes, Logs: No},
		Batch: &Batch{FastFail: &fa, BuildGraph: []BatchTask{
			{Identifier: "build1", Env: &BatchEnv{ComputeType: "BUILD_GENERAL1_SMALL", PrivilegedMode: &tr}},
			{Identifier: "build2", DependOn: []string{"build1"}, IgnoreFailure: &fa},
		}},
		Phases: Phases{
			Install:   &Phase{RuntimeVersions: map[string]string{"python": "3.10", "nodejs": "20"}, Commands: Commands{"pip install -r requirements.txt"}},
			PreBuild:  &Phase{Commands: Commands{"echo pre"}, OnFailure: OnFailureAbort},
			Build:     &Phase{RunAs: "root", Commands: Commands{"make"}, Finally: Commands{"echo done"}, OnFailure: "RETRY-2"},
			PostBuild: &Phase{Commands: Commands{"echo post"}},
		},
		Reports: map[string]Report{"unit": {Files: StringList{"**/*.xml"}, BaseDirectory: "reports", FileFormat: "JUNITXML", DiscardPaths: No}},
		Artifacts: &Artifacts{Files: StringList{"**/*"}, Name: "build-$CODEBUILD_BUILD_NUMBER", DiscardPaths: No, BaseDirectory: "dist",
			ExcludePaths: StringList{"**/*.map"}, EnableSymlinks: Yes, S3Prefix: "builds",
			SecondaryArtifacts: map[string]SecondaryArtifact{"Docs": {Files: StringList{"docs/**/*"}}}},
		Cache: &Cache{Paths: StringList{"/root/.cache/pip/**/*"}, Key: "pip-$(codebuild-hash-files requirements.txt)", FallbackKeys: []string{"pip-"}, Action: CacheRestore},
	}
	out, err := Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/render/TestMarshalAllKeys/buildspec.yml", out)
	got, l := Parse("buildspec.yml", out)
	if len(l) > 0 {
		t.Errorf("not clean:\n%s", l)
	}
	if diff := cmp.Diff(b, got); diff != "" {
		t.Errorf("Parse(Marshal(x)) differs (-want +got):\n%s", diff)
	}
}

// TestMarshalVersion: a version that reads back as the same YAML float is
// written plain (version: 0.2); any other text is quoted, so Parse gives the
// same Version back and a second Marshal the same bytes (the fuzz-found
// "00" was written !!float 00 and read back as 0).
func TestMarshalVersion(t *testing.T) {
	for v, want := range map[Version]string{
		"":      "version: 0.2\n",
		"0.2":   "version: 0.2\n",
		"0.1":   "version: 0.1\n",
		"0.20":  "version: 0.20\n",
		"10.5":  "version: 10.5\n",
		"00":    "version: \"00\"\n",
		"1":     "version: \"1\"\n",
		"01.2":  "version: \"01.2\"\n",
		"2.":    "version: \"2.\"\n",
		"0.2e1": "version: \"0.2e1\"\n",
		"0.2.1": "version: \"0.2.1\"\n",
	} {
		out, err := Marshal(&Buildspec{Version: v})
		if err != nil {
			t.Fatal(err)
		}
		if line, _, _ := strings.Cut(string(out), "phases"); line != want {
			t.Errorf("Version %q: %q, want %q", v, line, want)
		}
		b, _ := Parse("buildspec.yml", out)
		wantV := v
		if v == "" {
			wantV = Version02
		}
		if b == nil || b.Version != wantV {
			t.Errorf("Version %q read back as %+v", v, b)
		}
	}
}
