package buildspec_test

import (
	"fmt"

	"github.com/bgspec/bgspec/buildspec"
)

// Validate reports every problem with file:line:col, a JSON pointer and a
// rule id.
func ExampleValidate() {
	src := []byte(`version: 0.2
phases:
  pre_build:
    commands:
      - $(aws ecr get-login --no-include-email --region us-east-1)
  build:
    commands:
      - echo Build started: $(date)
      - docker build -t app .
`)
	for _, d := range buildspec.Validate("buildspec.yml", src) {
		fmt.Printf("%d:%d %s %s\n", d.Line, d.Column, d.Path, d.Rule)
	}
	// Output:
	// 5:9 /phases/pre_build/commands/0 buildspec/ecr-get-login
	// 8:9 /phases/build/commands/0 buildspec/command-not-string
}

// Recipe builds the buildspec of an ECS blue/green pipeline; ImageArtifacts
// tells the CodeDeployToECS action where each image's imageDetail.json is.
func ExampleRecipe() {
	r := buildspec.Recipe{
		Region:  "ap-northeast-1",
		Account: "123456789012",
		Images: []buildspec.Image{
			{ContainerName: "nginx", Repository: "web/nginx", Context: "nginx", BaseImage: "nginx:1.27-alpine"},
			{ContainerName: "app", Repository: "web/app", Context: "app"},
		},
		Tag: buildspec.Tag{Source: buildspec.TagRevisionFile, File: "REVISION"},
	}
	b, err := r.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(b.Phases.PreBuild.Commands[0])
	fmt.Println(b.Phases.Build.Commands[0])
	for _, a := range r.ImageArtifacts() {
		fmt.Printf("Image%dArtifactName=%s Image%dContainerName=%s (container %s)\n", a.N, a.ArtifactName, a.N, a.Placeholder, a.ContainerName)
	}
	fmt.Println(len(b.Validate()), "problems")
	// Output:
	// aws ecr get-login-password --region ap-northeast-1 | docker login --username AWS --password-stdin 123456789012.dkr.ecr.ap-northeast-1.amazonaws.com
	// docker build --build-arg BASE_IMAGE=public.ecr.aws/docker/library/nginx:1.27-alpine -t "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/web/nginx:$IMAGE_TAG" nginx
	// Image1ArtifactName=Image1Artifact Image1ContainerName=IMAGE1_NAME (container nginx)
	// Image2ArtifactName=Image2Artifact Image2ContainerName=IMAGE2_NAME (container app)
	// 0 problems
}

// Marshal quotes commands only where YAML needs it and writes version: 0.2
// as a number.
func ExampleMarshal() {
	b := &buildspec.Buildspec{
		Version: buildspec.Version02,
		Phases: buildspec.Phases{Build: &buildspec.Phase{Commands: buildspec.Commands{
			"make", "echo Build started: $(date)", "yes", "[ -f out ] || exit 1",
		}}},
		Artifacts: &buildspec.Artifacts{Files: buildspec.StringList{"**/*"}, DiscardPaths: buildspec.Yes},
	}
	out, _ := buildspec.Marshal(b)
	fmt.Print(string(out))
	// Output:
	// version: 0.2
	// phases:
	//   build:
	//     commands:
	//       - make
	//       - 'echo Build started: $(date)'
	//       - 'yes'
	//       - '[ -f out ] || exit 1'
	// artifacts:
	//   files:
	//     - '**/*'
	//   discard-paths: yes
}
