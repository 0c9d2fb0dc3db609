//go:build oracle

package oracle

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/appspec"
)

// appspecInputs: ECS appspecs from the repo's testdata, the corpus and the
// builders (YAML and JSON renderings of the seed).
func appspecInputs(t *testing.T) []input {
	t.Helper()
	isAppspec := func(src []byte) bool {
		return bytes.Contains(src, []byte("TargetService")) || bytes.Contains(src, []byte("AWS::ECS::Service"))
	}
	var all []input
	all = append(all, testdataFiles(t, isAppspec, ".yaml", ".yml", ".json")...)
	all = append(all, corpusFiles(t, "appspec-ecs")...)
	a := seedAppspec()
	y, err := appspec.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	j, err := appspec.MarshalJSONForm(a)
	if err != nil {
		t.Fatal(err)
	}
	all = append(all, input{Name: "gen:seed-appspec.yaml", Src: y, Origin: "gen"}, input{Name: "gen:seed-appspec.json", Src: j, Origin: "gen"})
	return all
}

// TestBotocoreCodeDeploy wraps every ECS appspec as the AppSpecContent of a
// CodeDeploy CreateDeployment request (content + SHA-256, as CodePipeline's
// CodeDeployToECS action sends it) and validates the request with botocore's
// CodeDeploy model. botocore never parses the content (ORACLES.md §2), so this
// judges the request bgspec's appspec becomes, not the appspec: every request
// must pass, and any botocore rejection must be matched by a bgspec error.
func TestBotocoreCodeDeploy(t *testing.T) {
	dir := t.TempDir()
	files := appspecInputs(t)
	reqs := make([]input, len(files))
	for i, f := range files {
		sum := sha256.Sum256(f.Src)
		req := map[string]any{
			"applicationName":     "AppECS-demo-web",
			"deploymentGroupName": "DgpECS-demo-web",
			"revision": map[string]any{
				"revisionType":   "AppSpecContent",
				"appSpecContent": map[string]any{"content": string(f.Src), "sha256": hex.EncodeToString(sum[:])},
			},
		}
		b, _ := json.Marshal(req)
		p := filepath.Join(dir, fmt.Sprintf("req%04d.json", i))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		reqs[i] = input{Name: f.Name, Path: p, Src: b, Origin: f.Origin}
	}
	res := botocore(t, "codedeploy", "CreateDeployment", reqs)
	ty := newTally(t, "botocore-codedeploy")
	judged := map[string]bool{}
	for i, f := range files {
		judged[f.Name] = true
		ty.Files++
		name := "appspec.yaml"
		if strings.HasSuffix(f.Name, ".json") {
			name = "appspec.json"
		}
		ds := appspec.Validate(name, f.Src)
		r := res[reqs[i].Path]
		if len(r.Errors) == 0 {
			if ds.HasErrors() {
				ty.BgspecStricter++
			}
			continue
		}
		ty.OracleRejected++
		for _, e := range r.Errors {
			// the pointer is into the request; the appspec is the content
			ty.judge(f, ds, finding{Code: e.Kind, Pointer: e.Pointer, Message: e.Message, Any: true})
		}
	}
	ty.report(t, judged)
}
