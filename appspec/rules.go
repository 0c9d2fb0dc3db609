package appspec

import (
	"cmp"
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/source"
)

func reg(id string, sev diag.Severity, doc string) string {
	return diag.Register(diag.RuleInfo{ID: id, Severity: sev, Doc: doc})
}

// Rule ids reported by this package. Wrong-case and unknown keys are
// reported by the schema as schema/key-spelling and schema/additionalProperties.
var (
	ruleVersion = reg("appspec/version", diag.Error,
		"version must be 0.0, the only AppSpec version (write version: 0.0)")
	ruleResourceCount = reg("appspec/resource-count", diag.Error,
		"Resources must hold exactly one entry: the ECS TargetService or the one Lambda function")
	ruleTargetService = reg("appspec/target-service", diag.Error,
		"the ECS resource is a map with the single key TargetService holding Type and Properties (indented under it)")
	ruleResourceType = reg("appspec/resource-type", diag.Error,
		"Type must be AWS::ECS::Service (ECS) or AWS::Lambda::Function (Lambda)")
	ruleTaskDefinition = reg("appspec/task-definition", diag.Error,
		"TaskDefinition must be <TASK_DEFINITION> (CodePipeline replaces it) or a full ARN arn:<partition>:ecs:<region>:<account>:task-definition/<family>:<revision>; a family name, a missing revision or a wildcard is rejected")
	ruleTaskDefinitionPlaceholder = reg("appspec/task-definition-placeholder", diag.Warning,
		"in a CodePipeline CodeDeployToECS template TaskDefinition should be <TASK_DEFINITION>, which the action replaces with the task definition it registers")
	ruleLoadBalancerInfo = reg("appspec/load-balancer-info", diag.Error,
		"LoadBalancerInfo must be a map (not a list) with ContainerName and ContainerPort")
	ruleContainerName = reg("appspec/container-name", diag.Error,
		"LoadBalancerInfo.ContainerName must be a non-empty container name from the task definition")
	ruleContainerPort = reg("appspec/container-port", diag.Error,
		"LoadBalancerInfo.ContainerPort must be an integer 1..65535 (a number, not a quoted string)")
	ruleAwsvpc = reg("appspec/awsvpc-configuration", diag.Error,
		"AwsvpcConfiguration needs all of Subnets, SecurityGroups and AssignPublicIp (or leave NetworkConfiguration out)")
	ruleSubnets = reg("appspec/subnets", diag.Error,
		"Subnets must list 1..16 subnet ids (subnet- followed by 8 or 17 lower-case hex digits)")
	ruleSecurityGroups = reg("appspec/security-groups", diag.Error,
		"SecurityGroups must list 1..5 security-group ids (sg- followed by 8 or 17 lower-case hex digits)")
	ruleAssignPublicIP = reg("appspec/assign-public-ip", diag.Error,
		"AssignPublicIp must be ENABLED or DISABLED")
	ruleCapacityProvider = reg("appspec/capacity-provider-strategy", diag.Error,
		"CapacityProviderStrategy items need a non-empty CapacityProvider, Base 0..100000 (at most one item with Base > 0) and Weight 0..1000 (at least one item with Weight > 0)")
	ruleNoCapacityProvider = reg("appspec/no-capacity-provider-strategy", diag.Warning,
		"an ECS AppSpec without CapacityProviderStrategy makes CodeDeploy drop the service's strategy for the replacement task set (containers-roadmap #1752): repeat the service's strategy")
	ruleHookName = reg("appspec/hook-name", diag.Error,
		"a hook name the platform does not run: ECS allows BeforeInstall, AfterInstall, AfterAllowTestTraffic, BeforeAllowTraffic, AfterAllowTraffic; Lambda BeforeAllowTraffic, AfterAllowTraffic; EC2/On-Premises its nine script hooks")
	ruleHookDuplicate = reg("appspec/hook-duplicate", diag.Error,
		"a lifecycle hook listed twice: each hook runs once per deployment, so keep one entry")
	ruleHookFunction = reg("appspec/hook-function", diag.Error,
		"an ECS/Lambda hook names one Lambda function: name, name:alias, name:version or a function ARN (any partition)")
	ruleLambdaProperties = reg("appspec/lambda-properties", diag.Error,
		"a Lambda resource needs Properties Name (function name), Alias, CurrentVersion and TargetVersion (positive integers)")
	ruleServerTimeout = reg("appspec/hook-timeout", diag.Error,
		"the timeouts of one EC2/On-Premises lifecycle event's scripts must add up to at most 3600 seconds")
	ruleCreateDeployment = reg("appspec/create-deployment-input", diag.Error,
		"the file is an aws deploy create-deployment input (applicationName, revision.appSpecContent.content), not an AppSpec: save the content as appspec.yaml")
	ruleLambdaVersionOrder = reg("appspec/lambda-version-order", diag.Warning,
		"TargetVersion is not greater than CurrentVersion: the deployment shifts traffic to an older (or the same) version; check the two are not swapped")
	ruleFilesOverwrite = reg("appspec/files-overwrite", diag.Warning,
		"overwrite in a files entry is not an AppSpec key: the CodeDeploy agent ignores it; write file_exists_behavior: OVERWRITE at the top level")
	ruleRender = reg("appspec/render", diag.Error,
		"the typed AppSpec could not be rendered (for example a nil value)")
)

// Rules returns the ids of the rules this package reports itself (schema
// rules excluded), sorted.
func Rules() []string {
	var out []string
	for _, r := range diag.Rules() {
		if strings.HasPrefix(r.ID, "appspec/") {
			out = append(out, r.ID)
		}
	}
	return out
}

var (
	taskDefARN     = regexp.MustCompile(`^arn:aws[a-z-]*:ecs:[a-z]{2}(?:-[a-z]+)+-[0-9]+:[0-9]{12}:task-definition/[A-Za-z0-9_-]{1,255}:[1-9][0-9]*$`)
	taskDefARNNoRv = regexp.MustCompile(`^arn:aws[a-z-]*:ecs:[a-z]{2}(?:-[a-z]+)+-[0-9]+:[0-9]{12}:task-definition/[A-Za-z0-9_-]{1,255}$`)
	familyOnly     = regexp.MustCompile(`^[A-Za-z0-9_-]{1,255}(?::[0-9]+)?$`)
	subnetID       = regexp.MustCompile(`^subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})$`)
	sgID           = regexp.MustCompile(`^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$`)
	lambdaName     = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	lambdaQual     = regexp.MustCompile(`^(?:\$LATEST|[A-Za-z0-9_-]{1,128})$`)
	lambdaARN      = regexp.MustCompile(`^arn:aws[a-z-]*:lambda:[a-z]{2}(?:-[a-z]+)+-[0-9]+:[0-9]{12}:function:(.+)$`)
	lambdaPartial  = regexp.MustCompile(`^[0-9]{12}:function:(.+)$`)
	positiveInt    = regexp.MustCompile(`^[1-9][0-9]*$`)
)

// checker runs the semantic rules of one platform over the document value.
type checker struct {
	p   ComputePlatform
	r   *source.Reporter
	o   options
	sup map[string]bool // extra paths whose schema diagnostics are redundant
	// embedded is the AppSpec text inside a create-deployment input.
	embedded source.Node
}

func check(p ComputePlatform, root source.Node, r *source.Reporter, o options) map[string]bool {
	c := &checker{p: p, r: r, o: o, sup: map[string]bool{}}
	if !root.IsMap() {
		return c.sup // the schema reports the wrong type
	}
	if c.createDeploymentInput(root) {
		c.validateEmbedded()
		return c.sup
	}
	c.version(root)
	if p == ComputeServer {
		c.serverFiles(root)
		c.serverHooks(root)
	} else {
		c.resources(root)
		c.hooks(root)
	}
	return c.sup
}

// createDeploymentInput reports an "aws deploy create-deployment" input
// (revision.appSpecContent.content) saved in place of the AppSpec.
func (c *checker) createDeploymentInput(root source.Node) bool {
	rev, ok := root.Get("revision")
	if !ok {
		return false
	}
	content, ok := rev.Key("appSpecContent").Get("content")
	if !ok {
		return false
	}
	c.embedded = content
	c.r.AtKey(rev.Ptr, ruleCreateDeployment, "this is an aws deploy create-deployment input, not an AppSpec: save the text of revision.appSpecContent.content (line %d on) as appspec.yaml", c.r.Doc.ValuePos(content.Ptr).Line)
	for _, m := range root.MembersByKey() {
		c.sup[m.Ptr] = true
	}
	c.sup[""] = true
	c.sup["/version"] = true
	c.sup["/Resources"] = true
	return true
}

// at reports at o's value, or at its key when the value is null (a null
// value has no text of its own to point at).
func (c *checker) at(o source.Node, rule, format string, args ...any) {
	if o.Value == nil {
		c.r.AtKey(o.Ptr, rule, format, args...)
		return
	}
	c.r.At(o.Ptr, rule, format, args...)
}

func (c *checker) version(root source.Node) {
	v, ok := root.Get("version")
	if !ok {
		c.r.At("/version", ruleVersion, "version is missing: write version: 0.0 as the first line")
		return
	}
	switch t := v.Value.(type) {
	case json.Number:
		if t == "0.0" {
			return
		}
		c.r.At(v.Ptr, ruleVersion, "version is %s: write version: 0.0, the only AppSpec version", t)
	case string:
		if t == "0.0" {
			return
		}
		c.r.At(v.Ptr, ruleVersion, "version is %q: write version: 0.0, the only AppSpec version", t)
	default:
		c.r.At(v.Ptr, ruleVersion, "version must be 0.0: write version: 0.0")
	}
}

func (c *checker) resources(root source.Node) {
	res, ok := root.Get("Resources")
	if !ok {
		return // schema/required
	}
	arr, isArr := res.Value.([]any)
	if !isArr {
		if res.IsMap() {
			c.r.At(res.Ptr, ruleResourceCount, "Resources must be a list: write its entry as \"- %s:\" (with a dash)", cmp.Or(firstKey(res), TargetService))
		}
		return
	}
	switch n := len(arr); {
	case n == 0:
		c.r.At(res.Ptr, ruleResourceCount, "Resources is empty: write exactly one entry")
	case n > 1 && c.p == ComputeLambda:
		c.r.At(res.Ptr, ruleResourceCount, "Resources has %d entries; a Lambda AppSpec deploys exactly one function: keep one", n)
	case n > 1:
		c.r.At(res.Ptr, ruleResourceCount, "Resources has %d entries; an ECS AppSpec deploys exactly one service (TargetService): keep one", n)
	}
	for _, item := range res.Items() {
		if c.p == ComputeLambda {
			c.lambdaResource(item)
		} else {
			c.ecsResource(item)
		}
	}
}

func firstKey(o source.Node) string {
	if m := o.MembersByKey(); len(m) > 0 {
		return m[0].Name()
	}
	return ""
}

func (c *checker) ecsResource(item source.Node) {
	if !item.IsMap() {
		return
	}
	ts, ok := item.Get(TargetService)
	if !ok {
		return // schema/required, or schema/additionalProperties for another name
	}
	if ts.Value == nil {
		_, hasType := item.Get("Type")
		_, hasProps := item.Get("Properties")
		if hasType || hasProps {
			c.r.AtKey(ts.Ptr, ruleTargetService, "TargetService is empty and Type/Properties are at the same indentation: indent Type and Properties two more spaces, under TargetService")
			for _, m := range item.MembersByKey() {
				if !strings.EqualFold(m.Name(), TargetService) {
					c.sup[m.Ptr] = true
				}
			}
			ts = item // check what was meant to be under TargetService
		}
	}
	if !ts.IsMap() {
		return
	}
	if t, ok := ts.Get("Type"); ok {
		if s, _ := t.Str(); s != TypeECSService {
			c.r.At(t.Ptr, ruleResourceType, "the ECS TargetService has Type %q: write Type: %s", t.Text(), TypeECSService)
		}
	}
	props, ok := ts.Get("Properties")
	if !ok || !props.IsMap() {
		return
	}
	if td, ok := props.Get("TaskDefinition"); ok {
		c.taskDefinition(td)
	}
	if lb, ok := props.Get("LoadBalancerInfo"); ok {
		c.loadBalancerInfo(lb)
	}
	if nc, ok := props.Get("NetworkConfiguration"); ok && nc.IsMap() {
		if aw, ok := nc.Get("AwsvpcConfiguration"); ok && aw.IsMap() {
			c.awsvpc(aw)
		}
	}
	if cps, ok := props.Get("CapacityProviderStrategy"); ok {
		c.capacityProviders(cps)
	} else {
		c.r.AtKey(props.Ptr, ruleNoCapacityProvider, "no CapacityProviderStrategy: CodeDeploy then creates the replacement task set without the service's capacity provider strategy (containers-roadmap #1752; tasks are no longer spread as the strategy says): repeat the service's strategy here, or disable this rule if the service uses a launch type")
	}
}

func (c *checker) taskDefinition(td source.Node) {
	s, ok := td.Str()
	if !ok {
		c.r.At(td.Ptr, ruleTaskDefinition, "TaskDefinition must be a string: write %s or a full task-definition ARN", TaskDefinitionPlaceholder)
		return
	}
	const accepted = "CodeDeploy accepts only a full ARN arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision> (any partition); in a CodePipeline template write " + TaskDefinitionPlaceholder
	switch {
	case s == TaskDefinitionPlaceholder:
	case taskDefARN.MatchString(s):
		if c.o.pipeline {
			c.r.At(td.Ptr, ruleTaskDefinitionPlaceholder, "TaskDefinition is a fixed ARN: CodeDeployToECS replaces only %s, so this deployment would not use the task definition the pipeline registers", TaskDefinitionPlaceholder)
		}
	case strings.Contains(s, "*"):
		c.r.At(td.Ptr, ruleTaskDefinition, "TaskDefinition %q holds a wildcard; %s", s, accepted)
	case taskDefARNNoRv.MatchString(s):
		c.r.At(td.Ptr, ruleTaskDefinition, "TaskDefinition %q has no revision: append :<revision>; %s", s, accepted)
	case strings.Contains(strings.ToUpper(s), "TASK_DEFINITION") || strings.ContainsAny(s, "<>[]$"):
		c.r.At(td.Ptr, ruleTaskDefinition, "TaskDefinition %q is not the CodePipeline placeholder: write %s exactly (CodeDeployToECS replaces only that text), or a full task-definition ARN", s, TaskDefinitionPlaceholder)
	case familyOnly.MatchString(s):
		c.r.At(td.Ptr, ruleTaskDefinition, "TaskDefinition %q is a family name (or family:revision); %s", s, accepted)
	default:
		c.r.At(td.Ptr, ruleTaskDefinition, "TaskDefinition %q is not a task-definition ARN; %s", s, accepted)
	}
}

func (c *checker) loadBalancerInfo(lb source.Node) {
	if _, isList := lb.Value.([]any); isList {
		c.r.At(lb.Ptr, ruleLoadBalancerInfo, "LoadBalancerInfo is a list; CodeDeploy rejects it (\"not well-formed yaml\"): write ContainerName and ContainerPort as keys of a map, without '-'")
		return
	}
	if !lb.IsMap() {
		c.r.At(lb.Ptr, ruleLoadBalancerInfo, "LoadBalancerInfo must be a map with ContainerName and ContainerPort")
		return
	}
	if n, ok := lb.Get("ContainerName"); ok {
		if s, isStr := n.Str(); !isStr || strings.TrimSpace(s) == "" {
			c.at(n, ruleContainerName, "ContainerName is empty: write the name of the container (in the task definition) that receives traffic")
		}
	}
	p, ok := lb.Get("ContainerPort")
	if !ok {
		return // schema/required
	}
	switch t := p.Value.(type) {
	case string:
		if _, err := strconv.Atoi(strings.TrimSpace(t)); err == nil {
			c.r.At(p.Ptr, ruleContainerPort, "ContainerPort is the string %q: write it as a number, without quotes (ContainerPort: %s)", t, strings.TrimSpace(t))
		} else {
			c.r.At(p.Ptr, ruleContainerPort, "ContainerPort %q is not a number: write the container port, an integer 1..65535", t)
		}
	case json.Number:
		i, err := strconv.ParseInt(string(t), 10, 64)
		switch {
		case err != nil:
			c.r.At(p.Ptr, ruleContainerPort, "ContainerPort %s is not an integer: write an integer 1..65535", t)
		case i < 1 || i > 65535:
			c.r.At(p.Ptr, ruleContainerPort, "ContainerPort %d is outside 1..65535: write the port the container listens on", i)
		}
	default:
		c.at(p, ruleContainerPort, "ContainerPort is empty or not a number: write the port the container listens on, an integer 1..65535")
	}
}

func (c *checker) awsvpc(aw source.Node) {
	for _, k := range []string{"Subnets", "SecurityGroups", "AssignPublicIp"} {
		if _, ok := aw.Get(k); !ok {
			c.r.AtMissing(diag.Append(aw.Ptr, k), ruleAwsvpc, "AwsvpcConfiguration has no %s: CodeDeploy needs Subnets, SecurityGroups and AssignPublicIp together (or no NetworkConfiguration at all, to keep the service's)", k)
		}
	}
	if s, ok := aw.Get("Subnets"); ok {
		c.idList(s, "Subnets", ruleSubnets, subnetID, 16, "subnet id (subnet- and 8 or 17 lower-case hex digits, e.g. subnet-0123456789abcdef0)")
	}
	if s, ok := aw.Get("SecurityGroups"); ok {
		c.idList(s, "SecurityGroups", ruleSecurityGroups, sgID, 5, "security-group id (sg- and 8 or 17 lower-case hex digits, e.g. sg-0123456789abcdef0)")
	}
	if a, ok := aw.Get("AssignPublicIp"); ok {
		if s, _ := a.Str(); s != string(AssignPublicIPEnabled) && s != string(AssignPublicIPDisabled) {
			c.r.At(a.Ptr, ruleAssignPublicIP, "AssignPublicIp is %q: write ENABLED or DISABLED", a.Text())
		}
	}
}

func (c *checker) idList(l source.Node, name, rule string, re *regexp.Regexp, max int, what string) {
	arr, ok := l.Value.([]any)
	if !ok {
		c.r.At(l.Ptr, rule, "%s must be a list of ids", name)
		return
	}
	switch {
	case len(arr) == 0:
		c.r.At(l.Ptr, rule, "%s is empty: list at least one %s", name, what)
	case len(arr) > max:
		c.r.At(l.Ptr, rule, "%s lists %d ids; ECS allows at most %d", name, len(arr), max)
	}
	for _, e := range l.Items() {
		s, isStr := e.Str()
		if !isStr || !re.MatchString(s) {
			c.r.At(e.Ptr, rule, "%q is not a %s", e.Text(), what)
		}
	}
}

func (c *checker) capacityProviders(cps source.Node) {
	arr, ok := cps.Value.([]any)
	if !ok {
		c.r.At(cps.Ptr, ruleCapacityProvider, "CapacityProviderStrategy must be a list of {Base, CapacityProvider, Weight} maps")
		return
	}
	if len(arr) == 0 {
		c.r.At(cps.Ptr, ruleCapacityProvider, "CapacityProviderStrategy is empty: list the service's capacity providers, or leave the key out")
		return
	}
	var withBase []source.Node
	anyWeight := false
	for _, it := range cps.Items() {
		if !it.IsMap() {
			c.r.At(it.Ptr, ruleCapacityProvider, "a CapacityProviderStrategy item must be a map {Base, CapacityProvider, Weight}")
			continue
		}
		if n, ok := it.Get("CapacityProvider"); !ok {
			c.r.AtMissing(diag.Append(it.Ptr, "CapacityProvider"), ruleCapacityProvider, "this item has no CapacityProvider: write the capacity provider's name")
		} else if s, _ := n.Str(); strings.TrimSpace(s) == "" {
			c.r.At(n.Ptr, ruleCapacityProvider, "CapacityProvider is empty: write the capacity provider's name")
		}
		if b, ok := it.Get("Base"); ok {
			if v, ok := c.intIn(b, "Base", 0, 100000); ok && v > 0 {
				withBase = append(withBase, b)
			}
		}
		if w, ok := it.Get("Weight"); ok {
			if v, ok := c.intIn(w, "Weight", 0, 1000); ok && v > 0 {
				anyWeight = true
			}
		}
	}
	for _, b := range withBase[min(1, len(withBase)):] {
		c.r.At(b.Ptr, ruleCapacityProvider, "a second item with Base > 0 (first at %s): ECS allows a base on one capacity provider only", withBase[0].Ptr)
	}
	if !anyWeight {
		c.r.AtKey(cps.Ptr, ruleCapacityProvider, "no item has Weight > 0: give at least one capacity provider a positive Weight, or tasks beyond Base have nowhere to go")
	}
}

// intIn checks that o is an integer in lo..hi.
func (c *checker) intIn(o source.Node, name string, lo, hi int) (int, bool) {
	n, ok := o.Value.(json.Number)
	if !ok {
		if s, isStr := o.Str(); isStr {
			if _, err := strconv.Atoi(s); err == nil {
				c.r.At(o.Ptr, ruleCapacityProvider, "%s is the string %q: write it as a number, without quotes", name, s)
				return 0, false
			}
		}
		c.r.At(o.Ptr, ruleCapacityProvider, "%s must be an integer %d..%d", name, lo, hi)
		return 0, false
	}
	v, err := strconv.Atoi(string(n))
	if err != nil || v < lo || v > hi {
		c.r.At(o.Ptr, ruleCapacityProvider, "%s is %s: write an integer %d..%d", name, n, lo, hi)
		return 0, false
	}
	return v, true
}

func (c *checker) lambdaResource(item source.Node) {
	for _, body := range item.MembersByKey() {
		if !body.IsMap() {
			continue // schema/type
		}
		if t, ok := body.Get("Type"); ok {
			if s, _ := t.Str(); s != TypeLambdaFunction {
				c.r.At(t.Ptr, ruleResourceType, "the Lambda resource has Type %q: write Type: %s", t.Text(), TypeLambdaFunction)
			}
		}
		props, ok := body.Get("Properties")
		if !ok {
			c.r.AtMissing(diag.Append(body.Ptr, "Properties"), ruleLambdaProperties, "the Lambda resource has no Properties: write Name, Alias, CurrentVersion and TargetVersion")
			continue
		}
		if !props.IsMap() {
			continue // schema/type
		}
		cur, _ := props.Key("CurrentVersion").TrimmedInt()
		tgt, _ := props.Key("TargetVersion").TrimmedInt()
		if cur > 0 && tgt > 0 && tgt <= cur {
			c.r.At(props.Key("TargetVersion").Ptr, ruleLambdaVersionOrder, "TargetVersion %d is not greater than CurrentVersion %d: traffic would shift to an older (or the same) version; check that the two are not swapped", tgt, cur)
		}
		for _, k := range []string{"Name", "Alias", "CurrentVersion", "TargetVersion"} {
			v, ok := props.Get(k)
			if !ok {
				c.r.AtMissing(diag.Append(props.Ptr, k), ruleLambdaProperties, "Properties has no %s: a Lambda AppSpec needs Name, Alias, CurrentVersion and TargetVersion", k)
				continue
			}
			s := v.Text()
			switch k {
			case "Name":
				if !validFunction(s) {
					c.r.At(v.Ptr, ruleLambdaProperties, "Name %q is not a Lambda function name (1..64 of A-Z a-z 0-9 - _) or function ARN", s)
				}
			case "Alias":
				if !lambdaName.MatchString(s) || positiveInt.MatchString(s) || s == "0" {
					c.r.At(v.Ptr, ruleLambdaProperties, "Alias %q is not an alias name (letters, digits, - and _, not only digits)", s)
				}
			default:
				if !positiveInt.MatchString(s) {
					c.r.At(v.Ptr, ruleLambdaProperties, "%s %q is not a published version number: write a positive integer such as \"2\"", k, s)
				}
			}
		}
	}
}

// validFunction reports whether s names a Lambda function the way a hook or
// a Lambda AppSpec may: name, name:alias, name:version, name:$LATEST, a
// partial ARN account:function:name[:qualifier] or a full ARN in any
// partition.
func validFunction(s string) bool {
	if m := lambdaARN.FindStringSubmatch(s); m != nil {
		s = m[1]
	} else if m := lambdaPartial.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	name, qual, hasQual := strings.Cut(s, ":")
	if !lambdaName.MatchString(name) {
		return false
	}
	return !hasQual || lambdaQual.MatchString(qual)
}

func (c *checker) hooks(root source.Node) {
	hooks, ok := root.Get("Hooks")
	if !ok || hooks.Value == nil {
		return
	}
	allowed := hookOrder[c.p]
	first := map[string]source.Node{}
	for _, item := range hooks.Items() {
		for _, h := range item.MembersByKey() {
			name := h.Name()
			canon := canonicalHook(name, allowed)
			if canon == "" {
				c.r.AtKey(h.Ptr, ruleHookName, "%s is not a%s lifecycle hook: use one of %s", name, platformWord(c.p), strings.Join(allowed, ", "))
				continue
			}
			if f, dup := first[canon]; dup {
				c.r.AtKey(h.Ptr, ruleHookDuplicate, "%s is already listed (at %s): each hook runs once per deployment, keep one entry", canon, f.Ptr)
			} else {
				first[canon] = h
			}
			s, isStr := h.Str()
			switch {
			case !isStr && h.Value != nil:
				c.r.At(h.Ptr, ruleHookFunction, "%s must name one Lambda function (a string); script lists (location/timeout) are for EC2/On-Premises AppSpecs", name)
			case strings.TrimSpace(s) == "":
				c.r.At(h.Ptr, ruleHookFunction, "%s names no function: write the Lambda function name or ARN", name)
			case !validFunction(s):
				c.r.At(h.Ptr, ruleHookFunction, "%q is not a Lambda function name, name:alias, name:version or function ARN", s)
			}
		}
	}
}

// canonicalHook returns the allowed hook name equal to name ignoring case,
// or "".
func canonicalHook(name string, allowed []string) string {
	for _, a := range allowed {
		if strings.EqualFold(a, name) {
			return a
		}
	}
	return ""
}

func platformWord(p ComputePlatform) string {
	switch p {
	case ComputeLambda:
		return " Lambda"
	case ComputeServer:
		return "n EC2/On-Premises"
	}
	return "n ECS"
}

func (c *checker) serverFiles(root source.Node) {
	files, _ := root.Get("files")
	for _, f := range files.Items() {
		if o, ok := f.Get("overwrite"); ok {
			c.r.AtKey(o.Ptr, ruleFilesOverwrite, "overwrite is not a files key and the CodeDeploy agent ignores it: to replace existing files write file_exists_behavior: OVERWRITE at the top level")
			c.sup[o.Ptr] = true
		}
	}
}

func (c *checker) serverHooks(root source.Node) {
	hooks, ok := root.Get("hooks")
	if !ok || !hooks.IsMap() {
		return
	}
	allowed := hookOrder[ComputeServer]
	for _, h := range hooks.MembersByKey() {
		name := h.Name()
		if canonicalHook(name, allowed) == "" {
			c.r.AtKey(h.Ptr, ruleHookName, "%s is not an EC2/On-Premises lifecycle hook: use one of %s", name, strings.Join(allowed, ", "))
			continue
		}
		total := 0
		for _, s := range h.Items() {
			if t, ok := s.Key("timeout").TrimmedInt(); ok {
				total += t
			}
		}
		if total > 3600 {
			c.r.AtKey(h.Ptr, ruleServerTimeout, "the scripts of %s have timeouts adding up to %d seconds; the limit per lifecycle event is 3600", name, total)
		}
	}
}

// validateEmbedded validates the AppSpec held in a literal block scalar
// (content: |) of a create-deployment input, with positions mapped back
// into the file. Other forms (a quoted JSON string) are left alone, since
// their positions cannot be mapped.
func (c *checker) validateEmbedded() {
	text, ok := c.embedded.Str()
	doc := c.r.Doc
	if !ok || doc.Format != "yaml" {
		return
	}
	p := doc.ValuePos(c.embedded.Ptr)
	if p.Offset >= len(doc.Src) || doc.Src[p.Offset] != '|' {
		return
	}
	// The block starts on the next line; its indentation is that of its first
	// non-empty line.
	rest := doc.Src[p.Offset:]
	nl := strings.IndexByte(string(rest), '\n')
	if nl < 0 {
		return
	}
	body := string(rest[nl+1:])
	indent := len(body) - len(strings.TrimLeft(body, " "))
	skipped := 0
	for strings.HasPrefix(body, "\n") || strings.HasPrefix(body, "\r\n") {
		_, body, _ = strings.Cut(body, "\n")
		skipped++
		indent = len(body) - len(strings.TrimLeft(body, " "))
	}
	inner := Validate(doc.File, []byte(text), Disable(slices.Collect(maps.Keys(c.o.disabled))...))
	for _, d := range inner {
		if d.Line > 0 {
			d.Line += p.Line + skipped
			if d.Column > 0 {
				d.Column += indent
			}
		}
		d.Path = c.embedded.Ptr + d.Path // a pointer into the content continues the content's
		d.Message = "in the embedded AppSpec: " + d.Message
		c.r.Add(d)
	}
}
