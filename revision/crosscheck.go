package revision

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/source"
)

// Check runs the cross-file checks on an in-memory revision: the spec files
// are validated, then compared with each other, with the Dockerfiles and
// with the tree (see the revision/... rules). Diagnostics name the file on
// the side where the fix belongs and mention the other side's position.
func Check(files Files, opts ...Option) diag.List {
	return checkWith(files, nil, dirNamer(""), "", makeOptions(opts))
}

// revisionDocs holds the parsed spec files of one revision.
type revisionDocs struct {
	buildspec, appspec, taskdef *source.Doc
}

// parseDocs reads the spec files (YAML or JSON by extension) for the
// cross-file checks. Their reader diagnostics are validateSpecs' to report.
func parseDocs(files Files, name namer, o *options) revisionDocs {
	read := func(rel string) *source.Doc {
		src, ok := files[rel]
		if !ok || src == nil || rel == "-" {
			return nil
		}
		if isJSONName(rel) {
			doc, _ := source.ParseJSON(name(rel), src, source.Options{MaxBytes: maxLoaded})
			return doc
		}
		doc, _ := source.ParseYAML(name(rel), src, source.Options{MaxBytes: maxLoaded})
		return doc
	}
	return revisionDocs{buildspec: read(o.buildspec), appspec: read(o.appspec), taskdef: read(o.taskdef)}
}

// taskdefContainer is a container of the task definition template.
type taskdefContainer struct {
	name  string
	node  source.Node
	ports []int64
	image source.Node
}

func containers(td source.Node) []taskdefContainer {
	var out []taskdefContainer
	for _, c := range td.Key("containerDefinitions").Items() {
		tc := taskdefContainer{node: c, image: c.Key("image")}
		tc.name, _ = c.Key("name").Str()
		for _, pm := range c.Key("portMappings").Items() {
			if p, ok := pm.Key("containerPort").Int64(); ok {
				tc.ports = append(tc.ports, p)
			}
		}
		out = append(out, tc)
	}
	return out
}

func crossCheck(files Files, docs revisionDocs, name namer, o *options) diag.List {
	var l diag.List
	td, as, bs := source.Root(docs.taskdef), source.Root(docs.appspec), source.Root(docs.buildspec)
	as.Fold = true // CodeDeploy reads AppSpec keys case-insensitively; ECS and CodeBuild do not
	commands := buildCommands(bs)

	// appspec ↔ taskdef
	if td.OK() && as.OK() {
		l = append(l, checkAppSpecTaskdef(as, td)...)
	}
	if as.OK() {
		l = append(l, checkTaskDefinitionPlaceholder(as, commands)...)
	}
	// images: taskdef placeholders ↔ action / buildspec image artifacts
	if td.OK() {
		l = append(l, checkImages(td, bs, commands, o)...)
	}
	if bs.OK() {
		l = append(l, checkArtifactFiles(bs, o)...)
		l = append(l, checkBuildContexts(files, bs, commands)...)
	}
	for _, n := range files.Names() {
		if isDockerfile(n) && files[n] != nil {
			l = append(l, checkDockerfile(name(n), files[n])...)
		}
	}
	return l
}

func checkAppSpecTaskdef(as, td source.Node) diag.List {
	var l diag.List
	cs := containers(td)
	var names []string
	for _, c := range cs {
		names = append(names, c.name)
	}
	netMode, _ := td.Key("networkMode").Str()
	for _, res := range as.Key("Resources").Items() {
		props := res.Path("TargetService", "Properties")
		lbi := props.Key("LoadBalancerInfo")
		cn := lbi.Key("ContainerName")
		if name, ok := cn.Str(); ok && len(cs) > 0 {
			var found *taskdefContainer
			for i := range cs {
				if cs[i].name == name {
					found = &cs[i]
				}
			}
			if found == nil {
				l = append(l, cn.Diag(RuleXContainerName, "ContainerName %q is not a container of %s (%s defines %s): use one of those names",
					name, td.Doc.File, td.Key("containerDefinitions").Where(), quoteList(names)))
			} else if cp := lbi.Key("ContainerPort"); cp.OK() {
				if port, ok := cp.Int64(); ok && !slices.Contains(found.ports, port) {
					msg := "no portMappings"
					if len(found.ports) > 0 {
						msg = "containerPort " + joinInts(found.ports)
					}
					l = append(l, cp.Diag(RuleXContainerPort, "ContainerPort %d is not a containerPort of container %q in %s (%s has %s): route to one of its container ports, or add a portMappings entry",
						port, name, td.Doc.File, found.node.Where(), msg))
				}
			}
		}
		nc := props.Key("NetworkConfiguration")
		if !nc.OK() {
			continue
		}
		avc := nc.Key("AwsvpcConfiguration")
		switch {
		case netMode != "awsvpc":
			mode := netMode
			if mode == "" {
				mode = "unset (bridge on EC2)"
			}
			l = append(l, nc.Diag(RuleXNetworkConfig, "NetworkConfiguration applies only to awsvpc tasks, but the networkMode of %s is %s: remove it, or set networkMode to awsvpc", td.Doc.File, mode))
		case !avc.OK():
			l = append(l, nc.Diag(RuleXNetworkConfig, "NetworkConfiguration of an awsvpc task (%s) needs AwsvpcConfiguration with Subnets and SecurityGroups", td.Doc.File))
		default:
			var missing []string
			for _, k := range []string{"Subnets", "SecurityGroups", "AssignPublicIp"} {
				if !avc.Key(k).OK() {
					missing = append(missing, k)
				}
			}
			if len(missing) > 0 {
				l = append(l, avc.Diag(RuleXNetworkConfig, "AwsvpcConfiguration for the awsvpc task in %s lacks %s: give all of Subnets, SecurityGroups and AssignPublicIp, or leave NetworkConfiguration out to keep the service's settings",
					td.Doc.File, strings.Join(missing, ", ")))
			}
		}
	}
	return l
}

func checkTaskDefinitionPlaceholder(as source.Node, commands []source.Node) diag.List {
	var l diag.List
	for _, res := range as.Key("Resources").Items() {
		tdn := res.Path("TargetService", "Properties", "TaskDefinition")
		v, ok := tdn.Str()
		if !ok || v == TaskDefinitionPlaceholder || !strings.HasPrefix(v, "arn:") {
			continue // malformed values are appspec's own rules
		}
		if rewrittenByBuild(v, commands) {
			continue // the build substitutes it (sed, envsubst)
		}
		l = append(l, tdn.Diag(RuleXTaskDefPlaceholder, "TaskDefinition is the fixed ARN %q; through CodePipeline write %s, which the CodeDeployToECS action replaces with the ARN of the task definition it registers (a fixed ARN deploys that old definition, without the new images)", v, TaskDefinitionPlaceholder))
	}
	return l
}

// rewrittenByBuild reports whether a buildspec command mentions the value
// (or its token), so the build rewrites it before the deploy action runs.
func rewrittenByBuild(v string, commands []source.Node) bool {
	tok := strings.Trim(v, "<>${}")
	if tok == "" {
		return false
	}
	for _, c := range commands {
		s, _ := c.Str()
		if strings.Contains(s, tok) && (strings.Contains(s, "sed") || strings.Contains(s, "envsubst") || strings.Contains(s, "jq") || strings.Contains(s, "perl") || strings.Contains(s, "awk")) {
			return true
		}
	}
	return false
}

// imageArtifact is a buildspec secondary artifact that carries
// imageDetail.json.
type imageArtifact struct {
	id   string
	node source.Node
}

func imageArtifacts(bs source.Node) []imageArtifact {
	var out []imageArtifact
	for _, sa := range bs.Path("artifacts", "secondary-artifacts").Members() {
		for _, f := range sa.Key("files").StringList() {
			s, _ := f.Str()
			if path.Base(s) == ImageDetailFile {
				out = append(out, imageArtifact{id: sa.Name(), node: sa})
				break
			}
		}
	}
	return out
}

func checkImages(td, bs source.Node, commands []source.Node, o *options) diag.List {
	var l diag.List
	type ph struct {
		token string
		node  source.Node
	}
	var phs []ph
	for _, c := range containers(td) {
		if s, ok := c.image.Str(); ok {
			if m := placeholderRE.FindStringSubmatch(s); m != nil && !rewrittenByBuild(s, commands) {
				phs = append(phs, ph{m[1], c.image})
			}
		}
	}
	if o.action != nil {
		tokens := map[string]bool{}
		for _, im := range o.action.Images {
			tokens[im.ContainerName] = true
		}
		used := map[string]bool{}
		for _, p := range phs {
			used[p.token] = true
			if !tokens[p.token] {
				l = append(l, p.node.Diag(RuleXPlaceholder, "placeholder <%s> has no image input: add Image<N>ContainerName %q with an Image<N>ArtifactName holding imageDetail.json to the CodeDeployToECS action", p.token, p.token))
			}
		}
		for i, im := range o.action.Images {
			if !used[im.ContainerName] {
				key := fmt.Sprintf("Image%dContainerName", i+1)
				l = append(l, o.action.diagAt(key, td.Doc.File, RuleXPlaceholder, "the action's %s %q has no <%s> placeholder in any containerDefinitions[].image of %s: write \"image\": \"<%s>\" in the container that runs that image", key, im.ContainerName, im.ContainerName, td.Doc.File, im.ContainerName))
			}
		}
		if len(o.action.Images) > MaxImages {
			l = append(l, o.action.diagAt(fmt.Sprintf("Image%dArtifactName", MaxImages+1), td.Doc.File, RuleXTooManyImages, "the action has %d image inputs; CodeDeployToECS takes at most %d", len(o.action.Images), MaxImages))
		}
	}
	if len(phs) > MaxImages {
		p := phs[MaxImages]
		l = append(l, p.node.Diag(RuleXTooManyImages, "%d image placeholders; the CodeDeployToECS action replaces at most %d (Image1..Image4): let the build write the other images (e.g. jq by container name)", len(phs), MaxImages))
	}
	if bs.OK() && bs.Key("artifacts").OK() {
		ia := imageArtifacts(bs)
		if len(ia) > MaxImages {
			l = append(l, ia[MaxImages].node.Diag(RuleXTooManyImages, "%d secondary artifacts carry imageDetail.json; the CodeDeployToECS action takes at most %d image inputs", len(ia), MaxImages))
		}
		if len(phs) > len(ia) && len(phs) <= MaxImages {
			for _, p := range phs[len(ia):] {
				l = append(l, p.node.Diag(RuleXPlaceholder, "placeholder <%s> has no image: %s has %d secondary artifact(s) with imageDetail.json for %d placeholder(s); add one per image (artifacts.secondary-artifacts.<name>.files: [imageDetail.json])",
					p.token, bs.Doc.File, len(ia), len(phs)))
			}
		}
		if len(ia) > len(phs) && len(ia) <= MaxImages {
			for _, a := range ia[len(phs):] {
				l = append(l, a.node.Diag(RuleXPlaceholder, "secondary artifact %q carries imageDetail.json, but %s has only %d <IMAGEn_NAME> placeholder(s): write the placeholder in that container's image, or drop the artifact",
					a.id, td.Doc.File, len(phs)))
			}
		}
	}
	return l
}

func checkArtifactFiles(bs source.Node, o *options) diag.List {
	art := bs.Key("artifacts")
	if !art.OK() {
		return nil
	}
	taskdef, appspec := o.taskdef, o.appspec
	artifactFor := map[string]string{} // file → artifact identifier that must carry it ("" = any)
	if o.action != nil {
		tp, ap := o.action.templatePaths()
		taskdef, appspec = tp, ap
		artifactFor[tp] = o.action.TaskDefinitionTemplateArtifact
		artifactFor[ap] = o.action.AppSpecTemplateArtifact
	}
	var l diag.List
	sec := art.Key("secondary-artifacts")
	for _, want := range []string{taskdef, appspec} {
		if want == "-" {
			continue
		}
		carriers := []source.Node{art}
		if id := artifactFor[want]; id != "" {
			if s := sec.Key(id); s.OK() {
				carriers = []source.Node{s}
			}
		} else {
			carriers = append(carriers, sec.Members()...)
		}
		found := false
		for _, c := range carriers {
			if carries(c, want) {
				found = true
				break
			}
		}
		if !found {
			at := carriers[0].Key("files")
			if !at.OK() {
				at = carriers[0]
			}
			l = append(l, at.Diag(RuleXArtifactFiles, "the build output does not carry %s at its root, so the CodeDeployToECS action cannot read it: add %s to artifacts.files (the action reads it from the artifact root)", want, want))
		}
	}
	return l
}

// carries reports whether an artifact spec puts file at the root of its zip.
func carries(art source.Node, file string) bool {
	discard := false
	if v, ok := art.Key("discard-paths").Value.(string); ok && (v == "yes" || v == "true") {
		discard = true
	}
	if v, ok := art.Key("discard-paths").Value.(bool); ok && v {
		discard = true
	}
	for _, f := range art.Key("files").StringList() {
		p, _ := f.Str()
		p = strings.TrimPrefix(p, "./")
		if p == file || p == "**/*" || p == "*" || p == "**" {
			return true
		}
		if ok, _ := path.Match(p, file); ok {
			return true
		}
		if discard && (path.Base(p) == file || path.Base(p) == "*" || strings.HasSuffix(p, "/**/*")) {
			return true
		}
		if discard {
			if ok, _ := path.Match(path.Base(p), file); ok {
				return true
			}
		}
	}
	return false
}

// buildCommands returns every command of the buildspec's phases in order.
func buildCommands(bs source.Node) []source.Node {
	var out []source.Node
	for _, ph := range []string{"install", "pre_build", "build", "post_build"} {
		p := bs.Path("phases", ph)
		out = append(out, p.Key("commands").StringList()...)
		out = append(out, p.Key("finally").StringList()...)
	}
	return out
}

var dockerBuildRE = regexp.MustCompile(`\bdocker\s+(?:image\s+|buildx\s+)?build\b`)

// checkBuildContexts checks that `docker build` contexts and -f files named
// in the buildspec exist in the revision. Commands share one shell in
// buildspec 0.2, so `cd dir` is followed; anything with a variable is
// skipped.
func checkBuildContexts(files Files, bs source.Node, commands []source.Node) diag.List {
	var l diag.List
	cwd := ""
	known := true
	for _, c := range commands {
		s, _ := c.Str()
		for _, part := range splitShell(s) {
			args := strings.Fields(part)
			if len(args) == 0 {
				continue
			}
			if args[0] == "cd" {
				switch {
				case len(args) == 1 || strings.Contains(args[1], "CODEBUILD_SRC_DIR"):
					cwd, known = "", true
				case strings.ContainsAny(args[1], "$`~") || strings.HasPrefix(args[1], "/"):
					known = false
				default:
					cwd = path.Clean(path.Join(cwd, args[1]))
					if cwd == "." {
						cwd = ""
					}
					if strings.HasPrefix(cwd, "..") {
						known = false
					}
				}
				continue
			}
			loc := dockerBuildRE.FindStringIndex(part)
			if loc == nil || !known {
				continue
			}
			ctx, file := dockerArgs(strings.Fields(part[loc[1]:]))
			if ctx == "" || strings.ContainsAny(ctx, "$`") || strings.Contains(ctx, "://") || strings.HasPrefix(ctx, "git@") || ctx == "-" {
				continue
			}
			dir := path.Clean(path.Join(cwd, ctx))
			if strings.HasPrefix(dir, "..") || strings.HasPrefix(ctx, "/") {
				continue
			}
			if !hasDir(files, dir) {
				l = append(l, c.Diag(RuleXBuildContext, "docker build context %q (%s from the source root) does not exist in the revision: add the folder, or fix the path", ctx, dirName(dir)))
				continue
			}
			if file == "" {
				if !hasDockerfileIn(files, dir) {
					l = append(l, c.Diag(RuleXBuildContext, "docker build context %q has no Dockerfile: add %s/Dockerfile or pass -f", ctx, dirName(dir)))
				}
				continue
			}
			if strings.ContainsAny(file, "$`") || file == "-" {
				continue
			}
			fp := path.Clean(path.Join(cwd, file))
			if _, ok := files[fp]; !ok && !strings.HasPrefix(fp, "..") && !strings.HasPrefix(file, "/") {
				l = append(l, c.Diag(RuleXBuildContext, "Dockerfile %q (%s from the source root) does not exist in the revision", file, fp))
			}
		}
	}
	return l
}

func dirName(d string) string {
	if d == "." || d == "" {
		return "."
	}
	return d
}

// splitShell splits a command line at ;, && and || (quotes are ignored:
// good enough to find docker build invocations).
func splitShell(s string) []string {
	r := strings.NewReplacer("&&", "\n", "||", "\n", ";", "\n")
	return strings.Split(r.Replace(s), "\n")
}

// dockerValuedFlags are the docker build options that take the next
// argument as their value.
var dockerValuedFlags = map[string]bool{"-t": true, "--tag": true, "-f": true, "--file": true, "--build-arg": true, "--target": true,
	"--platform": true, "--label": true, "--cache-from": true, "--cache-to": true, "--network": true, "--secret": true,
	"--ssh": true, "-o": true, "--output": true, "--progress": true, "--iidfile": true, "--add-host": true, "--build-context": true,
	"-m": true, "--memory": true, "--shm-size": true, "--ulimit": true, "--cgroup-parent": true, "--isolation": true, "--metadata-file": true}

// dockerArgs returns the positional context and the -f value of docker build
// arguments.
func dockerArgs(args []string) (ctx, file string) {
	for i := 0; i < len(args); i++ {
		a := strings.Trim(args[i], `"'`)
		switch {
		case a == "-f" || a == "--file":
			if i+1 < len(args) {
				file = strings.Trim(args[i+1], `"'`)
			}
			i++
		case strings.HasPrefix(a, "--file="):
			file = strings.TrimPrefix(a, "--file=")
		case strings.HasPrefix(a, "-") && strings.Contains(a, "="):
		case dockerValuedFlags[a]:
			i++
		case strings.HasPrefix(a, "-"):
		case a == ">" || a == "|" || strings.HasPrefix(a, ">") || strings.HasPrefix(a, "2>"):
			return ctx, file
		default:
			ctx = a
		}
	}
	return ctx, file
}

func hasDir(files Files, dir string) bool {
	if dir == "." || dir == "" {
		return len(files) > 0
	}
	prefix := dir + "/"
	for n := range files {
		if strings.HasPrefix(n, prefix) {
			return true
		}
	}
	return false
}

func hasDockerfileIn(files Files, dir string) bool {
	p := "Dockerfile"
	if dir != "." && dir != "" {
		p = dir + "/Dockerfile"
	}
	_, ok := files[p]
	return ok
}

var fromRE = regexp.MustCompile(`(?i)^\s*FROM\s+(.*)$`)

// checkDockerfile warns about base images pulled from Docker Hub.
func checkDockerfile(file string, src []byte) diag.List {
	var l diag.List
	stages := map[string]bool{}
	for i, line := range strings.Split(string(src), "\n") {
		m := fromRE.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		fields := strings.Fields(line[m[2]:m[3]])
		col := m[2] + 1
		var img string
		for j, f := range fields {
			if strings.HasPrefix(f, "--") {
				continue
			}
			img = f
			col = strings.Index(line, f) + 1
			if j+2 < len(fields) && strings.EqualFold(fields[j+1], "AS") {
				stages[strings.ToLower(fields[j+2])] = true
			}
			break
		}
		if img == "" || strings.EqualFold(img, "scratch") || stages[strings.ToLower(img)] || strings.ContainsAny(img, "$") {
			continue
		}
		repo, official, hub := dockerHubRef(img)
		if !hub {
			continue
		}
		msg := fmt.Sprintf("FROM %s pulls from Docker Hub, which rate-limits anonymous pulls from CodeBuild's shared IPs (toomanyrequests): use the ECR Public mirror public.ecr.aws/docker/library/%s", img, repo)
		if !official {
			msg = fmt.Sprintf("FROM %s pulls from Docker Hub, which rate-limits anonymous pulls from CodeBuild's shared IPs (toomanyrequests): log in to Docker Hub with a secret, or copy the image to ECR (pull-through cache)", img)
		}
		d := fileDiag(file, RuleXDockerHub, "%s", msg)
		d.Line, d.Column = i+1, col
		l = append(l, d)
	}
	return l
}

// dockerHubRef reports whether an image reference resolves to Docker Hub,
// and for official images the name[:tag] under library/.
func dockerHubRef(img string) (repo string, official, hub bool) {
	first, rest, hasSlash := strings.Cut(img, "/")
	if hasSlash && (strings.ContainsAny(first, ".:") || first == "localhost") {
		switch first {
		case "docker.io", "index.docker.io", "registry-1.docker.io":
			img = rest
		default:
			return "", false, false
		}
	}
	img = strings.TrimPrefix(img, "library/")
	if strings.Contains(img, "/") {
		return img, false, true
	}
	return img, true, true
}

func quoteList(ss []string) string {
	if len(ss) == 0 {
		return "no containers"
	}
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	sort.Strings(q)
	return strings.Join(q, ", ")
}

func joinInts(a []int64) string {
	s := make([]string, len(a))
	for i, v := range a {
		s[i] = fmt.Sprint(v)
	}
	return strings.Join(s, ", ")
}
