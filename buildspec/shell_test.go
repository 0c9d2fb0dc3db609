package buildspec

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseShell(t *testing.T) {
	cases := []struct {
		in   string
		want []string // each simple command's argv joined by spaces; "|" marks a pipe
	}{
		{"echo a b", []string{"echo a b"}},
		{"a && b || c; d & e", []string{"a", "b", "c", "d", "e"}},
		{"aws ecr get-login-password --region x | docker login --username AWS --password-stdin h", []string{"aws ecr get-login-password --region x |", "docker login --username AWS --password-stdin h"}},
		{"$(aws ecr get-login --no-include-email)", []string{"aws ecr get-login --no-include-email", "$(aws ecr get-login --no-include-email)"}},
		{"eval `aws ecr get-login`", []string{"aws ecr get-login", "eval `aws ecr get-login`"}},
		{`echo "x $(date +%s) y"`, []string{"date +%s", "echo x $(date +%s) y"}},
		{"echo 'a | b' \"c ; d\"", []string{"echo a | b c ; d"}},
		{"docker build \\\n  -t x \\\n  .", []string{"docker build -t x ."}},
		{"echo a # comment | not a pipe\necho b", []string{"echo a", "echo b"}},
		{"echo a#b", []string{"echo a#b"}},
		{"sed s/a/b/ in.json > taskdef.json", []string{"sed s/a/b/ in.json"}},
		{"cat <<EOF > Dockerfile\nFROM node:20\nRUN x\nEOF\necho done", []string{"cat", "echo done"}},
		{"(cd a && make)", []string{"cd a", "make"}},
		{"x=$((1+2)) y", []string{"1+2", "x=$((1+2)) y"}},
		{"echo ${A:-b c} $1 $@", []string{"echo ${A:-b c} $1 $@"}},
		{"echo \"unterminated", []string{"echo unterminated"}},
		{"echo 'unterminated", []string{"echo unterminated"}},
		{"echo $(unclosed", []string{"unclosed", "echo $(unclosed"}},
		{"", nil},
	}
	for _, tc := range cases {
		sc := parseShell(tc.in)
		var got []string
		for _, c := range sc.cmds {
			s := strings.Join(c.argv(), " ")
			if c.pipeTo {
				s += " |"
			}
			got = append(got, s)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("parseShell(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
	sc := parseShell("cat <<'EOF' > Dockerfile\nFROM node:20\nEOF\n")
	if len(sc.heredocs) != 1 || sc.heredocs[0] != "FROM node:20\n" {
		t.Errorf("heredocs = %q", sc.heredocs)
	}
	w := parseShell("echo \"$HOME\" 'lit' x$y").cmds[0].words
	if w[1].literal || !w[2].literal || w[3].literal {
		t.Errorf("literal flags wrong: %+v", w)
	}
}

func TestHubImage(t *testing.T) {
	for img, want := range map[string]string{
		"node:20":                         "public.ecr.aws/docker/library/node:20",
		"nginx":                           "public.ecr.aws/docker/library/nginx:latest",
		"library/redis:7":                 "public.ecr.aws/docker/library/redis:7",
		"docker.io/library/python:3.12":   "public.ecr.aws/docker/library/python:3.12",
		"docker.io/aquasec/trivy":         "",
		"aquasec/trivy:0.50":              "",
		"public.ecr.aws/docker/library/x": "-",
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1": "-",
		"localhost:5000/app": "-",
		"ghcr.io/owner/app":  "-",
		"$IMAGE":             "-",
		"scratch":            "-",
	} {
		s, ok := hubImage(img)
		switch {
		case want == "-" && ok:
			t.Errorf("%s: not a Docker Hub image, got %q", img, s)
		case want != "-" && (!ok || s != want):
			t.Errorf("%s: want (%q, true), got (%q, %v)", img, want, s, ok)
		}
	}
}

func TestSecretRef(t *testing.T) {
	for v, ok := range map[string]bool{
		"prod/db":                      true,
		"prod/db:password":             true,
		"prod/db:password:AWSPREVIOUS": true,
		"prod/db:password::v-123":      true,
		"prod/db::AWSCURRENT":          true,
		"prod/db:k:AWSCURRENT:v-123":   false,
		"prod/db:a:b:c:d":              false,
		"":                             false,
		":key":                         false,
		"has space":                    false,
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf":           true,
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:pw:AWSCUR": true,
		"arn:aws:ssm:us-east-1:123456789012:parameter/db":                          false,
	} {
		if got := secretRefProblem(v) == ""; got != ok {
			t.Errorf("secretRefProblem(%q): ok=%v, want %v (%s)", v, got, ok, secretRefProblem(v))
		}
	}
}

func TestBuildTags(t *testing.T) {
	for in, want := range map[string][]string{
		"docker build -t a -t b:1 .":                   {"a", "b:1"},
		"docker build --tag a --tag=b:2 -tc:3 .":       {"a", "b:2", "c:3"},
		"docker build --target=t --no-cache -f D . -t": nil, // -t without a value
		"docker build --tag":                           nil,
		"docker build -q .":                            nil,
	} {
		sub, args, ok := dockerArgs(parseShell(in).cmds[0].args())
		if !ok || sub != "build" {
			t.Fatalf("%s: not a docker build (%q, %v)", in, sub, ok)
		}
		if got := buildTags(args); !cmp.Equal(got, want) {
			t.Errorf("%s: tags %q, want %q", in, got, want)
		}
	}
}

// argv returns the text of args.
func (c simpleCmd) argv() []string {
	a := c.args()
	out := make([]string, len(a))
	for i, w := range a {
		out[i] = w.text
	}
	return out
}
