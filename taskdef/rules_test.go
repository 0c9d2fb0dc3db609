package taskdef

import (
	"strings"
	"testing"

	"github.com/bgspec/bgspec/diag"
)

// mark is where a test document expects the diagnostic; it is removed before
// validation and its line and column are the expected position.
const mark = "«"

func markPos(t *testing.T, doc string) (src string, line, col int) {
	t.Helper()
	i := strings.Index(doc, mark)
	if i < 0 || strings.Count(doc, mark) != 1 {
		t.Fatalf("the test document needs exactly one %s marker", mark)
	}
	before := doc[:i]
	line = strings.Count(before, "\n") + 1
	col = i - (strings.LastIndex(before, "\n") + 1) + 1
	return before + doc[i+len(mark):], line, col
}

// fargate is a valid base: {{C}} is replaced by the container list, {{T}} by
// extra top-level members.
const fargate = `{
  "family": "web",
  "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["FARGATE"],
  "cpu": "256",
  "memory": "512",{{T}}
  "containerDefinitions": [{{C}}]
}`

// ec2 is a valid EC2 base without task memory.
const ec2 = `{
  "family": "web",{{T}}
  "containerDefinitions": [{{C}}]
}`

func doc(base, top, containers string) string {
	return strings.NewReplacer("{{T}}", top, "{{C}}", containers).Replace(base)
}

const app = `{"name": "app", "image": "<IMAGE1_NAME>"}`
const ec2app = `{"name": "app", "image": "nginx:1.27", "memoryReservation": 256}`

var firing = []struct {
	name, rule, path, src string
}{
	{"wrapped describe output", RuleDescribeOutput, "/taskDefinition", `{` + mark + `"taskDefinition": {"family": "web", "containerDefinitions": [` + ec2app + `]}, "tags": []}`},
	{"schema inside describe output", "schema/type", "/taskDefinition/containerDefinitions/0/memory", `{"taskDefinition": {"family": "web", "containerDefinitions": [{"name": "a", "image": "x", "memory": ` + mark + `"512"}]}}`},
	{"describe-only field", RuleDescribeOnly, "/revision", doc(fargate, "\n  "+mark+`"revision": 3,`, app)},
	{"describe-only inside wrapper", RuleDescribeOnly, "/taskDefinition/status", `{"taskDefinition": {"family": "web", ` + mark + `"status": "ACTIVE", "containerDefinitions": [` + ec2app + `]}}`},
	{"null member", RuleNull, "/taskRoleArn", doc(fargate, "\n  "+mark+`"taskRoleArn": null,`, app)},
	{"null item", RuleNull, "/containerDefinitions/0/command/0", doc(fargate, "", `{"name": "app", "image": "x", "command": [`+mark+`null]}`)},
	{"family pattern", RuleName, "/family", strings.Replace(doc(ec2, "", ec2app), `"family": "web"`, `"family": `+mark+`"Family Prefix"`, 1)},
	{"container name pattern", RuleName, "/containerDefinitions/0/name", doc(ec2, "", `{"name": `+mark+`"my app", "image": "nginx", "memory": 128}`)},
	{"container name missing", RuleName, "/containerDefinitions/0", doc(ec2, "", mark+`{"image": "nginx", "memory": 128}`)},
	{"duplicate container name", RuleDuplicateName, "/containerDefinitions/1/name", doc(ec2, "", ec2app+`, {"name": `+mark+`"app", "image": "redis", "memory": 128}`)},
	{"no containers", RuleContainerCount, "/containerDefinitions", `{"family": "web", ` + mark + `"containerDefinitions": []}`},
	{"eleven containers", RuleContainerCount, "/containerDefinitions/10", doc(ec2, "", strings.Repeat(`{"name": "c", "image": "x", "memory": 64}, `, 10)+mark+`{"name": "k", "image": "x", "memory": 64}`)},
	{"no essential container", RuleNoEssential, "/containerDefinitions", strings.Replace(doc(ec2, "", `{"name": "app", "image": "x", "memory": 64, "essential": false}`), `"containerDefinitions"`, mark+`"containerDefinitions"`, 1)},
	{"awsvpc host port", RuleHostPort, "/containerDefinitions/0/portMappings/0/hostPort", doc(fargate, "", `{"name": "app", "image": "x", "portMappings": [{"containerPort": 80, "hostPort": `+mark+`8080}]}`)},
	{"host-mode host port", RuleHostPort, "/containerDefinitions/0/portMappings/0/hostPort", doc(ec2, "\n  \"networkMode\": \"host\",", `{"name": "app", "image": "x", "memory": 64, "portMappings": [{"containerPort": 80, "hostPort": `+mark+`81}]}`)},
	{"links with awsvpc", RuleLinksAwsvpc, "/containerDefinitions/0/links", doc(fargate, "", `{"name": "app", "image": "x", `+mark+`"links": ["db"]}`)},
	{"hostname with awsvpc", RuleAwsvpcUnsupported, "/containerDefinitions/0/hostname", doc(fargate, "", `{"name": "app", "image": "x", `+mark+`"hostname": "web"}`)},
	{"extraHosts with awsvpc", RuleAwsvpcUnsupported, "/containerDefinitions/0/extraHosts", doc(fargate, "", `{"name": "app", "image": "x", `+mark+`"extraHosts": [{"hostname": "db", "ipAddress": "10.0.0.1"}]}`)},
	{"no memory anywhere", RuleContainerMemory, "/containerDefinitions/0", doc(ec2, "", mark+`{"name": "app", "image": "nginx"}`)},
	{"memory below reservation", RuleMemoryReservation, "/containerDefinitions/0/memory", doc(ec2, "", `{"name": "app", "image": "x", "memory": `+mark+`256, "memoryReservation": 512}`)},
	{"memory equals reservation", RuleMemoryEqual, "/containerDefinitions/0/memory", doc(ec2, "", `{"name": "app", "image": "x", "memory": `+mark+`256, "memoryReservation": 256}`)},
	{"container memory above task", RuleMemoryExceedsTask, "/containerDefinitions/0/memory", doc(fargate, "", `{"name": "app", "image": "x", "memory": `+mark+`1024}`)},
	{"container memory sum above task", RuleMemoryExceedsTask, "/memory", strings.Replace(doc(fargate, "", `{"name": "a", "image": "x", "memory": 300}, {"name": "b", "image": "x", "memory": 300}`), `"memory": "512"`, `"memory": `+mark+`"512"`, 1)},
	{"container cpu above task", RuleCPUExceedsTask, "/containerDefinitions/0/cpu", doc(fargate, "", `{"name": "app", "image": "x", "cpu": `+mark+`512}`)},
	{"container cpu sum above task", RuleCPUExceedsTask, "/cpu", strings.Replace(doc(fargate, "", `{"name": "a", "image": "x", "cpu": 200}, {"name": "b", "image": "x", "cpu": 100}`), `"cpu": "256"`, `"cpu": `+mark+`"256"`, 1)},
	{"fargate pair", RuleTaskSize, "/memory", strings.Replace(doc(fargate, "", app), `"memory": "512"`, `"memory": `+mark+`"4096"`, 1)},
	{"fargate pair in vCPU and GB", RuleTaskSize, "/memory", strings.Replace(strings.Replace(doc(fargate, "", app), `"cpu": "256"`, `"cpu": "1 vCPU"`, 1), `"memory": "512"`, `"memory": `+mark+`"1 GB"`, 1)},
	{"fargate without cpu", RuleTaskSize, "/cpu", mark + strings.Replace(doc(fargate, "", app), `"cpu": "256",`, ``, 1)},
	{"fargate without memory", RuleTaskSize, "/memory", mark + strings.Replace(doc(fargate, "", app), `"memory": "512",`, ``, 1)},
	{"fargate without cpu in describe output", RuleTaskSize, "/taskDefinition/cpu", `{` + mark + `"taskDefinition": {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "memory": "512", "containerDefinitions": [` + app + `]}}`},
	{"unreadable cpu", RuleTaskSize, "/cpu", doc(ec2, "\n  \"cpu\": "+mark+"\"lots\",", ec2app)},
	{"fargate bridge", RuleFargateNetwork, "/networkMode", strings.Replace(doc(fargate, "", app), `"networkMode": "awsvpc"`, `"networkMode": `+mark+`"bridge"`, 1)},
	{"fargate default network mode", RuleFargateNetwork, "/requiresCompatibilities/0", strings.Replace(strings.Replace(doc(fargate, "", app), `"networkMode": "awsvpc",`, ``, 1), `["FARGATE"]`, `[`+mark+`"FARGATE"]`, 1)},
	{"fargate privileged", RuleFargateUnsupported, "/containerDefinitions/0/privileged", doc(fargate, "", `{"name": "app", "image": "x", `+mark+`"privileged": true}`)},
	{"fargate docker volume", RuleFargateUnsupported, "/volumes/0/dockerVolumeConfiguration", doc(fargate, "\n  \"volumes\": [{\"name\": \"v\", "+mark+"\"dockerVolumeConfiguration\": {\"scope\": \"task\"}}],", app)},
	{"fargate ipcMode", RuleFargateUnsupported, "/ipcMode", doc(fargate, "\n  "+mark+"\"ipcMode\": \"task\",", app)},
	{"fargate swappiness", RuleFargateUnsupported, "/containerDefinitions/0/linuxParameters/swappiness", doc(fargate, "", `{"name": "app", "image": "x", "linuxParameters": {"initProcessEnabled": true, `+mark+`"swappiness": 0}}`)},
	{"fargate log driver", RuleFargateLogDriver, "/containerDefinitions/0/logConfiguration/logDriver", doc(fargate, "", `{"name": "app", "image": "x", "logConfiguration": {"logDriver": `+mark+`"json-file"}}`)},
	{"depends on unknown", RuleDependsOnTarget, "/containerDefinitions/0/dependsOn/0/containerName", doc(fargate, "", `{"name": "web", "image": "x", "dependsOn": [{"containerName": `+mark+`"ap", "condition": "START"}]}, `+app)},
	{"depends on itself", RuleDependsOnTarget, "/containerDefinitions/0/dependsOn/0/containerName", doc(fargate, "", `{"name": "web", "image": "x", "dependsOn": [{"containerName": `+mark+`"web", "condition": "START"}]}`)},
	{"dependency cycle", RuleDependsOnCycle, "/containerDefinitions/1/dependsOn/0/containerName", doc(fargate, "", `{"name": "a", "image": "x", "dependsOn": [{"containerName": "b", "condition": "START"}]}, {"name": "b", "image": "x", "dependsOn": [{"containerName": `+mark+`"a", "condition": "START"}]}`)},
	{"healthy without health check", RuleDependsOnHealthy, "/containerDefinitions/0/dependsOn/0/condition", doc(fargate, "", `{"name": "web", "image": "x", "dependsOn": [{"containerName": "app", "condition": `+mark+`"HEALTHY"}]}, `+app)},
	{"complete on essential", RuleDependsOnEssential, "/containerDefinitions/0/dependsOn/0/condition", doc(fargate, "", `{"name": "web", "image": "x", "dependsOn": [{"containerName": "app", "condition": `+mark+`"COMPLETE"}]}, `+app)},
	{"health check command form", RuleHealthCheck, "/containerDefinitions/0/healthCheck/command/0", doc(fargate, "", `{"name": "app", "image": "x", "healthCheck": {"command": [`+mark+`"curl", "-f", "http://localhost/"]}}`)},
	{"health check interval", RuleHealthCheck, "/containerDefinitions/0/healthCheck/interval", doc(fargate, "", `{"name": "app", "image": "x", "healthCheck": {"command": ["CMD-SHELL", "true"], "interval": `+mark+`1}}`)},
	{"health check retries zero", RuleHealthCheck, "/containerDefinitions/0/healthCheck/retries", doc(fargate, "", `{"name": "app", "image": "x", "healthCheck": {"command": ["CMD", "true"], "retries": `+mark+`0}}`)},
	{"duplicate port name", RulePortName, "/containerDefinitions/1/portMappings/0/name", doc(fargate, "", `{"name": "a", "image": "x", "portMappings": [{"containerPort": 80, "name": "http"}]}, {"name": "b", "image": "x", "portMappings": [{"containerPort": 81, "name": `+mark+`"http"}]}`)},
	{"duplicate port", RuleDuplicatePort, "/containerDefinitions/0/portMappings/1/containerPort", doc(fargate, "", `{"name": "a", "image": "x", "portMappings": [{"containerPort": 80}, {"containerPort": `+mark+`80, "protocol": "tcp"}]}`)},
	{"fargate awslogs without role", RuleExecutionRole, "/containerDefinitions/0/logConfiguration/logDriver", strings.Replace(doc(fargate, "", `{"name": "app", "image": "x", "logConfiguration": {"logDriver": `+mark+`"awslogs", "options": {"awslogs-group": "g", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "p"}}}`), `"executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",`, ``, 1)},
	{"fargate private ECR without role", RuleExecutionRole, "/containerDefinitions/0/image", strings.Replace(doc(fargate, "", `{"name": "app", "image": `+mark+`"123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1"}`), `"executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",`, ``, 1)},
	{"secrets without role", RuleExecutionRole, "/containerDefinitions/0/secrets", doc(ec2, "", `{"name": "app", "image": "x", "memory": 64, "secrets": `+mark+`[{"name": "DB", "valueFrom": "/prod/db"}]}`)},
	{"secret valueFrom", RuleSecretValueFrom, "/containerDefinitions/0/secrets/0/valueFrom", doc(fargate, "", `{"name": "app", "image": "x", "secrets": [{"name": "DB", "valueFrom": `+mark+`"arn:aws:s3:::bucket/db.txt"}]}`)},
	{"secret valueFrom with spaces", RuleSecretValueFrom, "/containerDefinitions/0/logConfiguration/secretOptions/0/valueFrom", doc(fargate, "", `{"name": "app", "image": "x", "logConfiguration": {"logDriver": "splunk", "secretOptions": [{"name": "splunk-token", "valueFrom": `+mark+`"my token"}]}}`)},
	{"empty image", RuleImage, "/containerDefinitions/0/image", doc(fargate, "", `{"name": "app", "image": `+mark+`""}`)},
	{"image with spaces", RuleImage, "/containerDefinitions/0/image", doc(fargate, "", `{"name": "app", "image": `+mark+`"nginx latest"}`)},
	{"no image", RuleImage, "/containerDefinitions/0", doc(fargate, "", mark+`{"name": "app"}`)},
	{"image reference", RuleImageRef, "/containerDefinitions/0/image", doc(fargate, "", `{"name": "app", "image": `+mark+`"%REPOSITORY_URI%:%BUILD_NUMBER%"}`)},
	{"image digest length", RuleImageRef, "/containerDefinitions/0/image", doc(fargate, "", `{"name": "app", "image": `+mark+`"nginx@sha256:abc"}`)},
	{"role ARN with a fake account", RuleRoleARN, "/executionRoleArn", strings.Replace(doc(fargate, "", app), `"executionRoleArn": "arn:aws:iam::123456789012`, `"executionRoleArn": `+mark+`"arn:aws:iam::AWS_ACCOUNT_ID`, 1)},
	{"execution role name", RuleExecRoleName, "/executionRoleArn", strings.Replace(doc(fargate, "", app), `"executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"`, `"executionRoleArn": `+mark+`"ecsTaskExecutionRole"`, 1)},
	{"role name with spaces", RuleRoleARN, "/taskRoleArn", doc(fargate, "\n  \"taskRoleArn\": "+mark+"\"TASK ROLE\",", app)},
	{"empty task role", RuleEmptyRole, "/taskRoleArn", doc(fargate, "\n  \"taskRoleArn\": "+mark+"\"\",", app)},
	{"tag key characters", RuleTagChars, "/tags/1/key", doc(fargate, "\n  \"tags\": [{\"key\": \"team\", \"value\": \"web\"}, {\"key\": "+mark+"\"cost*center\", \"value\": \"1\"}],", app)},
	{"tag value characters in describe output", RuleTagChars, "/tags/0/value", `{"taskDefinition": {"family": "web", "containerDefinitions": [` + ec2app + `]}, "tags": [{"key": "k", "value": ` + mark + `"a;b"}]}`},
	{"resource value missing", RuleResourceReq, "/containerDefinitions/0/resourceRequirements/0/value", doc(ec2, "", `{"name": "app", "image": "x", "memory": 64, "resourceRequirements": [`+mark+`{"type": "GPU"}]}`)},
	{"sharing and value", RuleResourceReq, "/containerDefinitions/0/resourceRequirements/0/sharingStrategy", doc(ec2, "", `{"name": "app", "image": "x", "memory": 64, "resourceRequirements": [{"type": "GPU", "value": "1", `+mark+`"sharingStrategy": {"nvidiaMps": {"memory": 1024}}}]}`)},
	{"sharing on an accelerator", RuleResourceReq, "/containerDefinitions/0/resourceRequirements/0/sharingStrategy", doc(ec2, "", `{"name": "app", "image": "x", "memory": 64, "resourceRequirements": [{"type": "NeuronDevice", `+mark+`"sharingStrategy": {"nvidiaMps": {"memory": 1024}}}]}`)},
	{"neuron count", RuleResourceReq, "/containerDefinitions/0/resourceRequirements/0/value", doc(ec2, "", `{"name": "app", "image": "x", "memory": 64, "resourceRequirements": [{"type": "NeuronDevice", "value": `+mark+`"2"}]}`)},
	{"GPU count and sharing mixed", RuleResourceReq, "/containerDefinitions/1/resourceRequirements", doc(ec2, "", `{"name": "a", "image": "x", "memory": 64, "resourceRequirements": [{"type": "GPU", "value": "1"}]}, {"name": "b", "image": "x", "memory": 64, `+mark+`"resourceRequirements": [{"type": "GPU", "sharingStrategy": {"nvidiaMps": {"memory": 1024}}}]}`)},
	{"confidential without policy", RuleTrustedExec, "/trustedExecutionConfiguration/attestationPolicy", doc(ec2, "\n  "+mark+"\"trustedExecutionConfiguration\": {\"isolationMode\": \"CONFIDENTIAL_SANDBOX\"},", ec2app)},
	{"trusted execution on Fargate", RuleTrustedExec, "/trustedExecutionConfiguration", doc(fargate, "\n  "+mark+"\"trustedExecutionConfiguration\": {\"isolationMode\": \"ISOLATED_SANDBOX\"},", app)},
	{"unknown image placeholder", RulePlaceholder, "/containerDefinitions/0/image", doc(fargate, "", `{"name": "app", "image": `+mark+`"<IMAGE_NAME>"}`)},
	{"placeholder in an ARN", RulePlaceholder, "/executionRoleArn", strings.Replace(doc(fargate, "", app), `"executionRoleArn": "arn:aws:iam::123456789012`, `"executionRoleArn": `+mark+`"arn:aws:iam::<AWS_ACCOUNT_ID>`, 1)},
	{"plaintext password", RulePlaintextSecret, "/containerDefinitions/0/environment/0/value", doc(fargate, "", `{"name": "app", "image": "x", "environment": [{"name": "DB_PASSWORD", "value": `+mark+`"hunter2!"}]}`)},
	{"plaintext access key", RulePlaintextSecret, "/containerDefinitions/0/environment/1/value", doc(fargate, "", `{"name": "app", "image": "x", "environment": [{"name": "A", "value": "1"}, {"name": "KEY", "value": `+mark+`"AKIAZ2ZQ7BRTPX4WLKVM"}]}`)},
	{"plaintext secret key", RulePlaintextSecret, "/containerDefinitions/0/environment/0/value", doc(fargate, "", `{"name": "app", "image": "x", "environment": [{"name": "S", "value": `+mark+`"k9Xq2Lp7Vb3Nw8Rt5Yz1Hc4Jm6Fd0Gs2Ae7Ui9Ko"}]}`)},
	{"ports with networkMode none", RulePortsNone, "/containerDefinitions/0/portMappings", doc(ec2, "\n  \"networkMode\": \"none\",", `{"name": "app", "image": "x", "memory": 64, `+mark+`"portMappings": [{"containerPort": 80}]}`)},
	{"awslogs without prefix on Fargate", RuleAwslogsOptions, "/containerDefinitions/0/logConfiguration/options/awslogs-stream-prefix", doc(fargate, "", `{"name": "app", "image": "x", "logConfiguration": {"logDriver": "awslogs", `+mark+`"options": {"awslogs-group": "g", "awslogs-region": "eu-west-1"}}}`)},
	{"awslogs without group", RuleAwslogsOptions, "/containerDefinitions/0/logConfiguration/options/awslogs-group", doc(ec2, "", `{"name": "app", "image": "x", "memory": 64, "logConfiguration": `+mark+`{"logDriver": "awslogs"}}`)},
	{"awslogs without region", RuleAwslogsOptions, "/containerDefinitions/0/logConfiguration/options/awslogs-region", doc(ec2, "", `{"name": "app", "image": "x", "memory": 64, "logConfiguration": {"logDriver": "awslogs", `+mark+`"options": {"awslogs-group": "g"}}}`)},
	{"awslogs empty region", RuleAwslogsOptions, "/containerDefinitions/0/logConfiguration/options/awslogs-region", doc(ec2, "", `{"name": "app", "image": "x", "memory": 64, "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g", "awslogs-region": `+mark+`""}}}`)},
	{"awslogs option typo", RuleAwslogsUnknown, "/containerDefinitions/0/logConfiguration/options/awslogs-stream-prefx", doc(fargate, "", `{"name": "app", "image": "x", "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "p", `+mark+`"awslogs-stream-prefx": "p"}}}`)},
	{"awslogs unknown option", RuleAwslogsUnknown, "/containerDefinitions/0/logConfiguration/options/retention", doc(ec2, "", `{"name": "app", "image": "x", "memory": 64, "logConfiguration": {"logDriver": "awslogs", "options": {`+mark+`"retention": "7", "awslogs-group": "g", "awslogs-region": "eu-west-1"}}}`)},
	{"awslogs option with ~ and / in its name", RuleAwslogsUnknown, "/containerDefinitions/0/logConfiguration/options/awslogs-~0~1group", doc(ec2, "", `{"name": "app", "image": "x", "memory": 64, "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g", "awslogs-region": "eu-west-1", `+mark+`"awslogs-~/group": "g"}}}`)},
	{"awslogs datetime and multiline", RuleAwslogsOptions, "/containerDefinitions/0/logConfiguration/options/awslogs-multiline-pattern", doc(ec2, "", `{"name": "app", "image": "x", "memory": 64, "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g", "awslogs-region": "eu-west-1", "awslogs-datetime-format": "%Y", "awslogs-multiline-pattern": `+mark+`"^INFO"}}}`)},
	{"unknown source volume", RuleMountVolume, "/containerDefinitions/0/mountPoints/0/sourceVolume", doc(ec2, "\n  \"volumes\": [{\"name\": \"data\"}],", `{"name": "app", "image": "x", "memory": 64, "mountPoints": [{"sourceVolume": `+mark+`"dta", "containerPath": "/data"}]}`)},
	{"unknown volumesFrom container", RuleVolumesFrom, "/containerDefinitions/0/volumesFrom/0/sourceContainer", doc(ec2, "", `{"name": "app", "image": "x", "memory": 64, "volumesFrom": [{"sourceContainer": `+mark+`"sidecar"}]}`)},
	{"unknown key", "schema/additionalProperties", "/bogus", doc(fargate, "\n  "+mark+`"bogus": 1,`, app)},
	{"wrong-case key", "schema/key-spelling", "/Cpu", doc(ec2, "\n  "+mark+`"Cpu": "256",`, ec2app)},
	{"task cpu as number", "schema/type", "/cpu", doc(ec2, "\n  \"cpu\": "+mark+"256,", ec2app)},
}

func TestRulesFire(t *testing.T) {
	for _, tc := range firing {
		t.Run(tc.name, func(t *testing.T) {
			src, line, col := markPos(t, tc.src)
			l := Validate("taskdef.json", []byte(src))
			var found bool
			for _, d := range l {
				if !d.Valid() {
					t.Errorf("invalid diagnostic %+v", d)
				}
				if d.Rule == tc.rule && d.Path == tc.path {
					found = true
					if d.Line != line || d.Column != col {
						t.Errorf("%s at %d:%d, want %d:%d", tc.rule, d.Line, d.Column, line, col)
					}
					if info, ok := diag.LookupRule(d.Rule); !ok || info.Severity != d.Severity {
						t.Errorf("rule %s is not registered with severity %v", d.Rule, d.Severity)
					}
				}
			}
			if !found {
				t.Errorf("want %s at %s, got:\n%v", tc.rule, tc.path, l)
			}
			if Validate("taskdef.json", []byte(src), Disable(tc.rule)).Error() == l.Error() && len(l) > 0 {
				t.Errorf("Disable(%s) changed nothing", tc.rule)
			}
		})
	}
}

// quiet documents must validate without any diagnostic: each sits next to a
// rule's edge.
var quiet = []struct {
	name  string
	rules []string // the rules whose edge the document sits next to
	src   string
}{
	{"fargate minimal", []string{RuleDescribeOutput, RuleTaskSize, RuleFargateNetwork, RuleNoEssential, RuleImage, RuleRoleARN, RuleExecRoleName}, doc(fargate, "", app)},
	{"awsvpc hostPort equal", []string{RuleHostPort, RuleDuplicatePort}, doc(fargate, "", `{"name": "app", "image": "x", "portMappings": [{"containerPort": 80, "hostPort": 80}, {"containerPort": 80, "protocol": "udp"}]}`)},
	{"bridge static and dynamic host ports", []string{RuleHostPort, RuleLinksAwsvpc}, doc(ec2, "", `{"name": "app", "image": "x", "memory": 64, "portMappings": [{"containerPort": 80, "hostPort": 8080}, {"containerPort": 81, "hostPort": 0}], "links": ["db:database"]}, {"name": "db", "image": "postgres:16", "memory": 256, "essential": false}`)},
	{"EC2 with memory or memoryReservation", []string{RuleContainerMemory, RuleMemoryReservation, RuleMemoryEqual, RuleAwsvpcUnsupported}, doc(ec2, "", `{"name": "a", "image": "x", "memory": 512, "memoryReservation": 256, "hostname": "a", "extraHosts": [{"hostname": "db", "ipAddress": "10.0.0.1"}]}, {"name": "b", "image": "x", "memoryReservation": 64}`)},
	{"EC2 task memory, container without", []string{RuleContainerMemory, RuleMemoryExceedsTask, RuleCPUExceedsTask, RuleTaskSize}, doc(ec2, "\n  \"memory\": \"1 GB\",\n  \"cpu\": \"1 vcpu\",", `{"name": "a", "image": "x", "cpu": 512}, {"name": "b", "image": "x", "cpu": 512, "memory": 512}`)},
	{"fargate supported parameters", []string{RuleFargateUnsupported, RuleMountVolume}, doc(fargate, "\n  \"pidMode\": \"task\",\n  \"volumes\": [{\"name\": \"v\", \"host\": {}}, {\"name\": \"efs\", \"efsVolumeConfiguration\": {\"fileSystemId\": \"fs-1\"}}],", `{"name": "app", "image": "x", "privileged": false, "linuxParameters": {"initProcessEnabled": true, "capabilities": {"add": ["SYS_PTRACE"]}}, "systemControls": [{"namespace": "net.core.somaxconn", "value": "1024"}], "mountPoints": [{"sourceVolume": "v", "containerPath": "/v"}]}`)},
	{"EC2 parameters Fargate lacks", []string{RuleFargateUnsupported}, doc(ec2, "\n  \"ipcMode\": \"host\",\n  \"pidMode\": \"host\",\n  \"placementConstraints\": [{\"type\": \"memberOf\", \"expression\": \"attribute:ecs.instance-type =~ t3.*\"}],", `{"name": "app", "image": "x", "memory": 64, "privileged": true, "linuxParameters": {"sharedMemorySize": 64, "maxSwap": 0, "swappiness": 10}}`)},
	{"fargate sizes", []string{RuleTaskSize}, strings.Replace(strings.Replace(doc(fargate, "", app), `"cpu": "256"`, `"cpu": ".25 vCPU"`, 1), `"memory": "512"`, `"memory": "2GB"`, 1)},
	{"fargate 8 vCPU", []string{RuleTaskSize}, strings.Replace(strings.Replace(doc(fargate, "", app), `"cpu": "256"`, `"cpu": "8192"`, 1), `"memory": "512"`, `"memory": "20480"`, 1)},
	{"fargate awslogs, secrets, ECR with role", []string{RuleExecutionRole, RuleSecretValueFrom, RuleAwslogsOptions, RuleImageRef, RuleFargateLogDriver}, doc(fargate, "", `{"name": "app", "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:`+strings.Repeat("ab", 32)+`", "secrets": [{"name": "A", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:username::"}, {"name": "B", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db"}, {"name": "C", "valueFrom": "/prod/db"}, {"name": "D", "valueFrom": "plain-name"}], "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "p"}}}`)},
	{"EC2 awslogs and ECR without role", []string{RuleExecutionRole}, doc(ec2, "", `{"name": "app", "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1", "memory": 64, "logConfiguration": {"logDriver": "json-file"}}`)},
	{"dependencies", []string{RuleDependsOnTarget, RuleDependsOnCycle, RuleDependsOnHealthy, RuleDependsOnEssential, RuleHealthCheck, RuleNoEssential, RulePlaceholder}, doc(fargate, "", `{"name": "web", "image": "<IMAGE2_NAME>", "dependsOn": [{"containerName": "app", "condition": "HEALTHY"}, {"containerName": "init", "condition": "SUCCESS"}, {"containerName": "log", "condition": "START"}]}, {"name": "app", "image": "<IMAGE1_NAME>", "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], "interval": 5, "timeout": 2, "retries": 10, "startPeriod": 0}, "dependsOn": [{"containerName": "log", "condition": "START"}]}, {"name": "init", "image": "<IMAGE3_NAME>", "essential": false}, {"name": "log", "image": "<IMAGE4_NAME>"}`)},
	{"roles and images", []string{RuleRoleARN, RuleEmptyRole, RuleImageRef}, doc(fargate, "\n  \"taskRoleArn\": \"ecsTaskRole\",", `{"name": "a", "image": "localhost:5000/team/app:v1.2"}, {"name": "b", "image": "public.ecr.aws/nginx/nginx@sha256:`+strings.Repeat("0f", 32)+`"}, {"name": "c", "image": "bitnami/redis"}`)},
	{"volumes and awslogs on EC2", []string{RuleMountVolume, RuleVolumesFrom, RuleAwslogsOptions}, doc(ec2, "\n  \"volumes\": [{\"name\": \"data\", \"host\": {}}],", `{"name": "app", "image": "x", "memory": 64, "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}], "volumesFrom": [{"sourceContainer": "side"}], "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g", "awslogs-region": "eu-west-1", "awslogs-multiline-pattern": "^INFO"}}}, {"name": "side", "image": "busybox", "memory": 32, "essential": false}`)},
	{"port names unique", []string{RulePortName}, doc(fargate, "", `{"name": "a", "image": "x", "portMappings": [{"containerPort": 80, "name": "http"}, {"containerPort": 81, "name": "admin"}]}`)},
	{"environment without secrets", []string{RulePlaintextSecret, RuleNull}, doc(fargate, "", `{"name": "app", "image": "x", "environment": [{"name": "DB_PASSWORD_FILE", "value": "/run/secrets/db"}, {"name": "TOKEN_URL", "value": "https://auth.example.com/token"}, {"name": "SECRET_ARN", "value": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:x"}, {"name": "EMPTY_PASSWORD", "value": ""}, {"name": "LOG_LEVEL", "value": "debug"}, {"name": "PASSWORD_MIN_LENGTH", "value": "12"}, {"name": "AWS_ACCESS_KEY_ID", "value": "AKIAIOSFODNN7EXAMPLE"}, {"name": "GIT_SHA", "value": "0123456789abcdef0123456789abcdef01234567"}]}`)},
	{"ten containers", []string{RuleContainerCount, RuleDuplicateName}, doc(ec2, "", strings.TrimSuffix(strings.Repeat(`{"name": "c", "image": "x", "memory": 64}, `, 10), ", "))},
	{"awslogs documented and Docker options", []string{RuleAwslogsUnknown, RuleAwslogsOptions}, doc(fargate, "", `{"name": "app", "image": "x", "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "p", "awslogs-create-group": "true", "awslogs-datetime-format": "%Y", "mode": "non-blocking", "max-buffer-size": "25m", "awslogs-endpoint": "https://logs.eu-west-1.amazonaws.com", "tag": "x"}}}`)},
	{"splunk options are not awslogs options", []string{RuleAwslogsUnknown, RuleFargateLogDriver}, doc(fargate, "", `{"name": "app", "image": "x", "logConfiguration": {"logDriver": "splunk", "options": {"splunk-url": "https://splunk:8088", "awslogs-stream-prefx": "x"}}}`)},
	{"unicode tags", []string{RuleTagChars}, doc(fargate, "\n  \"tags\": [{\"key\": \"Équipe données\", \"value\": \"ünï 42 _.:/=+-@\"}, {\"key\": \"empty\", \"value\": \"\"}],", app)},
	{"GPUs by count, accelerators, Neuron", []string{RuleResourceReq}, doc(ec2, "\n  \"inferenceAccelerators\": [{\"deviceName\": \"d1\", \"deviceType\": \"eia2.medium\"}],", `{"name": "a", "image": "x", "memory": 64, "resourceRequirements": [{"type": "GPU", "value": "2"}, {"type": "InferenceAccelerator", "value": "d1"}]}, {"name": "b", "image": "x", "memory": 64, "resourceRequirements": [{"type": "GPU", "value": "ALL"}, {"type": "NeuronDevice", "value": "ALL"}]}`)},
	{"shared GPUs and trusted execution", []string{RuleResourceReq, RuleTrustedExec}, doc(ec2, "\n  \"requiresCompatibilities\": [\"MANAGED_INSTANCES\"],\n  \"trustedExecutionConfiguration\": {\"isolationMode\": \"CONFIDENTIAL_SANDBOX\", \"attestationPolicy\": \"eyJ2IjoxfQ==\"},", `{"name": "a", "image": "x", "memory": 64, "resourceRequirements": [{"type": "GPU", "sharingStrategy": {"nvidiaMps": {"memory": 4096, "maxComputePercent": 50}}}]}, {"name": "b", "image": "x", "memory": 64, "resourceRequirements": [{"type": "GPU", "sharingStrategy": {"nvidiaMps": {"memory": 2048}}}]}`)},
	{"isolated sandbox without compatibilities", []string{RuleTrustedExec}, doc(ec2, "\n  \"trustedExecutionConfiguration\": {\"isolationMode\": \"ISOLATED_SANDBOX\"},", ec2app)},
	{"names at the edge", []string{RuleName, RuleDuplicateName}, strings.Replace(doc(ec2, "", `{"name": "A", "image": "x", "memory": 64}, {"name": "my-app_2", "image": "x", "memory": 64}`), `"family": "web"`, `"family": "`+strings.Repeat("f", 254)+`_"`, 1)},
	{"describe-only names below the root", []string{RuleDescribeOnly, RuleDescribeOutput}, doc(ec2, "", `{"name": "app", "image": "x", "memory": 64, "dockerLabels": {"revision": "3", "status": "ACTIVE", "taskDefinition": "web"}}`)},
	{"networkMode none without ports", []string{RulePortsNone}, doc(ec2, "\n  \"networkMode\": \"none\",", ec2app)},
	{"angle brackets that are not placeholders", []string{RulePlaceholder}, doc(fargate, "", `{"name": "app", "image": "<IMAGE1_NAME>", "command": ["sh", "-c", "test 1 < 2 && exec app"], "environment": [{"name": "GREETING", "value": "<3 < 4>"}]}`)},
}

func init() {
	// ten distinct names for the "ten containers" case.
	for i, q := range quiet {
		if q.name == "ten containers" {
			s := q.src
			for n := 0; n < 10; n++ {
				s = strings.Replace(s, `"name": "c"`, `"name": "c`+string(rune('0'+n))+`"`, 1)
			}
			quiet[i].src = s
		}
	}
}

func TestRulesQuiet(t *testing.T) {
	for _, tc := range quiet {
		t.Run(tc.name, func(t *testing.T) {
			if l := Validate("taskdef.json", []byte(tc.src)); len(l) > 0 {
				t.Errorf("want no diagnostics, got:\n%v", l)
			}
		})
	}
}

// TestEveryRuleTested checks that every registered taskdef rule has a firing
// case and a quiet case next to its edge.
func TestEveryRuleTested(t *testing.T) {
	fires, quietNear := map[string]bool{}, map[string]bool{}
	for _, tc := range firing {
		fires[tc.rule] = true
	}
	for _, tc := range quiet {
		for _, r := range tc.rules {
			if _, ok := diag.LookupRule(r); !ok || !strings.HasPrefix(r, "taskdef/") {
				t.Errorf("quiet case %q names %q, not a taskdef rule", tc.name, r)
			}
			quietNear[r] = true
		}
	}
	for _, r := range diag.Rules() {
		if !strings.HasPrefix(r.ID, "taskdef/") {
			continue
		}
		if !fires[r.ID] {
			t.Errorf("rule %s has no firing test", r.ID)
		}
		if !quietNear[r.ID] {
			t.Errorf("rule %s has no quiet test", r.ID)
		}
	}
}

func TestSecretValueNeverPrinted(t *testing.T) {
	secrets := []string{"hunter2!", "AKIAZ2ZQ7BRTPX4WLKVM", "k9Xq2Lp7Vb3Nw8Rt5Yz1Hc4Jm6Fd0Gs2Ae7Ui9Ko"}
	src := doc(fargate, "", `{"name": "app", "image": "x", "environment": [{"name": "DB_PASSWORD", "value": "hunter2!"}, {"name": "K", "value": "AKIAZ2ZQ7BRTPX4WLKVM"}, {"name": "S", "value": "k9Xq2Lp7Vb3Nw8Rt5Yz1Hc4Jm6Fd0Gs2Ae7Ui9Ko"}]}`)
	l := Validate("taskdef.json", []byte(src))
	if len(l) != 3 {
		t.Fatalf("want 3 diagnostics, got:\n%v", l)
	}
	for _, s := range secrets {
		if strings.Contains(l.Error(), s) {
			t.Errorf("a message prints the secret value %q", s)
		}
	}
}

// A task cpu written as a number is one schema/type error, not also
// "Fargate requires task-level cpu".
func TestFargateCPUAsNumber(t *testing.T) {
	src := strings.Replace(doc(fargate, "", app), `"cpu": "256"`, `"cpu": 256`, 1)
	l := Validate("taskdef.json", []byte(src))
	if len(l) != 1 || l[0].Rule != "schema/type" || l[0].Path != "/cpu" {
		t.Errorf("want one schema/type at /cpu, got:\n%v", l)
	}
}
