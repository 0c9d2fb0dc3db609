//go:build oracle

package oracle

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/bgspec/bgspec/diag"
)

// input is one file a judge looks at.
type input struct {
	Name   string // shown in tallies: repo-relative path, "corpus:…" or "gen:…"
	Path   string // on disk, handed to the oracle
	Src    []byte
	Origin string // "repo", "corpus" or "gen"
}

// repoRoot is the module root (the tests run in <root>/oracle).
func repoRoot(t testing.TB) string {
	t.Helper()
	abs, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(abs, "go.mod")); err != nil {
		t.Fatalf("no go.mod above the oracle package: %v", err)
	}
	return abs
}

// corpusDir is the shared corpus of real files (never copied into the repo):
// $BGSPEC_CORPUS, else ../shared/corpus beside the checkout. "" when absent.
func corpusDir(t testing.TB) string {
	dir := os.Getenv("BGSPEC_CORPUS")
	if dir == "" {
		dir = filepath.Join(repoRoot(t), "..", "shared", "corpus")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return ""
	}
	return dir
}

// testdataFiles returns every file under a testdata directory of the repo whose
// name ends in one of exts and for which keep(src) holds, sorted.
func testdataFiles(t testing.TB, keep func(src []byte) bool, exts ...string) []input {
	t.Helper()
	root := repoRoot(t)
	var out []input
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); p != root && (strings.HasPrefix(n, ".") || n == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if !strings.Contains("/"+rel, "/testdata/") || !d.Type().IsRegular() {
			return nil
		}
		ok := false
		for _, e := range exts {
			ok = ok || strings.HasSuffix(p, e)
		}
		if !ok {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if keep(src) {
			out = append(out, input{Name: rel, Path: p, Src: src, Origin: "repo"})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// corpusFiles returns the corpus files of one kind (a sub-directory), sorted.
func corpusFiles(t testing.TB, kind string) []input {
	t.Helper()
	dir := corpusDir(t)
	if dir == "" {
		t.Logf("corpus not found (set BGSPEC_CORPUS); judging repo and generated files only")
		return nil
	}
	ents, err := os.ReadDir(filepath.Join(dir, kind))
	if err != nil {
		return nil
	}
	var out []input
	for _, e := range ents {
		if !e.Type().IsRegular() {
			continue
		}
		p := filepath.Join(dir, kind, e.Name())
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, input{Name: "corpus:" + kind + "/" + e.Name(), Path: p, Src: src, Origin: "corpus"})
	}
	return out
}

// writeGen writes generated inputs under dir and fills in their paths.
func writeGen(t testing.TB, dir string, in []input) []input {
	t.Helper()
	for i := range in {
		p := filepath.Join(dir, strings.NewReplacer("gen:", "", "/", "__").Replace(in[i].Name))
		if err := os.WriteFile(p, in[i].Src, 0o644); err != nil {
			t.Fatal(err)
		}
		in[i].Path = p
	}
	return in
}

// run runs a command with a deadline and returns stdout; a non-zero exit is
// not an error here (the oracles exit 1 on findings), but stderr is kept.
func run(t testing.TB, timeout time.Duration, okCodes []int, name string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, stderr.Bytes())
	}
	okCode := false
	for _, c := range okCodes {
		okCode = okCode || c == code
	}
	if !okCode || ctx.Err() != nil {
		t.Fatalf("%s %s: exit %d (ctx %v)\nstderr:\n%s", name, strings.Join(args[:min(len(args), 3)], " "), code, ctx.Err(), tail(stderr.Bytes(), 4000))
	}
	t.Logf("%s: %d args, %v", filepath.Base(name), len(args), time.Since(start).Round(time.Millisecond))
	return stdout.Bytes()
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// scriptPath returns the absolute path of a helper script.
func scriptPath(t testing.TB, name string) string {
	return filepath.Join(repoRoot(t), "oracle", "scripts", name)
}

// finding is one problem an oracle reported, located by JSON pointer.
type finding struct {
	Code    string // oracle rule: botocore error kind, cfn-lint rule id
	Pointer string // RFC 6901 pointer into the judged file
	Message string
	// Loose allows a bgspec diagnostic anywhere below Pointer (for oracle rules
	// that point at a container while the cause is one member, e.g. E3037).
	Loose bool
	// Any accepts any bgspec error in the file (file-level problems such as
	// unreadable JSON, where the oracle has no pointer).
	Any bool
	// Policy, when set, is a documented reason why bgspec reports this class
	// of finding as a warning, not an error: a warning on the same field then
	// counts as a policy agreement (an error still counts as an agreement).
	Policy string
}

// documentRules are bgspec errors that diagnose the whole document (a
// describe-task-definition output wrapped in {"taskDefinition": …}): every
// oracle finding in such a file is the same defect.
var documentRules = map[string]bool{"taskdef/describe-output": true}

// match says whether bgspec reported the finding on the same field and how:
// "exact" (same pointer), "spelling" (same pointer but for case, reported as a
// misspelt key), "child" (bgspec points one level deeper at a member the
// oracle's message names), "parent" (bgspec points one level up and its
// message names the member), "sibling" (bgspec reports several members of one
// object in one diagnostic at the first of them and names this one), "below"
// (Loose findings), "file" (Any findings), "document" (documentRules).
// warnOnly is set when only warnings matched.
func match(ds diag.List, f finding) (how string, ok, warnOnly bool) {
	try := func(sev diag.Severity) string {
		for _, d := range ds {
			if d.Severity != sev {
				continue
			}
			switch {
			case f.Any:
				return "file"
			case documentRules[d.Rule]:
				return "document"
			case d.Path == f.Pointer:
				return "exact"
			case strings.EqualFold(d.Path, f.Pointer) && strings.HasSuffix(d.Rule, "key-spelling"):
				// botocore: missing "family"; bgspec: "Family" is misspelt
				return "spelling"
			case isChild(f.Pointer, d.Path) && mentions(f.Message, lastToken(d.Path)):
				return "child"
			case isChild(d.Path, f.Pointer) && mentions(d.Message, lastToken(f.Pointer)):
				return "parent"
			case f.Pointer != "" && parentOf(d.Path) == parentOf(f.Pointer) && namesKey(d.Message, lastToken(f.Pointer)):
				return "sibling"
			case f.Loose && strings.HasPrefix(d.Path, f.Pointer+"/"):
				return "below"
			}
		}
		return ""
	}
	if how := try(diag.Error); how != "" {
		return how, true, false
	}
	if how := try(diag.Warning); how != "" {
		return how, false, true
	}
	return "", false, false
}

func parentOf(ptr string) string {
	if i := strings.LastIndex(ptr, "/"); i >= 0 {
		return ptr[:i]
	}
	return ""
}

// namesKey reports whether msg names key as a whole word (a list of keys).
func namesKey(msg, key string) bool {
	if key == "" {
		return false
	}
	for i := 0; ; {
		j := strings.Index(msg[i:], key)
		if j < 0 {
			return false
		}
		j += i
		before, after := byte(' '), byte(' ')
		if j > 0 {
			before = msg[j-1]
		}
		if k := j + len(key); k < len(msg) {
			after = msg[k]
		}
		if !isWordByte(before) && !isWordByte(after) {
			return true
		}
		i = j + 1
	}
}

func isWordByte(b byte) bool {
	return b == '_' || b == '-' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

func isChild(parent, child string) bool {
	if !strings.HasPrefix(child, parent+"/") {
		return false
	}
	return !strings.Contains(child[len(parent)+1:], "/")
}

func lastToken(ptr string) string {
	toks, ok := diag.SplitPointer(ptr)
	if !ok || len(toks) == 0 {
		return ""
	}
	return toks[len(toks)-1]
}

func mentions(msg, tok string) bool {
	return tok != "" && strings.Contains(strings.ToLower(msg), strings.ToLower(tok))
}

// known is one listed disagreement: judge, file name, oracle code and pointer,
// with the reason (a bgspec bug to fix, or a documented policy difference).
type known struct {
	Judge, File, Code, Pointer, Reason string
	seen                               bool
}

func loadKnown(t testing.TB) map[string]*known {
	t.Helper()
	f, err := os.Open(filepath.Join(repoRoot(t), "oracle", "testdata", "known-disagreements.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]*known{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 5 || c[4] == "" {
			t.Fatalf("known-disagreements.tsv:%d: want 5 tab-separated columns (judge file code pointer reason), got %q", n, line)
		}
		k := &known{Judge: c[0], File: c[1], Code: c[2], Pointer: c[3], Reason: c[4]}
		out[knownKey(k.Judge, k.File, k.Code, k.Pointer)] = k
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func knownKey(judge, file, code, ptr string) string {
	if ptr == "" {
		ptr = "(root)"
	}
	return judge + "\t" + file + "\t" + code + "\t" + ptr
}

// placeholderToken is an angle-bracket token such as <AWS_ACCOUNT_ID>.
var placeholderToken = regexp.MustCompile(`<[A-Za-z0-9_.-]+>`)

// policyPlaceholder: a value holding a placeholder token is replaced before
// the file reaches AWS (by the buildspec, or by CodePipeline for
// <IMAGEn_NAME>), so bgspec warns (taskdef/placeholder) where the oracle,
// judging the raw text, reports a pattern or enum error.
const policyPlaceholder = "placeholder tokens (<…>): substituted before deployment, so bgspec warns (taskdef/placeholder) where the oracle sees a bad value"

// policyFor returns the documented policy that lets a warning stand for an
// oracle error, judging by the oracle's message (which quotes the value).
func policyFor(msg string) string {
	if placeholderToken.MatchString(msg) {
		return policyPlaceholder
	}
	return ""
}

// tally counts one judge's verdicts and prints them.
type tally struct {
	Judge                     string
	Files                     int // files judged
	OracleRejected            int // files the oracle rejected
	Findings                  int // oracle findings judged
	Agree                     int // findings bgspec reported on the same field
	Known                     int // listed disagreements (with reasons)
	Disagree                  int // unlisted disagreements: failures
	BgspecStricter            int // files the oracle accepted and bgspec rejected (not failures)
	Hows                      map[string]int
	Policies                  map[string]int // policy reason -> findings agreed as warnings
	disagreements, knownLines []string
	known                     map[string]*known
}

func newTally(t testing.TB, judge string) *tally {
	all := loadKnown(t)
	mine := map[string]*known{}
	for k, v := range all {
		if v.Judge == judge {
			mine[k] = v
		}
	}
	return &tally{Judge: judge, Hows: map[string]int{}, Policies: map[string]int{}, known: mine}
}

// judge compares one oracle finding with bgspec's diagnostics for the file.
func (ty *tally) judge(in input, ds diag.List, f finding) {
	ty.Findings++
	how, ok, warnOnly := match(ds, f)
	if ok {
		ty.Agree++
		ty.Hows[how]++
		return
	}
	if warnOnly && f.Policy != "" {
		ty.Agree++
		ty.Hows["policy-warning"]++
		ty.Policies[f.Policy]++
		return
	}
	ptr := f.Pointer
	if ptr == "" {
		ptr = "(root)"
	}
	why := "bgspec reports nothing there"
	if warnOnly {
		why = "bgspec reports only a warning there (" + how + ")"
	}
	line := fmt.Sprintf("%s %s %s: oracle: %s; %s; bgspec said: %s", in.Name, f.Code, ptr, oneLine(f.Message), why, summary(ds))
	k := ty.known[knownKey(ty.Judge, in.Name, f.Code, f.Pointer)]
	if k == nil {
		k = ty.known[knownKey(ty.Judge, "*", f.Code, f.Pointer)]
	}
	if k != nil {
		k.seen = true
		ty.Known++
		ty.knownLines = append(ty.knownLines, fmt.Sprintf("%s %s %s: %s", in.Name, f.Code, ptr, k.Reason))
		return
	}
	ty.Disagree++
	ty.disagreements = append(ty.disagreements, line)
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

func summary(ds diag.List) string {
	if len(ds) == 0 {
		return "(nothing)"
	}
	var b []string
	for i, d := range ds {
		if i == 6 {
			b = append(b, fmt.Sprintf("… %d more", len(ds)-i))
			break
		}
		p := d.Path
		if p == "" {
			p = "(root)"
		}
		b = append(b, fmt.Sprintf("%s %s [%s]", p, d.Severity, d.Rule))
	}
	return strings.Join(b, "; ")
}

// report prints the tally (always, also without -v) and fails the test on
// unlisted disagreements and on listed ones that no longer occur among the
// files judged.
func (ty *tally) report(t *testing.T, judged map[string]bool) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "== %s: %d files judged, oracle rejected %d; %d findings: %d agreements, %d known disagreements, %d disagreements; bgspec stricter on %d files the oracle accepted\n",
		ty.Judge, ty.Files, ty.OracleRejected, ty.Findings, ty.Agree, ty.Known, ty.Disagree, ty.BgspecStricter)
	if len(ty.Hows) > 0 {
		var hs []string
		for k, v := range ty.Hows {
			hs = append(hs, fmt.Sprintf("%s=%d", k, v))
		}
		sort.Strings(hs)
		fmt.Fprintf(&b, "   agreements by match: %s\n", strings.Join(hs, " "))
	}
	var ps []string
	for p := range ty.Policies {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	for _, p := range ps {
		fmt.Fprintf(&b, "   policy (bgspec warns, %d findings): %s\n", ty.Policies[p], p)
	}
	for _, l := range ty.knownLines {
		fmt.Fprintf(&b, "   known: %s\n", l)
	}
	for _, l := range ty.disagreements {
		fmt.Fprintf(&b, "   DISAGREE: %s\n", l)
	}
	var stale []string
	for _, k := range ty.known {
		if !k.seen && (judged[k.File] || k.File == "*") {
			stale = append(stale, fmt.Sprintf("%s %s %s", k.File, k.Code, k.Pointer))
		}
	}
	sort.Strings(stale)
	for _, s := range stale {
		fmt.Fprintf(&b, "   STALE known disagreement (now agrees; remove it from known-disagreements.tsv): %s\n", s)
	}
	fmt.Print(b.String())
	writeTallyFile(t, ty)
	if ty.Disagree > 0 || len(stale) > 0 {
		t.Errorf("%s: %d disagreements, %d stale known entries (see above)", ty.Judge, ty.Disagree, len(stale))
	}
}

// writeTallyFile appends the one-line tally to $ORACLE_TALLY, if set (speed.sh
// and the README figures read it).
func writeTallyFile(t *testing.T, ty *tally) {
	p := os.Getenv("ORACLE_TALLY")
	if p == "" {
		return
	}
	f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fmt.Fprintf(f, "%s\tfiles=%d\trejected=%d\tfindings=%d\tagree=%d\tknown=%d\tdisagree=%d\tstricter=%d\n",
		ty.Judge, ty.Files, ty.OracleRejected, ty.Findings, ty.Agree, ty.Known, ty.Disagree, ty.BgspecStricter)
}
