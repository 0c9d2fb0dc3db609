package revision

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"time"

	"github.com/bgspec/bgspec/diag"
)

// Default spec file names, as CodeBuild and the CodeDeployToECS action read
// them when nothing is configured.
const (
	DefaultBuildspec = "buildspec.yml"
	DefaultAppSpec   = "appspec.yaml"
	DefaultTaskdef   = "taskdef.json"
)

// Caps applied by Verify (and by Pack to its own output).
const (
	// MaxS3Source is the CodePipeline S3 source artifact limit (5 GB).
	MaxS3Source = 5_000_000_000
	// MaxDeployArtifact is the CodeDeployToECS input artifact limit (3 MB).
	MaxDeployArtifact = 3 << 20
	// MaxEntries is the CodePipeline limit of files per S3 source object.
	MaxEntries = 100_000
)

// Option configures Pack, Verify and the cross-file checks. Options configure
// behaviour, never data.
type Option func(*options)

type options struct {
	buildspec, appspec, taskdef string
	modTime                     time.Time
	excludes                    []string
	keepVCS                     bool
	force                       bool
	noSpecCheck                 bool
	durable                     bool
	workers                     int
	memBudget                   int64
	disabled                    map[string]bool
	action                      *Action

	// Verify caps.
	maxEntries      int
	maxTotal        uint64
	maxRatio        uint64
	maxSpecFileSize int64
}

// zipEpoch is 1980-01-01T00:00:00Z, the earliest time a zip header can hold.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

func makeOptions(opts []Option) *options {
	o := &options{
		buildspec:       DefaultBuildspec,
		appspec:         DefaultAppSpec,
		taskdef:         DefaultTaskdef,
		modTime:         zipEpoch,
		workers:         runtime.GOMAXPROCS(0),
		memBudget:       16 << 20,
		maxEntries:      MaxEntries,
		maxTotal:        8 << 30,
		maxRatio:        1100, // DEFLATE tops out near 1032:1; anything beyond is a crafted bomb
		maxSpecFileSize: 4 << 20,
	}
	for _, f := range opts {
		if f != nil {
			f(o)
		}
	}
	if o.workers < 1 {
		o.workers = 1
	}
	if o.memBudget < 1<<20 {
		o.memBudget = 1 << 20
	}
	if o.modTime.Before(zipEpoch) {
		o.modTime = zipEpoch
	}
	return o
}

// enabled returns l without the diagnostics of disabled rules.
func (o *options) enabled(l diag.List) diag.List {
	out := make(diag.List, 0, len(l))
	for _, d := range l {
		if !o.disabled[d.Rule] {
			out = append(out, d)
		}
	}
	return out
}

// Disable drops diagnostics of the given rule ids. Disabling a rule that would
// refuse a pack lets the pack go ahead.
func Disable(ruleIDs ...string) Option {
	return func(o *options) {
		if o.disabled == nil {
			o.disabled = make(map[string]bool)
		}
		for _, id := range ruleIDs {
			o.disabled[id] = true
		}
	}
}

// SpecNames sets the file names of the buildspec, the AppSpec and the task
// definition template at the revision root (defaults buildspec.yml,
// appspec.yaml, taskdef.json; they must match the CodeBuild project's
// buildspec override and the action's AppSpecTemplatePath and
// TaskDefinitionTemplatePath). An empty name keeps the default; "-" means the
// revision does not carry that file.
func SpecNames(buildspec, appspec, taskdef string) Option {
	return func(o *options) {
		if buildspec != "" {
			o.buildspec = buildspec
		}
		if appspec != "" {
			o.appspec = appspec
		}
		if taskdef != "" {
			o.taskdef = taskdef
		}
	}
}

// ModTime sets the time stamp written into every entry (default
// 1980-01-01T00:00:00Z, the zip epoch; earlier times are raised to it).
// Only the MS-DOS date and time fields are written, never an extended
// time-stamp field.
func ModTime(t time.Time) Option {
	return func(o *options) { o.modTime = t.UTC() }
}

// SourceDateEpoch parses a SOURCE_DATE_EPOCH value (seconds since 1970, as
// https://reproducible-builds.org/specs/source-date-epoch/ defines it) and
// uses it as ModTime. An empty value keeps the default; an invalid value is an
// error, so a misconfigured build fails rather than silently changing bytes.
func SourceDateEpoch(value string) (Option, error) {
	if value == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(value, 10, 64)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("revision: SOURCE_DATE_EPOCH %q is not a non-negative integer", value)
	}
	return ModTime(time.Unix(n, 0)), nil
}

// SourceDateEpochFromEnv is SourceDateEpoch(os.Getenv("SOURCE_DATE_EPOCH")).
func SourceDateEpochFromEnv() (Option, error) {
	return SourceDateEpoch(os.Getenv("SOURCE_DATE_EPOCH"))
}

// Exclude leaves out paths matching any of the patterns (path.Match syntax).
// A pattern without a slash matches a base name at any depth ("*.log",
// "node_modules"); a pattern with a slash matches the whole slash-separated
// path from the root ("build/tmp/*"). Matching a folder leaves out everything
// under it.
func Exclude(patterns ...string) Option {
	return func(o *options) { o.excludes = append(o.excludes, patterns...) }
}

// KeepVCS keeps version-control folders (.git, .svn, .hg, .bzr, CVS), which
// Pack leaves out by default.
func KeepVCS() Option { return func(o *options) { o.keepVCS = true } }

// Force writes the zip even when the spec files or the cross-file checks
// report errors. Unsafe tree content (symlinks, special files, invalid or
// colliding names) still refuses the pack.
func Force() Option { return func(o *options) { o.force = true } }

// SkipSpecChecks turns off validation of the spec files and the cross-file
// checks during Pack and Verify (the layout, safety and archive checks still
// run).
func SkipSpecChecks() Option { return func(o *options) { o.noSpecCheck = true } }

// Durable makes PackDir fsync the zip before renaming it into place and the
// folder after, so the new zip survives a power loss. Without it the
// replacement is still atomic for readers and on process failure (a crash
// leaves the previous zip or the new one, never a mix), and much faster on
// disks where fsync is slow.
func Durable() Option { return func(o *options) { o.durable = true } }

// Workers sets how many files are compressed in parallel (default
// GOMAXPROCS). The output bytes do not depend on it.
func Workers(n int) Option { return func(o *options) { o.workers = n } }

// MemoryBudget caps the bytes of compressed data Pack holds in memory at once
// (default 16 MiB, minimum 1 MiB); larger entries are spilled to a temporary
// file beside the output. The output bytes do not depend on it.
func MemoryBudget(n int64) Option { return func(o *options) { o.memBudget = n } }

// WithAction sets the CodeDeployToECS action configuration that the
// cross-file checks compare the revision against (spec file names, image
// inputs). Without it the checks assume the defaults and derive the image
// inputs from the buildspec.
func WithAction(a *Action) Option { return func(o *options) { o.action = a } }

// VerifyLimits sets the caps Verify applies: the entry count (default
// 100,000), the sum of declared uncompressed sizes (default 8 GiB) and the
// per-entry compression ratio (default 1100:1). Zero keeps a default.
func VerifyLimits(maxEntries int, maxTotal uint64, maxRatio uint64) Option {
	return func(o *options) {
		if maxEntries > 0 {
			o.maxEntries = maxEntries
		}
		if maxTotal > 0 {
			o.maxTotal = maxTotal
		}
		if maxRatio > 0 {
			o.maxRatio = maxRatio
		}
	}
}
