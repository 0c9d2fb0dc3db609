// Package appspec builds, reads, validates and renders CodeDeploy AppSpec
// files (appspec.yaml / appspec.json) for the three compute platforms: Amazon
// ECS (blue/green), AWS Lambda and EC2/On-Premises.
//
// [Parse] and [Validate] read the YAML or the JSON form with positions, pick
// the platform from the content (or take it from the [Platform] option) and
// report every problem at once as a [diag.List]: reader problems (tabs,
// duplicate keys, alias bombs…), the embedded JSON Schema ([Schema]) and the
// semantic rules registered under "appspec/…" (see [Rules]). [Disable]
// turns rules off; [ForPipeline] checks the file as a CodePipeline
// CodeDeployToECS template, where TaskDefinition should be
// <TASK_DEFINITION>.
//
// [ECS] builds a complete ECS AppSpec from a few typed inputs. [Marshal]
// renders YAML and [MarshalJSONForm] renders JSON. Output is deterministic:
// keys in the order of the AWS documentation, hooks in lifecycle order,
// two-space indent, LF line ends, one trailing newline, no document marker,
// "version: 0.0" written as the literal 0.0, and strings quoted only where
// YAML needs it. The same value always renders to the same bytes.
package appspec
