package taskdef

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/internal/source"
)

// TestFastSchemaAgrees compares the fast pre-check with the schema engine on
// every test document and corpus file: it must never accept what the engine
// rejects, and it must accept the valid documents (or Validate gets slow).
func TestFastSchemaAgrees(t *testing.T) {
	fast, err := fastSchema()
	if err != nil {
		t.Fatal(err)
	}
	var docs [][]byte
	for _, tc := range firing {
		docs = append(docs, []byte(strings.Replace(tc.src, mark, "", 1)))
	}
	for _, tc := range quiet {
		docs = append(docs, []byte(tc.src))
	}
	files, _ := filepath.Glob("testdata/*.json")
	if dir := corpusDir(); dir != "" {
		more, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		files = append(files, more...)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, b)
	}
	accepted := 0
	for _, src := range docs {
		doc, _ := source.ParseJSON("f.json", src, source.Options{})
		if doc.Value == nil {
			continue
		}
		doc.Value = dropNullMembers(doc.Value)
		engineOK := len(taskdefSchema.Validate(doc)) == 0
		fastOK := fast.valid(doc.Value)
		if fastOK && !engineOK {
			t.Errorf("the fast pre-check accepts what the engine rejects:\n%s", src)
		}
		if engineOK && !fastOK {
			t.Errorf("the fast pre-check rejects a schema-valid document (slow path):\n%s", src)
		}
		if fastOK {
			accepted++
		}
	}
	if accepted < len(quiet) {
		t.Errorf("only %d documents took the fast path", accepted)
	}
}

func TestFastSchemaEdges(t *testing.T) {
	fast, _ := fastSchema()
	for _, src := range []string{
		`{"family": "x", "containerDefinitions": [{"portMappings": [{"containerPort": 80.0}]}]}`,
		`{"family": "x", "containerDefinitions": [{"portMappings": [{"containerPort": 1e2}]}]}`,
		`{"family": "x", "containerDefinitions": [{"portMappings": [{"containerPort": 99999999999999999999}]}]}`,
		`{"family": "x", "containerDefinitions": [{"portMappings": [{"containerPort": 0}]}]}`,
		`{"family": "x", "containerDefinitions": [], "tags": [{"key": "` + strings.Repeat("é", 129) + `"}]}`,
		`{"family": "x", "containerDefinitions": [{"resourceRequirements": [{"type": "GPU", "sharingStrategy": {}}]}]}`,
		`{"family": "x", "containerDefinitions": [], "trustedExecutionConfiguration": {"isolationMode": "NONE"}}`,
		`{"family": "x", "containerDefinitions": [{"dockerLabels": {"a": 1}}]}`,
		`{"family": "x"}`,
		`{"family": "x", "containerDefinitions": [], "networkMode": "bridge2"}`,
	} {
		doc, _ := source.ParseJSON("f.json", []byte(src), source.Options{})
		if fast.valid(doc.Value) {
			t.Errorf("the fast pre-check accepts %s", src)
		}
	}
}
