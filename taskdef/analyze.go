package taskdef

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bgspec/bgspec/diag"
	"github.com/bgspec/bgspec/internal/source"
	"github.com/bgspec/bgspec/internal/textdist"
)

// analyze runs the document-wide checks and the schema pass, decodes the
// document leniently and runs the semantic rules. A describe-task-definition
// output wrapped in {"taskDefinition": …} is reported once; its inner object
// is then checked like a bare one, with pointers into the wrapper.
func analyze(doc *source.Doc, r *source.Reporter) *TaskDefinition {
	base := ""
	val := doc.Value
	var wrapperTags any
	if inner, ok := describeInner(val); ok {
		r.AtKey("/taskDefinition", RuleDescribeOutput,
			"this is describe-task-definition output: register-task-definition needs the object inside \"taskDefinition\" (run bgspec clean)")
		base, val, wrapperTags = "/taskDefinition", inner, val.(map[string]any)["tags"]
	}
	w := walker{r: r, wrapped: base != ""}
	w.walk(doc.Value)
	r.Add(schemaPass(doc, w.sawNull, base != "")...)
	var td TaskDefinition
	decode(val, &td)
	if len(td.Tags) == 0 && wrapperTags != nil {
		decode(map[string]any{"tags": wrapperTags}, &td)
	}
	raw, ok := val.(map[string]any)
	if !ok {
		return &td
	}
	c := &checker{r: r, doc: doc, raw: raw, base: base, td: &td}
	c.run()
	return &td
}

// describeInner returns the task definition inside describe-task-definition
// output, {"taskDefinition": {…}, "tags": […]}: v is such output when its
// member "taskDefinition" is an object and it has neither a family nor
// containerDefinitions of its own.
func describeInner(v any) (map[string]any, bool) {
	m, _ := v.(map[string]any)
	inner, ok := m["taskDefinition"].(map[string]any)
	return inner, ok && m["family"] == nil && m["containerDefinitions"] == nil
}

// schemaPass validates the document with null object members left out: a
// null is reported once by taskdef/null-value, not again as a type error.
// Describe output ({"taskDefinition": …, "tags": …}) is checked against
// describeSchema, which wraps the same definitions, so that positions point
// into the file as it is.
func schemaPass(doc *source.Doc, nullMembers, wrapped bool) diag.List {
	if nullMembers {
		orig := doc.Value
		doc.Value = dropNullMembers(orig)
		defer func() { doc.Value = orig }()
	}
	if wrapped {
		return describeSchema().Validate(doc)
	}
	if fast, err := fastSchema(); err == nil && fast.valid(doc.Value) {
		return nil
	}
	return taskdefSchema.Validate(doc)
}

// dropNullMembers returns a copy of v without null object members. Nulls in
// arrays stay (removing them would shift the indexes).
func dropNullMembers(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			if e != nil {
				out[k] = dropNullMembers(e)
			}
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = dropNullMembers(e)
		}
		return out
	}
	return v
}

// walker visits every value once for the document-wide rules: null values,
// describe-only fields and angle-bracket placeholders.
type walker struct {
	r       *source.Reporter
	wrapped bool // the task definition is the member "taskDefinition"
	path    []string
	sawNull bool // an object member is null
}

func (w *walker) ptr(last string) string {
	p := diag.Pointer(w.path...)
	if last != "" {
		p = diag.Append(p, last)
	}
	return p
}

func (w *walker) walk(v any) {
	switch t := v.(type) {
	case map[string]any:
		isRoot := len(w.path) == 0 && !w.wrapped || len(w.path) == 1 && w.wrapped && w.path[0] == "taskDefinition"
		var nulls []string
		for k, e := range t {
			if isRoot && slices.Contains(DescribeOnlyFields, k) {
				w.r.AtKey(w.ptr(k), RuleDescribeOnly,
					"%q is returned by describe-task-definition and rejected by register-task-definition: remove it (bgspec clean does)", k)
				continue
			}
			if e == nil {
				nulls = append(nulls, k)
				w.sawNull = true
				continue
			}
			w.path = append(w.path, k)
			w.walk(e)
			w.path = w.path[:len(w.path)-1]
		}
		w.nulls(nulls)
	case []any:
		for i, e := range t {
			w.path = append(w.path, strconv.Itoa(i))
			if e == nil {
				w.r.At(w.ptr(""), RuleNull, "a null list item: remove it")
			} else {
				w.walk(e)
			}
			w.path = w.path[:len(w.path)-1]
		}
	case string:
		if strings.IndexByte(t, '<') < 0 {
			return
		}
		var unknown []string
		for _, tok := range placeholders(t) {
			if !isImagePlaceholder(tok) && !slices.Contains(unknown, tok) {
				unknown = append(unknown, tok)
			}
		}
		switch {
		case len(unknown) == 0:
		case len(w.path) > 0 && w.path[len(w.path)-1] == "image":
			w.r.At(w.ptr(""), RulePlaceholder,
				"%s is replaced by CodePipeline only if the CodeDeployToECS action's Image<N>ContainerName is %s: use %s…%s, or check the action",
				strings.Join(unknown, ", "), strings.Trim(unknown[0], "<>"), Image1Name, Image4Name)
		default:
			w.r.At(w.ptr(""), RulePlaceholder,
				"%s looks like a placeholder nothing replaces (CodePipeline replaces only image placeholders): write the real value, or substitute it in the build",
				strings.Join(unknown, ", "))
		}
	}
}

// placeholders returns the tokens of s that match <[A-Za-z][A-Za-z0-9_.-]*>.
func placeholders(s string) []string {
	var out []string
	for i := strings.IndexByte(s, '<'); i >= 0; {
		end := placeholderEnd(s, i)
		if end > 0 {
			out = append(out, s[i:end])
			i = end
		} else {
			i++
		}
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			break
		}
		i += j
	}
	return out
}

// placeholderEnd returns the offset after the placeholder token starting at
// s[i] == '<', or 0 when there is none.
func placeholderEnd(s string, i int) int {
	j := i + 1
	if j >= len(s) || !(s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
		return 0
	}
	for j++; j < len(s); j++ {
		c := s[j]
		switch {
		case c == '>':
			return j + 1
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-':
		default:
			return 0
		}
	}
	return 0
}

// nulls reports the null members of one object once, at the first of them
// in the document, naming all of them.
func (w *walker) nulls(keys []string) {
	if len(keys) == 0 {
		return
	}
	doc := w.r.Doc
	slices.SortFunc(keys, func(a, b string) int { return doc.KeyPos(w.ptr(a)).Offset - doc.KeyPos(w.ptr(b)).Offset })
	if len(keys) == 1 {
		w.r.AtKey(w.ptr(keys[0]), RuleNull,
			"%q is null: remove the key (aws ecs register-task-definition rejects null; bgspec clean removes it)", keys[0])
		return
	}
	w.r.AtKey(w.ptr(keys[0]), RuleNull,
		"%d keys of this object are null (%s): remove them (aws ecs register-task-definition rejects null; bgspec clean removes them)",
		len(keys), strings.Join(keys, ", "))
}

func isImagePlaceholder(tok string) bool {
	switch tok {
	case Image1Name, Image2Name, Image3Name, Image4Name:
		return true
	}
	return false
}

func hasPlaceholder(s string) bool {
	for i := strings.IndexByte(s, '<'); i >= 0; {
		if placeholderEnd(s, i) > 0 {
			return true
		}
		j := strings.IndexByte(s[i+1:], '<')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// checker runs the semantic rules on the decoded task definition.
type checker struct {
	r    *source.Reporter
	doc  *source.Doc
	raw  map[string]any
	base string
	td   *TaskDefinition

	fargate bool
	windows bool
	cmaps   []map[string]any // containerDefinitions[i] as read, nil if not an object
	byName  map[string]int
	taskCPU int // parsed task cpu units; 0 when absent or unreadable
	taskMem int // parsed task memory MiB; 0 when absent or unreadable
}

// p returns the pointer to a member of the task definition. Tokens are
// escaped: some are keys the user wrote (option names, label keys).
func (c *checker) p(tokens ...string) string { return c.base + diag.Pointer(tokens...) }

// cp returns the pointer to a member of container i.
func (c *checker) cp(i int, tokens ...string) string {
	return diag.Index(c.base+"/containerDefinitions", i) + diag.Pointer(tokens...)
}

func (c *checker) run() {
	td := c.td
	c.fargate = slices.Contains(td.RequiresCompatibilities, CompatibilityFargate)
	if rp := td.RuntimePlatform; rp != nil && strings.HasPrefix(string(rp.OperatingSystemFamily), "WINDOWS") {
		c.windows = true
	}
	if arr, ok := c.raw["containerDefinitions"].([]any); ok {
		c.cmaps = make([]map[string]any, len(arr))
		for i, e := range arr {
			c.cmaps[i], _ = e.(map[string]any)
		}
	}
	c.byName = make(map[string]int, len(td.ContainerDefinitions))
	c.names()
	c.taskSize()
	c.containers()
	c.essential()
	c.dependsOn()
	c.executionRole()
	c.roles()
	c.tags()
	c.trustedExecution()
}

// validTagText reports whether s matches ^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$, the
// ECS model's pattern for tag keys and values. (The exported JSON Schema
// leaves the pattern out: \p{…} is not portable across JSON Schema engines.)
func validTagText(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.IndexRune(" _.:/=+-@", r) >= 0 {
				continue
			}
			return false
		}
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Z, r) {
			return false
		}
	}
	return true
}

// tags checks the characters of tag keys and values, in the task
// definition and, for describe output, in the wrapper's "tags".
func (c *checker) tags() {
	check := func(base string, v any) {
		arr, _ := v.([]any)
		for i, e := range arr {
			m, _ := e.(map[string]any)
			for _, f := range []string{"key", "value"} {
				if s, ok := m[f].(string); ok && !validTagText(s) && !hasPlaceholder(s) {
					c.r.At(diag.Append(diag.Index(base, i), f), RuleTagChars,
						"tag %s %q has a character ECS does not allow in tags: use letters, numbers, spaces and _ . : / = + - @", f, s)
				}
			}
		}
	}
	check(c.p("tags"), c.raw["tags"])
	if c.base != "" {
		if root, ok := c.doc.Value.(map[string]any); ok {
			check("/tags", root["tags"])
		}
	}
}

// trustedExecution checks trustedExecutionConfiguration against the ECS
// API reference (aws-sdk-go-v2/service/ecs v1.105.1 types): attestationPolicy
// "is required when isolationMode is CONFIDENTIAL_SANDBOX", and "trusted
// execution is supported only for Amazon ECS Managed Instances".
func (c *checker) trustedExecution() {
	te := c.td.TrustedExecutionConfiguration
	if te == nil {
		return
	}
	if te.IsolationMode == IsolationModeConfidentialSandbox && te.AttestationPolicy == "" {
		ptr := c.p("trustedExecutionConfiguration", "attestationPolicy")
		raw, _ := c.raw["trustedExecutionConfiguration"].(map[string]any)
		if _, isStr := raw["attestationPolicy"].(string); isStr {
			c.r.At(ptr, RuleTrustedExec, "isolationMode CONFIDENTIAL_SANDBOX needs an attestationPolicy (the base64-encoded policy envelope); it is empty")
		} else {
			c.r.AtMissing(ptr, RuleTrustedExec, "isolationMode CONFIDENTIAL_SANDBOX needs an attestationPolicy (the base64-encoded policy envelope): add it")
		}
	}
	if rc := c.td.RequiresCompatibilities; len(rc) > 0 && !slices.Contains(rc, CompatibilityManagedInstances) {
		c.r.AtKey(c.p("trustedExecutionConfiguration"), RuleTrustedExec,
			"trusted execution runs only on ECS Managed Instances: add \"MANAGED_INSTANCES\" to requiresCompatibilities, or remove trustedExecutionConfiguration")
	}
}

// resourceRequirements checks one container's resource requirements
// (aws-sdk-go-v2/service/ecs v1.105.1 ResourceRequirement docs, newer than
// the botocore 1.43.11 model, which requires value): "for a GPU resource
// requirement, specify either value or sharingStrategy, but not both";
// sharingStrategy only for type GPU; NeuronDevice takes value ALL. It returns
// whether the container requests GPUs by count and by sharing, for the
// task-wide "all containers use the same option" check.
func (c *checker) resourceRequirements(i int, cd *ContainerDefinition) (byCount, shared bool) {
	raw, _ := c.cmaps[i]["resourceRequirements"].([]any)
	for k, rr := range cd.ResourceRequirements {
		if k >= len(raw) {
			break
		}
		m, ok := raw[k].(map[string]any)
		if !ok {
			continue
		}
		ptr := func(f string) string { return c.cp(i, "resourceRequirements", strconv.Itoa(k), f) }
		hasValue, hasSharing := m["value"] != nil, m["sharingStrategy"] != nil // a null is taskdef/null-value's
		switch {
		case hasSharing && rr.Type != "" && rr.Type != ResourceTypeGPU:
			c.r.AtKey(ptr("sharingStrategy"), RuleResourceReq, "sharingStrategy applies only to type GPU, not %s: remove it", rr.Type)
		case hasSharing && hasValue:
			c.r.AtKey(ptr("sharingStrategy"), RuleResourceReq, "a GPU takes value (a count) or sharingStrategy, not both: remove one")
		case !hasValue && !hasSharing && rr.Type != "":
			how := "write the GPU count (or ALL), or a sharingStrategy"
			switch rr.Type {
			case ResourceTypeNeuronDevice:
				how = "write \"ALL\""
			case ResourceTypeInferenceAccelerator:
				how = "write the deviceName of an inferenceAccelerators entry"
			}
			c.r.AtMissing(ptr("value"), RuleResourceReq, "resource requirement %s needs a value: %s", rr.Type, how)
		case rr.Type == ResourceTypeNeuronDevice && hasValue && rr.Value != "ALL" && !hasPlaceholder(rr.Value):
			c.r.At(ptr("value"), RuleResourceReq, "NeuronDevice takes value \"ALL\" (all Neuron devices of the instance), not %q", rr.Value)
		}
		if rr.Type == ResourceTypeGPU {
			byCount = byCount || hasValue && !hasSharing
			shared = shared || hasSharing
		}
	}
	return byCount, shared
}

// validRole reports whether s is an IAM role ARN,
// ^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9_+=,.@/-]{1,512}$, or a role
// name, ^[A-Za-z0-9_+=,.@-]{1,64}$.
func validRole(s string) bool {
	rest, isARN := strings.CutPrefix(s, "arn:")
	if !isARN {
		return len(s) <= 64 && roleChars(s, false)
	}
	partition, rest, _ := strings.Cut(rest, ":")
	service, rest, _ := strings.Cut(rest, ":")
	region, rest, _ := strings.Cut(rest, ":")
	account, resource, _ := strings.Cut(rest, ":")
	name, isRole := strings.CutPrefix(resource, "role/")
	p, isAWS := strings.CutPrefix(partition, "aws")
	if !isAWS || strings.Trim(p, "abcdefghijklmnopqrstuvwxyz-") != "" || service != "iam" || region != "" ||
		len(account) != 12 || strings.Trim(account, "0123456789") != "" || !isRole || len(name) > 512 {
		return false
	}
	return roleChars(name, true)
}

// roleChars reports whether s is non-empty and made of [A-Za-z0-9_+=,.@-]
// (and '/' when slash is true).
func roleChars(s string, slash bool) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || strings.IndexByte("_+=,.@-", c) >= 0 || slash && c == '/') {
			return false
		}
	}
	return true
}

func (c *checker) roles() {
	for _, f := range []string{"taskRoleArn", "executionRoleArn"} {
		s, ok := c.raw[f].(string)
		if ok && strings.TrimSpace(s) == "" {
			c.r.At(c.p(f), RuleEmptyRole, "%s is empty: remove the key (bgspec clean does), or write the role's ARN, arn:aws:iam::ACCOUNT:role/NAME", f)
			continue
		}
		if !ok || hasPlaceholder(s) {
			continue
		}
		if validRole(s) {
			if f == "executionRoleArn" && !strings.HasPrefix(s, "arn:") {
				c.r.At(c.p(f), RuleExecRoleName, "executionRoleArn %q is a role name: write its ARN, arn:aws:iam::ACCOUNT:role/%s (the API reference documents an ARN here)", s, s)
			}
			continue
		}
		c.r.At(c.p(f), RuleRoleARN, "%s %q is neither an IAM role ARN nor a role name: write arn:aws:iam::ACCOUNT:role/NAME with the 12-digit account id", f, s)
	}
}

// Names.

// validName reports whether s matches ^[A-Za-z0-9_-]{1,255}$.
func validName(s string) bool {
	if len(s) == 0 || len(s) > 255 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func (c *checker) names() {
	if f, ok := c.raw["family"].(string); ok && !validName(f) && !hasPlaceholder(f) {
		c.r.At(c.p("family"), RuleName, "family %s: write up to 255 letters, digits, hyphens and underscores, for example %q", describeName(f), suggestName(f))
	}
	n := len(c.td.ContainerDefinitions)
	if _, ok := c.raw["containerDefinitions"].([]any); ok {
		if n == 0 {
			c.r.AtKey(c.p("containerDefinitions"), RuleContainerCount, "containerDefinitions is empty: a task definition needs at least one container")
		} else if n > 10 {
			c.r.At(c.cp(10), RuleContainerCount, "%d containers: a task definition holds at most 10 (not adjustable); split the task", n)
		}
	}
	for i, cd := range c.td.ContainerDefinitions {
		if c.cmaps[i] == nil {
			continue
		}
		_, hasName := c.cmaps[i]["name"]
		switch {
		case !hasName:
			c.r.At(c.cp(i), RuleName, "the container has no name: add \"name\" (ECS requires it; the AppSpec ContainerName refers to it)")
			continue
		case cd.Name == "":
			c.r.At(c.cp(i, "name"), RuleName, "the container name is empty: write up to 255 letters, digits, hyphens and underscores")
			continue
		case !validName(cd.Name) && !hasPlaceholder(cd.Name):
			c.r.At(c.cp(i, "name"), RuleName, "container name %s: write up to 255 letters, digits, hyphens and underscores, for example %q", describeName(cd.Name), suggestName(cd.Name))
		}
		if j, dup := c.byName[cd.Name]; dup {
			c.r.At(c.cp(i, "name"), RuleDuplicateName, "container name %q is already used by containerDefinitions[%d]: give every container its own name", cd.Name, j)
			continue
		}
		c.byName[cd.Name] = i
	}
}

func describeName(s string) string {
	if len(s) > 255 {
		return fmt.Sprintf("is %d characters long", len(s))
	}
	for _, r := range s {
		if !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return fmt.Sprintf("%q contains %q", s, r)
		}
	}
	return strconv.Quote(s)
}

func suggestName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
		if b.Len() >= 255 {
			break
		}
	}
	if b.Len() == 0 {
		return "my-app"
	}
	return b.String()
}

// Task size.

// ParseCPU converts a task cpu string ("256", "1 vCPU", ".25 vcpu") to CPU
// units. ok is false when the text is neither form.
func ParseCPU(s string) (units int, ok bool) {
	t := strings.ToLower(strings.TrimSpace(s))
	if num, found := strings.CutSuffix(t, "vcpu"); found {
		f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
		if err != nil || !(f > 0 && f <= 1024) {
			return 0, false
		}
		return int(math.Round(f * 1024)), true
	}
	n, err := strconv.Atoi(t)
	return n, err == nil && n >= 0
}

// ParseMemory converts a task memory string ("512", "2 GB", ".5 gb") to MiB.
// ok is false when the text is neither form.
func ParseMemory(s string) (mib int, ok bool) {
	t := strings.ToLower(strings.TrimSpace(s))
	for _, suf := range []string{"gib", "gb"} {
		if num, found := strings.CutSuffix(t, suf); found {
			f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			if err != nil || !(f > 0 && f <= 1<<20) {
				return 0, false
			}
			return int(math.Round(f * 1024)), true
		}
	}
	for _, suf := range []string{"mib", "mb"} {
		if num, found := strings.CutSuffix(t, suf); found {
			t = strings.TrimSpace(num)
			break
		}
	}
	n, err := strconv.Atoi(t)
	return n, err == nil && n >= 0
}

// fargateCombo reports whether cpu is a Fargate task size (known is false
// otherwise) and whether mem MiB is a valid memory for it (SPEC C.4).
func fargateCombo(cpu, mem int) (known, ok bool) {
	in := func(lo, hi, step int) bool { return mem >= lo && mem <= hi && (mem-lo)%step == 0 }
	switch cpu {
	case 256:
		return true, mem == 512 || mem == 1024 || mem == 2048
	case 512:
		return true, in(1024, 4096, 1024)
	case 1024:
		return true, in(2048, 8192, 1024)
	case 2048:
		return true, in(4096, 16384, 1024)
	case 4096:
		return true, in(8192, 30720, 1024)
	case 8192:
		return true, in(16384, 61440, 4096)
	case 16384:
		return true, in(32768, 122880, 8192)
	}
	return false, false
}

func fargateMemoryText(cpu int) string {
	switch cpu {
	case 256:
		return "512, 1024 or 2048"
	case 512:
		return "1024–4096 in steps of 1024"
	case 1024:
		return "2048–8192 in steps of 1024"
	case 2048:
		return "4096–16384 in steps of 1024"
	case 4096:
		return "8192–30720 in steps of 1024"
	case 8192:
		return "16384–61440 in steps of 4096"
	case 16384:
		return "32768–122880 in steps of 8192"
	}
	return ""
}

func (c *checker) taskSize() {
	cpuStr, hasCPU := c.raw["cpu"].(string)
	memStr, hasMem := c.raw["memory"].(string)
	cpuOK, memOK := false, false
	if hasCPU && !hasPlaceholder(cpuStr) {
		if n, ok := ParseCPU(cpuStr); !ok {
			c.r.At(c.p("cpu"), RuleTaskSize, "task cpu %q is not readable: write CPU units such as \"256\" or \"1024\", or \"1 vCPU\"", cpuStr)
		} else if n < 128 || n > 196608 {
			c.r.At(c.p("cpu"), RuleTaskSize, "task cpu %d units is outside 128–196608: write for example \"256\" (0.25 vCPU) or \"1024\" (1 vCPU)", n)
		} else {
			c.taskCPU, cpuOK = n, true
		}
	}
	if hasMem && !hasPlaceholder(memStr) {
		if n, ok := ParseMemory(memStr); !ok || n == 0 {
			c.r.At(c.p("memory"), RuleTaskSize, "task memory %q is not readable: write MiB such as \"512\" or \"2048\", or \"2 GB\"", memStr)
		} else {
			c.taskMem, memOK = n, true
		}
	}
	if !c.fargate {
		return
	}
	// A missing cpu or memory is reported like schema/required: at its own
	// pointer, positioned at the object that lacks it. A null one is
	// reported by taskdef/null-value; a number is a schema/type error.
	if _, has := c.raw["cpu"]; !has {
		c.r.AtMissing(c.p("cpu"), RuleTaskSize, "Fargate requires task-level cpu: add for example \"cpu\": \"256\" with \"memory\": \"512\"")
	}
	if _, has := c.raw["memory"]; !has {
		c.r.AtMissing(c.p("memory"), RuleTaskSize, "Fargate requires task-level memory: add for example \"memory\": \"512\" (with \"cpu\": \"256\")")
	}
	if !cpuOK || !memOK {
		return
	}
	known, valid := fargateCombo(c.taskCPU, c.taskMem)
	if !known {
		c.r.At(c.p("cpu"), RuleTaskSize, "no Fargate configuration has %d CPU units: write \"256\", \"512\", \"1024\", \"2048\", \"4096\", \"8192\" or \"16384\"", c.taskCPU)
		return
	}
	if c.windows && c.taskCPU < 1024 {
		c.r.At(c.p("cpu"), RuleTaskSize, "Windows on Fargate needs at least 1 vCPU: write \"cpu\": \"1024\"")
	}
	if !valid {
		c.r.At(c.p("memory"), RuleTaskSize, "no Fargate configuration exists for %d CPU, %d memory: with cpu %d write memory %s", c.taskCPU, c.taskMem, c.taskCPU, fargateMemoryText(c.taskCPU))
	}
}

// fargatePtr points at the FARGATE item of requiresCompatibilities.
func (c *checker) fargatePtr() string {
	i := slices.Index(c.td.RequiresCompatibilities, CompatibilityFargate)
	return c.p("requiresCompatibilities", strconv.Itoa(i))
}

// Containers.

func (c *checker) containers() {
	td := c.td
	mode := td.NetworkMode
	if c.fargate && mode != NetworkModeAwsvpc {
		if _, ok := c.raw["networkMode"].(string); ok {
			c.r.At(c.p("networkMode"), RuleFargateNetwork, "Fargate supports only networkMode awsvpc: write \"networkMode\": \"awsvpc\"")
		} else {
			c.r.At(c.fargatePtr(), RuleFargateNetwork, "Fargate supports only networkMode awsvpc, and the default is bridge: add \"networkMode\": \"awsvpc\"")
		}
	}
	if c.fargate {
		c.fargateUnsupported()
	}
	portNames := map[string]string{}
	sumCPU, sumMem := 0, 0
	gpuFirst, gpuShared := -1, false // first container requesting GPUs, and whether it shares them
	for i := range td.ContainerDefinitions {
		if c.cmaps[i] == nil {
			continue
		}
		cd := &td.ContainerDefinitions[i]
		c.image(i, cd)
		if mode == NetworkModeAwsvpc && len(cd.Links) > 0 {
			c.r.AtKey(c.cp(i, "links"), RuleLinksAwsvpc, "links are not supported when networkMode is awsvpc: remove them; containers of the task reach each other on localhost")
		}
		// dnsServers, dnsSearchDomains and disableNetworking are left alone:
		// the 2023 guide says awsvpc does not support them, the current API
		// reference only says "not Windows" (SPEC Disagreements 4).
		if mode == NetworkModeAwsvpc {
			for _, f := range []struct {
				key string
				set bool
			}{{"hostname", cd.Hostname != ""}, {"extraHosts", len(cd.ExtraHosts) > 0}} {
				if f.set {
					c.r.AtKey(c.cp(i, f.key), RuleAwsvpcUnsupported, "%s is not supported when networkMode is awsvpc: remove it", f.key)
				}
			}
		}
		c.ports(i, cd, mode, portNames)
		if mode == NetworkModeNone && len(cd.PortMappings) > 0 {
			c.r.AtKey(c.cp(i, "portMappings"), RulePortsNone, "container %q maps ports but networkMode is none: remove portMappings, or use awsvpc or bridge", cd.Name)
		}
		c.awslogs(i, cd)
		c.volumes(i, cd)
		if byCount, shared := c.resourceRequirements(i, cd); byCount || shared {
			switch {
			case byCount && shared:
				c.r.AtKey(c.cp(i, "resourceRequirements"), RuleResourceReq,
					"the GPUs of a task are all requested by count (value) or all by sharingStrategy: container %q uses both", cd.Name)
			case gpuFirst < 0:
				gpuFirst, gpuShared = i, shared
			case shared != gpuShared:
				c.r.AtKey(c.cp(i, "resourceRequirements"), RuleResourceReq,
					"the containers of a task that request GPUs must all use the same option, a count (value) or sharingStrategy: container %q differs from containerDefinitions[%d]", cd.Name, gpuFirst)
			}
		}
		// Memory.
		if _, hasMem := c.raw["memory"]; c.taskMem == 0 && !hasMem && cd.Memory == 0 && cd.MemoryReservation == 0 {
			c.r.At(c.cp(i), RuleContainerMemory, "container %q has no memory or memoryReservation and the task has no memory: add \"memoryReservation\": 512 (soft limit, MiB) or task-level memory", cd.Name)
		}
		if cd.Memory > 0 && cd.MemoryReservation > 0 {
			if cd.Memory < cd.MemoryReservation {
				c.r.At(c.cp(i, "memory"), RuleMemoryReservation, "memory %d is below memoryReservation %d: the hard limit must be greater than the soft limit", cd.Memory, cd.MemoryReservation)
			} else if cd.Memory == cd.MemoryReservation {
				c.r.At(c.cp(i, "memory"), RuleMemoryEqual, "memory equals memoryReservation (%d): drop memoryReservation, or make memory greater", cd.Memory)
			}
		}
		if c.taskMem > 0 && cd.Memory > c.taskMem {
			c.r.At(c.cp(i, "memory"), RuleMemoryExceedsTask, "container memory %d MiB is more than the task memory %d MiB: lower it or raise the task memory", cd.Memory, c.taskMem)
		}
		if c.taskCPU > 0 && cd.Cpu > c.taskCPU {
			c.r.At(c.cp(i, "cpu"), RuleCPUExceedsTask, "container cpu %d is more than the task cpu %d: lower it or raise the task cpu", cd.Cpu, c.taskCPU)
		}
		sumCPU += max(cd.Cpu, 0)
		sumMem += max(cd.Memory, 0)
		// Fargate log driver.
		if lc := cd.LogConfiguration; c.fargate && lc != nil && lc.LogDriver != "" {
			switch lc.LogDriver {
			case LogDriverAwslogs, LogDriverSplunk, LogDriverAwsfirelens:
			default:
				c.r.At(c.cp(i, "logConfiguration", "logDriver"), RuleFargateLogDriver, "log driver %q is not supported on Fargate: use awslogs, splunk or awsfirelens", lc.LogDriver)
			}
		}
		c.healthCheck(i, cd)
		c.secrets(i, cd.Secrets, "secrets")
		if lc := cd.LogConfiguration; lc != nil {
			c.secrets(i, lc.SecretOptions, "logConfiguration", "secretOptions")
		}
		c.environment(i, cd)
	}
	if c.taskMem > 0 && sumMem > c.taskMem && !slices.ContainsFunc(td.ContainerDefinitions, func(cd ContainerDefinition) bool { return cd.Memory > c.taskMem }) {
		c.r.At(c.p("memory"), RuleMemoryExceedsTask, "the containers' memory limits add up to %d MiB, more than the task memory %d MiB", sumMem, c.taskMem)
	}
	if c.taskCPU > 0 && sumCPU > c.taskCPU && !slices.ContainsFunc(td.ContainerDefinitions, func(cd ContainerDefinition) bool { return cd.Cpu > c.taskCPU }) {
		c.r.At(c.p("cpu"), RuleCPUExceedsTask, "the containers' cpu units add up to %d, more than the task cpu %d", sumCPU, c.taskCPU)
	}
}

func (c *checker) image(i int, cd *ContainerDefinition) {
	ptr := func() string { return c.cp(i, "image") }
	switch {
	case c.cmaps[i]["image"] == nil:
		if _, has := c.cmaps[i]["image"]; has {
			return // null: reported by taskdef/null-value
		}
		c.r.At(c.cp(i), RuleImage, "container %q has no image: add \"image\" (a repository[:tag] or %s for CodePipeline)", cd.Name, Image1Name)
	case strings.TrimSpace(cd.Image) == "":
		if _, isStr := c.cmaps[i]["image"].(string); isStr {
			c.r.At(ptr(), RuleImage, "the image is empty: write a repository[:tag] or %s for CodePipeline", Image1Name)
		}
	case strings.ContainsFunc(cd.Image, isSpace):
		c.r.At(ptr(), RuleImage, "the image contains whitespace: write a repository[:tag] without spaces")
	case !hasPlaceholder(cd.Image):
		if _, err := ParseImageRef(cd.Image); err != nil {
			c.r.At(ptr(), RuleImageRef, "%v: write registry/repository:tag or repository@sha256:<64 hex digits>", err)
		}
	}
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == 0x85 || r == 0xA0
}

func (c *checker) ports(i int, cd *ContainerDefinition, mode NetworkMode, names map[string]string) {
	type key struct {
		port  int
		proto TransportProtocol
	}
	var seen map[key]int
	for k, pm := range cd.PortMappings {
		ptr := func(field string) string { return c.cp(i, "portMappings", strconv.Itoa(k), field) }
		// hostPort 0 counts as omitted: older Terraform/CDK output writes it
		// for awsvpc and SPEC (Disagreements 15) has no AWS rejection of it.
		if (mode == NetworkModeAwsvpc || mode == NetworkModeHost) && pm.HostPort != nil && *pm.HostPort != 0 && pm.ContainerPort != 0 && *pm.HostPort != pm.ContainerPort {
			c.r.At(ptr("hostPort"), RuleHostPort, "with networkMode %s, hostPort %d must equal containerPort %d: remove hostPort or write %d", mode, *pm.HostPort, pm.ContainerPort, pm.ContainerPort)
		}
		if pm.ContainerPort != 0 {
			proto := pm.Protocol
			if proto == "" {
				proto = ProtocolTCP
			}
			kk := key{pm.ContainerPort, proto}
			if first, dup := seen[kk]; dup {
				c.r.At(ptr("containerPort"), RuleDuplicatePort, "containerPort %d/%s is already mapped by portMappings[%d]: remove one", pm.ContainerPort, proto, first)
			} else {
				if seen == nil {
					seen = make(map[key]int, len(cd.PortMappings))
				}
				seen[kk] = k
			}
		}
		if pm.Name != "" {
			if first, dup := names[pm.Name]; dup {
				c.r.At(ptr("name"), RulePortName, "port mapping name %q is already used at %s: give every port mapping its own name", pm.Name, first)
			} else {
				names[pm.Name] = c.cp(i, "portMappings", strconv.Itoa(k))
			}
		}
	}
}

func (c *checker) healthCheck(i int, cd *ContainerDefinition) {
	hc := cd.HealthCheck
	if hc == nil {
		return
	}
	raw, _ := c.cmaps[i]["healthCheck"].(map[string]any)
	if _, ok := raw["command"].([]any); ok {
		switch {
		case len(hc.Command) == 0:
			c.r.At(c.cp(i, "healthCheck", "command"), RuleHealthCheck, "the health check command is empty: write [\"CMD-SHELL\", \"curl -f http://localhost/ || exit 1\"]")
		case hc.Command[0] != "CMD" && hc.Command[0] != "CMD-SHELL":
			c.r.At(c.cp(i, "healthCheck", "command", "0"), RuleHealthCheck, "the health check command must start with \"CMD\" or \"CMD-SHELL\", for example [\"CMD-SHELL\", %q]", strings.Join(hc.Command, " "))
		case len(hc.Command) == 1:
			c.r.At(c.cp(i, "healthCheck", "command"), RuleHealthCheck, "the health check command has only %q: add the command to run after it", hc.Command[0])
		}
	}
	check := func(name string, v, lo, hi int, def string) {
		if v >= lo && v <= hi {
			return
		}
		if _, isInt := decInt(raw[name]); isInt { // present and an integer, so 0 is explicit
			c.r.At(c.cp(i, "healthCheck", name), RuleHealthCheck, "healthCheck %s %d is outside %d–%d (%s)", name, v, lo, hi, def)
		}
	}
	check("interval", hc.Interval, 5, 300, "default 30")
	check("timeout", hc.Timeout, 2, 60, "default 5")
	check("retries", hc.Retries, 1, 10, "default 3")
	check("startPeriod", hc.StartPeriod, 0, 300, "default off")
}

var (
	smARN  = regexp.MustCompile(`^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+(:[^:]*){0,3}$`)
	ssmARN = regexp.MustCompile(`^arn:aws[a-z-]*:ssm:[a-z0-9-]+:[0-9]{12}:parameter/[A-Za-z0-9_.\-/]+$`)
)

// validSSMName reports whether s matches ^/?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$
// and is at most 2048 characters long.
func validSSMName(s string) bool {
	if len(s) > 2048 {
		return false
	}
	s = strings.TrimPrefix(s, "/")
	for _, part := range strings.Split(s, "/") {
		if part == "" {
			return false
		}
		for i := 0; i < len(part); i++ {
			c := part[i]
			if !(c == '_' || c == '.' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
				return false
			}
		}
	}
	return true
}

// ValidValueFrom reports whether s is a Secrets Manager secret ARN (with the
// optional :json-key:version-stage:version-id suffix), an SSM parameter ARN,
// or an SSM parameter name (same Region only).
func ValidValueFrom(s string) bool {
	if strings.HasPrefix(s, "arn:") {
		return smARN.MatchString(s) || ssmARN.MatchString(s)
	}
	return validSSMName(s)
}

// secrets checks the valueFrom of the secrets at field (tokens below
// container i).
func (c *checker) secrets(i int, secrets []Secret, field ...string) {
	for k, s := range secrets {
		if s.ValueFrom == "" || hasPlaceholder(s.ValueFrom) || ValidValueFrom(s.ValueFrom) {
			continue
		}
		ptr := diag.Append(diag.Index(c.cp(i, field...), k), "valueFrom")
		c.r.At(ptr, RuleSecretValueFrom, "valueFrom of secret %q is neither an SSM parameter (name or arn:aws:ssm:REGION:ACCOUNT:parameter/NAME) nor a Secrets Manager ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME)", s.Name)
	}
}

// fargateUnsupported reports the parameters the current ECS API reference
// marks as not valid for Fargate. (The 2023 developer guide lists more, such
// as pidMode task and systemControls, that Fargate platform 1.4.0 accepts.)
func (c *checker) fargateUnsupported() {
	report := func(ptr, what string) {
		c.r.AtKey(ptr, RuleFargateUnsupported, "%s is not supported on Fargate: remove it, or drop FARGATE from requiresCompatibilities", what)
	}
	td := c.td
	if td.IpcMode != "" {
		report(c.p("ipcMode"), "ipcMode")
	}
	if td.PidMode == PidModeHost {
		report(c.p("pidMode"), "pidMode host")
	}
	if len(td.PlacementConstraints) > 0 {
		report(c.p("placementConstraints"), "placementConstraints")
	}
	for k, v := range td.Volumes {
		if v.DockerVolumeConfiguration != nil {
			report(c.p("volumes", strconv.Itoa(k), "dockerVolumeConfiguration"), "a Docker volume (dockerVolumeConfiguration)")
		}
		if v.Host != nil && v.Host.SourcePath != "" {
			report(c.p("volumes", strconv.Itoa(k), "host", "sourcePath"), "a host sourcePath")
		}
	}
	for i, cd := range td.ContainerDefinitions {
		if c.cmaps[i] == nil {
			continue
		}
		if cd.Privileged {
			report(c.cp(i, "privileged"), "privileged")
		}
		if lp := cd.LinuxParameters; lp != nil {
			if len(lp.Devices) > 0 {
				report(c.cp(i, "linuxParameters", "devices"), "linuxParameters.devices")
			}
			if lp.SharedMemorySize != 0 {
				report(c.cp(i, "linuxParameters", "sharedMemorySize"), "linuxParameters.sharedMemorySize")
			}
			if lp.MaxSwap != nil {
				report(c.cp(i, "linuxParameters", "maxSwap"), "linuxParameters.maxSwap")
			}
			if lp.Swappiness != nil {
				report(c.cp(i, "linuxParameters", "swappiness"), "linuxParameters.swappiness")
			}
		}
	}
}

func (c *checker) awslogs(i int, cd *ContainerDefinition) {
	lc := cd.LogConfiguration
	if lc == nil || lc.LogDriver != LogDriverAwslogs {
		return
	}
	opts := lc.Options
	rawLC, _ := c.cmaps[i]["logConfiguration"].(map[string]any)
	rawOpts, _ := rawLC["options"].(map[string]any)
	need := []string{"awslogs-group", "awslogs-region"}
	if c.fargate {
		need = append(need, "awslogs-stream-prefix")
	}
	for _, o := range need {
		if opts[o] != "" {
			continue
		}
		ptr := c.cp(i, "logConfiguration", "options", o)
		if _, has := rawOpts[o]; has {
			c.r.At(ptr, RuleAwslogsOptions, "option %s of the awslogs driver (container %q) is empty: write its value", o, cd.Name)
		} else {
			c.r.AtMissing(ptr, RuleAwslogsOptions, "the awslogs driver of container %q needs option %s: add it to logConfiguration.options", cd.Name, o)
		}
	}
	for k := range rawOpts {
		if awslogsOption(k) {
			continue
		}
		msg := "%q is not an awslogs option; Docker refuses it and the container does not start: write one of " + strings.Join(awslogsDocumented, ", ")
		args := []any{k}
		if near := nearestOption(k); near != "" {
			msg = "%q is not an awslogs option (did you mean %s?); Docker refuses it and the container does not start"
			args = append(args, near)
		}
		c.r.AtKey(c.cp(i, "logConfiguration", "options", k), RuleAwslogsUnknown, msg, args...)
	}
	if opts["awslogs-datetime-format"] != "" && opts["awslogs-multiline-pattern"] != "" {
		c.r.At(c.cp(i, "logConfiguration", "options", "awslogs-multiline-pattern"), RuleAwslogsOptions, "awslogs-datetime-format and awslogs-multiline-pattern exclude each other: keep one")
	}
}

// awslogsDocumented are the awslogs options of the ECS developer guide
// (SPEC.md §C.11; cfn-lint's logging_configuration.json has the same set).
var awslogsDocumented = []string{
	"awslogs-create-group", "awslogs-datetime-format", "awslogs-group", "awslogs-multiline-pattern",
	"awslogs-region", "awslogs-stream-prefix", "max-buffer-size", "mode",
}

// awslogsDocker are the further options Docker's awslogs driver accepts
// (its ValidateLogOpt list); ECS passes them through, so they are not
// reported.
var awslogsDocker = []string{
	"awslogs-credentials-endpoint", "awslogs-endpoint", "awslogs-force-flush-interval-seconds",
	"awslogs-format", "awslogs-max-buffered-events", "awslogs-stream", "tag",
}

func awslogsOption(k string) bool {
	return slices.Contains(awslogsDocumented, k) || slices.Contains(awslogsDocker, k)
}

// nearestOption returns the documented awslogs option within edit distance
// 2 of k (case-insensitive), or "".
func nearestOption(k string) string {
	return textdist.Nearest(k, awslogsDocumented, 3, strings.ToLower)
}

func (c *checker) volumes(i int, cd *ContainerDefinition) {
	for k, mp := range cd.MountPoints {
		if mp.SourceVolume == "" || slices.ContainsFunc(c.td.Volumes, func(v Volume) bool { return v.Name == mp.SourceVolume }) {
			continue
		}
		var names []string
		for _, v := range c.td.Volumes {
			if v.Name != "" {
				names = append(names, strconv.Quote(v.Name))
			}
		}
		known := "the task definition has no named volumes"
		if len(names) > 0 {
			known = "the volumes are " + strings.Join(names, ", ")
		}
		c.r.At(c.cp(i, "mountPoints", strconv.Itoa(k), "sourceVolume"), RuleMountVolume, "no volume is named %q (%s): add it to volumes or fix the name", mp.SourceVolume, known)
	}
	for k, vf := range cd.VolumesFrom {
		j, ok := c.byName[vf.SourceContainer]
		switch {
		case vf.SourceContainer == "":
		case !ok:
			c.r.At(c.cp(i, "volumesFrom", strconv.Itoa(k), "sourceContainer"), RuleVolumesFrom, "no container is named %q: write one of %s", vf.SourceContainer, c.nameList(i))
		case j == i:
			c.r.At(c.cp(i, "volumesFrom", strconv.Itoa(k), "sourceContainer"), RuleVolumesFrom, "container %q mounts its own volumes: remove this entry", cd.Name)
		}
	}
}

// Essential containers and dependencies.

func (c *checker) essential() {
	n := 0
	for i, cd := range c.td.ContainerDefinitions {
		if c.cmaps[i] == nil {
			continue
		}
		n++
		if cd.Essential == nil || *cd.Essential {
			return
		}
	}
	if n > 0 {
		c.r.AtKey(c.p("containerDefinitions"), RuleNoEssential, "no container is essential: set \"essential\": true on the main container (or omit essential, which means true)")
	}
}

func (c *checker) dependsOn() {
	td := c.td
	edges := make([][]int, len(td.ContainerDefinitions))
	edgeAt := map[[2]int]int{} // edge → index of its dependsOn entry in the source container
	for i, cd := range td.ContainerDefinitions {
		if c.cmaps[i] == nil {
			continue
		}
		for k, dep := range cd.DependsOn {
			if dep.ContainerName == "" {
				continue
			}
			ptr := func(field string) string { return c.cp(i, "dependsOn", strconv.Itoa(k), field) }
			j, ok := c.byName[dep.ContainerName]
			switch {
			case !ok:
				c.r.At(ptr("containerName"), RuleDependsOnTarget, "container %q depends on %q, which is not a container of this task: write one of %s", cd.Name, dep.ContainerName, c.nameList(i))
				continue
			case j == i || dep.ContainerName == cd.Name:
				c.r.At(ptr("containerName"), RuleDependsOnTarget, "container %q depends on itself: remove this dependency", cd.Name)
				continue
			}
			target := td.ContainerDefinitions[j]
			switch dep.Condition {
			case ConditionHealthy:
				if target.HealthCheck == nil {
					c.r.At(ptr("condition"), RuleDependsOnHealthy, "condition HEALTHY needs a healthCheck on container %q: add one there, or use START", target.Name)
				}
			case ConditionComplete, ConditionSuccess:
				if target.Essential == nil || *target.Essential {
					c.r.At(ptr("condition"), RuleDependsOnEssential, "condition %s needs container %q to be non-essential: set \"essential\": false on it, or use START/HEALTHY", dep.Condition, target.Name)
				}
			}
			if _, dup := edgeAt[[2]int{i, j}]; !dup {
				edges[i] = append(edges[i], j)
				edgeAt[[2]int{i, j}] = k
			}
		}
	}
	// Cycles: depth-first search, reporting each back edge once.
	const (
		white = iota
		grey
		black
	)
	color := make([]int, len(edges))
	var stack []int
	var visit func(u int)
	visit = func(u int) {
		color[u] = grey
		stack = append(stack, u)
		for _, v := range edges[u] {
			switch color[v] {
			case white:
				visit(v)
			case grey:
				start := slices.Index(stack, v)
				var names []string
				for _, n := range stack[start:] {
					names = append(names, strconv.Quote(td.ContainerDefinitions[n].Name))
				}
				names = append(names, strconv.Quote(td.ContainerDefinitions[v].Name))
				c.r.At(c.cp(u, "dependsOn", strconv.Itoa(edgeAt[[2]int{u, v}]), "containerName"), RuleDependsOnCycle, "dependsOn cycle %s: remove one of these dependencies", strings.Join(names, " → "))
			}
		}
		stack = stack[:len(stack)-1]
		color[u] = black
	}
	for u := range edges {
		if color[u] == white {
			visit(u)
		}
	}
}

func (c *checker) nameList(except int) string {
	var names []string
	for i, cd := range c.td.ContainerDefinitions {
		if i != except && c.cmaps[i] != nil && cd.Name != "" {
			names = append(names, strconv.Quote(cd.Name))
		}
	}
	if len(names) == 0 {
		return "(no other container)"
	}
	return strings.Join(names, ", ")
}

// Execution role.

func (c *checker) executionRole() {
	if strings.TrimSpace(c.td.ExecutionRoleArn) != "" {
		return
	}
	reported := map[string]bool{}
	need := func(reason, ptr, msg string, args ...any) {
		if reported[reason] {
			return
		}
		reported[reason] = true
		c.r.At(ptr, RuleExecutionRole, msg+": add \"executionRoleArn\" (for example arn:aws:iam::ACCOUNT:role/ecsTaskExecutionRole)", args...)
	}
	for i, cd := range c.td.ContainerDefinitions {
		if c.cmaps[i] == nil {
			continue
		}
		if len(cd.Secrets) > 0 {
			need("secrets", c.cp(i, "secrets"), "container %q has secrets, which ECS resolves with the execution role", cd.Name)
		}
		if lc := cd.LogConfiguration; lc != nil && len(lc.SecretOptions) > 0 {
			need("secrets", c.cp(i, "logConfiguration", "secretOptions"), "container %q has log secretOptions, which ECS resolves with the execution role", cd.Name)
		}
		if cd.RepositoryCredentials != nil && cd.RepositoryCredentials.CredentialsParameter != "" {
			need("repositoryCredentials", c.cp(i, "repositoryCredentials"), "container %q has repositoryCredentials, which ECS reads with the execution role", cd.Name)
		}
		if !c.fargate {
			continue
		}
		if lc := cd.LogConfiguration; lc != nil && lc.LogDriver == LogDriverAwslogs {
			need("awslogs", c.cp(i, "logConfiguration", "logDriver"), "Fargate requires an execution role to support log driver awslogs (container %q)", cd.Name)
		}
		if ref, err := ParseImageRef(cd.Image); err == nil && ref.ECR() {
			need("ecr", c.cp(i, "image"), "Fargate requires an execution role to pull private ECR images (container %q)", cd.Name)
		}
	}
}
