package taskdef_test

import (
	"os"
	"testing"

	"github.com/bgspec/bgspec/taskdef/internal/gendecode"
)

func TestDecodeGenUpToDate(t *testing.T) {
	want, err := gendecode.Generate()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("decode_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("decode_gen.go is out of date: run go generate ./taskdef")
	}
}
