package taskdef

import "github.com/bgspec/bgspec/diag"

func rule(id string, sev diag.Severity, doc string) string {
	return diag.Register(diag.RuleInfo{ID: id, Severity: sev, Doc: doc})
}

// Rule ids reported by this package (besides the reader's json/* and
// source/* rules and the schema's schema/* rules).
var (
	RuleDescribeOutput = rule("taskdef/describe-output", diag.Error,
		"the file is describe-task-definition output wrapped in {\"taskDefinition\": …}; register-task-definition needs the bare object: run bgspec clean")
	RuleDescribeOnly = rule("taskdef/describe-only-field", diag.Error,
		"a field describe-task-definition returns but register-task-definition rejects (taskDefinitionArn, revision, status, …): remove it, or run bgspec clean")
	RuleNull = rule("taskdef/null-value", diag.Warning,
		"a null value: CodePipeline ignores it but aws ecs register-task-definition --cli-input-json rejects it; remove the key (bgspec clean does)")
	RuleName = rule("taskdef/name", diag.Error,
		"family and container names are required and must match ^[A-Za-z0-9_-]{1,255}$ (letters, digits, hyphens, underscores)")
	RuleDuplicateName = rule("taskdef/duplicate-container-name", diag.Error,
		"two containers share a name; names are the keys of dependsOn, links, volumesFrom and the AppSpec ContainerName: make them unique")
	RuleContainerCount = rule("taskdef/container-count", diag.Error,
		"a task definition holds 1 to 10 containers (the quota is not adjustable)")
	RuleNoEssential = rule("taskdef/no-essential-container", diag.Error,
		"every container has essential: false; at least one must be essential (omitted means true)")
	RuleHostPort = rule("taskdef/host-port", diag.Error,
		"with networkMode awsvpc or host, hostPort must be omitted or equal containerPort")
	RuleLinksAwsvpc = rule("taskdef/links-awsvpc", diag.Error,
		"links are not supported with networkMode awsvpc: containers of a task reach each other on localhost")
	RuleAwsvpcUnsupported = rule("taskdef/awsvpc-unsupported", diag.Error,
		"hostname and extraHosts are not supported with networkMode awsvpc (the task's ENI sets them)")
	RuleContainerMemory = rule("taskdef/container-memory", diag.Error,
		"without task-level memory every container needs memory or memoryReservation")
	RuleMemoryReservation = rule("taskdef/memory-reservation", diag.Error,
		"container memory (hard limit) is below memoryReservation (soft limit): raise memory or lower memoryReservation")
	RuleMemoryEqual = rule("taskdef/memory-equals-reservation", diag.Warning,
		"container memory equals memoryReservation; the API docs say memory must be greater (a docs PR says equal is fine): drop memoryReservation or raise memory")
	RuleMemoryExceedsTask = rule("taskdef/container-memory-exceeds-task", diag.Error,
		"the containers' hard memory limits add up to more than the task memory")
	RuleCPUExceedsTask = rule("taskdef/container-cpu-exceeds-task", diag.Error,
		"the containers' cpu units add up to more than the task cpu")
	RuleTaskSize = rule("taskdef/task-size", diag.Error,
		"task cpu and memory must be readable (\"256\", \"1 vCPU\"; \"512\", \"2 GB\") and, on Fargate, present and a supported combination")
	RuleFargateNetwork = rule("taskdef/fargate-network-mode", diag.Error,
		"Fargate supports only networkMode awsvpc")
	RuleFargateUnsupported = rule("taskdef/fargate-unsupported", diag.Error,
		"a parameter Fargate does not support: privileged, ipcMode, pidMode host, placementConstraints, linuxParameters devices/sharedMemorySize/maxSwap/swappiness, Docker volumes, host sourcePath")
	RuleFargateLogDriver = rule("taskdef/fargate-log-driver", diag.Error,
		"Fargate supports only the awslogs, splunk and awsfirelens log drivers")
	RuleDependsOnTarget = rule("taskdef/depends-on-target", diag.Error,
		"dependsOn.containerName must name another container of the task")
	RuleDependsOnCycle = rule("taskdef/depends-on-cycle", diag.Error,
		"dependsOn forms a cycle, so none of the containers in it can start")
	RuleDependsOnHealthy = rule("taskdef/depends-on-healthy", diag.Error,
		"condition HEALTHY needs a healthCheck on the target container")
	RuleDependsOnEssential = rule("taskdef/depends-on-essential", diag.Error,
		"conditions COMPLETE and SUCCESS need a non-essential target container (essential: false)")
	RuleHealthCheck = rule("taskdef/health-check", diag.Error,
		"healthCheck.command starts with CMD or CMD-SHELL; interval 5–300, timeout 2–60, retries 1–10, startPeriod 0–300")
	RulePortName = rule("taskdef/duplicate-port-name", diag.Error,
		"portMappings names must be unique in the task definition (Service Connect refers to them)")
	RuleDuplicatePort = rule("taskdef/duplicate-port", diag.Error,
		"a container maps the same containerPort and protocol twice")
	RuleExecutionRole = rule("taskdef/execution-role", diag.Error,
		"executionRoleArn is required for secrets, repositoryCredentials, and on Fargate for awslogs and private ECR images")
	RuleSecretValueFrom = rule("taskdef/secret-value-from", diag.Error,
		"secrets valueFrom must be a Secrets Manager secret ARN, an SSM parameter ARN, or an SSM parameter name")
	RuleImage = rule("taskdef/image", diag.Error,
		"every container needs an image: not empty, no spaces")
	RuleImageRef = rule("taskdef/image-reference", diag.Warning,
		"the image is not a valid reference (lower-case repository, tag of [A-Za-z0-9_.-], sha256 digest of 64 hex digits): Docker cannot pull it")
	RuleRoleARN = rule("taskdef/role-arn", diag.Error,
		"taskRoleArn is an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME, ACCOUNT 12 digits) or a role name; executionRoleArn an IAM role ARN (a bare name there is taskdef/execution-role-name)")
	RulePortsNone = rule("taskdef/port-mappings-none", diag.Error,
		"networkMode none has no network interface to map ports to: remove portMappings or choose another network mode")
	RuleAwslogsOptions = rule("taskdef/awslogs-options", diag.Error,
		"the awslogs driver needs awslogs-group and awslogs-region (and awslogs-stream-prefix on Fargate), and takes awslogs-datetime-format or awslogs-multiline-pattern, not both")
	// RuleAwslogsUnknown accepts the eight options the ECS developer guide
	// documents (SPEC.md §C.11, the same set as cfn-lint) and the other
	// options Docker's awslogs driver takes (awslogs-endpoint, awslogs-stream,
	// awslogs-credentials-endpoint, awslogs-force-flush-interval-seconds,
	// awslogs-max-buffered-events, awslogs-format, tag): Docker refuses any
	// other key when the container is created, so the task fails to start.
	RuleAwslogsUnknown = rule("taskdef/awslogs-unknown-option", diag.Error,
		"an awslogs option neither ECS nor Docker's awslogs driver knows (often a typo such as awslogs-stream-prefx); Docker refuses it and the container does not start: fix the key")
	RuleMountVolume = rule("taskdef/mount-source-volume", diag.Error,
		"mountPoints[].sourceVolume must name a volumes[].name of the task definition")
	RuleVolumesFrom = rule("taskdef/volumes-from-target", diag.Error,
		"volumesFrom[].sourceContainer must name another container of the task definition")
	// RuleExecRoleName is an error: SPEC.md §C.3 and the API reference
	// document a short role name only for taskRoleArn ("the short name or
	// full ARN"); executionRoleArn is documented as an ARN, corpus/SOURCES.tsv
	// lists a bare name there as a defect, and cfn-lint (E1156, E3511)
	// requires an ARN.
	RuleExecRoleName = rule("taskdef/execution-role-name", diag.Error,
		"executionRoleArn is a role name: the API reference documents a full ARN here (only taskRoleArn takes a short name); write arn:aws:iam::ACCOUNT:role/NAME")
	// RuleEmptyRole is a warning: whether ECS rejects "" is not verified,
	// and bgspec clean drops empty strings, as AWS's deploy action does.
	RuleEmptyRole = rule("taskdef/empty-role-arn", diag.Warning,
		"taskRoleArn or executionRoleArn is an empty string: remove the key (bgspec clean does) or write arn:aws:iam::ACCOUNT:role/NAME")
	RuleTagChars = rule("taskdef/tag-characters", diag.Error,
		"tag keys and values are made of letters, numbers, spaces and _ . : / = + - @ (^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$ in the ECS model): remove the other characters")
	RuleResourceReq = rule("taskdef/resource-requirement", diag.Error,
		"resourceRequirements: value is required except for a GPU with sharingStrategy; sharingStrategy only with type GPU and never with value; NeuronDevice takes value ALL")
	RuleTrustedExec = rule("taskdef/trusted-execution", diag.Error,
		"trustedExecutionConfiguration: isolationMode CONFIDENTIAL_SANDBOX needs attestationPolicy, and trusted execution runs only on ECS Managed Instances (requiresCompatibilities MANAGED_INSTANCES)")
	RulePlaceholder = rule("taskdef/placeholder", diag.Warning,
		"an angle-bracket token other than <IMAGE1_NAME>…<IMAGE4_NAME>: CodePipeline replaces only the Image<N>ContainerName tokens; replace it or configure the action")
	RulePlaintextSecret = rule("taskdef/plaintext-secret", diag.Warning,
		"an environment value that looks like a secret (AWS key, password, token); anyone who can describe the task definition reads it: use secrets[] with valueFrom")
)
