package buildspec

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Recipe describes the build stage of an ECS blue/green deployment through
// CodePipeline: log in to Amazon ECR, build and push one image per
// container, and hand appspec.yaml and taskdef.json (plus, with
// [RewritePlaceholders], one imageDetail.json per image) to the
// CodeDeployToECS deploy action. [Recipe.Build] turns it into a
// [Buildspec]; the recipe itself is plain data.
//
// Base images should come from ECR Public (public.ecr.aws/docker/library/…,
// the mirror of Docker Hub's official images): CodeBuild shares NAT
// addresses with other customers, so anonymous Docker Hub pulls run into
// Docker Hub's pull rate limit ("toomanyrequests: Too Many Requests"). Set
// [Image.BaseImage] and write the Dockerfile as
//
//	ARG BASE_IMAGE
//	FROM ${BASE_IMAGE}
type Recipe struct {
	// Region is the AWS Region of the ECR registry, for example
	// "ap-northeast-1". It may be left empty when Registry is set.
	Region string
	// Account is the 12-digit AWS account id that owns the registry. Give
	// Account or Registry.
	Account string
	// Registry is the registry host,
	// <account>.dkr.ecr.<region>.amazonaws.com. Give Account or Registry.
	Registry string
	// Images are the images to build, in task-definition order. At most 4
	// with RewritePlaceholders (the CodeDeployToECS action takes
	// Image1…Image4), at most 10 with RewriteJQ (the containers of one task
	// definition).
	Images []Image
	// Tag says where the image tag comes from.
	Tag Tag
	// Rewrite chooses how the new image URIs reach taskdef.json; the zero
	// value is RewritePlaceholders.
	Rewrite Rewrite
	// ECRPublicLogin adds a login to ECR Public (us-east-1), for higher pull
	// quotas from public.ecr.aws than anonymous pulls get. The build role
	// then needs ecr-public:GetAuthorizationToken and
	// sts:GetServiceBearerToken.
	ECRPublicLogin bool
	// TaskDefinition is the task-definition template's path in the source;
	// default "taskdef.json".
	TaskDefinition string
	// AppSpec is the AppSpec file's path in the source; default
	// "appspec.yaml".
	AppSpec string
	// DefinitionArtifact names the build output artifact holding
	// appspec.yaml and taskdef.json when there are several outputs
	// (RewritePlaceholders); default "BuildArtifact".
	DefinitionArtifact string
}

// Image is one container image the recipe builds.
type Image struct {
	// ContainerName is the container's name in taskdef.json.
	ContainerName string
	// Repository is the ECR repository name, for example "technight/app".
	Repository string
	// Context is the docker build context directory; default ".".
	Context string
	// Dockerfile is the Dockerfile path; default <Context>/Dockerfile
	// (docker's own default).
	Dockerfile string
	// BaseImage, if set, is passed as --build-arg BASE_IMAGE=<BaseImage>
	// (or BaseImageArg). A Docker Hub official image name ("nginx:1.27")
	// is replaced by its ECR Public mirror
	// ("public.ecr.aws/docker/library/nginx:1.27"); other Docker Hub images
	// are refused.
	BaseImage string
	// BaseImageArg is the build argument that receives BaseImage; default
	// "BASE_IMAGE".
	BaseImageArg string
	// BuildArgs are more --build-arg values, in this order. Values are
	// passed literally (shell-quoted).
	BuildArgs []BuildArg
	// ArtifactName names this image's output artifact (RewritePlaceholders
	// only); default "Image<N>Artifact".
	ArtifactName string
}

// BuildArg is one docker build argument.
type BuildArg struct {
	// Name is the ARG name in the Dockerfile.
	Name string
	// Value is passed literally (the recipe shell-quotes it).
	Value string
}

// TagSource says where the image tag comes from.
type TagSource string

// Tag sources.
const (
	// TagSourceVersion tags images with $CODEBUILD_RESOLVED_SOURCE_VERSION:
	// the commit id for Git sources, the object version id for S3 sources
	// (characters a Docker tag cannot hold, such as '+', become '_').
	TagSourceVersion TagSource = "source-version"
	// TagRevisionFile reads the tag from a file in the source, for example
	// the REVISION file a Jenkins job writes with the Subversion revision
	// before it zips the sources into application.zip.
	TagRevisionFile TagSource = "revision-file"
	// TagVariable takes the tag from an environment variable (set on the
	// project, the pipeline action or an earlier command).
	TagVariable TagSource = "variable"
)

// Tag configures the image tag. The tag is exported as IMAGE_TAG
// (env.exported-variables), so later pipeline actions can read it as
// #{<namespace>.IMAGE_TAG}.
type Tag struct {
	// Source is where the tag comes from; the zero value is
	// TagSourceVersion.
	Source TagSource
	// File is the file read by TagRevisionFile; default "REVISION".
	File string
	// Variable is the variable read by TagVariable.
	Variable string
}

// Rewrite chooses how the new image URIs get into taskdef.json.
type Rewrite string

// Rewrite strategies.
const (
	// RewritePlaceholders leaves taskdef.json alone: its image fields hold
	// <IMAGE1_NAME>…<IMAGE4_NAME>, the build writes one imageDetail.json per
	// image as its own output artifact, and the CodeDeployToECS action
	// replaces the placeholders (Image<N>ArtifactName/Image<N>ContainerName).
	RewritePlaceholders Rewrite = "placeholders"
	// RewriteJQ sets each container's image in taskdef.json with jq (which
	// the CodeBuild standard images ship), matching containers by name; the
	// deploy action then needs no image inputs.
	RewriteJQ Rewrite = "jq"
)

// ImageArtifact is what the CodeDeployToECS action configuration needs for
// one image: Image<N>ArtifactName = ArtifactName and Image<N>ContainerName
// = Placeholder (the token without angle brackets).
type ImageArtifact struct {
	// N is the image number, 1 to 4.
	N int
	// ArtifactName is the build output artifact (secondary artifact
	// identifier) holding this image's imageDetail.json.
	ArtifactName string
	// ContainerName is the container in taskdef.json.
	ContainerName string
	// Placeholder is the token replaced in taskdef.json, "IMAGE<N>_NAME";
	// the task definition holds it as "<IMAGE<N>_NAME>".
	Placeholder string
}

// Limits of the recipe.
const (
	// MaxPlaceholderImages is the CodeDeployToECS limit on image inputs.
	MaxPlaceholderImages = 4
	// MaxJQImages is the ECS limit on containers per task definition.
	MaxJQImages = 10
)

// ErrTooManyImages is returned (wrapped) when a recipe has more images than
// its rewrite strategy allows.
var ErrTooManyImages = errors.New("buildspec: too many images")

var (
	regionRe    = regexp.MustCompile(`^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-[0-9]$`)
	accountRe   = regexp.MustCompile(`^[0-9]{12}$`)
	registryRe  = regexp.MustCompile(`^([0-9]{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$`)
	repoRe      = regexp.MustCompile(`^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$`)
	containerRe = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,255}$`)
	artifactRe  = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,100}$`)
	varNameRe   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	imageRefRe  = regexp.MustCompile(`^[a-z0-9][a-z0-9._/-]*[a-z0-9](?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`)
	safePathRe  = regexp.MustCompile(`^[A-Za-z0-9._/-]+$`)
)

// registry returns the registry host and its Region.
func (r Recipe) registry() (host, region string, err error) {
	switch {
	case r.Registry != "":
		m := registryRe.FindStringSubmatch(r.Registry)
		if m == nil {
			return "", "", fmt.Errorf("buildspec: registry %q is not an ECR registry host (<account>.dkr.ecr.<region>.amazonaws.com)", r.Registry)
		}
		if r.Account != "" && r.Account != m[1] {
			return "", "", fmt.Errorf("buildspec: registry %q belongs to account %s, not %s", r.Registry, m[1], r.Account)
		}
		if r.Region != "" && r.Region != m[2] {
			return "", "", fmt.Errorf("buildspec: registry %q is in %s, not %s", r.Registry, m[2], r.Region)
		}
		return r.Registry, m[2], nil
	case r.Account == "":
		return "", "", errors.New("buildspec: the recipe needs Account (and Region) or Registry")
	case !accountRe.MatchString(r.Account):
		return "", "", fmt.Errorf("buildspec: account %q is not a 12-digit AWS account id", r.Account)
	case !regionRe.MatchString(r.Region):
		return "", "", fmt.Errorf("buildspec: region %q is not an AWS Region such as us-east-1", r.Region)
	}
	host = r.Account + ".dkr.ecr." + r.Region + ".amazonaws.com"
	if strings.HasPrefix(r.Region, "cn-") {
		host += ".cn"
	}
	return host, r.Region, nil
}

func (r Recipe) rewrite() Rewrite { return cmp.Or(r.Rewrite, RewritePlaceholders) }

// ImageArtifacts returns, for RewritePlaceholders, the artifact and
// placeholder of every image, in order, for the CodeDeployToECS action
// configuration; nil for RewriteJQ.
func (r Recipe) ImageArtifacts() []ImageArtifact {
	if r.rewrite() != RewritePlaceholders {
		return nil
	}
	out := make([]ImageArtifact, 0, len(r.Images))
	for i, img := range r.Images {
		n := i + 1
		out = append(out, ImageArtifact{
			N:             n,
			ArtifactName:  cmp.Or(img.ArtifactName, "Image"+strconv.Itoa(n)+"Artifact"),
			ContainerName: img.ContainerName,
			Placeholder:   "IMAGE" + strconv.Itoa(n) + "_NAME",
		})
	}
	return out
}

// DefinitionArtifactName returns the name of the output artifact that holds
// appspec.yaml and taskdef.json, for the action's
// TaskDefinitionTemplateArtifact and AppSpecTemplateArtifact. With
// RewriteJQ the build has a single output, whose name the pipeline chooses;
// the method returns DefinitionArtifact (default "BuildArtifact") anyway.
func (r Recipe) DefinitionArtifactName() string {
	return cmp.Or(r.DefinitionArtifact, "BuildArtifact")
}

// check validates the recipe's inputs.
func (r Recipe) check() error {
	if len(r.Images) == 0 {
		return errors.New("buildspec: the recipe has no images")
	}
	switch r.rewrite() {
	case RewritePlaceholders:
		if len(r.Images) > MaxPlaceholderImages {
			return fmt.Errorf("%w: %d images, but the CodeDeployToECS action takes at most %d image artifacts (Image1…Image4); use RewriteJQ or fewer images", ErrTooManyImages, len(r.Images), MaxPlaceholderImages)
		}
	case RewriteJQ:
		if len(r.Images) > MaxJQImages {
			return fmt.Errorf("%w: %d images, but a task definition has at most %d containers", ErrTooManyImages, len(r.Images), MaxJQImages)
		}
	default:
		return fmt.Errorf("buildspec: unknown rewrite strategy %q (want %q or %q)", r.Rewrite, RewritePlaceholders, RewriteJQ)
	}
	for _, p := range []string{r.TaskDefinition, r.AppSpec, r.Tag.File} {
		if p != "" && (!safePathRe.MatchString(p) || strings.HasPrefix(p, "/") || strings.Contains(p, "..")) {
			return fmt.Errorf("buildspec: path %q must be relative to the source root, made of letters, digits, '.', '_', '-' and '/'", p)
		}
	}
	if !artifactRe.MatchString(r.DefinitionArtifactName()) {
		return fmt.Errorf("buildspec: artifact name %q: use 1-100 letters, digits, '_' or '-'", r.DefinitionArtifactName())
	}
	seenC := map[string]bool{}
	seenA := map[string]bool{r.DefinitionArtifactName(): true}
	arts := r.ImageArtifacts() // nil unless RewritePlaceholders
	for i, img := range r.Images {
		switch {
		case !containerRe.MatchString(img.ContainerName):
			return fmt.Errorf("buildspec: image %d: container name %q: use 1-255 letters, digits, '_' or '-'", i+1, img.ContainerName)
		case seenC[img.ContainerName]:
			return fmt.Errorf("buildspec: image %d: container %q appears twice", i+1, img.ContainerName)
		case len(img.Repository) < 2 || len(img.Repository) > 256 || !repoRe.MatchString(img.Repository):
			return fmt.Errorf("buildspec: image %d: repository %q is not a valid ECR repository name (lower case, digits, . _ - and / namespaces)", i+1, img.Repository)
		}
		seenC[img.ContainerName] = true
		if img.BaseImageArg != "" && !varNameRe.MatchString(img.BaseImageArg) {
			return fmt.Errorf("buildspec: image %d: build argument name %q is not a valid name", i+1, img.BaseImageArg)
		}
		if img.BaseImage != "" {
			if _, err := baseImage(img.BaseImage); err != nil {
				return fmt.Errorf("buildspec: image %d: %w", i+1, err)
			}
		}
		for _, a := range img.BuildArgs {
			if !varNameRe.MatchString(a.Name) {
				return fmt.Errorf("buildspec: image %d: build argument name %q is not a valid name", i+1, a.Name)
			}
		}
		if arts != nil {
			name := arts[i].ArtifactName
			if !artifactRe.MatchString(name) || seenA[name] {
				return fmt.Errorf("buildspec: image %d: artifact name %q must be unique and use 1-100 letters, digits, '_' or '-'", i+1, name)
			}
			seenA[name] = true
		}
	}
	switch r.Tag.Source {
	case "", TagSourceVersion, TagRevisionFile:
	case TagVariable:
		if !varNameRe.MatchString(r.Tag.Variable) {
			return fmt.Errorf("buildspec: tag variable %q is not a valid environment variable name", r.Tag.Variable)
		}
		if strings.HasPrefix(r.Tag.Variable, "CODEBUILD_") && r.Tag.Variable != "CODEBUILD_RESOLVED_SOURCE_VERSION" && r.Tag.Variable != "CODEBUILD_BUILD_NUMBER" {
			return fmt.Errorf("buildspec: tag variable %q: use TagSourceVersion for the source version", r.Tag.Variable)
		}
	default:
		return fmt.Errorf("buildspec: unknown tag source %q", r.Tag.Source)
	}
	return nil
}

// baseImage returns the ECR Public form of a base image reference.
func baseImage(ref string) (string, error) {
	if !imageRefRe.MatchString(ref) {
		return "", fmt.Errorf("base image %q is not an image reference", ref)
	}
	if s, hub := hubImage(ref); hub {
		if s == "" {
			return "", fmt.Errorf("base image %q is on Docker Hub, whose anonymous pull limit CodeBuild builds run into: copy it to ECR (or ECR Public) and give that reference", ref)
		}
		return s, nil
	}
	return ref, nil
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9._/:@=+,-]+$`)

// shq quotes s for a POSIX shell when it needs quoting.
func shq(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Build returns the buildspec for the recipe, or an error naming the first
// invalid input (ErrTooManyImages for a fifth placeholder image).
func (r Recipe) Build() (*Buildspec, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	host, region, err := r.registry()
	if err != nil {
		return nil, err
	}
	taskdef := cmp.Or(r.TaskDefinition, "taskdef.json")
	appspec := cmp.Or(r.AppSpec, "appspec.yaml")
	uri := func(img Image) string { return host + "/" + img.Repository + ":$IMAGE_TAG" }

	b := &Buildspec{
		Version: Version02,
		Env:     &Env{ExportedVariables: []string{"IMAGE_TAG"}},
		Comments: map[string]string{
			"/env/exported-variables": "IMAGE_TAG is exported to CodePipeline (#{<action namespace>.IMAGE_TAG}).",
		},
	}

	// pre_build: logins and the tag.
	pre := Commands{
		"aws ecr get-login-password --region " + region + " | docker login --username AWS --password-stdin " + host,
	}
	if r.ECRPublicLogin {
		pre = append(pre, "aws ecr-public get-login-password --region us-east-1 | docker login --username AWS --password-stdin public.ecr.aws")
	}
	var tagComment string
	switch r.Tag.Source {
	case "", TagSourceVersion:
		// S3 object version ids may hold '+' and other characters Docker
		// tags do not allow ([A-Za-z0-9_.-], at most 128).
		pre = append(pre, `export IMAGE_TAG="$(printf '%s' "$CODEBUILD_RESOLVED_SOURCE_VERSION" | tr -c 'A-Za-z0-9_.-' '_' | cut -c 1-128)"`)
		tagComment = "the source version (the commit id,\nor the S3 object version of the source zip, made a valid Docker tag)"
	case TagRevisionFile:
		f := cmp.Or(r.Tag.File, "REVISION")
		pre = append(pre, "export IMAGE_TAG=\"$(tr -d '[:space:]' < "+shq(f)+")\"")
		tagComment = "the revision in " + f + ",\nwritten by the job that zips the sources (e.g. svnversion in Jenkins)"
	case TagVariable:
		pre = append(pre, `export IMAGE_TAG="${`+r.Tag.Variable+`}"`)
		tagComment = "$" + r.Tag.Variable
	}
	pre = append(pre, `test -n "$IMAGE_TAG" || { echo "IMAGE_TAG is empty" >&2; exit 1; }`)
	b.Comments["/phases/pre_build"] = "Log in to Amazon ECR (get-login-password | --password-stdin: the password\nnever appears on a command line); the image tag is " + tagComment + "."
	if r.ECRPublicLogin {
		b.Comments["/phases/pre_build"] += "\nThe ECR Public login (always us-east-1) raises the public.ecr.aws pull quota."
	}

	// build: one docker build per image.
	var build Commands
	hasBase := false
	for _, img := range r.Images {
		args := []string{"docker build"}
		if img.BaseImage != "" {
			hasBase = true
			ref, _ := baseImage(img.BaseImage)
			args = append(args, "--build-arg", cmp.Or(img.BaseImageArg, "BASE_IMAGE")+"="+shq(ref))
		}
		for _, a := range img.BuildArgs {
			args = append(args, "--build-arg", shq(a.Name+"="+a.Value))
		}
		ctx := cmp.Or(img.Context, ".")
		if img.Dockerfile != "" {
			args = append(args, "-f", shq(img.Dockerfile))
		}
		args = append(args, "-t", `"`+uri(img)+`"`, shq(ctx))
		build = append(build, strings.Join(args, " "))
	}
	buildComment := "Build one image per container."
	if hasBase {
		buildComment += "\nBase images come from ECR Public (public.ecr.aws/docker/library/…) as the BASE_IMAGE build\nargument: CodeBuild shares IP addresses, so anonymous Docker Hub pulls hit its rate limit\n(toomanyrequests). The Dockerfile starts with: ARG BASE_IMAGE / FROM ${BASE_IMAGE}"
	}
	b.Comments["/phases/build"] = buildComment

	// post_build: push, then hand the image URIs to the deploy action.
	var post Commands
	for _, img := range r.Images {
		post = append(post, `docker push "`+uri(img)+`"`)
	}
	arts := &Artifacts{Files: StringList{appspec, taskdef}}
	switch r.rewrite() {
	case RewritePlaceholders:
		dirs := make([]string, 0, len(r.Images))
		for _, img := range r.Images {
			dirs = append(dirs, "image-detail/"+img.ContainerName)
		}
		post = append(post, "mkdir -p "+strings.Join(dirs, " "))
		arts.SecondaryArtifacts = map[string]SecondaryArtifact{
			r.DefinitionArtifactName(): {Files: StringList{appspec, taskdef}},
		}
		var m []string
		for i, ia := range r.ImageArtifacts() {
			img := r.Images[i]
			post = append(post, `printf '{"ImageURI":"%s"}' "`+uri(img)+`" > `+dirs[i]+"/imageDetail.json")
			arts.SecondaryArtifacts[ia.ArtifactName] = SecondaryArtifact{BaseDirectory: dirs[i], Files: StringList{"imageDetail.json"}}
			m = append(m, fmt.Sprintf("%s → <%s> (container %s)", ia.ArtifactName, ia.Placeholder, ia.ContainerName))
		}
		b.Comments["/phases/post_build"] = "Push, then write one imageDetail.json per image; the CodeDeployToECS action puts its\nImageURI into taskdef.json in place of <IMAGEn_NAME> (no sed on JSON)."
		b.Comments["/artifacts"] = "Output artifacts, named as the CodeDeployToECS action expects:\n" +
			r.DefinitionArtifactName() + " → TaskDefinitionTemplateArtifact and AppSpecTemplateArtifact\n" + strings.Join(m, "\n")
	case RewriteJQ:
		var argsJQ, names, cases []string
		for i, img := range r.Images {
			v := "image" + strconv.Itoa(i+1)
			argsJQ = append(argsJQ, "--arg "+v+` "`+uri(img)+`"`)
			q := strconv.Quote(img.ContainerName)
			names = append(names, q)
			cases = append(cases, "if .name == "+q+" then .image = $"+v)
		}
		prog := "([" + strings.Join(names, ",") + "] - [.containerDefinitions[].name]) as $missing" +
			` | if ($missing | length) > 0 then error("` + taskdef + ` has no container named \($missing | join(", "))") else . end` +
			" | .containerDefinitions |= map(" + strings.Join(cases, " el") + " else . end)"
		tmp := taskdef + ".tmp"
		post = append(post, "jq "+strings.Join(argsJQ, " ")+" "+shq(prog)+" "+shq(taskdef)+" > "+shq(tmp)+" && mv "+shq(tmp)+" "+shq(taskdef))
		b.Comments["/phases/post_build"] = "Push, then set each container's image in " + taskdef + " with jq, by container name\n(a JSON-aware rewrite: no sed on JSON). jq fails the build if a container is missing."
		b.Comments["/artifacts"] = "The deploy action reads " + appspec + " and " + taskdef + " from this artifact."
	}
	b.Phases = Phases{
		PreBuild:  &Phase{Commands: pre},
		Build:     &Phase{Commands: build},
		PostBuild: &Phase{Commands: post},
	}
	b.Artifacts = arts
	return b, nil
}
