package cli

import (
	"bytes"
	"strings"
	"testing"
)

// run runs Main and returns its exit code, stdout and stderr.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelpListsEveryCommand(t *testing.T) {
	code, out, _ := run(t, "", "help")
	if code != ExitOK {
		t.Fatalf("help exit %d", code)
	}
	for _, c := range commands() {
		if !strings.Contains(out, "bgspec "+c.name) {
			t.Errorf("help does not list %q", c.name)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"validate"},
		{"validate", "-format", "xml", "x"},
		{"validate", "-kind", "dockerfile", "x"},
		{"validate", "-disable", "no/such-rule", "x"},
		{"validate", "-nosuchflag"},
		{"schema"},
		{"schema", "dockerfile"},
		{"rules", "-format", "xml"},
	} {
		if code, _, _ := run(t, "", args...); code != ExitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, ExitUsage)
		}
	}
}

func TestValidateMissingFileIsIOError(t *testing.T) {
	code, _, errOut := run(t, "", "validate", "testdata/does-not-exist.json")
	if code != ExitUsage || errOut == "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := run(t, "", "version")
	if code != ExitOK || !strings.HasPrefix(out, "bgspec ") {
		t.Fatalf("exit %d, out %q", code, out)
	}
}

func TestSubcommandHelp(t *testing.T) {
	for _, c := range commands() {
		if c.run == nil {
			continue
		}
		code, _, errOut := run(t, "", c.name, "-h")
		if code != ExitOK || !strings.Contains(errOut, "usage: bgspec "+c.name) {
			t.Errorf("%s -h: exit %d, stderr %q", c.name, code, errOut)
		}
	}
}
