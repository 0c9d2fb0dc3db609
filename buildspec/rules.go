package buildspec

import (
	"github.com/bgspec/bgspec/diag"
)

func reg(id string, sev diag.Severity, doc string) string {
	return diag.Register(diag.RuleInfo{ID: id, Severity: sev, Doc: doc})
}

// Rule ids reported by this package. Their one-line docs are in the
// registry (diag.Rules); where sources disagree the doc says which one the
// rule follows.
var (
	RuleMarshal = reg("buildspec/marshal", diag.Error,
		"the typed buildspec could not be written as YAML (a string that is not valid UTF-8)")

	// Structure.
	RuleVersion = reg("buildspec/version", diag.Error,
		"version is required and must be 0.2 (CodeBuild fails with \"invalid buildspec `version` specified\" for anything else, \"wrong number of container tags\" when it is missing)")
	RuleVersionLegacy = reg("buildspec/version-legacy", diag.Warning,
		"version 0.1 runs each command in its own shell (cd and export do not carry over) and uses environment_variables/plaintext: write version 0.2")
	RuleVersionLiteral = reg("buildspec/version-literal", diag.Warning,
		"a version such as 0.20 that a YAML reader turns into 0.2 but that is not written 0.2: write 0.2")
	RuleUnknownKey = reg("buildspec/unknown-key", diag.Warning,
		"a top-level key that is not in buildspec 0.2 (CodeBuild ignores it; the reference does not say it is rejected): remove it or fix its spelling")
	RulePhasesRequired = reg("buildspec/phases-required", diag.Error,
		"phases is required (the reference marks it \"Required sequence\"): add phases with at least a build phase")
	RulePhaseName = reg("buildspec/phase-name", diag.Error,
		"only install, pre_build, build and post_build are phases (CodeBuild: \"Invalid buildspec phase name … Expecting: build,install,post_build,pre_build\")")
	RulePhaseNameCase = reg("buildspec/phase-name-case", diag.Warning,
		"a phase name in the wrong case; older CodeBuild agents compared case-insensitively, but write install, pre_build, build, post_build")
	RuleCommandsRequired = reg("buildspec/commands-required", diag.Error,
		"pre_build, build and post_build need a non-empty commands list when present")
	RuleCommandNotString = reg("buildspec/command-not-string", diag.Error,
		"each command must be a string; an unquoted \": \" makes YAML read the command as a map (CodeBuild: \"Expected Commands[0] to be of string type: found subkeys instead\"): quote the command")
	RuleEmptyCommand = reg("buildspec/empty-command", diag.Warning,
		"an empty (null) command, often a list item that holds only a comment (\"- # …\"): remove the item")
	RuleRuntimeVersionsPhase = reg("buildspec/runtime-versions-phase", diag.Error,
		"runtime-versions is allowed in the install phase only: move it to phases.install")
	RuleRuntimeVersionNumber = reg("buildspec/runtime-version-number", diag.Warning,
		"an unquoted runtime version such as python: 3.10 that a YAML reader turns into 3.1: quote it (\"3.10\")")
	RuleOnFailure = reg("buildspec/on-failure", diag.Error,
		"on-failure must be ABORT, CONTINUE or a RETRY form (RETRY, RETRY-<count 0-100>, RETRY-<regex>, RETRY-<count>-<regex>; RETRY is from the current reference, EC2 compute only)")
	RuleReservedEnvName = reg("buildspec/reserved-env-name", diag.Error,
		"environment variable names must not start with CODEBUILD_ (reserved by CodeBuild): rename the variable")
	RuleExportedAWSPrefix = reg("buildspec/exported-aws-prefix", diag.Error,
		"exported-variables cannot export names starting with AWS_: export a copy under another name")
	RuleSecretsManagerRef = reg("buildspec/secrets-manager-reference", diag.Error,
		"a secrets-manager value must be secret-id[:json-key[:version-stage[:version-id]]] (name or ARN; version-stage or version-id, not both)")
	RuleArtifactsFiles = reg("buildspec/artifacts-files", diag.Error,
		"artifacts (and each secondary artifact) needs files, even when only secondary artifacts are used")
	RuleReportGroupsLimit = reg("buildspec/report-groups-limit", diag.Error,
		"at most 5 report groups per project")
	RuleFallbackKeysLimit = reg("buildspec/cache-fallback-keys-limit", diag.Error,
		"at most 5 cache fallback-keys")
	RuleFallbackWithoutKey = reg("buildspec/cache-fallback-without-key", diag.Warning,
		"cache fallback-keys are ignored without cache.key: add a key")
	RuleYesNo = reg("buildspec/yes-no", diag.Warning,
		"a YAML boolean where the reference documents yes or no: write yes or no")
	RuleBatchType = reg("buildspec/batch-type", diag.Error,
		"batch holds one batch type: build-graph, build-list, build-matrix or build-fanout, not several")
	RuleTemplateEscape = reg("buildspec/template-escape", diag.Warning,
		"a Terraform template escape ($${…}) or directive (%{…}): this file is a template, not a final buildspec; validate the rendered file (in a real buildspec $$ is the shell's PID)")

	// Lints over commands and variables.
	RuleECRGetLogin = reg("buildspec/ecr-get-login", diag.Error,
		"aws ecr get-login was removed in AWS CLI v2 and puts the password on a command line: write aws ecr get-login-password --region R | docker login --username AWS --password-stdin REGISTRY")
	RuleDockerLoginPassword = reg("buildspec/docker-login-password", diag.Error,
		"docker login -p/--password puts the password in the process list and logs (and a user name without a password prompts, which fails in CodeBuild): pipe it with --password-stdin")
	RuleECRLoginRegion = reg("buildspec/ecr-login-region", diag.Warning,
		"the ECR login's --region differs from the region in the registry host: the token is only valid for its own region")
	RuleECRPublicLoginRegion = reg("buildspec/ecr-public-login-region", diag.Error,
		"ECR Public authenticates in us-east-1 only: write aws ecr-public get-login-password --region us-east-1")
	RuleSedTaskdef = reg("buildspec/sed-taskdef", diag.Warning,
		"sed editing taskdef.json or appspec breaks on special characters and JSON structure: use <IMAGEn_NAME> placeholders with imageDetail.json, or rewrite the JSON with jq")
	RulePlaintextAWSKey = reg("buildspec/plaintext-aws-key", diag.Error,
		"an AWS access key or secret key written in plain text (env.variables are shown in the console): use env.secrets-manager or env.parameter-store")
	RulePushUnbuilt = reg("buildspec/push-unbuilt-image", diag.Warning,
		"docker push or docker tag of an image reference that no docker build -t, docker tag or docker pull in the buildspec produced (often a tag mismatch, such as building repo:latest and pushing repo:$TAG): push exactly what was built")
	RuleImageFileFormat = reg("buildspec/image-file-format", diag.Error,
		"imageDetail.json (CodeDeployToECS) is one object {\"ImageURI\": …}; imagedefinitions.json (ECS rolling deploy) is a list [{\"name\": …, \"imageUri\": …}]: write the format the file name stands for")
	RuleImageDetailUnpushed = reg("buildspec/image-detail-unpushed", diag.Warning,
		"the image URI written to imageDetail.json or imagedefinitions.json is not an image this buildspec pushes (for example the local name without the registry host): write the pushed reference")
	RuleSubstitutionRunsVariable = reg("buildspec/substitution-runs-variable", diag.Warning,
		"`$VAR` or $($VAR) runs the variable's value as a command (for example echo \"`$AWS_REGION`\"): write $VAR without backticks to print it")
	RuleDockerHubImage = reg("buildspec/docker-hub-image", diag.Warning,
		"an image pulled or built from Docker Hub without logging in: CodeBuild shares IP addresses, so anonymous pulls hit Docker Hub's rate limit (toomanyrequests); use the ECR Public mirror public.ecr.aws/docker/library/<name>")
)

// supersedes lists the rules whose diagnostic replaces a schema diagnostic
// at the same path.
var supersedes = map[string]bool{
	RuleVersion:          true,
	RulePhasesRequired:   true,
	RuleCommandNotString: true,
	RuleEmptyCommand:     true,
	RuleYesNo:            true,
	RuleOnFailure:        true,
	RuleArtifactsFiles:   true,
}
