// Command gendecode writes taskdef/decode_gen.go (run by go generate in
// package taskdef).
package main

import (
	"fmt"
	"os"

	"github.com/bgspec/bgspec/internal/render"
	"github.com/bgspec/bgspec/taskdef/internal/gendecode"
)

func main() {
	src, err := gendecode.Generate()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if _, err := render.WriteFile("decode_gen.go", src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
