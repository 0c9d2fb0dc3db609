package taskdef

import "testing"

func TestSchemaCompiles(t *testing.T) {
	if err := taskdefSchema.Check(); err != nil {
		t.Fatal(err)
	}
}
