package appspec_test

import (
	"bufio"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bgspec/bgspec/appspec"
)

const corpusDir = "../../shared/corpus"

// TestCorpus validates every real-world AppSpec in the shared corpus (never
// copied into the repository): no panic, bounded time, valid diagnostics,
// and the expected verdict per file (clean, or the rules of the real defects
// SOURCES.tsv names).
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "appspec-*", "*"))
	if len(files) == 0 {
		t.Skip("corpus not present at " + corpusDir)
	}
	notes := corpusNotes(t)
	defective, flagged := 0, 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		l := appspec.Validate(filepath.Base(f), src)
		if d := time.Since(start); d > 5*time.Second { // a hang backstop (wall time on a loaded CI machine is no cost measure)
			t.Errorf("%s: %v", f, d)
		}
		for _, d := range l {
			if !d.Valid() {
				t.Errorf("%s: invalid diagnostic %+v", f, d)
			}
		}
		base := filepath.Base(f)
		t.Logf("== %s [%s]\n%s", base, notes[base], l)
		got := map[string]bool{}
		for _, d := range l {
			if d.Rule != "appspec/no-capacity-provider-strategy" {
				got[d.Rule] = true
			}
		}
		want, known := corpusWant[base]
		if !known {
			t.Errorf("%s: no expectation recorded; got %v", base, slices.Sorted(maps.Keys(got)))
			continue
		}
		if g := slices.Sorted(maps.Keys(got)); !slices.Equal(g, slices.Sorted(slices.Values(want))) {
			t.Errorf("%s: rules %v, want %v\n%v", base, g, want, l)
		}
		if len(want) > 0 {
			defective++
		}
		if l.HasErrors() {
			flagged++
		}
	}
	t.Logf("corpus: %d files, %d with real defects per SOURCES.tsv, %d with errors reported", len(files), defective, flagged)
}

// corpusWant is, per corpus file, the set of rules (other than the
// no-capacity-provider-strategy lint, which fires on every ECS file without a
// strategy) that the real defects named in SOURCES.tsv should raise. An empty
// list means the file is one AWS accepts and must stay clean.
var corpusWant = map[string][]string{
	// EC2/On-Premises
	"100-hours-a-week__5-chunsik-4Q-be__appspecs__appspec-dev.yml":                      {"appspec/files-overwrite"},
	"apurv-soni__dotnet-webapp__codedeploy__appspec.yaml":                               {},
	"aws-samples__aws-codedeploy-samples__applications__SampleApp_Windows__appspec.yml": {},
	"aws-samples__aws-codedeploy-samples__load-balancing__elb-v2__appspec.yml":          {},
	"ckashok123__gatway-code-ecs-codedeploy__Appspec.yml":                               {},
	"krrrr38__aws-ami-autoscaling-codedeploy-springboot__javaapp__deploy__appspec.yml":  {},
	"lasuillard__aws-codedeploy-windows__appspec.yml":                                   {},
	"powerupcloud__sample-gradle__appspec.yml":                                          {},
	"smbdevops__ec2-codedeploy-docker__codedeploy__appspec.yml":                         {},
	"talosdigital__magento2codedeploy__appspec.yml":                                     {},
	// ECS
	"2or3__php8-application__appspec.yaml":                 {},
	"58pom__cloudtech-reservation-api__appspec.yml":        {"appspec/container-port"},
	"5hry__e-commerce-web-bluegreen-deploy__appspec.yaml":  {"appspec/container-port"},
	"AWStechu__ecogrid-website-ohio__appspec-bg.yml":       {"appspec/security-groups", "appspec/hook-function", "appspec/hook-name"},
	"AWStechu__ecogrid-website-ohio__appspec-content.json": {},
	"Hendryboyz__flask-restfulapi-tempate__deploy__appspec.yaml": {"appspec/target-service", "appspec/task-definition",
		"appspec/container-name", "appspec/container-port"},
	"abdirahman1mohamed2006__Blue-Green-Deployment-ECS__appspec.yaml":                          {"appspec/version", "schema/key-spelling"},
	"aws-6w8hnx__code-workshop-ecs-lambda-codedeploy__ECS-BlueGreen__appspec__appspec.yml":     {},
	"aws-samples__amazon-ecs-fullstack-app-terraform__Infrastructure__Templates__appspec.yaml": {"appspec/container-port"},
	"aws-samples__aws-codedeploy-appspec-assistant__ecs-default-appspec-template-advanced.json": {"appspec/task-definition",
		"schema/pattern", "appspec/subnets", "appspec/security-groups", "appspec/assign-public-ip"},
	"aws-samples__java-sample-app__appspec.yaml":                        {},
	"ezequielmartell__skipify-django-backend__codedeploy__appspec.yaml": {"appspec/create-deployment-input", "appspec/task-definition"},
	"faizulkhan56__python-hello-ecs__codedeploy__appspec.yaml":          {"appspec/task-definition"},
	"kaikeventura__app-automatic-pipeline__deploy__appspec.yaml":        {"appspec/task-definition"},
	"marsdd__ckan-docker__appspec_template.yaml":                        {"appspec/task-definition", "appspec/container-port", "appspec/subnets", "appspec/security-groups"},
	"moabukar__blue-green__ecs__appspec.yaml":                           {"appspec/task-definition", "appspec/subnets", "appspec/security-groups"},
	"nataliavaz__pipeline-git-ecs-codedeploy__templates__appspec.yml":   {"appspec/container-port"},
	"oaadonsgithub__ecs_codedeploy_finals__appspec.yml":                 {"appspec/task-definition"},
	"teraspace__multi-vendor__appspec_template.yaml":                    {"appspec/task-definition", "appspec/container-port"},
	"yuheijotaki__nuxt-fargate_app__appspec.yaml":                       {},
	// Lambda
	"YoonHyunWoo__CodeDeploy_For_Lambda-function__appspec.yaml":                          {"appspec/lambda-version-order"},
	"aws-samples__aws-codedeploy-appspec-assistant__lambda-default-appspec-template.yml": {},
	"tmiklu__lambda-codedeploy__appspec.yml":                                             {},
}

func corpusNotes(t *testing.T) map[string]string {
	out := map[string]string{}
	f, err := os.Open(filepath.Join(corpusDir, "SOURCES.tsv"))
	if err != nil {
		return out
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		cols := strings.Split(s.Text(), "\t")
		if len(cols) < 5 || !strings.HasPrefix(cols[0], "appspec") {
			continue
		}
		name := strings.ReplaceAll(cols[1], "/", "__") + "__" + strings.ReplaceAll(cols[2], "/", "__")
		out[name] = cols[4]
	}
	return out
}
