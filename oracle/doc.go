// Package oracle holds bgspec's independent judges: tests that run AWS's own
// tools over the same inputs bgspec validates and fail when bgspec misses a
// problem one of them reports.
//
//   - botocore's parameter validation (the ECS and CodeDeploy service models):
//     whenever botocore rejects a task definition, bgspec must reject it too,
//     naming the same field (JSON pointer).
//   - cfn-lint over the task definitions wrapped as AWS::ECS::TaskDefinition
//     templates: every cfn-lint error must be reported by bgspec on the same
//     field.
//   - a moto server on 127.0.0.1: the generated task definition, appspec and
//     application.zip go through the real aws-sdk-go-v2 clients (ECS register and
//     describe, CodeDeploy application, group and deployment, S3 versioned
//     upload) and come back unchanged.
//
// The tests sit behind the build tag "oracle", so a plain `go test ./...` on a
// machine without Python never runs them. .ci/oracles checks that python3,
// botocore, cfn-lint and moto_server are present and runs
//
//	go test -tags oracle ./oracle/...
//
// Inputs: every task definition (and ECS appspec) under a testdata directory
// of the repo, the shared corpus of real files when present ($BGSPEC_CORPUS,
// default ../shared/corpus beside the checkout; never copied into the repo),
// task definitions built with the taskdef builders, and bad variants of the
// valid ones (unknown keys, missing required members, wrong types, bad enums,
// Fargate sizes, awsvpc host ports, awslogs options). Each judge prints a tally
// (files judged, oracle rejections, agreements by kind of match, known and
// unknown disagreements); $ORACLE_TALLY, if set, names a file the one-line
// tallies are appended to.
//
// Known disagreements, each with its reason, are listed in
// testdata/known-disagreements.tsv; an unlisted disagreement fails the run, and
// so does a listed one that no longer occurs. A documented policy (JSON null
// members, <placeholder> tokens) lets a bgspec warning stand for an oracle
// error. The helper scripts under scripts/ are ports of the probe scripts in
// the project's ORACLES notes; scripts/speed.sh times a cold `bgspec validate`
// of the seed revision against cfn-lint and botocore.
package oracle
