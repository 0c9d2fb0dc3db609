package taskdef

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/internal/golden"
)

func TestCleanDescribeOutput(t *testing.T) {
	src, err := os.ReadFile("testdata/describe.json")
	if err != nil {
		t.Fatal(err)
	}
	before := Validate("describe.json", src)
	if !before.HasErrors() {
		t.Fatalf("describe output must not validate clean")
	}
	td, dropped, l := Clean(src)
	if len(l) > 0 || td == nil {
		t.Fatalf("Clean: %v", l)
	}
	b, err := Marshal(td)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/describe.clean.json", b)
	golden.Check(t, "testdata/describe.dropped.txt", []byte(strings.Join(dropped, "\n")+"\n"))
	if l := Validate("clean.json", b); len(l) > 0 {
		t.Errorf("the cleaned task definition must validate clean:\n%v", l)
	}
	for _, want := range []string{"/taskDefinition/taskDefinitionArn", "/taskDefinition/revision", "/taskDefinition/status",
		"/taskDefinition/requiresAttributes", "/taskDefinition/compatibilities", "/taskDefinition/registeredAt",
		"/taskDefinition/registeredBy", "/taskDefinition/deregisteredAt", "/taskDefinition/ipcMode",
		"/taskDefinition/containerDefinitions/0/command", "/taskDefinition/containerDefinitions/0/links",
		"/taskDefinition/containerDefinitions/0/repositoryCredentials", "/taskDefinition/futureField"} {
		if !slices.Contains(dropped, want) {
			t.Errorf("dropped does not list %s", want)
		}
	}
	if slices.Contains(dropped, "/tags") || len(td.Tags) != 1 || td.Tags[0].Key != "team" {
		t.Errorf("tags beside taskDefinition must be kept, got %v (dropped %v)", td.Tags, dropped)
	}
	env := td.ContainerDefinitions[0].Environment
	if len(env) != 2 || env[0].Name != "FEATURE_FLAGS" || env[0].Value != "" || !strings.Contains(string(b), `"value": ""`) {
		t.Errorf("an environment entry with value \"\" must survive, got %+v", env)
	}
	// Clean of the clean output is the identity.
	td2, dropped2, _ := Clean(b)
	b2, _ := Marshal(td2)
	if string(b2) != string(b) || len(dropped2) != 0 {
		t.Errorf("Clean is not idempotent: dropped %v\n%s", dropped2, b2)
	}
}

// TestCleanWrapperTagsReplaceEmptyInnerTags: describe output whose
// taskDefinition.tags is empty keeps the wrapper's tags, and says it dropped
// only the empty inner list.
func TestCleanWrapperTagsReplaceEmptyInnerTags(t *testing.T) {
	td, dropped, l := Clean([]byte(`{"taskDefinition": {"family": "x", "containerDefinitions": [{"name": "a", "image": "nginx", "memory": 64}], "tags": []}, "tags": [{"key": "k", "value": "v"}]}`))
	if len(l) > 0 {
		t.Fatal(l)
	}
	if len(td.Tags) != 1 || td.Tags[0].Key != "k" || !slices.Equal(dropped, []string{"/taskDefinition/tags"}) {
		t.Errorf("tags %v, dropped %v", td.Tags, dropped)
	}
}

func TestCleanBareAndBroken(t *testing.T) {
	td, dropped, l := Clean([]byte(`{"family": "x", "revision": 2, "containerDefinitions": [{"name": "a", "image": "nginx", "memory": 64, "environment": [{"name": "", "value": ""}]}]}`))
	if td == nil || len(l) > 0 || td.Family != "x" || !slices.Equal(dropped, []string{"/revision", "/containerDefinitions/0/environment"}) {
		t.Errorf("bare: td=%v dropped=%v l=%v", td, dropped, l)
	}
	for _, bad := range []string{``, `[1]`, `{"family":`, "\x00\x01"} {
		td, _, l := Clean([]byte(bad))
		if td != nil || !l.HasErrors() {
			t.Errorf("Clean(%q) = %v, %v: want nil and an error", bad, td, l)
		}
	}
}
