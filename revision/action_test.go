package revision

import (
	"strings"
	"testing"

	"github.com/bgspec/bgspec/buildspec"
	"github.com/bgspec/bgspec/internal/golden"
	"github.com/bgspec/bgspec/internal/render"
)

func seedRecipe() buildspec.Recipe {
	return buildspec.Recipe{
		Region:  "ap-northeast-1",
		Account: "123456789012",
		Images: []buildspec.Image{
			{ContainerName: "nginx", Repository: "technight/nginx", Context: "nginx"},
			{ContainerName: "app", Repository: "technight/app", Context: "app"},
		},
		Tag: buildspec.Tag{Source: buildspec.TagRevisionFile},
	}
}

func TestActionFromRecipe(t *testing.T) {
	a := ActionFromRecipe("technight-app", "technight-dg", seedRecipe())
	if l := a.Validate(); len(l) != 0 {
		t.Fatalf("generated action should validate clean:\n%v", l)
	}
	js, err := a.JSON()
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/action/seed.json", js)
	decl, err := render.JSON(a.Declaration("Deploy"))
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/action/seed-declaration.json", decl)

	// The buildspec the same recipe builds agrees with the action.
	bs, err := seedRecipe().Build()
	if err != nil {
		t.Fatal(err)
	}
	src, err := buildspec.Marshal(bs)
	if err != nil {
		t.Fatal(err)
	}
	files := seedFiles()
	files["buildspec.yml"] = src
	files["taskdef.json"] = []byte(`{"family": "sample", "networkMode": "awsvpc",
  "containerDefinitions": [
    {"name": "nginx", "image": "<IMAGE1_NAME>", "essential": true, "memory": 128, "portMappings": [{"containerPort": 80}]},
    {"name": "app", "image": "<IMAGE2_NAME>", "essential": true, "memory": 512, "portMappings": [{"containerPort": 8080}]}
  ]}
`)
	files["appspec.yaml"] = replace(files, "appspec.yaml", "ContainerName: web", "ContainerName: nginx")["appspec.yaml"]
	if l := Check(files, WithAction(a)); len(l) != 0 {
		t.Fatalf("recipe buildspec + action should cross-check clean:\n%v", dump(l))
	}
	// jq rewrite: no image inputs.
	r := seedRecipe()
	r.Rewrite = buildspec.RewriteJQ
	if a := ActionFromRecipe("x", "y", r); len(a.Images) != 0 || a.TaskDefinitionTemplateArtifact == "" {
		t.Errorf("jq recipe: %+v", a)
	}
}

func TestActionValidate(t *testing.T) {
	good := func() *Action { return ActionFromRecipe("app", "dg", seedRecipe()) }
	cases := []struct {
		name   string
		mutate func(a *Action)
		rule   string
		path   string
	}{
		{"missing application", func(a *Action) { a.ApplicationName = "" }, RuleActionRequired, "/ApplicationName"},
		{"bad artifact name", func(a *Action) { a.AppSpecTemplateArtifact = "Build Artifact" }, RuleActionArtifact, "/AppSpecTemplateArtifact"},
		{"token with brackets", func(a *Action) { a.Images[0].ContainerName = "<IMAGE1_NAME>" }, RuleActionImage, "/Image1ContainerName"},
		{"duplicate token", func(a *Action) { a.Images[1].ContainerName = a.Images[0].ContainerName }, RuleActionImage, "/Image2ContainerName"},
		{"image without artifact", func(a *Action) { a.Images[1].ArtifactName = "" }, RuleActionImage, "/Image2ArtifactName"},
		{"value too long", func(a *Action) { a.DeploymentGroupName = strings.Repeat("g", 1001) }, RuleActionValue, "/DeploymentGroupName"},
		{"six distinct artifacts", func(a *Action) {
			a.AppSpecTemplateArtifact = "SpecArtifact"
			for i := 3; i <= 4; i++ {
				a.Images = append(a.Images, Image{ArtifactName: "I" + string(rune('0'+i)), ContainerName: "IMAGE" + string(rune('0'+i)) + "_NAME"})
			}
		}, RuleActionArtifact, ""},
		{"five images", func(a *Action) {
			for i := 3; i <= 5; i++ {
				a.Images = append(a.Images, Image{ArtifactName: "I" + string(rune('0'+i)), ContainerName: "IMAGE" + string(rune('0'+i)) + "_NAME"})
			}
		}, RuleXTooManyImages, "/Image5ArtifactName"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := good()
			tc.mutate(a)
			for _, d := range a.Validate() {
				if d.Rule == tc.rule && d.Path == tc.path {
					return
				}
			}
			t.Fatalf("want %s at %s, got %v", tc.rule, tc.path, a.Validate())
		})
	}
}
