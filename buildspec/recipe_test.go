package buildspec

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/internal/golden"
	"github.com/google/go-cmp/cmp"
)

// seedRecipe is the scenario of the talk in ../shared/seed: an nginx and a
// Spring Boot app container, sources checked out of Subversion by Jenkins,
// which writes the revision into REVISION and zips everything into the
// pipeline's S3 source; CodeDeploy blue/green on ECS in Tokyo.
func seedRecipe() Recipe {
	return Recipe{
		Region:  "ap-northeast-1",
		Account: "123456789012",
		Images: []Image{
			{ContainerName: "nginx", Repository: "technight/nginx", Context: "nginx", BaseImage: "nginx:1.27-alpine"},
			{ContainerName: "app", Repository: "technight/app", Context: "app",
				BaseImage: "public.ecr.aws/docker/library/eclipse-temurin:17-jre",
				BuildArgs: []BuildArg{{Name: "JAR_FILE", Value: "build/libs/app.jar"}}},
		},
		Tag:     Tag{Source: TagRevisionFile, File: "REVISION"},
		Rewrite: RewritePlaceholders,
	}
}

func TestRecipeSeed(t *testing.T) {
	for _, tc := range []struct {
		name   string
		recipe func() Recipe
	}{
		{"placeholders", seedRecipe},
		{"jq", func() Recipe { r := seedRecipe(); r.Rewrite = RewriteJQ; return r }},
		{"source-version-ecr-public", func() Recipe {
			r := seedRecipe()
			r.Tag = Tag{}
			r.ECRPublicLogin = true
			r.Account, r.Region, r.Registry = "", "", "123456789012.dkr.ecr.us-west-2.amazonaws.com"
			return r
		}},
		{"variable", func() Recipe {
			r := seedRecipe()
			r.Tag = Tag{Source: TagVariable, Variable: "RELEASE_TAG"}
			r.Images = r.Images[:1]
			r.Images[0].Dockerfile = "docker/nginx.Dockerfile"
			r.Images[0].ArtifactName = "NginxImage"
			return r
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := tc.recipe().Build()
			if err != nil {
				t.Fatal(err)
			}
			out, err := Marshal(b)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, "testdata/render/TestRecipeSeed/"+tc.name+".buildspec.yml", out)
			if l := Validate("buildspec.yml", out); len(l) > 0 {
				t.Errorf("recipe output is not clean:\n%s", l)
			}
			if l := b.Validate(); len(l) > 0 {
				t.Errorf("(*Buildspec).Validate is not clean:\n%s", l)
			}
			// Byte-identical across runs.
			for range 5 {
				b2, _ := tc.recipe().Build()
				again, _ := Marshal(b2)
				if !bytes.Equal(again, out) {
					t.Fatal("output differs between runs")
				}
			}
			// What a senior engineer would never write.
			text := string(out)
			for _, ph := range []*Phase{b.Phases.PreBuild, b.Phases.Build, b.Phases.PostBuild} {
				for _, c := range ph.Commands {
					words := strings.Fields(c)
					bads := []string{"get-login", "sed", "docker.io"}
					if strings.Contains(c, "docker login") {
						bads = append(bads, "-p", "--password")
					}
					for _, bad := range bads {
						if slices.Contains(words, bad) {
							t.Errorf("command %q contains %q", c, bad)
						}
					}
				}
			}
			if !strings.Contains(text, "--password-stdin") || !strings.Contains(text, "IMAGE_TAG") {
				t.Error("output lacks the ECR login or the tag")
			}
		})
	}
}

func TestRecipeImageArtifacts(t *testing.T) {
	r := seedRecipe()
	got := r.ImageArtifacts()
	want := []ImageArtifact{
		{N: 1, ArtifactName: "Image1Artifact", ContainerName: "nginx", Placeholder: "IMAGE1_NAME"},
		{N: 2, ArtifactName: "Image2Artifact", ContainerName: "app", Placeholder: "IMAGE2_NAME"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ImageArtifacts (-want +got):\n%s", diff)
	}
	if r.DefinitionArtifactName() != "BuildArtifact" {
		t.Errorf("DefinitionArtifactName = %q", r.DefinitionArtifactName())
	}
	// Every artifact the action is told about is a secondary artifact of
	// the buildspec, holding what the action reads from it.
	b, err := r.Build()
	if err != nil {
		t.Fatal(err)
	}
	sa := b.Artifacts.SecondaryArtifacts
	if d, ok := sa[r.DefinitionArtifactName()]; !ok || !slices.Equal(d.Files, StringList{"appspec.yaml", "taskdef.json"}) {
		t.Errorf("definition artifact: %+v", d)
	}
	for _, ia := range got {
		a, ok := sa[ia.ArtifactName]
		if !ok || !slices.Equal(a.Files, StringList{"imageDetail.json"}) || a.BaseDirectory != "image-detail/"+ia.ContainerName {
			t.Errorf("artifact %s: %+v", ia.ArtifactName, a)
		}
	}
	if len(sa) != len(got)+1 {
		t.Errorf("want %d secondary artifacts, got %d", len(got)+1, len(sa))
	}
	r.Rewrite = RewriteJQ
	if r.ImageArtifacts() != nil {
		t.Error("jq strategy: want no image artifacts")
	}
}

func TestRecipeErrors(t *testing.T) {
	five := seedRecipe()
	for _, n := range []string{"a", "b", "c"} {
		five.Images = append(five.Images, Image{ContainerName: n, Repository: "r/" + n})
	}
	if _, err := five.Build(); !errors.Is(err, ErrTooManyImages) {
		t.Errorf("5 placeholder images: want ErrTooManyImages, got %v", err)
	}
	five.Rewrite = RewriteJQ
	if _, err := five.Build(); err != nil {
		t.Errorf("5 images with jq: %v", err)
	}
	four := seedRecipe()
	four.Images = append(four.Images, Image{ContainerName: "c", Repository: "r/c"}, Image{ContainerName: "d", Repository: "r/d"})
	if _, err := four.Build(); err != nil {
		t.Errorf("4 placeholder images: %v", err)
	}

	for name, mod := range map[string]func(*Recipe){
		"no images":              func(r *Recipe) { r.Images = nil },
		"no account":             func(r *Recipe) { r.Account = "" },
		"bad account":            func(r *Recipe) { r.Account = "12345" },
		"bad region":             func(r *Recipe) { r.Region = "tokyo" },
		"non-ECR registry":       func(r *Recipe) { r.Registry = "ghcr.io" },
		"registry region clash":  func(r *Recipe) { r.Registry = "123456789012.dkr.ecr.us-east-1.amazonaws.com" },
		"registry account clash": func(r *Recipe) { r.Region = ""; r.Registry = "210987654321.dkr.ecr.ap-northeast-1.amazonaws.com" },
		"bad repository":         func(r *Recipe) { r.Images[0].Repository = "Tech Night" },
		"bad container":          func(r *Recipe) { r.Images[0].ContainerName = "a b" },
		"duplicate container":    func(r *Recipe) { r.Images[1].ContainerName = "nginx" },
		"docker hub user image":  func(r *Recipe) { r.Images[0].BaseImage = "someone/nginx:1" },
		"bad base image":         func(r *Recipe) { r.Images[0].BaseImage = "nginx; rm -rf /" },
		"bad build arg":          func(r *Recipe) { r.Images[1].BuildArgs[0].Name = "A-B" },
		"bad base arg":           func(r *Recipe) { r.Images[0].BaseImageArg = "1X" },
		"bad tag variable":       func(r *Recipe) { r.Tag = Tag{Source: TagVariable, Variable: "A B"} },
		"reserved tag variable":  func(r *Recipe) { r.Tag = Tag{Source: TagVariable, Variable: "CODEBUILD_X"} },
		"unknown tag source":     func(r *Recipe) { r.Tag = Tag{Source: "git"} },
		"unknown rewrite":        func(r *Recipe) { r.Rewrite = "sed" },
		"bad revision path":      func(r *Recipe) { r.Tag.File = "../REVISION" },
		"absolute taskdef":       func(r *Recipe) { r.TaskDefinition = "/etc/passwd" },
		"duplicate artifact":     func(r *Recipe) { r.Images[0].ArtifactName = "BuildArtifact" },
		"bad artifact name":      func(r *Recipe) { r.DefinitionArtifact = "build artifact" },
	} {
		r := seedRecipe()
		mod(&r)
		if _, err := r.Build(); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}

// TestRecipeShellQuoting checks that odd build-arg values are quoted so
// the command reads back as the same words.
func TestRecipeShellQuoting(t *testing.T) {
	r := seedRecipe()
	r.Images[1].BuildArgs = []BuildArg{{Name: "GREETING", Value: "it's a $HOME & more"}}
	b, err := r.Build()
	if err != nil {
		t.Fatal(err)
	}
	cmd := b.Phases.Build.Commands[1]
	sc := parseShell(cmd).cmds
	if len(sc) != 1 {
		t.Fatalf("want one simple command, got %d in %q", len(sc), cmd)
	}
	if !strings.Contains(strings.Join(sc[0].argv(), "\x00"), "\x00GREETING=it's a $HOME & more\x00") {
		t.Errorf("build arg not kept as one literal word: %q", sc[0].argv())
	}
}
