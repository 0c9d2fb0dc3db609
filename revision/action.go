package revision

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/bgspec/bgspec/buildspec"
	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/render"
)

// MaxImages is the most image inputs the CodeDeployToECS action takes
// (Image1 … Image4).
const MaxImages = 4

// Placeholder tokens the CodeDeployToECS action replaces.
const (
	// TaskDefinitionPlaceholder is replaced in the AppSpec by the ARN of the
	// task definition the action registers.
	TaskDefinitionPlaceholder = "<TASK_DEFINITION>"
	// ImageDetailFile is the file name the action reads from each image input
	// artifact.
	ImageDetailFile = "imageDetail.json"
)

// Image is one image input of the action: the artifact holding
// imageDetail.json and the placeholder token (without angle brackets) that
// the image URI replaces in the task definition template.
type Image struct {
	ArtifactName  string
	ContainerName string
}

// Action is the configuration of a CodePipeline Deploy/AWS/CodeDeployToECS/1
// action (SPEC §D.1). Render it with Configuration, MarshalJSON or
// Declaration.
type Action struct {
	ApplicationName                string
	DeploymentGroupName            string
	TaskDefinitionTemplateArtifact string
	TaskDefinitionTemplatePath     string // "" means the default taskdef.json
	AppSpecTemplateArtifact        string
	AppSpecTemplatePath            string // "" means the default appspec.yaml
	Images                         []Image

	// Source is where ParseAction read the action, nil for an action built
	// in code. Cross-file diagnostics about the action (an image input no
	// placeholder uses, too many image inputs) point at its keys there.
	// It is plain data: compare two actions with go-cmp as they are, or
	// leave it out with cmpopts.IgnoreFields(Action{}, "Source").
	Source *ActionSource
}

// ActionSource locates an action's configuration keys in the file
// ParseAction read it from.
type ActionSource struct {
	// File is the name ParseAction was given.
	File string
	// Keys maps each configuration key present in the file, named as
	// Configuration names it, to where its value is. When the file skips an
	// image number (Image1…, Image3…), Image2ArtifactName maps to the
	// Image3ArtifactName the file wrote.
	Keys map[string]Location
}

// Location is a position in a file: 1-based line and byte column, and the
// RFC 6901 JSON pointer of the value there.
type Location struct {
	Line, Column int
	Path         string
}

// diagAt builds a diagnostic about configuration key (as Configuration
// names it, e.g. Image2ContainerName): at that key's value in the file the
// action was read from, or, for an action built in code, on file without a
// position.
func (a *Action) diagAt(key, file, rule, format string, args ...any) diag.Diagnostic {
	if s := a.Source; s != nil {
		if loc, ok := s.Keys[key]; ok {
			d := fileDiag(s.File, rule, format, args...)
			d.Line, d.Column, d.Path = loc.Line, loc.Column, loc.Path
			return d
		}
	}
	return fileDiag(file, rule, format, args...)
}

// Configuration returns the action's configuration map (every value a
// string, as CodePipeline requires), leaving out empty optional keys.
func (a *Action) Configuration() map[string]string {
	m := make(map[string]string)
	for _, kv := range a.pairs() {
		m[kv[0]] = kv[1]
	}
	return m
}

// pairs returns the configuration keys in documentation order.
func (a *Action) pairs() [][2]string {
	var out [][2]string
	add := func(k, v string, required bool) {
		if v != "" || required {
			out = append(out, [2]string{k, v})
		}
	}
	add("ApplicationName", a.ApplicationName, true)
	add("DeploymentGroupName", a.DeploymentGroupName, true)
	add("TaskDefinitionTemplateArtifact", a.TaskDefinitionTemplateArtifact, true)
	add("TaskDefinitionTemplatePath", a.TaskDefinitionTemplatePath, false)
	add("AppSpecTemplateArtifact", a.AppSpecTemplateArtifact, true)
	add("AppSpecTemplatePath", a.AppSpecTemplatePath, false)
	for i, im := range a.Images {
		n := strconv.Itoa(i + 1)
		add("Image"+n+"ArtifactName", im.ArtifactName, true)
		add("Image"+n+"ContainerName", im.ContainerName, true)
	}
	return out
}

// MarshalJSON renders the configuration as a JSON object with the keys in
// documentation order (ApplicationName first, Image<N> pairs last).
func (a *Action) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range a.pairs() {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(kv[0])
		v, _ := json.Marshal(kv[1])
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// JSON renders the configuration as indented JSON with a trailing newline,
// ready for `aws codepipeline` input or a CloudFormation template.
func (a *Action) JSON() ([]byte, error) { return render.JSON(a) }

// InputArtifacts returns the distinct input artifact names the action needs,
// in order of first use.
func (a *Action) InputArtifacts() []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range append([]string{a.TaskDefinitionTemplateArtifact, a.AppSpecTemplateArtifact}, a.imageArtifacts()...) {
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

func (a *Action) imageArtifacts() []string {
	var out []string
	for _, im := range a.Images {
		out = append(out, im.ArtifactName)
	}
	return out
}

// ActionDeclaration is a whole pipeline action as CloudFormation
// (AWS::CodePipeline::Pipeline Actions) and the CodePipeline API write it.
type ActionDeclaration struct {
	Name           string        `json:"Name"`
	ActionTypeID   ActionTypeID  `json:"ActionTypeId"`
	InputArtifacts []ArtifactRef `json:"InputArtifacts"`
	Configuration  *Action       `json:"Configuration"`
	RunOrder       int           `json:"RunOrder,omitempty"`
}

// ActionTypeID identifies the action type.
type ActionTypeID struct {
	Category string `json:"Category"`
	Owner    string `json:"Owner"`
	Provider string `json:"Provider"`
	Version  string `json:"Version"`
}

// ArtifactRef names an input artifact.
type ArtifactRef struct {
	Name string `json:"Name"`
}

// Declaration wraps the configuration in a complete action declaration.
func (a *Action) Declaration(name string) ActionDeclaration {
	d := ActionDeclaration{
		Name:          name,
		ActionTypeID:  ActionTypeID{Category: "Deploy", Owner: "AWS", Provider: "CodeDeployToECS", Version: "1"},
		Configuration: a,
		RunOrder:      1,
	}
	for _, n := range a.InputArtifacts() {
		d.InputArtifacts = append(d.InputArtifacts, ArtifactRef{Name: n})
	}
	return d
}

var (
	artifactNameRE = regexp.MustCompile(`^[a-zA-Z0-9_\-]{1,100}$`)
	tokenRE        = regexp.MustCompile(`^[A-Za-z0-9_]+$`)
	placeholderRE  = regexp.MustCompile(`^<([A-Za-z0-9_]+)>$`)
)

// Rules of the action configuration.
var (
	RuleActionRequired = reg("revision/action-required", diag.Error, "a required CodeDeployToECS configuration key is empty: ApplicationName, DeploymentGroupName, TaskDefinitionTemplateArtifact, AppSpecTemplateArtifact")
	RuleActionArtifact = reg("revision/action-artifact", diag.Error, "an artifact name must be 1-100 characters of [a-zA-Z0-9_-], and the action takes at most 5 distinct input artifacts")
	RuleActionImage    = reg("revision/action-image", diag.Error, "each Image<N> needs both ArtifactName and ContainerName; ContainerName is the placeholder token without angle brackets ([A-Za-z0-9_]+), used once")
	RuleActionValue    = reg("revision/action-value", diag.Error, "a configuration value is longer than CodePipeline's 1000 characters")
)

// Validate checks the configuration against the CodeDeployToECS rules
// (SPEC §D, §D.1). Paths are pointers into the JSON rendering.
func (a *Action) Validate() diag.List {
	var l diag.List
	add := func(key, rule, format string, args ...any) { // key "": the whole configuration
		d := fileDiag("action.json", rule, format, args...)
		if key != "" {
			d.Path = diag.Pointer(key)
		}
		l = append(l, d)
	}
	for _, kv := range a.pairs() {
		if kv[1] == "" {
			if strings.HasPrefix(kv[0], "Image") {
				add(kv[0], RuleActionImage, "%s is empty: give every image input both an artifact name and a placeholder token", kv[0])
			} else {
				add(kv[0], RuleActionRequired, "%s is required", kv[0])
			}
			continue
		}
		if len(kv[1]) > 1000 {
			add(kv[0], RuleActionValue, "%s is %d characters; CodePipeline takes at most 1000", kv[0], len(kv[1]))
		}
		if strings.HasSuffix(kv[0], "Artifact") || strings.HasSuffix(kv[0], "ArtifactName") {
			if !artifactNameRE.MatchString(kv[1]) {
				add(kv[0], RuleActionArtifact, "%s %q is not a valid artifact name: use 1-100 characters of [a-zA-Z0-9_-]", kv[0], kv[1])
			}
		}
	}
	if len(a.Images) > MaxImages {
		add("Image5ArtifactName", RuleXTooManyImages, "%d image inputs; the CodeDeployToECS action takes at most %d (Image1..Image4)", len(a.Images), MaxImages)
	}
	seen := map[string]int{}
	for i, im := range a.Images {
		key := fmt.Sprintf("Image%dContainerName", i+1)
		if im.ContainerName == "" {
			continue
		}
		if strings.HasPrefix(im.ContainerName, "<") || !tokenRE.MatchString(im.ContainerName) {
			add(key, RuleActionImage, "%s %q: write the placeholder token without angle brackets, e.g. IMAGE1_NAME for <IMAGE1_NAME>", key, im.ContainerName)
		}
		if j, dup := seen[im.ContainerName]; dup {
			add(key, RuleActionImage, "%s repeats Image%dContainerName %q: each placeholder is replaced by one image", key, j+1, im.ContainerName)
		}
		seen[im.ContainerName] = i
	}
	if n := len(a.InputArtifacts()); n > 5 {
		add("", RuleActionArtifact, "the action needs %d distinct input artifacts; CodeDeployToECS takes at most 5", n)
	}
	return l.Dedupe()
}

// templatePaths returns the file names the action reads.
func (a *Action) templatePaths() (taskdef, appspec string) {
	taskdef, appspec = a.TaskDefinitionTemplatePath, a.AppSpecTemplatePath
	if taskdef == "" {
		taskdef = DefaultTaskdef
	}
	if appspec == "" {
		appspec = DefaultAppSpec
	}
	return taskdef, appspec
}

// ActionFromRecipe generates the CodeDeployToECS action configuration from
// the buildspec recipe that builds the images, so the two always agree: the
// definition artifact carries taskdef.json and appspec.yaml, and each image's
// imageDetail.json artifact is paired with its <IMAGEn_NAME> placeholder
// token. With the jq rewrite strategy the action has no image inputs.
func ActionFromRecipe(applicationName, deploymentGroupName string, r buildspec.Recipe) *Action {
	a := &Action{
		ApplicationName:                applicationName,
		DeploymentGroupName:            deploymentGroupName,
		TaskDefinitionTemplateArtifact: r.DefinitionArtifactName(),
		AppSpecTemplateArtifact:        r.DefinitionArtifactName(),
	}
	if r.TaskDefinition != "" && r.TaskDefinition != DefaultTaskdef {
		a.TaskDefinitionTemplatePath = r.TaskDefinition
	}
	if r.AppSpec != "" && r.AppSpec != DefaultAppSpec {
		a.AppSpecTemplatePath = r.AppSpec
	}
	ias := r.ImageArtifacts()
	sort.SliceStable(ias, func(i, j int) bool { return ias[i].N < ias[j].N })
	for _, ia := range ias {
		a.Images = append(a.Images, Image{ArtifactName: ia.ArtifactName, ContainerName: ia.Placeholder})
	}
	return a
}
