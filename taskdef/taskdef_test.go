package taskdef

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSchemaCompiles(t *testing.T) {
	if err := taskdefSchema.Check(); err != nil {
		t.Fatal(err)
	}
	if err := describeSchema().Check(); err != nil {
		t.Fatalf("describe schema: %v", err)
	}
	if _, err := fastSchema(); err != nil {
		t.Fatalf("the fast pre-check cannot read the schema: %v", err)
	}
	if string(Schema()) != string(schemaSrc) {
		t.Errorf("Schema() is not the embedded schema")
	}
}

func TestParse(t *testing.T) {
	td, l := Parse("taskdef.json", []byte(`{"taskDefinition": {"family": "web", "containerDefinitions": [{"name": "a", "image": "nginx", "memory": 64, "essential": false}, {"name": "b", "image": "x", "memory": 64}]}, "tags": [{"key": "k", "value": "v"}]}`))
	if td == nil || td.Family != "web" || len(td.ContainerDefinitions) != 2 || len(td.Tags) != 1 {
		t.Fatalf("Parse did not unwrap describe output: %+v", td)
	}
	if e := td.ContainerDefinitions[0].Essential; e == nil || *e {
		t.Errorf("essential false lost")
	}
	if len(l) != 1 || l[0].Rule != RuleDescribeOutput {
		t.Errorf("want one describe-output diagnostic, got %v", l)
	}
	if td, l := Parse("taskdef.json", []byte(`{"family": `)); td != nil || !l.HasErrors() {
		t.Errorf("unreadable JSON: td=%v l=%v", td, l)
	}
	// Lenient: a member of the wrong type is left zero, the rest decodes.
	td, l = Parse("taskdef.json", []byte(`{"family": "x", "containerDefinitions": [{"name": "a", "image": "nginx", "memory": "64", "cpu": 128}]}`))
	if td.ContainerDefinitions[0].Memory != 0 || td.ContainerDefinitions[0].Cpu != 128 || !l.HasErrors() {
		t.Errorf("lenient decode: %+v %v", td.ContainerDefinitions[0], l)
	}
}

func TestValidateMethodPositions(t *testing.T) {
	td := AwsvpcTask("web", Container("app", "nginx:1.27"))
	td.ContainerDefinitions[0].PortMappings = []PortMapping{{ContainerPort: 80, HostPort: Ptr(8080)}}
	td.ContainerDefinitions[0].Memory = 128
	l := td.Validate()
	if len(l) != 1 || l[0].Rule != RuleHostPort || l[0].File != "taskdef.json" || l[0].Line != 12 || l[0].Column != 23 {
		t.Errorf("want host-port at taskdef.json:12:23, got %v", l)
	}
	if l := td.Validate(Disable(RuleHostPort)); len(l) != 0 {
		t.Errorf("Disable: %v", l)
	}
}

func TestMaxBytes(t *testing.T) {
	src, _ := os.ReadFile("testdata/web.taskdef.json")
	if l := Validate("t.json", src, MaxBytes(100)); len(l) != 1 || l[0].Rule != "source/too-large" {
		t.Errorf("MaxBytes(100): %v", l)
	}
	if l := Validate("t.json", src, MaxBytes(0)); len(l) != 0 {
		t.Errorf("MaxBytes(0) keeps the default: %v", l)
	}
	big := `{"family": "x", "containerDefinitions": [{"name": "a", "image": "nginx", "memory": 64, "command": ["` + strings.Repeat("x", 70000) + `"]}]}`
	if l := Validate("t.json", []byte(big)); len(l) != 1 || l[0].Rule != "source/too-large" {
		t.Errorf("the default cap is 64 KiB: %v", l)
	}
	if l := Validate("t.json", []byte(big), MaxBytes(1<<20)); len(l) != 0 {
		t.Errorf("MaxBytes(1 MiB): %v", l)
	}
}

func TestWriteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "taskdef.json")
	td := AwsvpcTask("web", Container("app", Image1Name))
	if err := WriteFile(path, &td); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, &td); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); !fi.ModTime().Equal(old) {
		t.Errorf("WriteFile rewrote an unchanged file")
	}
	b, _ := os.ReadFile(path)
	if want, _ := Marshal(&td); string(b) != string(want) {
		t.Errorf("file holds %q", b)
	}
	if b, _ := Marshal(nil); string(b) != "{}\n" {
		t.Errorf("Marshal(nil) = %q", b)
	}
}

func TestParseCPUMemory(t *testing.T) {
	for in, want := range map[string]int{"256": 256, "1 vCPU": 1024, ".25 vcpu": 256, "0.5vCPU": 512, "16 vCPU": 16384} {
		if got, ok := ParseCPU(in); !ok || got != want {
			t.Errorf("ParseCPU(%q) = %d, %v", in, got, ok)
		}
	}
	for in, want := range map[string]int{"512": 512, "2 GB": 2048, "2GB": 2048, ".5 gb": 512, "1gib": 1024, "512 MiB": 512} {
		if got, ok := ParseMemory(in); !ok || got != want {
			t.Errorf("ParseMemory(%q) = %d, %v", in, got, ok)
		}
	}
	for _, bad := range []string{"", "lots", "-1", "1 core", "vcpu", "NaN vcpu", "Inf GB", "NaN gb"} {
		if _, ok := ParseCPU(bad); ok {
			t.Errorf("ParseCPU(%q) ok", bad)
		}
		if _, ok := ParseMemory(bad); ok && bad != "" {
			t.Errorf("ParseMemory(%q) ok", bad)
		}
	}
}

func TestValidRoleAndValueFrom(t *testing.T) {
	for s, want := range map[string]bool{
		"ecsTaskExecutionRole": true, "arn:aws:iam::123456789012:role/ecsTaskExecutionRole": true,
		"arn:aws-cn:iam::123456789012:role/path/to/r": true, "arn:aws-us-gov:iam::123456789012:role/a+b=c,d.e@f-g": true,
		"": false, "TASK EXEC ROLE": false, "arn:aws:iam::AWS_ACCOUNT_ID:role/x": false, "arn:aws:iam::123456789012:user/x": false,
		"arn:aws:iam:eu-west-1:123456789012:role/x": false, "arn:aws:s3::123456789012:role/x": false, "arn:aws:iam::123456789012:role/": false,
		"arn:awsX:iam::123456789012:role/x": false, strings.Repeat("r", 65): false,
	} {
		if validRole(s) != want {
			t.Errorf("validRole(%q) = %v", s, !want)
		}
	}
	for s, want := range map[string]bool{
		"db-password": true, "/prod/db/password": true, "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db": true,
		"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf":               true,
		"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:username::":    true,
		"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf::AWSPREVIOUS:": true,
		"": false, "my secret": false, "//x": false, "arn:aws:s3:::bucket/key": false, "arn:aws:secretsmanager:eu-west-1:123:secret:x": false,
		"arn:aws:secretsmanager:eu-west-1:123456789012:secret:x:a:b:c:d": false, "${DB_SECRET}": false,
	} {
		if ValidValueFrom(s) != want {
			t.Errorf("ValidValueFrom(%q) = %v", s, !want)
		}
	}
}

func TestPlaceholders(t *testing.T) {
	for s, want := range map[string]string{
		"<IMAGE1_NAME>": "<IMAGE1_NAME>", "a<b>c<d.e-f_1>": "<b>,<d.e-f_1>", "<<x>>": "<x>", "< x>": "", "<1x>": "", "<x": "", "x>": "",
		"arn:aws:iam::<AWS_ACCOUNT_ID>:role/<role_name>": "<AWS_ACCOUNT_ID>,<role_name>", "<a b>": "", "<>": "",
	} {
		got := strings.Join(placeholders(s), ",")
		if got != want || hasPlaceholder(s) != (want != "") {
			t.Errorf("placeholders(%q) = %q (has %v), want %q", s, got, hasPlaceholder(s), want)
		}
	}
}

func TestFargateCombo(t *testing.T) {
	valid := 0
	for cpu := 128; cpu <= 32768; cpu *= 2 {
		for mem := 256; mem <= 131072; mem += 256 {
			if _, ok := fargateCombo(cpu, mem); ok {
				valid++
			}
		}
	}
	// SPEC C.4: 3 + 4 + 7 + 13 + 23 + 12 + 12 combinations.
	if valid != 74 {
		t.Errorf("%d valid Fargate combinations, want 74", valid)
	}
	for _, c := range [][3]int{{256, 512, 1}, {256, 4096, 0}, {4096, 30720, 1}, {8192, 20480, 1}, {8192, 18432, 0}, {16384, 122880, 1}, {16384, 36864, 0}, {1024, 1024, 0}} {
		if _, ok := fargateCombo(c[0], c[1]); ok != (c[2] == 1) {
			t.Errorf("fargateCombo(%d, %d) = %v", c[0], c[1], ok)
		}
	}
}

// TestMarshalKeepsMeaningfulZeros checks the optional fields where an
// explicit 0 differs from absent (stopTimeout 0 kills at once, absent means
// the 30 s default): they survive Parse and Marshal, and the builder's nil
// still leaves them out. Zero values that equal the default (readOnly false,
// container cpu 0) are still omitted.
func TestMarshalKeepsMeaningfulZeros(t *testing.T) {
	src := `{"family": "f", "containerDefinitions": [{"name": "a", "image": "x", "memory": 64, "cpu": 0, "startTimeout": 0, "stopTimeout": 0, "readonlyRootFilesystem": false,
  "linuxParameters": {"maxSwap": 0, "swappiness": 0}, "portMappings": [{"containerPort": 80, "hostPort": 0}]}]}`
	td, l := Parse("taskdef.json", []byte(src))
	if l.HasErrors() {
		t.Fatal(l)
	}
	out, err := Marshal(td)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"startTimeout": 0`, `"stopTimeout": 0`, `"maxSwap": 0`, `"swappiness": 0`, `"hostPort": 0`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("Marshal lost %s:\n%s", want, out)
		}
	}
	for _, gone := range []string{`"cpu"`, `"readonlyRootFilesystem"`} {
		if strings.Contains(string(out), gone) {
			t.Errorf("Marshal kept the default %s:\n%s", gone, out)
		}
	}
	c := Container("a", "x")
	out, err = Marshal(&TaskDefinition{Family: "f", ContainerDefinitions: []ContainerDefinition{c}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "Timeout") {
		t.Errorf("unset timeouts are written:\n%s", out)
	}
}
