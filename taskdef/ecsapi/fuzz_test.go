package ecsapi

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ecs"

	"github.com/bgspec/bgspec/taskdef"
)

// FuzzToRegisterInput: for any document taskdef.Parse reads, ToRegisterInput
// either refuses it with an error naming a number that does not fit the API,
// or converts it so that converting back gives the same JSON. It never
// panics, and neither does FromTaskDefinition on the result.
func FuzzToRegisterInput(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"family":"x","containerDefinitions":[{"name":"a","memory":2147483648}]}`))
	f.Add([]byte(`{"containerDefinitions":[{"portMappings":[{"hostPort":-1}],"ulimits":[{"softLimit":-2147483648}]}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		td, _ := taskdef.Parse("fuzz.json", src)
		if td == nil {
			return
		}
		in, err := ToRegisterInput(td)
		if err != nil {
			if !strings.Contains(err.Error(), "does not fit") {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		want, err := taskdef.Marshal(td)
		if err != nil {
			t.Fatal(err)
		}
		if back := roundTrip(t, td); !equalJSON(t, back, want) {
			t.Fatalf("round trip differs for %s", want)
		}
		_ = FromDescribeOutput(&ecs.DescribeTaskDefinitionOutput{Tags: in.Tags})
	})
}

func BenchmarkToRegisterInput(b *testing.B) {
	td, _ := loadFixture(b, "testdata/seed.taskdef.json")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ToRegisterInput(td); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFromTaskDefinition(b *testing.B) {
	td, _ := loadFixture(b, "testdata/seed.taskdef.json")
	in, err := ToRegisterInput(td)
	if err != nil {
		b.Fatal(err)
	}
	out := roundTripSDK(b, in)
	b.ReportAllocs()
	for b.Loop() {
		if FromTaskDefinition(out) == nil {
			b.Fatal("nil")
		}
	}
}

// BenchmarkRegisterSDK is the whole path: convert, serialize with the SDK,
// send to a loopback server, decode the answer, convert back.
func BenchmarkRegisterSDK(b *testing.B) {
	td, _ := loadFixture(b, "testdata/maximal.taskdef.json")
	f := newFakeECS(b)
	client := f.client()
	b.ReportAllocs()
	for b.Loop() {
		in, err := ToRegisterInput(td)
		if err != nil {
			b.Fatal(err)
		}
		out, err := client.RegisterTaskDefinition(b.Context(), in)
		if err != nil {
			b.Fatal(err)
		}
		if FromTaskDefinition(out.TaskDefinition) == nil {
			b.Fatal("nil")
		}
	}
}
