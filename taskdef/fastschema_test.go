package taskdef

import (
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
	docs := testDocs(t)
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
