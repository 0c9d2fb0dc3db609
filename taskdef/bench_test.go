package taskdef_test

import (
	"os"
	"testing"

	"github.com/bgspec/bgspec/internal/budget"
	"github.com/bgspec/bgspec/taskdef"
)

// BenchmarkValidate validates the two-container awsvpc blue/green task
// definition (testdata/web.taskdef.json, the golden render of webTask: nginx
// depending on a HEALTHY Spring Boot app, <IMAGE1_NAME>/<IMAGE2_NAME>,
// awslogs, executionRoleArn). Target: ≥ 20,000 validations/s on one core
// (go test -bench Validate -cpu 1 ./taskdef).
func BenchmarkValidate(b *testing.B) {
	src, err := os.ReadFile("testdata/web.taskdef.json")
	if err != nil {
		b.Fatal(err)
	}
	if l := taskdef.Validate("taskdef.json", src); len(l) > 0 {
		b.Fatalf("the benchmark input must validate clean:\n%v", l)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	start, n := budget.CPUTime(), 0
	for b.Loop() {
		taskdef.Validate("taskdef.json", src)
		n++
	}
	if cpu := budget.CPUTime() - start; cpu > 0 && n > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(n), "cpu-ns/op")
		b.ReportMetric(float64(n)/cpu.Seconds(), "validations/cpu-s")
	}
}

// BenchmarkValidateDescribe validates a describe-task-definition output: the
// slow path, where the schema engine runs and reports.
func BenchmarkValidateDescribe(b *testing.B) {
	src, err := os.ReadFile("testdata/describe.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		taskdef.Validate("taskdef.json", src)
	}
}
