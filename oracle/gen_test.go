//go:build oracle

package oracle

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// A mutation turns a valid task definition (decoded JSON) into a bad one. Each
// one targets a class of error botocore or cfn-lint reports: unknown key,
// missing required member, wrong type, bad enum, and the ECS semantics cfn-lint
// knows (Fargate sizes, awsvpc host ports, awslogs options).
type mutation struct {
	name string
	fn   func(td map[string]any) bool // false: does not apply to this base
}

func obj(v any) map[string]any { m, _ := v.(map[string]any); return m }
func arr(v any) []any          { a, _ := v.([]any); return a }

func firstContainer(td map[string]any) map[string]any {
	if cs := arr(td["containerDefinitions"]); len(cs) > 0 {
		return obj(cs[0])
	}
	return nil
}

func firstPort(td map[string]any) map[string]any {
	if c := firstContainer(td); c != nil {
		if ps := arr(c["portMappings"]); len(ps) > 0 {
			return obj(ps[0])
		}
	}
	return nil
}

func isFargate(td map[string]any) bool {
	for _, c := range arr(td["requiresCompatibilities"]) {
		if c == "FARGATE" {
			return true
		}
	}
	return false
}

var mutations = []mutation{
	// unknown keys
	{"unknown-top-key", func(td map[string]any) bool { td["bogusField"] = "x"; return true }},
	{"unknown-container-key", func(td map[string]any) bool { firstContainer(td)["bogus"] = 1; return true }},
	{"wrong-case-family", func(td map[string]any) bool { td["Family"] = td["family"]; delete(td, "family"); return true }},
	{"wrong-case-env-name", func(td map[string]any) bool {
		firstContainer(td)["environment"] = []any{map[string]any{"Name": "A", "value": "b"}}
		return true
	}},
	{"describe-output-fields", func(td map[string]any) bool {
		td["taskDefinitionArn"] = "arn:aws:ecs:us-east-1:123456789012:task-definition/x:1"
		td["revision"] = json.Number("1")
		td["status"] = "ACTIVE"
		return true
	}},
	// missing required members
	{"missing-family", func(td map[string]any) bool { delete(td, "family"); return true }},
	{"missing-container-definitions", func(td map[string]any) bool { delete(td, "containerDefinitions"); return true }},
	{"missing-healthcheck-command", func(td map[string]any) bool {
		firstContainer(td)["healthCheck"] = map[string]any{"interval": json.Number("30")}
		return true
	}},
	{"missing-log-driver", func(td map[string]any) bool {
		firstContainer(td)["logConfiguration"] = map[string]any{"options": map[string]any{"mode": "non-blocking"}}
		return true
	}},
	{"missing-secret-valuefrom", func(td map[string]any) bool {
		firstContainer(td)["secrets"] = []any{map[string]any{"name": "TOKEN"}}
		return true
	}},
	{"missing-dependson-condition", func(td map[string]any) bool {
		firstContainer(td)["dependsOn"] = []any{map[string]any{"containerName": "sidecar"}}
		return true
	}},
	{"missing-ulimit-soft", func(td map[string]any) bool {
		firstContainer(td)["ulimits"] = []any{map[string]any{"name": "nofile", "hardLimit": json.Number("1024")}}
		return true
	}},
	{"missing-efs-filesystem", func(td map[string]any) bool {
		td["volumes"] = []any{map[string]any{"name": "efs", "efsVolumeConfiguration": map[string]any{"rootDirectory": "/"}}}
		return true
	}},
	// wrong types
	{"cpu-int", func(td map[string]any) bool { td["cpu"] = json.Number("256"); return true }},
	{"memory-int", func(td map[string]any) bool { td["memory"] = json.Number("512"); return true }},
	{"container-port-string", func(td map[string]any) bool {
		p := firstPort(td)
		if p == nil {
			return false
		}
		p["containerPort"] = "80"
		return true
	}},
	{"essential-string", func(td map[string]any) bool { firstContainer(td)["essential"] = "true"; return true }},
	{"command-string", func(td map[string]any) bool { firstContainer(td)["command"] = "./run.sh"; return true }},
	{"container-definitions-object", func(td map[string]any) bool {
		td["containerDefinitions"] = firstContainer(td)
		return true
	}},
	{"env-value-number", func(td map[string]any) bool {
		firstContainer(td)["environment"] = []any{map[string]any{"name": "PORT", "value": json.Number("8080")}}
		return true
	}},
	{"docker-label-number", func(td map[string]any) bool {
		firstContainer(td)["dockerLabels"] = map[string]any{"com.example.build": json.Number("42")}
		return true
	}},
	{"null-ipc-mode", func(td map[string]any) bool { td["ipcMode"] = nil; return true }},
	// bad enums and patterns
	{"network-mode-enum", func(td map[string]any) bool { td["networkMode"] = "nope"; return true }},
	{"protocol-enum", func(td map[string]any) bool {
		p := firstPort(td)
		if p == nil {
			return false
		}
		p["protocol"] = "sctp"
		return true
	}},
	{"compatibility-enum", func(td map[string]any) bool { td["requiresCompatibilities"] = []any{"FARGATEX"}; return true }},
	{"log-driver-enum", func(td map[string]any) bool {
		firstContainer(td)["logConfiguration"] = map[string]any{"logDriver": "cloudwatch"}
		return true
	}},
	{"tag-key-pattern", func(td map[string]any) bool {
		td["tags"] = []any{map[string]any{"key": "team!", "value": "web"}}
		return true
	}},
	// ECS semantics (cfn-lint)
	{"fargate-cpu-memory-mismatch", func(td map[string]any) bool {
		if !isFargate(td) {
			return false
		}
		td["cpu"], td["memory"] = "256", "4096"
		return true
	}},
	{"fargate-cpu-invalid", func(td map[string]any) bool {
		if !isFargate(td) {
			return false
		}
		td["cpu"] = "300"
		return true
	}},
	{"fargate-missing-cpu", func(td map[string]any) bool {
		if !isFargate(td) {
			return false
		}
		delete(td, "cpu")
		return true
	}},
	{"fargate-bridge", func(td map[string]any) bool {
		if !isFargate(td) {
			return false
		}
		td["networkMode"] = "bridge"
		return true
	}},
	{"awsvpc-host-port", func(td map[string]any) bool {
		p := firstPort(td)
		if p == nil || td["networkMode"] != "awsvpc" {
			return false
		}
		p["hostPort"] = json.Number("8080")
		return true
	}},
	{"missing-image", func(td map[string]any) bool { delete(firstContainer(td), "image"); return true }},
	{"missing-container-name", func(td map[string]any) bool { delete(firstContainer(td), "name"); return true }},
	{"awslogs-missing-group", func(td map[string]any) bool {
		firstContainer(td)["logConfiguration"] = map[string]any{"logDriver": "awslogs", "options": map[string]any{"awslogs-stream-prefix": "app"}}
		return true
	}},
	{"awslogs-unknown-option", func(td map[string]any) bool {
		firstContainer(td)["logConfiguration"] = map[string]any{"logDriver": "awslogs", "options": map[string]any{
			"awslogs-group": "/ecs/x", "awslogs-region": "us-east-1", "awslogs-stream-prefx": "app"}}
		return true
	}},
	{"duplicate-containers", func(td map[string]any) bool {
		cs := arr(td["containerDefinitions"])
		td["containerDefinitions"] = append(cs, cs[0])
		return true
	}},
}

// decode reads JSON keeping numbers as written.
func decode(src []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// encode writes JSON the way a person would: two-space indent, no HTML escaping.
func encode(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// baseTaskdefs are the valid task definitions the mutations start from: the
// oracle's own hand-written bases plus those generated with the taskdef
// builders (generatedTaskdefs).
func baseTaskdefs(t testing.TB) []input {
	t.Helper()
	dir := filepath.Join(repoRoot(t), "oracle", "testdata", "taskdef")
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []input
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, input{Name: "gen:" + strings.TrimSuffix(e.Name(), ".json"), Src: src, Origin: "gen"})
	}
	out = append(out, generatedTaskdefs(t)...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// mutate applies every mutation to every base, returning the bad variants
// (named gen:<base>+<mutation>), written under dir.
func mutate(t testing.TB, dir string, bases []input) []input {
	t.Helper()
	var out []input
	for _, b := range bases {
		for _, m := range mutations {
			v, err := decode(b.Src)
			if err != nil {
				t.Fatalf("%s: %v", b.Name, err)
			}
			td := obj(v)
			if td == nil || firstContainer(td) == nil || !m.fn(td) {
				continue
			}
			out = append(out, input{Name: b.Name + "+" + m.name, Src: encode(td), Origin: "gen"})
		}
	}
	return writeGen(t, dir, out)
}

// taskdefInputs is every task definition the taskdef judges look at: repo
// testdata (files with a containerDefinitions key), the shared corpus, the
// valid bases and their mutations.
func taskdefInputs(t testing.TB, dir string) []input {
	t.Helper()
	var all []input
	all = append(all, testdataFiles(t, func(src []byte) bool { return bytes.Contains(src, []byte(`"containerDefinitions"`)) }, ".json")...)
	all = append(all, corpusFiles(t, "taskdef")...)
	bases := writeGen(t, dir, baseTaskdefs(t))
	all = append(all, bases...)
	all = append(all, mutate(t, dir, bases)...)
	return all
}

func init() {
	mutations = append(mutations, mutation{"fargate-placement-constraint", func(td map[string]any) bool {
		if !isFargate(td) {
			return false
		}
		td["placementConstraints"] = []any{map[string]any{"type": "memberOf", "expression": "attribute:ecs.instance-type =~ t3.*"}}
		return true
	}})
}
