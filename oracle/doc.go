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
// Known disagreements, each with its reason, are listed in
// testdata/known-disagreements.tsv; an unlisted disagreement fails the run, and
// so does a listed one that no longer occurs. The helper scripts under scripts/
// are ports of the probe scripts in the project's ORACLES notes.
package oracle
