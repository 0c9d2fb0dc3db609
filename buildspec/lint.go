package buildspec

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

	"github.com/bgspec/bgspec/internal/secretshape"
)

// parsedCmd is one command string with its shell reading.
type parsedCmd struct {
	ref    cmdRef
	script shellScript
}

// lint runs the command and secret lints over every string command.
func (c *checker) lint() {
	cmds := make([]parsedCmd, 0, len(c.cmds))
	for _, ref := range c.cmds {
		cmds = append(cmds, parsedCmd{ref: ref, script: parseShell(ref.text)})
	}
	local := localImages(cmds)
	hubLogin := dockerHubLogin(cmds)
	for _, pc := range cmds {
		c.lintCommand(pc, local, hubLogin)
	}
	c.lintPushes(cmds)
}

var imageURIFormat = regexp.MustCompile(`"(?:ImageURI|imageUri)"\s*:\s*"%s"`)

// imageFileWrite reads printf/echo FORMAT ARGS > FILE where FILE is an
// imageDetail.json or imagedefinitions.json: it returns the file's base
// name, the text written (the format) and the argument that fills the
// image URI (if any).
func imageFileWrite(sc simpleCmd) (file, text string, uri word, ok bool) {
	for _, w := range sc.words {
		if w.redirect {
			b := base(w.text)
			if strings.EqualFold(b, "imageDetail.json") || strings.HasSuffix(strings.ToLower(b), "imagedefinitions.json") {
				file = b
			}
		}
	}
	if file == "" {
		return "", "", word{}, false
	}
	a := sc.args()
	i := skipPrefix(a)
	if i >= len(a) {
		return "", "", word{}, false
	}
	switch base(a[i].text) {
	case "printf":
		if i+1 >= len(a) {
			return "", "", word{}, false
		}
		text = a[i+1].text
		if loc := imageURIFormat.FindStringIndex(text); loc != nil {
			n := strings.Count(text[:loc[1]], "%s") // the URI is the n-th %s
			if i+1+n < len(a) {
				uri = a[i+1+n]
			}
		}
	case "echo":
		var parts []string
		for _, w := range a[i+1:] {
			parts = append(parts, w.text)
		}
		text = strings.Join(parts, " ")
	default:
		return "", "", word{}, false
	}
	return file, text, uri, true
}

// lintImageFile checks what a command writes into imageDetail.json or
// imagedefinitions.json.
func (c *checker) lintImageFile(ref cmdRef, sc simpleCmd) {
	file, text, _, ok := imageFileWrite(sc)
	if !ok {
		return
	}
	t := strings.TrimSpace(text)
	if strings.EqualFold(file, "imageDetail.json") {
		if strings.HasPrefix(t, "[") || strings.Contains(t, `"imageUri"`) {
			c.at(ref, sc.off, RuleImageFileFormat, "this writes the imagedefinitions.json list format into imageDetail.json; the CodeDeployToECS action reads one object: printf '{\"ImageURI\":\"%%s\"}' \"$IMAGE_URI\" > imageDetail.json")
		}
		return
	}
	if strings.HasPrefix(t, "{") && strings.Contains(t, `"ImageURI"`) {
		c.at(ref, sc.off, RuleImageFileFormat, "this writes the imageDetail.json object into %s; the ECS deploy action reads a list: printf '[{\"name\":\"%%s\",\"imageUri\":\"%%s\"}]' \"$CONTAINER\" \"$IMAGE_URI\" > %s", file, file)
	}
}

var bracedVar = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// normRef normalises an image reference for comparison: ${X} → $X and an
// implicit :latest tag made explicit.
func normRef(ref string) string {
	ref = bracedVar.ReplaceAllString(ref, "$$$1")
	if repoOf(ref) == ref {
		ref += ":latest"
	}
	return ref
}

// otherBuilders are commands that may produce images the lints cannot see.
var otherBuilders = map[string]bool{
	"docker-compose": true, "make": true, "gradle": true, "gradlew": true, "mvn": true, "mvnw": true, "pack": true,
	"buildah": true, "kaniko": true, "executor": true, "podman": true, "nerdctl": true, "skaffold": true, "ko": true,
	"earthly": true, "sh": true, "bash": true, "npm": true, "yarn": true, "pnpm": true, "sam": true, "cdk": true,
	"copilot": true, "jib": true, "source": true, ".": true, "python": true, "python3": true, "go": true,
}

// lintPushes reports docker push (and docker tag sources) of references
// nothing in the buildspec produced.
func (c *checker) lintPushes(cmds []parsedCmd) {
	produced := map[string]bool{}
	repos := map[string]bool{}
	hasTag, unknown := false, false
	add := func(ref string) {
		n := normRef(ref)
		produced[n] = true
		repos[repoOf(n)] = true
	}
	pushed := map[string]bool{}
	type use struct {
		ref cmdRef
		sc  simpleCmd
		img string
	}
	var uses []use
	for _, pc := range cmds {
		for _, sc := range pc.script.cmds {
			a := sc.args()
			if i := skipPrefix(a); i < len(a) {
				name := base(a[i].text)
				if otherBuilders[name] || strings.HasSuffix(name, ".sh") {
					unknown = true
				}
			}
			sub, args, ok := dockerArgs(a)
			if !ok {
				continue
			}
			switch sub {
			case "build":
				for _, tag := range buildTags(args) {
					add(tag)
				}
			case "tag":
				hasTag = true
				if len(args) >= 2 {
					add(args[1].text)
					uses = append(uses, use{pc.ref, sc, args[0].text})
				}
			case "pull", "commit":
				if n := len(args); n > 0 {
					add(args[n-1].text)
				}
			case "push":
				for _, w := range args {
					if !strings.HasPrefix(w.text, "-") {
						uses = append(uses, use{pc.ref, sc, w.text})
						pushed[normRef(w.text)] = true
						break
					}
				}
			case "compose", "load", "import", "bake":
				unknown = true
			}
		}
	}
	if len(pushed) > 0 {
		for _, pc := range cmds {
			for _, sc := range pc.script.cmds {
				file, _, uri, ok := imageFileWrite(sc)
				if !ok || uri.text == "" || pushed[normRef(uri.text)] {
					continue
				}
				c.at(pc.ref, sc.off, RuleImageDetailUnpushed, "%s gets the image %s, which this buildspec does not push: write the pushed reference (registry host included)", file, uri.text)
			}
		}
	}
	for _, u := range uses {
		n := normRef(u.img)
		if produced[n] || strings.HasPrefix(u.img, "-") {
			continue
		}
		if repos[repoOf(n)] {
			c.at(u.ref, u.sc.off, RulePushUnbuilt, "%s was not built or tagged in this buildspec (the builds tag %s with other tags): push and tag exactly the reference docker build -t produced", u.img, repoOf(u.img))
			continue
		}
		if !hasTag && !unknown && len(produced) > 0 {
			c.at(u.ref, u.sc.off, RulePushUnbuilt, "%s was not built or tagged in this buildspec: build it with docker build -t %s, or docker tag the built image to it", u.img, u.img)
		}
	}
}

// at reports a lint at command ref, pointing at the line inside the
// command (for multi-line commands) where the offending simple command is.
//
// Each rule reports at most once per command, which bounds the work (and
// the noise) for a command that repeats the same mistake many times.
func (c *checker) at(ref cmdRef, off int, rule, format string, args ...any) {
	if c.r.Disabled[rule] {
		return
	}
	key := ref.ptr + "\x00" + rule
	if c.reported[key] {
		return
	}
	if c.reported == nil {
		c.reported = make(map[string]bool)
	}
	c.reported[key] = true
	d := c.doc.Diag(ref.ptr, rule, format, args...)
	// The line of the command text that holds off.
	off = max(0, min(off, len(ref.text)))
	lineStart := strings.LastIndexByte(ref.text[:off], '\n') + 1
	lineEnd := strings.IndexByte(ref.text[lineStart:], '\n')
	line := ref.text[lineStart:]
	if lineEnd >= 0 {
		line = line[:lineEnd]
	}
	frag := strings.TrimSpace(line)
	if len(frag) > 60 {
		frag = frag[:60]
	}
	vp := c.doc.ValuePos(ref.ptr)
	src := c.doc.Src
	if frag == "" || vp.Offset >= len(src) {
		c.r.Add(d)
		return
	}
	window := src[vp.Offset:min(len(src), vp.Offset+2*len(ref.text)+256)]
	i := bytes.Index(window, []byte(frag))
	if i < 0 {
		c.r.Add(d)
		return
	}
	if p := c.doc.PosAt(vp.Offset + i); p.Line > d.Line {
		// Inside a block or multi-line scalar: point at the line itself.
		d.Line, d.Column = p.Line, p.Column
	}
	c.r.Add(d)
}

var (
	ecrHost     = regexp.MustCompile(`^(?:https?://)?[0-9]{12}\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?/?$`)
	secretName  = regexp.MustCompile(`(?i)secret|password|passwd|pwd|token|credential|private[_-]?key`)
	docFromLine = regexp.MustCompile(`(?m)(?:^|[\s'"]|\\n)FROM\s+(?:--platform=\S+\s+)?([^\s"'\\]+)`)
	taskdefFile = regexp.MustCompile(`(?i)(?:^|/)(?:task[-_]?def[\w.-]*\.json|task-definition[\w.-]*\.json|appspec[\w.-]*\.(?:ya?ml|json))$`)
)

// plaintextKey says what kind of AWS credential value holds, or "". The
// AWS documentation's example keys are not secrets (secretshape.Example).
func plaintextKey(name, value string) string {
	if value == "" || secretshape.Example(value) {
		return ""
	}
	if secretshape.FindKeyID(value) != nil {
		return "an AWS access key ID"
	}
	literal := !strings.ContainsAny(value, "$`")
	switch strings.ToUpper(name) {
	case "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SESSION_TOKEN":
		if literal {
			return "an AWS credential"
		}
	}
	if secretName.MatchString(name) && secretshape.SecretKey(value) {
		return "what looks like an AWS secret access key"
	}
	return ""
}

// awsCall reads an aws CLI invocation: service, operation and --region.
type awsCall struct {
	service, op   string
	region        string
	regionSet     bool
	regionLiteral bool
	off           int
}

var awsValueOpts = map[string]bool{
	"--region": true, "--profile": true, "--output": true, "--endpoint-url": true, "--query": true,
	"--cli-read-timeout": true, "--cli-connect-timeout": true, "--color": true, "--ca-bundle": true,
	"--cli-binary-format": true, "--registry-ids": true,
}

func parseAWS(a []word) (awsCall, bool) {
	i := skipPrefix(a)
	if i >= len(a) || base(a[i].text) != "aws" {
		return awsCall{}, false
	}
	call := awsCall{off: a[i].off}
	var pos []string
	for j := i + 1; j < len(a); j++ {
		t := a[j].text
		if strings.HasPrefix(t, "--region=") {
			call.region, call.regionSet, call.regionLiteral = strings.TrimPrefix(t, "--region="), true, a[j].literal
			continue
		}
		if t == "--region" && j+1 < len(a) {
			call.region, call.regionSet, call.regionLiteral = a[j+1].text, true, a[j+1].literal
			j++
			continue
		}
		if strings.HasPrefix(t, "-") {
			if awsValueOpts[t] && j+1 < len(a) && len(pos) < 2 {
				j++
			}
			continue
		}
		pos = append(pos, t)
	}
	if len(pos) < 2 {
		return call, len(pos) > 0
	}
	call.service, call.op = pos[0], pos[1]
	return call, true
}

// dockerArgs returns the docker subcommand and its arguments (after global
// options such as --config DIR).
func dockerArgs(a []word) (string, []word, bool) {
	i := skipPrefix(a)
	if i >= len(a) || base(a[i].text) != "docker" {
		return "", nil, false
	}
	j := i + 1
	for j < len(a) && strings.HasPrefix(a[j].text, "-") {
		switch a[j].text {
		case "--config", "-c", "--context", "-H", "--host", "-l", "--log-level":
			j++
		}
		j++
	}
	if j >= len(a) {
		return "", nil, false
	}
	sub := a[j].text
	rest := a[j+1:]
	if (sub == "buildx" || sub == "image" || sub == "container") && len(rest) > 0 {
		sub, rest = rest[0].text, rest[1:]
	}
	return sub, rest, true
}

// loginRegistry returns the registry argument of docker login ("" for
// Docker Hub) and whether it is literal.
func loginRegistry(args []word) (string, bool) {
	reg, lit := "", true
	for j := 0; j < len(args); j++ {
		t := args[j].text
		switch {
		case t == "-u" || t == "--username" || t == "-p" || t == "--password":
			j++
		case strings.HasPrefix(t, "-"):
		default:
			reg, lit = t, args[j].literal
		}
	}
	return reg, lit
}

func isDockerHubRegistry(reg string) bool {
	r := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(reg, "https://"), "http://"), "/")
	r = strings.TrimSuffix(r, "/v1")
	return r == "" || r == "docker.io" || r == "index.docker.io" || r == "registry-1.docker.io" || r == "registry.hub.docker.com"
}

// dockerHubLogin reports whether any command logs in to Docker Hub, which
// lifts the anonymous pull limit.
func dockerHubLogin(cmds []parsedCmd) bool {
	for _, pc := range cmds {
		for _, sc := range pc.script.cmds {
			if sub, args, ok := dockerArgs(sc.args()); ok && sub == "login" {
				if reg, _ := loginRegistry(args); isDockerHubRegistry(reg) {
					return true
				}
			}
		}
	}
	return false
}

// buildTags returns the image references that the arguments of a docker
// build give with -t REF, --tag REF, --tag=REF or -tREF, in order.
func buildTags(args []word) []string {
	var tags []string
	for j := 0; j < len(args); j++ {
		t := args[j].text
		switch {
		case (t == "-t" || t == "--tag") && j+1 < len(args):
			tags = append(tags, args[j+1].text)
			j++
		case strings.HasPrefix(t, "--tag="):
			tags = append(tags, strings.TrimPrefix(t, "--tag="))
		case strings.HasPrefix(t, "-t") && len(t) > 2:
			tags = append(tags, t[2:])
		}
	}
	return tags
}

// localImages collects the names given to images built or tagged in the
// buildspec, so that running them is not mistaken for a Docker Hub pull.
func localImages(cmds []parsedCmd) map[string]bool {
	out := make(map[string]bool)
	for _, pc := range cmds {
		for _, sc := range pc.script.cmds {
			sub, args, ok := dockerArgs(sc.args())
			if !ok {
				continue
			}
			switch sub {
			case "build":
				for _, tag := range buildTags(args) {
					out[repoOf(tag)] = true
				}
			case "tag":
				if len(args) >= 2 {
					out[repoOf(args[1].text)] = true
				}
			case "load", "import":
				out["*"] = true // images loaded from files: names unknown
			}
		}
	}
	return out
}

// repoOf strips the tag or digest from an image reference.
func repoOf(img string) string {
	if i := strings.IndexByte(img, '@'); i >= 0 {
		img = img[:i]
	}
	if i := strings.LastIndexByte(img, ':'); i > strings.LastIndexByte(img, '/') {
		img = img[:i]
	}
	return img
}

// hubImage reports whether img is pulled from Docker Hub and returns the
// suggestion for it.
func hubImage(img string) (suggest string, ok bool) {
	if img == "" || img == "scratch" || strings.ContainsAny(img, "$`{}") || strings.HasPrefix(img, "-") {
		return "", false
	}
	name := img
	for _, p := range []string{"docker.io/", "index.docker.io/", "registry-1.docker.io/"} {
		name = strings.TrimPrefix(name, p)
	}
	first, _, hasSlash := strings.Cut(name, "/")
	if name == img && hasSlash && (strings.ContainsAny(first, ".:") || first == "localhost") {
		return "", false // another registry
	}
	repo := repoOf(name)
	if repo == "" || !validRepoChars(repo) {
		return "", false
	}
	rest := strings.TrimPrefix(name, repo)
	if rest == "" {
		rest = ":latest"
	}
	repo = strings.TrimPrefix(repo, "library/")
	if !strings.Contains(repo, "/") {
		return "public.ecr.aws/docker/library/" + repo + rest, true
	}
	return "", true
}

func validRepoChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' || c == '/') {
			return false
		}
	}
	return true
}

var dockerRunValueOpts = map[string]bool{
	"-e": true, "--env": true, "-v": true, "--volume": true, "-p": true, "--publish": true, "--name": true,
	"-w": true, "--workdir": true, "--network": true, "--net": true, "--entrypoint": true, "-u": true, "--user": true,
	"--platform": true, "--env-file": true, "--mount": true, "-l": true, "--label": true, "--add-host": true,
	"--cpus": true, "-m": true, "--memory": true, "--hostname": true, "-h": true, "--volumes-from": true,
	"--cidfile": true, "--log-driver": true, "--log-opt": true, "--restart": true, "--shm-size": true,
	"--ulimit": true, "--cap-add": true, "--cap-drop": true, "--device": true, "--dns": true, "--tmpfs": true,
	"--pull": true, "--security-opt": true, "--ipc": true, "--pid": true, "--gpus": true, "-a": true, "--attach": true,
}

// runImage returns the image word of docker run/create arguments.
func runImage(args []word) (word, bool) {
	for j := 0; j < len(args); j++ {
		t := args[j].text
		if strings.HasPrefix(t, "-") {
			if dockerRunValueOpts[t] {
				j++
			}
			continue
		}
		return args[j], true
	}
	return word{}, false
}

func (c *checker) lintCommand(pc parsedCmd, local map[string]bool, hubLogin bool) {
	ref := pc.ref
	cmds := pc.script.cmds
	for k, sc := range cmds {
		a := sc.args()
		if call, ok := parseAWS(a); ok {
			c.lintAWS(ref, call, cmds, k)
		}
		if sub, args, ok := dockerArgs(a); ok {
			c.lintDocker(ref, sc, sub, args, local, hubLogin)
		}
		if i := skipPrefix(a); i < len(a) && (base(a[i].text) == "sed" || base(a[i].text) == "gsed") {
			for _, w := range sc.words[1:] {
				if taskdefFile.MatchString(w.text) {
					c.at(ref, sc.off, RuleSedTaskdef, "sed edits %s as text: put <IMAGEn_NAME> placeholders in the file and let the CodeDeployToECS action fill them from imageDetail.json, or rewrite the JSON with jq", w.text)
					break
				}
			}
		}
	}
	for _, off := range pc.script.varSubs {
		c.at(ref, off, RuleSubstitutionRunsVariable, "this substitution runs the value of a variable as a command: to print the value, write the variable without backticks or $( )")
	}
	for _, sc := range cmds {
		c.lintImageFile(ref, sc)
	}
	if !hubLogin && strings.Contains(strings.ToLower(ref.text), "dockerfile") {
		for _, body := range append(slices.Clone(pc.script.heredocs), ref.text) {
			for _, m := range docFromLine.FindAllStringSubmatch(body, -1) {
				if local[repoOf(m[1])] || local["*"] {
					continue
				}
				if s, ok := hubImage(m[1]); ok {
					c.at(ref, 0, RuleDockerHubImage, "%s", hubMessage(m[1], s, "builds from"))
				}
			}
		}
	}
	if m := secretshape.FindKeyID(ref.text); m != nil {
		c.at(ref, m[0], RulePlaintextAWSKey, "this command holds an AWS access key ID in plain text: read credentials from env.secrets-manager or the build's service role")
	}
}

func (c *checker) lintAWS(ref cmdRef, call awsCall, cmds []simpleCmd, k int) {
	switch {
	case call.service == "ecr" && call.op == "get-login":
		c.at(ref, call.off, RuleECRGetLogin, "aws ecr get-login was removed in AWS CLI v2 and puts the password on the docker command line: write aws ecr get-login-password --region REGION | docker login --username AWS --password-stdin ACCOUNT.dkr.ecr.REGION.amazonaws.com")
	case call.service == "ecr-public" && (call.op == "get-login-password" || call.op == "get-authorization-token" || call.op == "get-login"):
		switch {
		case !call.regionSet:
			c.at(ref, call.off, RuleECRPublicLoginRegion, "aws ecr-public %s without --region uses the build's region; ECR Public authenticates in us-east-1 only: add --region us-east-1", call.op)
		case call.regionLiteral && call.region != "us-east-1":
			c.at(ref, call.off, RuleECRPublicLoginRegion, "ECR Public authenticates in us-east-1 only, not %s: write --region us-east-1", call.region)
		case !call.regionLiteral && (strings.Contains(call.region, "AWS_REGION") || strings.Contains(call.region, "AWS_DEFAULT_REGION")):
			c.at(ref, call.off, RuleECRPublicLoginRegion, "--region %s is the build's region; ECR Public authenticates in us-east-1 only: write --region us-east-1", call.region)
		}
	case call.service == "ecr" && call.op == "get-login-password" && call.regionSet && call.regionLiteral:
		if k+1 >= len(cmds) || !cmds[k].pipeTo {
			return
		}
		sub, args, ok := dockerArgs(cmds[k+1].args())
		if !ok || sub != "login" {
			return
		}
		reg, lit := loginRegistry(args)
		if !lit {
			return
		}
		if m := ecrHost.FindStringSubmatch(reg); m != nil && m[1] != call.region {
			c.at(ref, call.off, RuleECRLoginRegion, "the token is for %s but the registry %s is in %s: write --region %s", call.region, reg, m[1], m[1])
		}
	}
}

func (c *checker) lintDocker(ref cmdRef, sc simpleCmd, sub string, args []word, local map[string]bool, hubLogin bool) {
	switch sub {
	case "login":
		user, stdin := false, false
		for _, w := range args {
			t := w.text
			if t == "-p" || t == "--password" || strings.HasPrefix(t, "--password=") || (strings.HasPrefix(t, "-p") && !strings.HasPrefix(t, "--")) {
				c.at(ref, sc.off, RuleDockerLoginPassword, "docker login %s puts the password in the process list and build logs: pipe it in with --password-stdin (for ECR: aws ecr get-login-password --region REGION | docker login --username AWS --password-stdin REGISTRY)", strings.SplitN(t, "=", 2)[0])
				return
			}
			user = user || t == "-u" || t == "--username" || strings.HasPrefix(t, "--username=") || (strings.HasPrefix(t, "-u") && !strings.HasPrefix(t, "--"))
			stdin = stdin || t == "--password-stdin"
		}
		if user && !stdin {
			c.at(ref, sc.off, RuleDockerLoginPassword, "docker login with a user name but no --password-stdin prompts for the password, which fails in CodeBuild: pipe the password in with --password-stdin")
		}
	case "pull", "run", "create":
		if hubLogin {
			return
		}
		var img word
		if sub == "pull" {
			for j := 0; j < len(args); j++ {
				if args[j].text == "--platform" {
					j++
					continue
				}
				if !strings.HasPrefix(args[j].text, "-") {
					img = args[j]
					break
				}
			}
		} else {
			img, _ = runImage(args)
		}
		if !img.literal || img.text == "" || local[repoOf(img.text)] || local["*"] {
			return
		}
		if s, ok := hubImage(img.text); ok {
			verb := "pulls"
			if sub != "pull" {
				verb = "runs"
			}
			c.at(ref, sc.off, RuleDockerHubImage, "%s", hubMessage(img.text, s, verb))
		}
	case "build":
		if hubLogin {
			return
		}
		for j := 0; j < len(args); j++ {
			t := args[j].text
			var kv string
			switch {
			case t == "--build-arg" && j+1 < len(args):
				if !args[j+1].literal {
					j++
					continue
				}
				kv = args[j+1].text
				j++
			case strings.HasPrefix(t, "--build-arg="):
				kv = strings.TrimPrefix(t, "--build-arg=")
			default:
				continue
			}
			name, val, ok := strings.Cut(kv, "=")
			if !ok || !strings.Contains(strings.ToUpper(name), "IMAGE") && !strings.Contains(strings.ToUpper(name), "BASE") && !strings.Contains(strings.ToUpper(name), "FROM") {
				continue
			}
			if local[repoOf(val)] || !strings.ContainsAny(val, ":/") && !strings.Contains(strings.ToUpper(name), "IMAGE") {
				continue
			}
			if s, ok := hubImage(val); ok {
				c.at(ref, sc.off, RuleDockerHubImage, "%s", hubMessage(val, s, "builds from"))
			}
		}
	}
}

func hubMessage(img, suggest, verb string) string {
	if suggest != "" {
		return "this command " + verb + " " + img + " from Docker Hub; anonymous pulls from CodeBuild hit Docker Hub's rate limit (toomanyrequests): use " + suggest + " (the ECR Public mirror of the official image)"
	}
	return "this command " + verb + " " + img + " from Docker Hub; anonymous pulls from CodeBuild hit Docker Hub's rate limit (toomanyrequests): copy the image into ECR (an ECR pull-through cache rule does it), or docker login to Docker Hub with a secret from env.secrets-manager"
}
