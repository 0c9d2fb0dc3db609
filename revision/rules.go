package revision

import (
	"fmt"

	"github.com/bgspec/bgspec/diag"
)

func reg(id string, sev diag.Severity, doc string) string {
	return diag.Register(diag.RuleInfo{ID: id, Severity: sev, Doc: doc})
}

// fileDiag builds a diagnostic on file (no position) with rule's registered
// severity.
func fileDiag(file, rule, format string, args ...any) diag.Diagnostic {
	info, _ := diag.LookupRule(rule)
	return diag.Diagnostic{File: file, Rule: rule, Severity: info.Severity, Message: fmt.Sprintf(format, args...)}
}

// Rule ids reported by this package. Every id is registered with diag.Register.
var (
	// Layout of the revision.
	RuleNotAtRoot   = reg("revision/not-at-root", diag.Error, "a spec file (buildspec.yml, appspec.yaml, taskdef.json) is only in a subfolder: zip the folder's contents, not the folder, so the file sits at the archive root")
	RuleMissingSpec = reg("revision/missing-spec", diag.Error, "a spec file the pipeline reads is missing from the revision root: add it, or configure its name (TaskDefinitionTemplatePath/AppSpecTemplatePath, buildspec override)")

	// Unsafe or unportable tree content (Pack).
	RuleSymlinkEscape = reg("revision/symlink-escape", diag.Error, "a symbolic link points outside the tree: replace it with the file itself")
	RuleSymlink       = reg("revision/symlink", diag.Error, "a symbolic link inside the tree: S3-source extraction of link entries is undocumented, so replace it with a copy of its target")
	RuleSpecialFile   = reg("revision/special-file", diag.Error, "a FIFO, socket or device in the tree (detected with Lstat before opening): remove it or exclude it")
	RuleCaseCollision = reg("revision/case-collision", diag.Error, "two paths differ only in letter case or Unicode normalisation and collide on macOS/Windows file systems: rename one")
	RuleInvalidName   = reg("revision/invalid-name", diag.Error, "a path is not valid UTF-8, holds a backslash or control character, or has a component over 255 bytes: rename it")
	RuleUnreadable    = reg("revision/unreadable", diag.Error, "a file or folder could not be read (permissions) or changed while it was packed: fix its permissions or exclude it")
	RuleOutputInTree  = reg("revision/output-in-tree", diag.Error, "the output zip would be written inside the tree it packs, so it could include itself: write it outside the folder")

	// Size limits.
	RuleS3SourceSize       = reg("revision/s3-source-size", diag.Warning, "the application.zip is over the 5 GB CodePipeline S3 source artifact limit")
	RuleDeployArtifactSize = reg("revision/deploy-artifact-size", diag.Error, "taskdef.json + appspec.yaml (+ imageDetail.json) exceed the 3 MB CodeDeployToECS input artifact limit")
	RuleEntryCount         = reg("revision/entry-count", diag.Error, "the zip holds more entries than allowed (CodePipeline: 100,000 files per S3 object)")

	// Verify: an application.zip read from bytes.
	RuleZipCorrupt    = reg("revision/zip-corrupt", diag.Error, "the zip cannot be read, or an entry's data does not match its CRC or declared size: rebuild the archive")
	RuleZipTraversal  = reg("revision/zip-traversal", diag.Error, "an entry name is absolute, holds ../, a drive letter or a backslash, and would escape the extraction folder: rebuild with relative forward-slash names")
	RuleZipDuplicate  = reg("revision/zip-duplicate", diag.Error, "two entries share a name (or differ only in case): extraction depends on the reader, so keep one")
	RuleZipSymlink    = reg("revision/zip-symlink", diag.Error, "an entry is a symbolic link: store the file itself")
	RuleZipBomb       = reg("revision/zip-bomb", diag.Error, "declared sizes, compression ratio or overlapping entries exceed the safety caps (possible zip bomb)")
	RuleZipName       = reg("revision/zip-name", diag.Error, "an entry name is not valid UTF-8 or holds control characters: rename it")
	RuleNotExecutable = reg("revision/not-executable", diag.Warning, "a script the buildspec runs as ./path has no executable bit in the revision: CodeBuild then fails with Permission denied; chmod +x it (packed as 0755)")

	// Cross-file checks.
	RuleXContainerName      = reg("revision/appspec-container", diag.Error, "appspec LoadBalancerInfo.ContainerName must name a container of the task definition")
	RuleXContainerPort      = reg("revision/appspec-container-port", diag.Error, "appspec LoadBalancerInfo.ContainerPort must be one of that container's portMappings containerPort values")
	RuleXNetworkConfig      = reg("revision/appspec-network", diag.Warning, "an awsvpc task definition with an appspec NetworkConfiguration that lacks subnets (or security groups): give the awsvpcConfiguration both")
	RuleXPlaceholder        = reg("revision/image-placeholder", diag.Error, "a taskdef <IMAGEn_NAME> placeholder has no image input (Image<N>ContainerName + imageDetail artifact), or an image input has no placeholder")
	RuleXTooManyImages      = reg("revision/too-many-images", diag.Error, "the CodeDeployToECS action takes at most 4 image inputs (Image1..Image4)")
	RuleXArtifactFiles      = reg("revision/artifact-files", diag.Error, "the buildspec artifacts must carry appspec.yaml and taskdef.json (and imageDetail.json per image) under the names the deploy action reads")
	RuleXTaskDefPlaceholder = reg("revision/task-definition-placeholder", diag.Warning, "through CodePipeline, appspec TaskDefinition should be the literal <TASK_DEFINITION>, which the action replaces with the registered ARN; a fixed ARN (not rewritten by the build) deploys the old definition")
	RuleXDockerHub          = reg("revision/dockerhub-base-image", diag.Warning, "a Dockerfile FROM pulls from Docker Hub, which rate-limits anonymous CodeBuild pulls: use the ECR Public mirror public.ecr.aws/docker/library/<name>")
	RuleXBuildContext       = reg("revision/build-context", diag.Error, "a docker build context or -f Dockerfile named in the buildspec does not exist in the revision")
)
