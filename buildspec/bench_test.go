package buildspec

import "testing"

// BenchmarkValidate validates the seed scenario's buildspec (go test
// -bench Validate -benchmem ./buildspec/).
func BenchmarkValidate(b *testing.B) {
	bs, err := seedRecipe().Build()
	if err != nil {
		b.Fatal(err)
	}
	src, err := Marshal(bs)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if l := Validate("buildspec.yml", src); len(l) != 0 {
			b.Fatal(l)
		}
	}
}

// BenchmarkValidateLegacy validates a hand-written buildspec with several
// findings (get-login, sed on taskdef.json, Docker Hub pulls).
func BenchmarkValidateLegacy(b *testing.B) {
	src := []byte(okPhases + "      - $(aws ecr get-login --no-include-email)\n      - docker pull node:20\n      - sed -i s/x/y/ taskdef.json\n      - 'echo \"a: b\"'\nartifacts:\n  files: [taskdef.json, appspec.yaml]\n")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Validate("buildspec.yml", src)
	}
}

func BenchmarkMarshal(b *testing.B) {
	bs, _ := seedRecipe().Build()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Marshal(bs); err != nil {
			b.Fatal(err)
		}
	}
}
