//go:build oracle

package oracle

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/taskdef"
)

// cfnProblem is one entry of `cfn-lint --format json`.
type cfnProblem struct {
	Filename string
	Level    string
	Message  string
	Location struct {
		Path []any
	}
	Rule struct{ Id string }
}

// verbatim are the API members whose object keys are map keys (td2cfn.py keeps
// them as written).
var verbatim = map[string]bool{"dockerLabels": true, "options": true, "driverOpts": true, "labels": true}

// cfnRenames are the CloudFormation names that are not a capitalised API name
// (td2cfn.py RENAME), reversed.
var cfnRenames = map[string]string{
	"EFSVolumeConfiguration":                  "efsVolumeConfiguration",
	"FSxWindowsFileServerVolumeConfiguration": "fsxWindowsFileServerVolumeConfiguration",
	"S3FilesVolumeConfiguration":              "s3filesVolumeConfiguration",
	"ProxyConfigurationProperties":            "properties",
	"FilesystemId":                            "fileSystemId",
	"IAM":                                     "iam",
}

// apiName turns a CloudFormation property name back into the API member name.
func apiName(parent, cfn string) string {
	if verbatim[parent] || cfn == "" {
		return cfn
	}
	if n, ok := cfnRenames[cfn]; ok {
		return n
	}
	return strings.ToLower(cfn[:1]) + cfn[1:]
}

// cfnPointer maps a cfn-lint path below Resources/TaskDef/Properties back to a
// JSON pointer into the original task definition, walking the original
// document so that the keys are spelled as the file spells them. It also
// returns the API name of the last member, for child names in messages.
func cfnPointer(doc any, resource string, path []any) (ptr, parent string, ok bool) {
	if len(path) < 3 || path[0] != "Resources" || path[1] != resource || path[2] != "Properties" {
		return "", "", false
	}
	cur, parent := doc, ""
	var toks []string
	for _, c := range path[3:] {
		switch c := c.(type) {
		case float64:
			i := int(c)
			toks = append(toks, fmt.Sprint(i))
			if a := arr(cur); i < len(a) {
				cur = a[i]
			} else {
				cur = nil
			}
		case string:
			key := ""
			if m := obj(cur); m != nil {
				for k := range m {
					if k == c || (!verbatim[parent] && (k == apiName(parent, c) || strings.EqualFold(k, c))) {
						key = k
						if k == c || k == apiName(parent, c) {
							break
						}
					}
				}
			}
			if key == "" {
				key = apiName(parent, c)
			}
			toks = append(toks, key)
			if m := obj(cur); m != nil {
				cur = m[key]
			} else {
				cur = nil
			}
			parent = key
		default:
			return "", "", false
		}
	}
	return diag.Pointer(toks...), parent, true
}

var (
	cfnRequired = regexp.MustCompile(`^'([^']+)' is a required property`)
	// Messages that name the offending member of the object cfn-lint points at.
	cfnLooseRules = map[string]bool{"E3037": true}
)

// cfnCombine is how many task definitions go into one template: cfn-lint's
// cost is mostly per template, so 170 files take ~6 s instead of ~60 s.
const cfnCombine = 60

// cfnLint converts the files with td2cfn.py and runs cfn-lint once over all of
// the templates. It returns the problems by source path and the logical id of
// each converted source's resource.
func cfnLint(t testing.TB, files []input) (map[string][]cfnProblem, map[string]string) {
	t.Helper()
	dir := t.TempDir()
	args := []string{scriptPath(t, "td2cfn.py"), "--combine", fmt.Sprint(cfnCombine), dir}
	for _, f := range files {
		args = append(args, f.Path)
	}
	out := run(t, time.Minute, []int{0}, "python3", args...)
	resToSrc := map[string]string{} // template + "\x00" + logical id -> source
	converted := map[string]string{}
	var tmpls []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var r struct{ Source, Template, Resource, Skipped string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("td2cfn.py output: %v", err)
		}
		if r.Template != "" {
			abs, _ := filepath.Abs(r.Template)
			if len(tmpls) == 0 || tmpls[len(tmpls)-1] != r.Template {
				tmpls = append(tmpls, r.Template)
			}
			resToSrc[abs+"\x00"+r.Resource] = r.Source
			converted[r.Source] = r.Resource
		}
	}
	// rc 0 clean, 2 errors, 4 warnings, 6 both, 8 informational (bit flags)
	lint := run(t, 2*time.Minute, []int{0, 2, 4, 6, 8, 10, 12, 14}, "cfn-lint", append([]string{"--format", "json", "--"}, tmpls...)...)
	var probs []cfnProblem
	if err := json.Unmarshal(lint, &probs); err != nil {
		t.Fatalf("cfn-lint output: %v\n%s", err, tail(lint, 2000))
	}
	bySrc := map[string][]cfnProblem{}
	for _, p := range probs {
		abs, _ := filepath.Abs(p.Filename)
		res := ""
		if len(p.Location.Path) >= 2 && p.Location.Path[0] == "Resources" {
			res, _ = p.Location.Path[1].(string)
		}
		src, ok := resToSrc[abs+"\x00"+res]
		if !ok {
			t.Errorf("cfn-lint reported outside a converted task definition: %s %v %s: %s", p.Filename, p.Location.Path, p.Rule.Id, p.Message)
			continue
		}
		bySrc[src] = append(bySrc[src], p)
	}
	return bySrc, converted
}

// TestCfnLintTaskdef: every cfn-lint error on a task definition wrapped as an
// AWS::ECS::TaskDefinition must be reported by bgspec on the same field.
// cfn-lint's warnings are not judged. Files td2cfn.py cannot convert (not a
// JSON object) are counted as skipped.
func TestCfnLintTaskdef(t *testing.T) {
	files := taskdefInputs(t, t.TempDir())
	bySrc, converted := cfnLint(t, files)
	ty := newTally(t, "cfn-lint-taskdef")
	judged := map[string]bool{}
	skipped := 0
	for _, f := range files {
		resource, ok := converted[f.Path]
		if !ok {
			skipped++
			continue
		}
		judged[f.Name] = true
		ty.Files++
		ds := taskdef.Validate("taskdef.json", f.Src)
		doc, err := decode(f.Src)
		if err != nil {
			t.Fatalf("%s: converted by td2cfn.py but not readable by encoding/json: %v", f.Name, err)
		}
		rejected := false
		for _, p := range bySrc[f.Path] {
			if p.Level != "Error" {
				continue
			}
			ptr, parent, ok := cfnPointer(doc, resource, p.Location.Path)
			if !ok {
				t.Errorf("%s: cfn-lint %s outside the task definition (%v): %s — a td2cfn.py conversion problem", f.Name, p.Rule.Id, p.Location.Path, p.Message)
				continue
			}
			rejected = true
			fd := finding{Code: p.Rule.Id, Pointer: ptr, Message: p.Message, Loose: cfnLooseRules[p.Rule.Id], Policy: policyFor(p.Message)}
			if strings.HasPrefix(p.Message, "None is not") {
				fd.Policy = policyNull // cfn-lint's view of a JSON null
			}
			if m := cfnRequired.FindStringSubmatch(p.Message); m != nil {
				fd.Pointer = diag.Append(ptr, apiName(parent, m[1]))
			}
			ty.judge(f, ds, fd)
		}
		if f.Origin == "gen" && !strings.Contains(f.Name, "+") && rejected {
			t.Errorf("base %s: cfn-lint rejects a base the mutations start from", f.Name)
		}
		if rejected {
			ty.OracleRejected++
		} else if ds.HasErrors() {
			ty.BgspecStricter++
		}
	}
	fmt.Printf("   cfn-lint-taskdef: %d files not convertible (not a JSON object), not judged\n", skipped)
	if ty.OracleRejected == 0 {
		t.Fatal("cfn-lint rejected no file: the conversion or the mutations are broken")
	}
	ty.report(t, judged)
}
