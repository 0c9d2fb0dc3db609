package robustness

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bgspec/bgspec/appspec"
	"github.com/bgspec/bgspec/buildspec"
	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/cli"
	"github.com/bgspec/bgspec/revision"
	"github.com/bgspec/bgspec/taskdef"
)

// Planted secrets: distinctive values that must never appear in any output.
// Key ids use the base32 alphabet of real keys ([A-Z2-7]); none is an AWS
// documentation example (those are allow-listed by the detectors).
var secrets = map[string]string{
	"akia-buildspec":     "AKIAZ7QWERTY2345ABCD",
	"asia-buildspec":     "ASIAJ4KL5MN6OP7QRSTU",
	"secret-buildspec":   "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",
	"password-buildspec": "Pw-buildspec-8f3kQz91",
	"token-buildspec":    "tok-buildspec-77ab12cd",
	"secretvar-build":    "sv-buildspec-5TgB6yHn",
	"reserved-buildspec": "Pw-reserved-0o9i8u7y",
	"docker-p":           "DockerPw-p-4r5t6y7u",
	"docker-password":    "DockerPw-eq-1q2w3e4r",
	"export-secret":      "Zx9Cv8Bn7Mm6Ll5Kk4Jj3Hh2Gg1Ff0DdSsAaQqWw",
	"akia-command":       "AKIAMNOPQ234567RSTUV",
	"akia-taskdef":       "AKIA2345ABCDEFGHIJKL",
	"secret-taskdef":     "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",
	"password-taskdef":   "Pw-taskdef-Qw8Er7Ty6",
	"token-taskdef":      "tok-taskdef-Zx1Cv2Bn3",
	"secret-taskdef-var": "sv-taskdef-9Ol8Ik7Uj",
	"asia-taskdef":       "ASIAQRSTUVWXYZ234567",
	"password-typo":      "Pw-typo-Mn4Bv5Cx6Zz",
}

// echoed are access key ids pasted into fields that are not secret-bearing
// (appspec TaskDefinition, taskdef image and family, buildspec run-as):
// several rules quote the offending value, and diag.List.Redacted shortens
// them in every message (TestSecretShapedValuesNotEchoed).
var echoed = map[string]string{
	"akia-appspec-td":   "AKIAABCDEFGHIJ234567",
	"akia-taskdef-img":  "AKIAQQQQRRRRSSSS2345",
	"asia-taskdef-fam":  "ASIAWWWWXXXXYYYY6767",
	"akia-buildspec-rt": "AKIAKKKKLLLLMMMM3434",
}

func secretBuildspec() string {
	return `version: 0.2
env:
  variables:
    AWS_ACCESS_KEY_ID: ` + secrets["akia-buildspec"] + `
    AWS_SESSION_KEY: ` + secrets["asia-buildspec"] + `
    AWS_SECRET_ACCESS_KEY: "` + secrets["secret-buildspec"] + `"
    DB_PASSWORD: ` + secrets["password-buildspec"] + `
    API_TOKEN: ` + secrets["token-buildspec"] + `
    APP_SECRET: ` + secrets["secretvar-build"] + `
    CODEBUILD_PASSWORD: ` + secrets["reserved-buildspec"] + `
  exported-variables:
    - AWS_SECRET_ACCESS_KEY
phases:
  pre_build:
    commands:
      - docker login -u AWS -p ` + secrets["docker-p"] + ` 123456789012.dkr.ecr.us-east-1.amazonaws.com
      - docker login --username AWS --password=` + secrets["docker-password"] + ` registry.example.com
      - export AWS_SECRET_ACCESS_KEY=` + secrets["export-secret"] + `
      - aws configure set aws_access_key_id ` + secrets["akia-command"] + `
  build:
    commands:
      - docker build -t 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:latest .
      - docker push 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:latest
      - printf '{"ImageURI":"%s"}' 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:latest > imageDetail.json
artifacts:
  files:
    - appspec.yaml
    - taskdef.json
  secondary-artifacts:
    BuildArtifact:
      files:
        - appspec.yaml
        - taskdef.json
    ImageWeb:
      files:
        - imageDetail.json
`
}

func secretTaskdef() string {
	return `{
  "family": "web",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["FARGATE"],
  "cpu": "256",
  "memory": "512",
  "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
  "containerDefinitions": [
    {
      "name": "web",
      "image": "<IMAGE1_NAME>",
      "essential": true,
      "portMappings": [{"containerPort": 80, "protocol": "tcp"}],
      "environment": [
        {"name": "AWS_ACCESS_KEY_ID", "value": "` + secrets["akia-taskdef"] + `"},
        {"name": "AWS_SECRET_ACCESS_KEY", "value": "` + secrets["secret-taskdef"] + `"},
        {"name": "DB_PASSWORD", "value": "` + secrets["password-taskdef"] + `"},
        {"name": "GITHUB_TOKEN", "value": "` + secrets["token-taskdef"] + `"},
        {"name": "APP_SECRET", "value": "` + secrets["secret-taskdef-var"] + `"},
        {"name": "SESSION", "value": "` + secrets["asia-taskdef"] + `"},
        {"name": "DB_PASSWORD", "valeu": "` + secrets["password-typo"] + `"}
      ]
    }
  ]
}
`
}

func secretFiles() revision.Files {
	return revision.Files{
		"buildspec.yml": []byte(secretBuildspec()),
		"appspec.yaml":  []byte(okAppSpec), // an AppSpec has no environment
		"taskdef.json":  []byte(secretTaskdef()),
		"Dockerfile":    []byte(okDockerfile),
	}
}

// noSecret fails when any planted secret (or its 16-character core for the
// long ones) appears in out.
func noSecret(t *testing.T, where string, out []byte) {
	t.Helper()
	noneOf(t, secrets, where, out)
}

func noneOf(t *testing.T, secrets map[string]string, where string, out []byte) {
	t.Helper()
	for id, v := range secrets {
		probes := []string{v}
		if len(v) > 20 {
			probes = append(probes, v[4:20])
		}
		for _, p := range probes {
			if bytes.Contains(out, []byte(p)) {
				i := bytes.Index(out, []byte(p))
				lo, hi := max(0, i-120), min(len(out), i+len(p)+40)
				t.Errorf("%s: secret %s (%q) appears in the output: …%s…", where, id, p, out[lo:hi])
				break
			}
		}
	}
}

func listText(l diag.List) []byte {
	var b bytes.Buffer
	for _, d := range l {
		b.WriteString(d.Error())
		b.WriteByte('\n')
		b.WriteString(d.Message)
		b.WriteByte('\n')
	}
	j, _ := json.Marshal(l)
	b.Write(j)
	return b.Bytes()
}

func TestSecretsNeverInOutput(t *testing.T) {
	warm()
	files := secretFiles()

	// The detectors must fire (otherwise the test proves nothing) …
	bl := buildspec.Validate("buildspec.yml", files["buildspec.yml"])
	tl := taskdef.Validate("taskdef.json", files["taskdef.json"])
	for _, want := range []struct {
		l    diag.List
		rule string
		n    int
	}{
		{bl, "buildspec/plaintext-aws-key", 3},
		{bl, "buildspec/docker-login-password", 2},
		{bl, "buildspec/reserved-env-name", 1},
		{tl, "taskdef/plaintext-secret", 6},
	} {
		n := 0
		for _, d := range want.l {
			if d.Rule == want.rule {
				n++
			}
		}
		if n < want.n {
			t.Errorf("%s fired %d times, want at least %d:\n%s", want.rule, n, want.n, dump(want.l))
		}
	}

	// … and no output path may print a secret.
	t.Run("Validate", func(t *testing.T) {
		noSecret(t, "buildspec.Validate", listText(bl))
		noSecret(t, "taskdef.Validate", listText(tl))
		noSecret(t, "appspec.Validate", listText(appspec.Validate("appspec.yaml", files["appspec.yaml"])))
		noSecret(t, "appspec.Validate(ForPipeline)", listText(appspec.Validate("appspec.yaml", files["appspec.yaml"], appspec.ForPipeline())))
		noSecret(t, "revision.Check", listText(revision.Check(files)))
		_, pl := buildspec.Parse("buildspec.yml", files["buildspec.yml"])
		noSecret(t, "buildspec.Parse", listText(pl))
		_, tpl := taskdef.Parse("taskdef.json", files["taskdef.json"])
		noSecret(t, "taskdef.Parse", listText(tpl))
	})

	root := t.TempDir()
	dir := filepath.Join(root, "src")
	writeTree(t, dir, files)
	zipPath := filepath.Join(root, "forced.zip")

	t.Run("PackDir", func(t *testing.T) {
		l, err := revision.PackDir(dir, filepath.Join(root, "refused.zip"))
		if err == nil {
			t.Fatal("PackDir accepted plaintext secrets")
		}
		noSecret(t, "PackDir diagnostics", listText(l))
		noSecret(t, "PackDir error", []byte(err.Error()))
		l, err = revision.PackDir(dir, zipPath, revision.Force())
		if err != nil {
			t.Fatalf("PackDir with Force: %v", err)
		}
		noSecret(t, "PackDir(Force) diagnostics", listText(l))
		zb, err := os.ReadFile(zipPath)
		must(t, err)
		noSecret(t, "revision.Verify", listText(revision.Verify(bytes.NewReader(zb), int64(len(zb)), zipName)))
	})

	t.Run("CLI", func(t *testing.T) {
		paths := [][]string{
			{filepath.Join(dir, "buildspec.yml")},
			{filepath.Join(dir, "taskdef.json")},
			{filepath.Join(dir, "buildspec.yml"), filepath.Join(dir, "appspec.yaml"), filepath.Join(dir, "taskdef.json")},
			{dir},
			{zipPath},
		}
		for _, format := range []string{"text", "json", "sarif"} {
			for _, p := range paths {
				args := append([]string{"validate", "-format", format}, p...)
				var stdout, stderr bytes.Buffer
				code := cli.Main(args, strings.NewReader(""), &stdout, &stderr)
				if code != 1 {
					t.Errorf("%v: exit %d, want 1 (errors found)\n%s%s", args, code, stdout.String(), stderr.String())
				}
				if stdout.Len() == 0 {
					t.Errorf("%v: no output", args)
				}
				noSecret(t, strings.Join(args, " ")+" stdout", stdout.Bytes())
				noSecret(t, strings.Join(args, " ")+" stderr", stderr.Bytes())
			}
		}
		for _, format := range []string{"text", "json", "sarif"} {
			var stdout, stderr bytes.Buffer
			out := filepath.Join(root, "cli-"+format+".zip")
			code := cli.Main([]string{"pack", "-format", format, "-o", out, dir}, strings.NewReader(""), &stdout, &stderr)
			if code != 1 {
				t.Errorf("pack -format %s: exit %d, want 1 (refused)", format, code)
			}
			noSecret(t, "pack -format "+format, append(stdout.Bytes(), stderr.Bytes()...))
			stdout.Reset()
			stderr.Reset()
			cli.Main([]string{"pack", "-force", "-format", format, "-o", out, dir}, strings.NewReader(""), &stdout, &stderr)
			noSecret(t, "pack -force -format "+format, append(stdout.Bytes(), stderr.Bytes()...))
		}
		var stdout, stderr bytes.Buffer
		cli.Main([]string{"clean", filepath.Join(dir, "taskdef.json")}, strings.NewReader(""), &stdout, &stderr)
		noSecret(t, "clean stderr", stderr.Bytes())
	})
}

// TestSecretShapedValuesNotEchoed: an access key id pasted into a field that
// is not meant for secrets is still a credential; messages that quote the
// offending value should redact it (ROBUSTNESS.md §5.3: show the first 4
// and last 2 characters).
func TestSecretShapedValuesNotEchoed(t *testing.T) {
	warm()
	outs := map[string]diag.List{
		"appspec": appspec.Validate("appspec.yaml", []byte(appspecWith("version: 0.0\n", echoed["akia-appspec-td"], okLBI))),
		"taskdef": taskdef.Validate("taskdef.json", []byte(strings.NewReplacer(
			"<IMAGE1_NAME>", echoed["akia-taskdef-img"], `"family": "web"`, `"family": "`+echoed["asia-taskdef-fam"]+`!"`).Replace(okTaskdef))),
		"buildspec": buildspec.Validate("buildspec.yml", []byte(strings.Replace(okBuildspec, "version: 0.2\n",
			"version: 0.2\nrun-as: ["+echoed["akia-buildspec-rt"]+"]\nphases2: "+echoed["akia-buildspec-rt"]+"\n", 1))),
	}
	for name, l := range outs {
		if len(l) == 0 {
			t.Errorf("%s: no diagnostic, the probe proves nothing", name)
		}
		noneOf(t, echoed, name, listText(l))
	}
}
