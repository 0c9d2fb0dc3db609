package buildspec

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// corpusDir holds real buildspecs from public repositories with their
// hand-found defects in ../SOURCES.tsv. The files are read in place, never
// copied into this repository.
const corpusDir = "../../shared/corpus/buildspec"

// corpusFindings is what bgspec reports on each corpus file, by rule. Every
// entry was checked against the file: each is a real defect (or a real
// hazard, for warnings). Files not listed must produce no diagnostics.
// Notes name the SOURCES.tsv defect each finding matches, or say "new"
// when SOURCES.tsv did not list it.
var corpusFindings = map[string][]string{
	// deprecated get-login (SOURCES)
	"2or3__php8-application__buildspec.yaml": {RuleECRGetLogin},
	// builds `reservations`, pushes <acct>.dkr.ecr…/reservations:latest with no docker tag (SOURCES), twice
	"7odri9o__sleepr__buildspec.yaml": {RulePushUnbuilt, RulePushUnbuilt},
	// new: three `- echo "…: $X"` commands YAML reads as maps (CodeBuild: "Expected Commands[N] to be of string type")
	"AWStechu__ecogrid-website-ohio__buildspec.yml": {RuleCommandNotString, RuleCommandNotString, RuleCommandNotString},
	// sed fills taskdef.json placeholders (SOURCES)
	"AndreasX42__quizstream__.aws__buildspec.yaml": {RuleSedTaskdef, RuleSedTaskdef},
	// deprecated get-login (SOURCES)
	"DataAgora__decentralized-ml__buildspec.yml": {RuleECRGetLogin},
	// no phases key at all (SOURCES)
	"YoonHyunWoo__CodeDeploy_For_Lambda-function__buildspec.yml": {RulePhasesRequired},
	// deprecated get-login; imagedefinitions-style array written into imageDetail.json (SOURCES)
	"apurv-soni__dotnet-webapp__buildspec.yaml": {RuleECRGetLogin, RuleImageFileFormat},
	// `- ##printf …` null entry; deprecated get-login (SOURCES)
	"aws-samples__amazon-ecs-catsndogs-workshop__Lab-6-Artifacts__dogs__buildspec.yml": {RuleEmptyCommand, RuleECRGetLogin},
	// sed placeholder substitution into taskdef.json and appspec.yaml; builds $REPO_URL (:latest) but pushes $REPO_URL:$IMAGE_TAG (SOURCES)
	"aws-samples__amazon-ecs-fullstack-app-terraform__Infrastructure__Templates__buildspec.yml": {
		RuleSedTaskdef, RuleSedTaskdef, RuleSedTaskdef, RuleSedTaskdef, RuleSedTaskdef, RuleSedTaskdef, RuleSedTaskdef, RuleSedTaskdef, RuleSedTaskdef, RulePushUnbuilt},
	// deprecated get-login captured in $ECR_LOGIN (SOURCES)
	"aws-samples__aws-codepipeline-docker-vulnerability-scan__nginx-website__buildspec.yml": {RuleECRGetLogin},
	// deprecated get-login (SOURCES)
	"deweyjose__wsbbot__buildspec.yml": {RuleECRGetLogin},
	// Terraform template with $${IMAGE_TAG} escapes; deprecated get-login (SOURCES)
	"eunchurn__terraform-ecs-codeploy-blue-green__modules__codebuild__buildspec__buildspec.yml": {RuleECRGetLogin, RuleTemplateEscape},
	// the reference skeleton: duplicate keys, `no | yes` values, a 4-part secrets-manager value, `JunitXml | …` format (SOURCES)
	"teraspace__multi-vendor__buildspec.yml": {"yaml/duplicate-key", "yaml/duplicate-key", "yaml/duplicate-key", "yaml/duplicate-key",
		RuleSecretsManagerRef, "schema/anyOf", "schema/anyOf", "schema/anyOf", "schema/anyOf", "schema/anyOf", "schema/anyOf", "schema/pattern"},
	// docker tag uses ${REPOSITORY_NAME}:latest though the build tagged :${IMAGE_TAG}; imageDetail.json gets the ImageURI without the registry host (SOURCES)
	"yuheijotaki__nuxt-fargate_app__buildspec.yml": {RulePushUnbuilt, RuleImageDetailUnpushed},
	// `$AWS_DEFAULT_REGION` in backticks runs the region as a command; deprecated get-login (SOURCES)
	"yutaka0m__kotlin-api-sample__.aws__buildspec.yaml": {RuleSubstitutionRunsVariable, RuleECRGetLogin},
}

func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*"))
	if len(files) == 0 {
		t.Skip("corpus not present at " + corpusDir)
	}
	tally := map[string]int{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		l := Validate(name, src)
		checkPositions(t, src, l)
		var got []string
		for _, d := range l {
			got = append(got, d.Rule)
			tally[d.Rule]++
		}
		want := slices.Clone(corpusFindings[name])
		sort.Strings(got)
		sort.Strings(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: want rules %v, got %v:\n%s", name, want, got, l)
		}
	}
	var lines []string
	for r, n := range tally {
		lines = append(lines, r+": "+strconv.Itoa(n))
	}
	sort.Strings(lines)
	t.Logf("%d files; findings by rule:\n%s", len(files), strings.Join(lines, "\n"))
}
