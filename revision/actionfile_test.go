package revision

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/render"
	"github.com/bgspec/bgspec/internal/source"
)

const seedAction = `{
  "ApplicationName": "AppECS-orders-api",
  "DeploymentGroupName": "DgpECS-orders-api",
  "TaskDefinitionTemplateArtifact": "BuildArtifact",
  "TaskDefinitionTemplatePath": "taskdef.json",
  "AppSpecTemplateArtifact": "BuildArtifact",
  "AppSpecTemplatePath": "appspec.yaml",
  "Image1ArtifactName": "Image1Artifact",
  "Image1ContainerName": "IMAGE1_NAME",
  "Image2ArtifactName": "Image2Artifact",
  "Image2ContainerName": "IMAGE2_NAME"
}
`

// mark is where a case expects its diagnostic (removed before parsing).
const mark = "»"

// markAt removes the mark from src and returns its 1-based line and byte
// column.
func markAt(t *testing.T, src string) (string, int, int) {
	t.Helper()
	i := strings.Index(src, mark)
	if i < 0 {
		t.Fatalf("no mark in %q", src)
	}
	line := 1 + strings.Count(src[:i], "\n")
	col := i - strings.LastIndex(src[:i], "\n")
	return src[:i] + src[i+len(mark):], line, col
}

// actionCases are bad action files: the rule expected, at the path and
// (where the source holds the mark) the position of the mark.
var actionCases = []struct {
	name, rule, path, src string
}{
	{"missing required key", "schema/required", "/DeploymentGroupName",
		strings.Replace(seedAction, `  "DeploymentGroupName": "DgpECS-orders-api",`+"\n", "", 1)},
	{"empty required value", RuleActionRequired, "/ApplicationName",
		strings.Replace(seedAction, `"ApplicationName": "AppECS-orders-api"`, `"ApplicationName": »""`, 1)},
	{"empty optional value", "schema/minLength", "/AppSpecTemplatePath",
		strings.Replace(seedAction, `"AppSpecTemplatePath": "appspec.yaml"`, `"AppSpecTemplatePath": »""`, 1)},
	{"number value", "schema/type", "/Image1ContainerName",
		strings.Replace(seedAction, `"Image1ContainerName": "IMAGE1_NAME"`, `"Image1ContainerName": »1`, 1)},
	{"unknown key", "schema/additionalProperties", "/Image1ContainerNames",
		strings.Replace(seedAction, `"Image1ContainerName"`, `»"Image1ContainerNames"`, 1)},
	{"wrong-case key", "schema/key-spelling", "/applicationName",
		strings.Replace(seedAction, `"ApplicationName"`, `»"applicationName"`, 1)},
	{"image without container name", "schema/dependentRequired", "/Image2ContainerName",
		strings.Replace(strings.Replace(seedAction, `,
  "Image2ContainerName": "IMAGE2_NAME"`, "", 1), `"Image2ArtifactName"`, `»"Image2ArtifactName"`, 1)},
	{"placeholder with brackets", RuleActionImage, "/Image2ContainerName",
		strings.Replace(seedAction, `"Image2ContainerName": "IMAGE2_NAME"`, `"Image2ContainerName": »"<IMAGE2_NAME>"`, 1)},
	{"same placeholder twice", RuleActionImage, "/Image2ContainerName",
		strings.Replace(seedAction, `"Image2ContainerName": "IMAGE2_NAME"`, `"Image2ContainerName": »"IMAGE1_NAME"`, 1)},
	{"bad artifact name", RuleActionArtifact, "/TaskDefinitionTemplateArtifact",
		strings.Replace(seedAction, `"TaskDefinitionTemplateArtifact": "BuildArtifact"`, `"TaskDefinitionTemplateArtifact": »"Build Artifact"`, 1)},
	{"value over 1000 characters", RuleActionValue, "/ApplicationName",
		strings.Replace(seedAction, `"ApplicationName": "AppECS-orders-api"`, `"ApplicationName": »"`+strings.Repeat("a", 1001)+`"`, 1)},
	{"six distinct artifacts", RuleActionArtifact, "",
		"»" + strings.Replace(strings.Replace(seedAction, `"AppSpecTemplateArtifact": "BuildArtifact"`, `"AppSpecTemplateArtifact": "SpecArtifact"`, 1), "\n}", `,
  "Image3ArtifactName": "I3", "Image3ContainerName": "I3",
  "Image4ArtifactName": "I4", "Image4ContainerName": "I4"
}`, 1)},
	{"declaration: six distinct artifacts", RuleActionArtifact, "/Configuration",
		`{"Name": "Deploy", "Configuration": »{"ApplicationName": "a", "DeploymentGroupName": "d", "TaskDefinitionTemplateArtifact": "A", "AppSpecTemplateArtifact": "B",
   "Image1ArtifactName": "C", "Image1ContainerName": "I1", "Image2ArtifactName": "D", "Image2ContainerName": "I2",
   "Image3ArtifactName": "E", "Image3ContainerName": "I3", "Image4ArtifactName": "F", "Image4ContainerName": "I4"}}`},
	{"a fifth image", RuleXTooManyImages, "/Image5ArtifactName",
		strings.Replace(seedAction, "\n}", `,
  "Image3ArtifactName": "I3", "Image3ContainerName": "I3",
  "Image4ArtifactName": "I4", "Image4ContainerName": "I4",
  "Image5ArtifactName": »"I5", "Image5ContainerName": "I5"
}`, 1)},
	{"declaration: artifact not an input", RuleActionInput, "/Configuration/Image2ArtifactName",
		`{"Name": "Deploy", "ActionTypeId": {"Category": "Deploy", "Owner": "AWS", "Provider": "CodeDeployToECS", "Version": "1"},
 "InputArtifacts": [{"Name": "BuildArtifact"}, {"Name": "Image1Artifact"}],
 "Configuration": {"ApplicationName": "a", "DeploymentGroupName": "d", "TaskDefinitionTemplateArtifact": "BuildArtifact", "AppSpecTemplateArtifact": "BuildArtifact",
   "Image1ArtifactName": "Image1Artifact", "Image1ContainerName": "IMAGE1_NAME", "Image2ArtifactName": »"Image2Artifact", "Image2ContainerName": "IMAGE2_NAME"}}`},
	{"API declaration: unknown key", "schema/additionalProperties", "/configuration/ClusterName",
		"name: Deploy\ninputArtifacts:\n  - name: BuildArtifact\nconfiguration:\n  ApplicationName: a\n  DeploymentGroupName: d\n  TaskDefinitionTemplateArtifact: BuildArtifact\n  AppSpecTemplateArtifact: BuildArtifact\n  »ClusterName: c\n"},
	{"not an object", "schema/type", "", `»["ApplicationName"]`},
}

func TestParseActionFires(t *testing.T) {
	for _, tc := range actionCases {
		t.Run(tc.name, func(t *testing.T) {
			src, line, col := tc.src, 0, 0
			if strings.Contains(src, mark) {
				src, line, col = markAt(t, src)
			}
			_, l := ParseAction("action.json", []byte(src))
			found := false
			for _, d := range l {
				if !d.Valid() || d.File != "action.json" {
					t.Errorf("invalid %+v", d)
				}
				if d.Rule == tc.rule && d.Path == tc.path {
					found = true
					if line > 0 && (d.Line != line || d.Column != col) {
						t.Errorf("%s at %d:%d, want %d:%d", d.Rule, d.Line, d.Column, line, col)
					}
					if _, ok := diag.LookupRule(d.Rule); !ok {
						t.Errorf("unregistered rule %s", d.Rule)
					}
				}
			}
			if !found {
				t.Errorf("want %s at %s, got:\n%v", tc.rule, tc.path, l)
			}
		})
	}
}

func TestParseActionQuiet(t *testing.T) {
	a := ActionFromRecipe("AppECS-orders-api", "DgpECS-orders-api", seedRecipe())
	rendered, err := a.JSON()
	if err != nil {
		t.Fatal(err)
	}
	decl, err := render.JSON(a.Declaration("Deploy"))
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string]string{
		"seed":                   seedAction,
		"rendered by Action":     string(rendered),
		"declaration":            string(decl),
		"gap in image numbers":   strings.NewReplacer("Image2", "Image3").Replace(seedAction),
		"only the required keys": `{"ApplicationName": "a", "DeploymentGroupName": "d", "TaskDefinitionTemplateArtifact": "B", "AppSpecTemplateArtifact": "B"}`,
		"CloudFormation YAML":    "Name: Deploy\nActionTypeId: {Category: Deploy, Owner: AWS, Provider: CodeDeployToECS, Version: '1'}\nInputArtifacts:\n  - Name: BuildArtifact\nConfiguration:\n  ApplicationName: a\n  DeploymentGroupName: d\n  TaskDefinitionTemplateArtifact: BuildArtifact\n  AppSpecTemplateArtifact: BuildArtifact\n",
	} {
		a, l := ParseAction("action.json", []byte(src))
		if len(l) > 0 || a == nil {
			t.Errorf("%s: want no diagnostics, got %v\n%s", name, l, src)
		}
	}
}

// TestParseActionRoundTrip: ParseAction of Action.JSON gives the action back.
func TestParseActionRoundTrip(t *testing.T) {
	a := ActionFromRecipe("AppECS-orders-api", "DgpECS-orders-api", seedRecipe())
	b, _ := a.JSON()
	got, l := ParseAction("action.json", b)
	if len(l) > 0 {
		t.Fatal(l)
	}
	b2, _ := got.JSON()
	if string(b) != string(b2) {
		t.Errorf("round trip:\n%s\n---\n%s", b, b2)
	}
	gap, _ := ParseAction("a.json", []byte(strings.NewReplacer("Image2", "Image3").Replace(seedAction)))
	if len(gap.Images) != 2 || gap.Images[1].ArtifactName != "Image3Artifact" {
		t.Errorf("gap: %+v", gap.Images)
	}
}

func TestActionSchemaCompiles(t *testing.T) {
	if err := actionSchema.Check(); err != nil {
		t.Fatal(err)
	}
}

// FuzzParseAction: no panic, every diagnostic valid and inside the input,
// and an action read without diagnostics renders to a file that reads back
// clean.
func FuzzParseAction(f *testing.F) {
	f.Add([]byte(seedAction))
	for _, tc := range actionCases {
		f.Add([]byte(strings.Replace(tc.src, mark, "", 1)))
	}
	f.Add([]byte("Configuration:\n  ApplicationName: a\n"))
	f.Add([]byte(`{"configuration": {"Image9ArtifactName": 1}, "inputArtifacts": [{"name": "x"}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		a, l := ParseAction("a.json", src)
		bound := source.LineBound(src)
		for _, d := range l {
			if !d.Valid() || d.Line > bound {
				t.Fatalf("bad diagnostic %+v (%d lines)", d, bound)
			}
		}
		if a == nil || l.HasErrors() {
			return
		}
		b, err := a.JSON()
		if err != nil {
			t.Fatal(err)
		}
		if _, l2 := ParseAction("a.json", b); len(l2) > 0 {
			t.Fatalf("the rendering of a clean action does not read back clean: %v\n%s", l2, b)
		}
	})
}

// TestParseActionSource: Source says where each key's value is, under the
// name Configuration gives it (a skipped image number is closed up), and a
// parsed action compares with go-cmp as plain data.
func TestParseActionSource(t *testing.T) {
	src := strings.NewReplacer("Image2", "Image3").Replace(seedAction)
	a, l := ParseAction("a.json", []byte(src))
	if len(l) > 0 {
		t.Fatal(l)
	}
	want := &Action{
		ApplicationName: "AppECS-orders-api", DeploymentGroupName: "DgpECS-orders-api",
		TaskDefinitionTemplateArtifact: "BuildArtifact", TaskDefinitionTemplatePath: "taskdef.json",
		AppSpecTemplateArtifact: "BuildArtifact", AppSpecTemplatePath: "appspec.yaml",
		Images: []Image{{"Image1Artifact", "IMAGE1_NAME"}, {"Image3Artifact", "IMAGE2_NAME"}},
		Source: &ActionSource{File: "a.json", Keys: map[string]Location{
			"ApplicationName":                {2, 22, "/ApplicationName"},
			"DeploymentGroupName":            {3, 26, "/DeploymentGroupName"},
			"TaskDefinitionTemplateArtifact": {4, 37, "/TaskDefinitionTemplateArtifact"},
			"TaskDefinitionTemplatePath":     {5, 33, "/TaskDefinitionTemplatePath"},
			"AppSpecTemplateArtifact":        {6, 30, "/AppSpecTemplateArtifact"},
			"AppSpecTemplatePath":            {7, 26, "/AppSpecTemplatePath"},
			"Image1ArtifactName":             {8, 25, "/Image1ArtifactName"},
			"Image1ContainerName":            {9, 26, "/Image1ContainerName"},
			"Image2ArtifactName":             {10, 25, "/Image3ArtifactName"},
			"Image2ContainerName":            {11, 26, "/Image3ContainerName"},
		}},
	}
	if d := cmp.Diff(want, a); d != "" {
		t.Errorf("ParseAction (-want +got):\n%s", d)
	}
	built := *want
	built.Source = nil
	if d := cmp.Diff(&built, a, cmpopts.IgnoreFields(Action{}, "Source")); d != "" {
		t.Errorf("ignoring Source (-built +parsed):\n%s", d)
	}
}
