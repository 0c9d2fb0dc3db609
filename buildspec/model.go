package buildspec

import (
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/bgspec/bgspec/internal/render"
	"go.yaml.in/yaml/v3"
)

// Buildspec is a CodeBuild buildspec, version 0.2. Field order is the order
// of the CodeBuild build specification reference, and it is the order in
// which [Marshal] writes the keys: version, run-as, env, proxy, batch,
// phases, reports, artifacts, cache.
type Buildspec struct {
	// Version is the buildspec version; write [Version02].
	Version Version `json:"version"`
	// RunAs is the Linux user all commands run as (default root).
	RunAs string `json:"run-as,omitempty"`
	// Env holds the build's environment variables.
	Env *Env `json:"env,omitempty"`
	// Proxy configures an explicit proxy server.
	Proxy *Proxy `json:"proxy,omitempty"`
	// Batch configures a batch build.
	Batch *Batch `json:"batch,omitempty"`
	// Phases are the build phases, run in the order install, pre_build,
	// build, post_build.
	Phases Phases `json:"phases"`
	// Reports maps a report group name or ARN to its report (at most 5).
	Reports map[string]Report `json:"reports,omitempty"`
	// Artifacts describes the build output.
	Artifacts *Artifacts `json:"artifacts,omitempty"`
	// Cache describes the build cache.
	Cache *Cache `json:"cache,omitempty"`

	// Comments maps a JSON pointer of a key in the output ("/phases/build")
	// to a comment written on the line above it. Parse leaves it empty;
	// builders such as [Recipe.Build] fill it to explain generated sections.
	Comments map[string]string `json:"-"`
}

// Version is the buildspec version, kept as its literal text.
type Version string

// Buildspec versions.
const (
	// Version02 is the current version: all commands of a build run in one
	// shell, so cd and export carry over.
	Version02 Version = "0.2"
	// Version01 is the legacy version: each command runs in its own shell.
	Version01 Version = "0.1"
)

var numericVersion = regexp.MustCompile(`^(0|[1-9][0-9]*)\.[0-9]+$`)

// YAMLNode writes a version that YAML reads back as the same float text
// (0.2, 0.20, 10.5) as a plain number (version: 0.2, never "0.2"), and any
// other text ("00", "1", "0.2e1") quoted, so that it reads back unchanged.
// The zero Version is written as 0.2.
func (v Version) YAMLNode() *yaml.Node {
	switch {
	case v == "":
		return render.Scalar("!!float", string(Version02))
	case numericVersion.MatchString(string(v)):
		return render.Scalar("!!float", string(v))
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(v), Style: yaml.DoubleQuotedStyle}
}

// YesNo is a buildspec yes/no flag.
type YesNo string

// The two YesNo values.
const (
	Yes YesNo = "yes"
	No  YesNo = "no"
)

// YAMLNode writes yes and no as plain scalars, as the CodeBuild reference
// does. (The flow-style bit has no effect on a scalar; it tells Marshal's
// quoting pass to leave the node plain.)
func (y YesNo) YAMLNode() *yaml.Node {
	if y != Yes && y != No {
		return commandNode(string(y))
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(y), Style: yaml.FlowStyle}
}

// Env holds a build's environment variables.
type Env struct {
	// Shell is bash or /bin/sh (Linux), powershell.exe or cmd.exe (Windows).
	Shell string `json:"shell,omitempty"`
	// Variables are plain-text variables; never put secrets here (they are
	// shown in the console). Names must not start with CODEBUILD_.
	Variables map[string]string `json:"variables,omitempty"`
	// ParameterStore maps a variable name to a Systems Manager parameter.
	ParameterStore map[string]string `json:"parameter-store,omitempty"`
	// SecretsManager maps a variable name to
	// secret-id[:json-key[:version-stage[:version-id]]].
	SecretsManager map[string]string `json:"secrets-manager,omitempty"`
	// ExportedVariables names variables exported to CodePipeline (not AWS_*).
	ExportedVariables []string `json:"exported-variables,omitempty"`
	// GitCredentialHelper lets Git use CodeBuild's source credentials.
	GitCredentialHelper YesNo `json:"git-credential-helper,omitempty"`
}

// Proxy configures an explicit proxy server.
type Proxy struct {
	// UploadArtifacts sends artifact uploads through the proxy.
	UploadArtifacts YesNo `json:"upload-artifacts,omitempty"`
	// Logs sends CloudWatch logs through the proxy.
	Logs YesNo `json:"logs,omitempty"`
}

// Phases are the four build phases. No other phase names exist.
type Phases struct {
	// Install installs packages and selects runtime versions.
	Install *Phase `json:"install,omitempty"`
	// PreBuild runs before the build (logins, tags).
	PreBuild *Phase `json:"pre_build,omitempty"`
	// Build runs the build.
	Build *Phase `json:"build,omitempty"`
	// PostBuild runs after the build (push, output files).
	PostBuild *Phase `json:"post_build,omitempty"`
}

// Phase is one build phase.
type Phase struct {
	// RunAs overrides the top-level run-as for this phase.
	RunAs string `json:"run-as,omitempty"`
	// OnFailure says what happens when a command fails.
	OnFailure OnFailure `json:"on-failure,omitempty"`
	// RuntimeVersions selects runtimes (install phase only).
	RuntimeVersions map[string]string `json:"runtime-versions,omitempty"`
	// Commands run in order; the first failure skips the rest.
	Commands Commands `json:"commands,omitempty"`
	// Finally always runs after Commands.
	Finally Commands `json:"finally,omitempty"`
}

// OnFailure is a phase's on-failure action: ABORT, CONTINUE, or a RETRY
// form (RETRY, RETRY-<count>, RETRY-<regex>, RETRY-<count>-<regex>).
type OnFailure string

// The fixed on-failure actions.
const (
	OnFailureAbort    OnFailure = "ABORT"
	OnFailureContinue OnFailure = "CONTINUE"
	OnFailureRetry    OnFailure = "RETRY"
)

// Commands is a list of shell commands. [Marshal] quotes a command whenever
// a YAML 1.1 or 1.2 reader would otherwise read it as something other than
// the same string.
type Commands []string

// YAMLNode writes each command as a string scalar, quoted where needed.
func (c Commands) YAMLNode() *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, s := range c {
		n.Content = append(n.Content, commandNode(s))
	}
	return n
}

// Report is one report group's configuration.
type Report struct {
	// Files are the report files (paths or globs).
	Files StringList `json:"files"`
	// BaseDirectory is the directory the files are relative to.
	BaseDirectory string `json:"base-directory,omitempty"`
	// DiscardPaths flattens the directory structure.
	DiscardPaths YesNo `json:"discard-paths,omitempty"`
	// FileFormat is the report format, for example JUNITXML.
	FileFormat string `json:"file-format,omitempty"`
}

// Artifacts describes the build output. Files is required whenever
// artifacts is present, even if only secondary artifacts are used.
type Artifacts struct {
	// Files are the output files (paths or globs).
	Files StringList `json:"files,omitempty"`
	// Name is the artifact name (S3 projects with overrides only).
	Name string `json:"name,omitempty"`
	// DiscardPaths flattens the directory structure.
	DiscardPaths YesNo `json:"discard-paths,omitempty"`
	// BaseDirectory is the directory the files are relative to.
	BaseDirectory string `json:"base-directory,omitempty"`
	// ExcludePaths are paths left out, relative to BaseDirectory.
	ExcludePaths StringList `json:"exclude-paths,omitempty"`
	// EnableSymlinks keeps symbolic links in a ZIP artifact.
	EnableSymlinks YesNo `json:"enable-symlinks,omitempty"`
	// S3Prefix prefixes the artifact's S3 key.
	S3Prefix string `json:"s3-prefix,omitempty"`
	// SecondaryArtifacts maps an artifact identifier (in CodePipeline: an
	// output artifact name of the build action) to its files.
	SecondaryArtifacts map[string]SecondaryArtifact `json:"secondary-artifacts,omitempty"`
}

// SecondaryArtifact is one secondary artifact; it takes the same keys as
// [Artifacts] except secondary-artifacts.
type SecondaryArtifact struct {
	// Files are the output files (paths or globs).
	Files StringList `json:"files,omitempty"`
	// Name is the artifact name.
	Name string `json:"name,omitempty"`
	// DiscardPaths flattens the directory structure.
	DiscardPaths YesNo `json:"discard-paths,omitempty"`
	// BaseDirectory is the directory the files are relative to.
	BaseDirectory string `json:"base-directory,omitempty"`
	// ExcludePaths are paths left out, relative to BaseDirectory.
	ExcludePaths StringList `json:"exclude-paths,omitempty"`
	// EnableSymlinks keeps symbolic links in a ZIP artifact.
	EnableSymlinks YesNo `json:"enable-symlinks,omitempty"`
	// S3Prefix prefixes the artifact's S3 key.
	S3Prefix string `json:"s3-prefix,omitempty"`
}

// Cache describes the build cache.
type Cache struct {
	// Paths are the cached paths (globs). The buildspec reference marks
	// paths as required, the S3 caching page says CodeBuild caches common
	// dependency directories without it; bgspec follows the caching page
	// and does not require paths.
	Paths StringList `json:"paths,omitempty"`
	// Key is the exact-match cache key (S3 cache).
	Key string `json:"key,omitempty"`
	// FallbackKeys are up to 5 key prefixes tried when Key misses.
	FallbackKeys []string `json:"fallback-keys,omitempty"`
	// Action is restore or save; empty means both.
	Action CacheAction `json:"action,omitempty"`
}

// CacheAction restricts what the cache does.
type CacheAction string

// Cache actions.
const (
	CacheRestore CacheAction = "restore"
	CacheSave    CacheAction = "save"
)

// Batch configures a batch build: FastFail plus exactly one batch type.
type Batch struct {
	// FastFail stops all builds when one task fails.
	FastFail *bool `json:"fast-fail,omitempty"`
	// BuildGraph is a dependency graph of tasks.
	BuildGraph []BatchTask `json:"build-graph,omitempty"`
	// BuildList is a list of independent tasks.
	BuildList []BatchTask `json:"build-list,omitempty"`
	// BuildMatrix is a matrix of environments.
	BuildMatrix *BuildMatrix `json:"build-matrix,omitempty"`
	// BuildFanout is a fan-out configuration (keys not verified against
	// the archived reference, so kept as plain values).
	BuildFanout map[string]any `json:"build-fanout,omitempty"`
}

// BatchTask is one task of a build graph or build list.
type BatchTask struct {
	// Identifier names the task (required).
	Identifier string `json:"identifier"`
	// Buildspec is the path of the task's buildspec.
	Buildspec string `json:"buildspec,omitempty"`
	// DebugSession enables a session-manager debug session.
	DebugSession *bool `json:"debug-session,omitempty"`
	// DependOn lists identifiers this task waits for (build-graph only).
	DependOn []string `json:"depend-on,omitempty"`
	// Env overrides the task's environment.
	Env *BatchEnv `json:"env,omitempty"`
	// IgnoreFailure lets the batch succeed when this task fails.
	IgnoreFailure *bool `json:"ignore-failure,omitempty"`
}

// BatchEnv overrides a batch task's build environment.
type BatchEnv struct {
	// ComputeType is the compute type, for example BUILD_GENERAL1_SMALL.
	ComputeType string `json:"compute-type,omitempty"`
	// Image is the build image.
	Image string `json:"image,omitempty"`
	// PrivilegedMode runs Docker in privileged mode.
	PrivilegedMode *bool `json:"privileged-mode,omitempty"`
	// Type is the environment type, for example LINUX_CONTAINER.
	Type string `json:"type,omitempty"`
	// Variables are extra environment variables.
	Variables map[string]string `json:"variables,omitempty"`
}

// BuildMatrix is a build-matrix batch configuration.
type BuildMatrix struct {
	// Static settings apply to every matrix build.
	Static *MatrixStatic `json:"static,omitempty"`
	// Dynamic lists the values the matrix combines.
	Dynamic *MatrixDynamic `json:"dynamic,omitempty"`
}

// MatrixStatic holds settings shared by every matrix build.
type MatrixStatic struct {
	// IgnoreFailure lets the batch succeed when a matrix build fails.
	IgnoreFailure *bool `json:"ignore-failure,omitempty"`
	// Env overrides the environment.
	Env *BatchEnv `json:"env,omitempty"`
}

// MatrixDynamic lists the values a build matrix combines.
type MatrixDynamic struct {
	// Buildspec lists buildspec paths.
	Buildspec []string `json:"buildspec,omitempty"`
	// Env lists environment values.
	Env *MatrixDynamicEnv `json:"env,omitempty"`
}

// MatrixDynamicEnv lists environment values a build matrix combines.
type MatrixDynamicEnv struct {
	// ComputeType lists compute types.
	ComputeType []string `json:"compute-type,omitempty"`
	// Image lists build images.
	Image []string `json:"image,omitempty"`
	// Variables maps a variable name to its values.
	Variables map[string][]string `json:"variables,omitempty"`
}

// StringList is a list of paths. A buildspec may write a single path as a
// plain string; it decodes as a one-element list and is written as a list.
type StringList []string

// UnmarshalJSON accepts a string or a list of strings.
func (s *StringList) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*s = StringList{one}
		return nil
	}
	var many []any
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("buildspec: want a string or a list of strings: %w", err)
	}
	out := make(StringList, 0, len(many))
	for _, e := range many {
		if str, ok := e.(string); ok {
			out = append(out, str)
		}
	}
	*s = out
	return nil
}

// YAMLNode writes the list as a YAML sequence of strings, quoted where
// needed (globs such as '**/*' start with a YAML indicator).
func (s StringList) YAMLNode() *yaml.Node {
	return Commands(s).YAMLNode()
}
