package appspec_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/internal/schema"
	"github.com/bgspec/bgspec/internal/source"
)

// TestExportedSchema: the schema users get from Schema() (which chooses the
// platform itself with if/then/else) accepts the AWS examples and rejects
// a broken one, like Validate does.
func TestExportedSchema(t *testing.T) {
	s := schema.New("appspec.schema.json", appspec.Schema(), "")
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/ok/*")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc *source.Doc
		if filepath.Ext(f) == ".json" {
			doc, _ = source.ParseJSON(f, src, source.Options{})
		} else {
			doc, _ = source.ParseYAML(f, src, source.Options{})
		}
		if l := s.Validate(doc); len(l) != 0 {
			t.Errorf("%s: %v", f, l)
		}
	}
	doc, _ := source.ParseYAML("x.yaml", []byte(lambdaDoc+"Extra: 1\n"), source.Options{})
	l := s.Validate(doc)
	if len(l) != 1 || l[0].Rule != "schema/additionalProperties" || l[0].Path != "/Extra" {
		t.Errorf("Lambda with an unknown key: %v", l)
	}
}
