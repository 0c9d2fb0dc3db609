package taskdef

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// corpusDir returns the shared corpus of real task definitions, from
// BGSPEC_CORPUS (the corpus root) or ../../shared/corpus, or "" if absent.
func corpusDir() string {
	root := os.Getenv("BGSPEC_CORPUS")
	if root == "" {
		root = filepath.Join("..", "..", "shared", "corpus")
	}
	dir := filepath.Join(root, "taskdef")
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return ""
	}
	return dir
}

// testDocs returns every test document: the firing cases (marker removed),
// the quiet cases, testdata/*.json and the corpus's task definitions.
func testDocs(t *testing.T) [][]byte {
	t.Helper()
	var docs [][]byte
	for _, tc := range firing {
		docs = append(docs, []byte(strings.Replace(tc.src, mark, "", 1)))
	}
	for _, tc := range quiet {
		docs = append(docs, []byte(tc.src))
	}
	files, _ := filepath.Glob("testdata/*.json")
	if dir := corpusDir(); dir != "" {
		more, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		files = append(files, more...)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, b)
	}
	return docs
}

// corpusExpect lists, per corpus file, rules that must fire on the defects
// SOURCES.tsv records by hand, and rules that must not fire because AWS
// accepts what the file does.
var corpusExpect = map[string]struct{ want, not []string }{
	"aws-samples__java-sample-app__taskdef.json": {
		want: []string{RulePlaceholder, RuleDescribeOnly, RuleExecRoleName}, // <IMAGE_NAME>; compatibilities/revision/status; "ecsTaskRoleExecOutput"
	},
	"nataliavaz__pipeline-git-ecs-codedeploy__templates__taskdef.json": {
		want: []string{RulePlaceholder, RuleDescribeOnly}, // "<memory>"/"<cpu>"/"<role_arn>"; compatibilities
	},
	"yuheijotaki__nuxt-fargate_app__task-definition.json": {want: []string{RuleNull, RuleRoleARN}}, // AWS_ACCOUNT_ID in role ARNs
	"ScripDid__aws_ecs_codedeploy__templates__single-task-def.json": {
		want: []string{"json/syntax"}, // bare ${CONTAINER_CPU} tokens
	},
	"aws-samples__amazon-ecs-fullstack-app-terraform__Infrastructure__Templates__taskdef.json": {
		want: []string{"json/syntax"}, // bare <SERVICE_PORT> tokens
	},
	"faizulkhan56__python-hello-ecs__ecs__task-definition.json": {want: []string{RulePlaceholder}},
	"Abdelali12-codes__aws_ecs_codedeploy_appmesh_xray__task-definition.json": {
		not: []string{RuleTaskSize}, // ".25 vcpu" / ".5 gb" are accepted unit strings
	},
	"4pits__circleci-ecs__task-definition.json":      {not: []string{RuleContainerMemory}}, // memoryReservation 128
	"14km__9th-depromeet-conf__task-definition.json": {want: []string{RuleDescribeOnly, RuleNull}},
	"Hendryboyz__flask-restfulapi-tempate__deploy__taskdef.json": {
		want: []string{RuleImage, RuleDependsOnHealthy, RuleContainerMemory},
	},
	"aws-samples__amazon-ecs-gmsa__ecs-deployments__mvc-task-definition.json": {
		not: []string{RuleHostPort}, // no networkMode: bridge allows hostPort 443 -> 80
	},
	"aws-samples__ecs-bg-external-controller__infrastructure__TaskDefinition.template.json": {
		want: []string{RuleName, RuleRoleARN}, // "Family Prefix", "my app", "TASK EXEC ROLE"
	},
	"58pom__cloudtech-reservation-api__taskdef.json":     {want: []string{RuleDescribeOnly}},
	"Anorlondo448__go_helloworld__taskdef-template.json": {want: []string{RuleNull}},
	"AndreasX42__quizstream__.aws__taskdef.json":         {want: []string{RulePlaceholder}},
	"AnilNanda__dockerrepo__taskdef.json": {
		want: []string{RuleImageRef}, not: []string{RuleHostPort}, // %REPOSITORY_URI% tokens; bridge, dynamic hostPort 0
	},
	"faizhasim__aws-ecs-blue-green-deployments__terraform-modules__simple-service__task-definition__simple-website.json": {
		want: []string{"json/syntax"},
	},
	"yutaka0m__kotlin-api-sample__.aws__task-definitions.json": {want: []string{RulePlaceholder, RuleDescribeOnly}},
	"AntonioMateus95__alura_challenge_devops__.aws__task-definition.json": {
		want: []string{RuleNull}, not: []string{RuleHostPort, RuleContainerMemory}, // EC2 bridge 80 -> 8000, memoryReservation only
	},
	"2-chanhee__ecs-on-fargate-infrastructure__task-definition.json": {
		want: []string{"schema/type"}, // containerPort "3000"
	},
	"Boscoand__ecs-demo-php-simple-app__taskdef.json":            {not: []string{RuleHostPort, RulePlaceholder}},
	"kaikeventura__app-automatic-pipeline__deploy__taskdef.json": {not: []string{RulePlaceholder}},
}

// TestCorpus validates every real task definition of the shared corpus: no
// panic, positions inside the file, the hand-found defects found, and no
// finding on what AWS accepts. It logs a tally.
func TestCorpus(t *testing.T) {
	dir := corpusDir()
	if dir == "" {
		t.Skip("corpus not found (set BGSPEC_CORPUS)")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Skip("no corpus files")
	}
	tally := map[string]int{}
	clean := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(f)
		l := Validate(base, src)
		lines := strings.Count(string(src), "\n") + 1
		rules := map[string]bool{}
		for _, d := range l {
			rules[d.Rule] = true
			tally[d.Rule]++
			if !d.Valid() || d.Line > lines {
				t.Errorf("%s: bad diagnostic %+v", base, d)
			}
		}
		if len(l) == 0 {
			clean++
		}
		exp := corpusExpect[base]
		for _, r := range exp.want {
			if !rules[r] {
				t.Errorf("%s: want %s (SOURCES.tsv defect), got:\n%v", base, r, l)
			}
		}
		for _, r := range exp.not {
			if rules[r] {
				t.Errorf("%s: %s fires on what AWS accepts:\n%v", base, r, l)
			}
		}
		if testing.Verbose() {
			t.Logf("%s: %d diagnostics", base, len(l))
			for _, d := range l {
				t.Logf("    %s", d.Error())
			}
		}
		// Clean never panics on real files either.
		Clean(src)
	}
	var b strings.Builder
	for _, r := range slices.Sorted(maps.Keys(tally)) {
		b.WriteString("\n  " + r + ": " + strconv.Itoa(tally[r]))
	}
	t.Logf("%d files, %d without findings; findings per rule:%s", len(files), clean, b.String())
}
