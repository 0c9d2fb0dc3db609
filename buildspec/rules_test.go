package buildspec

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/diag"
)

// want is one expected diagnostic: rule, path, line, column.
type want struct {
	rule, path string
	line, col  int
}

func (w want) String() string { return fmt.Sprintf("%s %s %d:%d", w.rule, w.path, w.line, w.col) }

// head is a valid start that tests append phases to.
const okPhases = "version: 0.2\nphases:\n  build:\n    commands:\n      - make\n"

// ruleCases: for every rule, a bad input where it fires (at the given
// place) and a good input, differing in the one mistake, where it does not.
var ruleCases = []struct {
	name      string
	bad, good string
	want      want
}{
	{"version 1.0", "version: 1.0\nphases:\n  build:\n    commands: [make]\n", "version: 0.2\nphases:\n  build:\n    commands: [make]\n",
		want{RuleVersion, "/version", 1, 10}},
	{"version missing", "phases:\n  build:\n    commands: [make]\n", "version: 0.2\nphases:\n  build:\n    commands: [make]\n",
		want{RuleVersion, "/version", 1, 1}},
	{"version 0.1", "version: 0.1\nphases:\n  build:\n    commands: [make]\n", "version: '0.2'\nphases:\n  build:\n    commands: [make]\n",
		want{RuleVersionLegacy, "/version", 1, 10}},
	{"version 0.20", "version: 0.20\nphases:\n  build:\n    commands: [make]\n", "version: \"0.2\"\nphases:\n  build:\n    commands: [make]\n",
		want{RuleVersionLiteral, "/version", 1, 10}},
	{"unknown top-level key", okPhases + "artifact:\n  files: [a]\n", okPhases + "artifacts:\n  files: [a]\n",
		want{RuleUnknownKey, "/artifact", 6, 1}},
	{"phases missing", "version: 0.2\nartifacts:\n  files: [a]\n", okPhases + "artifacts:\n  files: [a]\n",
		want{RulePhasesRequired, "/phases", 1, 1}},
	{"typo'd phase", "version: 0.2\nphases:\n  bulid:\n    commands: [make]\n", "version: 0.2\nphases:\n  build:\n    commands: [make]\n",
		want{RulePhaseName, "/phases/bulid", 3, 3}},
	{"artifacts under phases", okPhases + "  artifacts:\n    files: [a]\n", okPhases + "artifacts:\n  files: [a]\n",
		want{RulePhaseName, "/phases/artifacts", 6, 3}},
	{"phase case", "version: 0.2\nphases:\n  Build:\n    commands: [make]\n", "version: 0.2\nphases:\n  build:\n    commands: [make]\n",
		want{RulePhaseNameCase, "/phases/Build", 3, 3}},
	{"commands missing", "version: 0.2\nphases:\n  build:\n    run-as: me\n", "version: 0.2\nphases:\n  install:\n    run-as: me\n",
		want{RuleCommandsRequired, "/phases/build", 3, 3}},
	{"commands empty", "version: 0.2\nphases:\n  post_build:\n    commands: []\n", "version: 0.2\nphases:\n  post_build:\n    commands: [x]\n",
		want{RuleCommandsRequired, "/phases/post_build/commands", 4, 5}},
	{"unquoted colon", okPhases + "      - echo foo: bar\n", okPhases + "      - 'echo foo: bar'\n",
		want{RuleCommandNotString, "/phases/build/commands/1", 6, 9}},
	{"null command", okPhases + "      - # just a comment\n      - make test\n", okPhases + "      # just a comment\n      - make test\n",
		want{RuleEmptyCommand, "/phases/build/commands/1", 6, 8}},
	{"runtime-versions in build", okPhases + "    runtime-versions:\n      nodejs: 20\n", "version: 0.2\nphases:\n  install:\n    runtime-versions:\n      nodejs: 20\n  build:\n    commands:\n      - make\n",
		want{RuleRuntimeVersionsPhase, "/phases/build/runtime-versions", 6, 5}},
	{"runtime version 3.10", "version: 0.2\nphases:\n  install:\n    runtime-versions:\n      python: 3.10\n", "version: 0.2\nphases:\n  install:\n    runtime-versions:\n      python: \"3.10\"\n",
		want{RuleRuntimeVersionNumber, "/phases/install/runtime-versions/python", 5, 15}},
	{"bad on-failure", okPhases + "    on-failure: STOP\n", okPhases + "    on-failure: RETRY-3-Connection.*\n",
		want{RuleOnFailure, "/phases/build/on-failure", 6, 17}},
	{"on-failure retry count", okPhases + "    on-failure: RETRY-101\n", okPhases + "    on-failure: CONTINUE\n",
		want{RuleOnFailure, "/phases/build/on-failure", 6, 17}},
	{"CODEBUILD_ variable", "version: 0.2\nenv:\n  variables:\n    CODEBUILD_FOO: x\n" + okPhases[13:], "version: 0.2\nenv:\n  variables:\n    BUILD_FOO: x\n" + okPhases[13:],
		want{RuleReservedEnvName, "/env/variables/CODEBUILD_FOO", 4, 5}},
	{"exported AWS_", "version: 0.2\nenv:\n  exported-variables:\n    - AWS_REGION\n" + okPhases[13:], "version: 0.2\nenv:\n  exported-variables:\n    - REGION\n" + okPhases[13:],
		want{RuleExportedAWSPrefix, "/env/exported-variables/0", 4, 7}},
	{"secrets-manager both stage and id", "version: 0.2\nenv:\n  secrets-manager:\n    TOKEN: prod/app:token:AWSCURRENT:0123\n" + okPhases[13:], "version: 0.2\nenv:\n  secrets-manager:\n    TOKEN: prod/app:token::0123\n" + okPhases[13:],
		want{RuleSecretsManagerRef, "/env/secrets-manager/TOKEN", 4, 12}},
	{"secrets-manager bad arn", "version: 0.2\nenv:\n  secrets-manager:\n    TOKEN: arn:aws:ssm:us-east-1:123456789012:parameter/x\n" + okPhases[13:], "version: 0.2\nenv:\n  secrets-manager:\n    TOKEN: arn:aws:secretsmanager:us-east-1:123456789012:secret:app-AbCdEf:token\n" + okPhases[13:],
		want{RuleSecretsManagerRef, "/env/secrets-manager/TOKEN", 4, 12}},
	{"artifacts without files", okPhases + "artifacts:\n  discard-paths: yes\n", okPhases + "artifacts:\n  files: taskdef.json\n  discard-paths: yes\n",
		want{RuleArtifactsFiles, "/artifacts", 6, 1}},
	{"secondary artifact without files", okPhases + "artifacts:\n  files: [a]\n  secondary-artifacts:\n    Image1:\n      base-directory: x\n", okPhases + "artifacts:\n  files: [a]\n  secondary-artifacts:\n    Image1:\n      base-directory: x\n      files: [imageDetail.json]\n",
		want{RuleArtifactsFiles, "/artifacts/secondary-artifacts/Image1", 9, 5}},
	{"six report groups", okPhases + "reports:\n  a: {files: [x]}\n  b: {files: [x]}\n  c: {files: [x]}\n  d: {files: [x]}\n  e: {files: [x]}\n  f: {files: [x]}\n", okPhases + "reports:\n  a: {files: [x]}\n  b: {files: [x]}\n  c: {files: [x]}\n  d: {files: [x]}\n  e: {files: [x]}\n",
		want{RuleReportGroupsLimit, "/reports", 6, 1}},
	{"six fallback keys", okPhases + "cache:\n  key: k\n  fallback-keys: [a, b, c, d, e, f]\n", okPhases + "cache:\n  key: k\n  fallback-keys: [a, b, c, d, e]\n",
		want{RuleFallbackKeysLimit, "/cache/fallback-keys", 8, 18}},
	{"fallback without key", okPhases + "cache:\n  fallback-keys: [a]\n", okPhases + "cache:\n  key: k\n  fallback-keys: [a]\n",
		want{RuleFallbackWithoutKey, "/cache/fallback-keys", 7, 3}},
	{"yes/no boolean", okPhases + "artifacts:\n  files: [a]\n  discard-paths: true\n", okPhases + "artifacts:\n  files: [a]\n  discard-paths: yes\n",
		want{RuleYesNo, "/artifacts/discard-paths", 8, 18}},
	{"two batch types", "version: 0.2\nbatch:\n  build-list:\n    - identifier: a\n  build-graph:\n    - identifier: b\n" + okPhases[13:], "version: 0.2\nbatch:\n  fast-fail: true\n  build-list:\n    - identifier: a\n" + okPhases[13:],
		want{RuleBatchType, "/batch", 2, 1}},
	{"terraform escape", okPhases + "      - docker push repo:$${TAG}\n", okPhases + "      - docker push repo:${TAG}\n",
		want{RuleTemplateEscape, "/phases/build/commands/1", 6, 9}},
	{"terraform directive", okPhases + "      - \"%{ if debug }set -x%{ endif }\"\n", okPhases + "      - curl -s -o /dev/null -w '%{http_code}' https://example.com\n",
		want{RuleTemplateEscape, "/phases/build/commands/1", 6, 9}},

	// Lints.
	{"get-login", okPhases + "      - $(aws ecr get-login --no-include-email --region us-east-1)\n", okPhases + "      - aws ecr get-login-password --region us-east-1 | docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com\n",
		want{RuleECRGetLogin, "/phases/build/commands/1", 6, 9}},
	{"eval get-login", okPhases + "      - eval $(aws --region eu-west-1 ecr get-login --no-include-email)\n", okPhases + "      - eval \"$(ssh-agent -s)\"\n",
		want{RuleECRGetLogin, "/phases/build/commands/1", 6, 9}},
	{"get-login in a block", okPhases + "      - |\n        set -e\n        echo login\n        $(aws ecr \\\n          get-login --no-include-email)\n", okPhases + "      - |\n        set -e\n        echo login\n        aws ecr \\\n          get-login-password | docker login -u AWS --password-stdin $REG\n",
		want{RuleECRGetLogin, "/phases/build/commands/1", 9, 9}},
	{"docker login -p", okPhases + "      - docker login -u AWS -p $PASSWORD $REGISTRY\n", okPhases + "      - echo \"$PASSWORD\" | docker login -u AWS --password-stdin $REGISTRY\n",
		want{RuleDockerLoginPassword, "/phases/build/commands/1", 6, 9}},
	{"docker login --password=", okPhases + "      - docker login --username AWS --password=\"$(aws ecr get-login-password)\" $REGISTRY\n", okPhases + "      - aws ecr get-login-password | docker login --username AWS --password-stdin $REGISTRY\n",
		want{RuleDockerLoginPassword, "/phases/build/commands/1", 6, 9}},
	{"docker login prompting", okPhases + "      - docker login --username AWS $REGISTRY\n", okPhases + "      - aws ecr get-login-password | docker login --username AWS --password-stdin $REGISTRY\n",
		want{RuleDockerLoginPassword, "/phases/build/commands/1", 6, 9}},
	{"ECR login region", okPhases + "      - aws ecr get-login-password --region us-east-1 | docker login --username AWS --password-stdin 123456789012.dkr.ecr.eu-west-1.amazonaws.com\n", okPhases + "      - aws ecr get-login-password --region eu-west-1 | docker login --username AWS --password-stdin 123456789012.dkr.ecr.eu-west-1.amazonaws.com\n",
		want{RuleECRLoginRegion, "/phases/build/commands/1", 6, 9}},
	{"ECR Public login region", okPhases + "      - aws ecr-public get-login-password --region ap-northeast-1 | docker login --username AWS --password-stdin public.ecr.aws\n", okPhases + "      - aws ecr-public get-login-password --region us-east-1 | docker login --username AWS --password-stdin public.ecr.aws\n",
		want{RuleECRPublicLoginRegion, "/phases/build/commands/1", 6, 9}},
	{"ECR Public login without region", okPhases + "      - aws ecr-public get-login-password | docker login --username AWS --password-stdin public.ecr.aws\n", okPhases + "      - aws ecr-public get-login-password --region=us-east-1 | docker login --username AWS --password-stdin public.ecr.aws\n",
		want{RuleECRPublicLoginRegion, "/phases/build/commands/1", 6, 9}},
	{"sed on taskdef", okPhases + "      - sed -i \"s|<IMAGE>|$URI|g\" taskdef.json\n", okPhases + "      - sed -i \"s|v1|v2|g\" README.md\n",
		want{RuleSedTaskdef, "/phases/build/commands/1", 6, 9}},
	{"sed into appspec", okPhases + "      - echo ok && sed \"s/X/$Y/\" appspec.tmpl > appspec.yaml\n", okPhases + "      - envsubst < appspec.tmpl > appspec.yaml\n",
		want{RuleSedTaskdef, "/phases/build/commands/1", 6, 9}},
	{"plaintext access key id", "version: 0.2\nenv:\n  variables:\n    MY_KEY: AKIAQWERTYUIOPASDFGH\n" + okPhases[13:], "version: 0.2\nenv:\n  parameter-store:\n    MY_KEY: /ci/key\n" + okPhases[13:],
		want{RulePlaintextAWSKey, "/env/variables/MY_KEY", 4, 13}},
	{"plaintext secret key", "version: 0.2\nenv:\n  variables:\n    AWS_SECRET_ACCESS_KEY: \"k3Jd8sPq/Zx0vB7nL2mR+tY6wE4uI9oA1cV5bN8h\"\n" + okPhases[13:], "version: 0.2\nenv:\n  secrets-manager:\n    AWS_SECRET_ACCESS_KEY: ci/aws:secret\n" + okPhases[13:],
		want{RulePlaintextAWSKey, "/env/variables/AWS_SECRET_ACCESS_KEY", 4, 28}},
	{"access key in a command", okPhases + "      - aws configure set aws_access_key_id AKIAQWERTYUIOPASDFGH\n", okPhases + "      - aws configure set region us-east-1\n",
		want{RulePlaintextAWSKey, "/phases/build/commands/1", 6, 9}},
	{"push of an unbuilt tag", okPhases + "      - docker build -t $REPO_URL .\n      - docker push $REPO_URL:$IMAGE_TAG\n", okPhases + "      - docker build -t $REPO_URL:$IMAGE_TAG .\n      - docker push ${REPO_URL}:${IMAGE_TAG}\n",
		want{RulePushUnbuilt, "/phases/build/commands/2", 7, 9}},
	{"push without docker tag", "version: 0.2\nphases:\n  build:\n    commands:\n      - docker build -t app .\n      - docker push 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest\n", "version: 0.2\nphases:\n  build:\n    commands:\n      - docker build -t app .\n      - docker tag app 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest\n      - docker push 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest\n",
		want{RulePushUnbuilt, "/phases/build/commands/1", 6, 9}},
	{"docker tag of an unbuilt tag", okPhases + "      - docker build -t $NAME:$TAG .\n      - docker tag $NAME:latest $URI/$NAME:$TAG\n", okPhases + "      - docker build -t $NAME:$TAG .\n      - docker tag $NAME:$TAG $URI/$NAME:$TAG\n",
		want{RulePushUnbuilt, "/phases/build/commands/2", 7, 9}},
	{"imagedefinitions format in imageDetail.json", okPhases + "      - printf '[{\"name\":\"web\",\"imageUri\":\"%s\"}]' $URI > imageDetail.json\n", okPhases + "      - printf '{\"ImageURI\":\"%s\"}' $URI > imageDetail.json\n",
		want{RuleImageFileFormat, "/phases/build/commands/1", 6, 9}},
	{"imageDetail format in imagedefinitions.json", okPhases + "      - printf '{\"ImageURI\":\"%s\"}' $URI > imagedefinitions.json\n", okPhases + "      - printf '[{\"name\":\"web\",\"imageUri\":\"%s\"}]' $URI > imagedefinitions.json\n",
		want{RuleImageFileFormat, "/phases/build/commands/1", 6, 9}},
	{"imageDetail of an unpushed image", okPhases + "      - docker build -t $NAME:$TAG .\n      - docker tag $NAME:$TAG $REG/$NAME:$TAG\n      - docker push $REG/$NAME:$TAG\n      - printf '{\"ImageURI\":\"%s\"}' $NAME:$TAG > imageDetail.json\n", okPhases + "      - docker build -t $NAME:$TAG .\n      - docker tag $NAME:$TAG $REG/$NAME:$TAG\n      - docker push $REG/$NAME:$TAG\n      - printf '{\"ImageURI\":\"%s\"}' ${REG}/${NAME}:${TAG} > imageDetail.json\n",
		want{RuleImageDetailUnpushed, "/phases/build/commands/4", 9, 9}},
	{"backticks around a variable", okPhases + "      - echo \"region `$AWS_REGION` selected\"\n", okPhases + "      - echo \"region $AWS_REGION selected at `date`\"\n",
		want{RuleSubstitutionRunsVariable, "/phases/build/commands/1", 6, 9}},
	{"docker pull from Docker Hub", okPhases + "      - docker pull node:20\n", okPhases + "      - docker pull public.ecr.aws/docker/library/node:20\n",
		want{RuleDockerHubImage, "/phases/build/commands/1", 6, 9}},
	{"docker run from Docker Hub", okPhases + "      - docker run --rm -v $PWD:/src -w /src aquasec/trivy fs .\n", okPhases + "      - docker build -t aquasec/trivy . && docker run --rm -v $PWD:/src -w /src aquasec/trivy fs .\n",
		want{RuleDockerHubImage, "/phases/build/commands/1", 6, 9}},
	{"base image build arg", okPhases + "      - docker build --build-arg BASE_IMAGE=python:3.12-slim -t app .\n", okPhases + "      - docker build --build-arg BASE_IMAGE=public.ecr.aws/docker/library/python:3.12-slim -t app .\n",
		want{RuleDockerHubImage, "/phases/build/commands/1", 6, 9}},
	{"Dockerfile written in a command", okPhases + "      - printf 'FROM nginx:1.27\\nCOPY . /usr/share/nginx/html\\n' > Dockerfile\n", okPhases + "      - printf 'FROM public.ecr.aws/docker/library/nginx:1.27\\n' > Dockerfile\n",
		want{RuleDockerHubImage, "/phases/build/commands/1", 6, 9}},
}

func TestRules(t *testing.T) {
	for _, tc := range ruleCases {
		t.Run(tc.name, func(t *testing.T) {
			l := Validate("buildspec.yml", []byte(tc.bad))
			var got []want
			found := false
			for _, d := range l {
				w := want{d.Rule, d.Path, d.Line, d.Column}
				got = append(got, w)
				if w == tc.want {
					found = true
				}
				if r, ok := diag.LookupRule(d.Rule); !ok || r.Severity != d.Severity {
					t.Errorf("rule %s not registered or severity differs", d.Rule)
				}
			}
			if !found {
				t.Errorf("bad input: want %v, got %v\n%s", tc.want, got, l)
			}
			for _, d := range Validate("buildspec.yml", []byte(tc.good)) {
				if d.Rule == tc.want.rule {
					t.Errorf("good input: %s fired: %v", tc.want.rule, d)
				}
				if strings.HasPrefix(d.Rule, "buildspec/") || d.Severity == diag.Error {
					t.Errorf("good input is not clean: %v", d)
				}
			}
		})
	}
}

// TestEveryRuleTested checks that every registered buildspec rule has a
// firing case above.
func TestEveryRuleTested(t *testing.T) {
	tested := map[string]bool{RuleMarshal: true} // tested in TestMarshalInvalidUTF8
	for _, tc := range ruleCases {
		tested[tc.want.rule] = true
	}
	for _, r := range diag.Rules() {
		if strings.HasPrefix(r.ID, "buildspec/") && !tested[r.ID] {
			t.Errorf("rule %s has no test case", r.ID)
		}
	}
}

// TestDoneWhenCases covers the list of bad inputs that must each be
// reported at the right place, including ones the YAML reader reports.
func TestDoneWhenCases(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want want
	}{
		{"duplicate phases", "version: 0.2\nphases:\n  build:\n    commands: [a]\nphases:\n  build:\n    commands: [b]\n",
			want{"yaml/duplicate-key", "/phases", 5, 1}},
		{"tab indentation", "version: 0.2\nphases:\n\tbuild:\n", want{"yaml/tab", "", 3, 1}},
		{"commands scalar", "version: 0.2\nphases:\n  build:\n    commands: make\n", want{"schema/type", "/phases/build/commands", 4, 15}},
		{"unknown phase key", "version: 0.2\nphases:\n  build:\n    comands: [make]\n", want{"schema/additionalProperties", "/phases/build/comands", 4, 5}},
		{"git-credential-helper", "version: 0.2\nenv:\n  git-credential-helper: maybe\n" + okPhases[13:], want{"schema/anyOf", "/env/git-credential-helper", 3, 26}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := Validate("buildspec.yml", []byte(tc.src))
			for _, d := range l {
				if (want{d.Rule, d.Path, d.Line, d.Column}) == tc.want {
					return
				}
			}
			t.Errorf("want %v, got\n%s", tc.want, l)
		})
	}
}

// TestNoSecretInMessages checks that secret values never reach messages.
func TestNoSecretInMessages(t *testing.T) {
	const key, secret = "AKIAQWERTYUIOPASDFGH", "k3Jd8sPq/Zx0vB7nL2mR+tY6wE4uI9oA1cV5bN8h"
	src := "version: 0.2\nenv:\n  variables:\n    A: " + key + "\n    AWS_SECRET_ACCESS_KEY: " + secret + "\n" + okPhases[13:] +
		"      - aws configure set aws_access_key_id " + key + "\n"
	l := Validate("buildspec.yml", []byte(src))
	if len(l) < 3 {
		t.Fatalf("want 3 diagnostics, got %v", l)
	}
	for _, d := range l {
		if strings.Contains(d.Message, key) || strings.Contains(d.Message, secret) || strings.Contains(d.Message, key[4:12]) {
			t.Errorf("message prints the secret: %s", d.Message)
		}
	}
}

// TestDisable checks that Disable drops a rule (and that a superseded
// schema diagnostic comes back when its rule is disabled).
func TestDisable(t *testing.T) {
	src := okPhases + "      - echo foo: bar\n"
	l := Validate("buildspec.yml", []byte(src), Disable(RuleCommandNotString))
	for _, d := range l {
		if d.Rule == RuleCommandNotString {
			t.Errorf("disabled rule reported: %v", d)
		}
	}
	if len(l) == 0 || l[0].Rule != "schema/type" {
		t.Errorf("want the schema diagnostic back, got %v", l)
	}
}
