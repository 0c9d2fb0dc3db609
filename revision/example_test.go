package revision_test

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"

	"github.com/bgspec/bgspec/revision"
)

func ExamplePackDir() {
	base, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(base)
	dir := filepath.Join(base, "src")
	files := map[string]string{
		"buildspec.yml": "version: 0.2\nphases:\n  build:\n    commands:\n      - echo build\n",
		"appspec.yaml": `version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: <TASK_DEFINITION>
        LoadBalancerInfo:
          ContainerName: web
          ContainerPort: 80
`,
		"taskdef.json": `{"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx", "essential": true, "memory": 128, "portMappings": [{"containerPort": 80}]}]}`,
		"app/gradlew":  "#!/bin/sh\n",
		".svn/entries": "12\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	os.Chmod(filepath.Join(dir, "app/gradlew"), 0o755)

	out := filepath.Join(base, "application.zip")
	diags, err := revision.PackDir(dir, out, revision.Disable("appspec/no-capacity-provider-strategy"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("diagnostics:", len(diags))
	zr, _ := zip.OpenReader(out)
	defer zr.Close()
	for _, f := range zr.File {
		fmt.Println(f.Mode(), f.Modified.Format("2006-01-02"), f.Name)
	}
	// Output:
	// diagnostics: 0
	// -rwxr-xr-x 1980-01-01 app/gradlew
	// -rw-r--r-- 1980-01-01 appspec.yaml
	// -rw-r--r-- 1980-01-01 buildspec.yml
	// -rw-r--r-- 1980-01-01 taskdef.json
}

func ExampleENICapacity() {
	for _, trunking := range []bool{false, true} {
		c, _ := revision.ENICapacity("c5.large", 2, 3, trunking)
		fmt.Println(c.Fits, c)
	}
	// Output:
	// false 2 × c5.large without ENI trunking: 2 awsvpc tasks per instance, 4 in all; a blue/green deployment of 3 tasks runs 6 (blue + green): does not fit; with awsvpcTrunking the limit is 10 per instance (20 in all), which fits
	// true 2 × c5.large with awsvpcTrunking: 10 awsvpc tasks per instance, 20 in all; a blue/green deployment of 3 tasks runs 6 (blue + green): fits
}

// ExampleParseAction reads the CodeDeployToECS action configuration a
// pipeline template holds and finds the placeholder written with its angle
// brackets, at its line and column.
func ExampleParseAction() {
	src := []byte(`{
  "ApplicationName": "AppECS-web",
  "DeploymentGroupName": "DgpECS-web",
  "TaskDefinitionTemplateArtifact": "BuildArtifact",
  "AppSpecTemplateArtifact": "BuildArtifact",
  "Image1ArtifactName": "Image1Artifact",
  "Image1ContainerName": "<IMAGE1_NAME>"
}
`)
	a, l := revision.ParseAction("codedeploy-action.json", src)
	fmt.Println(a.InputArtifacts())
	for _, d := range l {
		fmt.Println(d.Line, d.Column, d.Path, d.Rule)
	}
	// Where each key's value is; cross-file diagnostics about the action point there.
	fmt.Println(a.Source.File, a.Source.Keys["Image1ArtifactName"])
	// Output:
	// [BuildArtifact Image1Artifact]
	// 7 26 /Image1ContainerName revision/action-image
	// codedeploy-action.json {6 25 /Image1ArtifactName}
}
