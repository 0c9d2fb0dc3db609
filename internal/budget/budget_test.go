package budget

import (
	"testing"
	"time"
)

func TestMeasure(t *testing.T) {
	var sink []byte
	c := Measure(func() {
		sink = make([]byte, 10<<20)
		end := time.Now().Add(20 * time.Millisecond)
		for time.Now().Before(end) { // burn CPU
		}
	})
	_ = sink
	if c.Alloc < 10<<20 {
		t.Errorf("alloc %d, want ≥ 10 MiB", c.Alloc)
	}
	if c.Wall < 20*time.Millisecond || c.CPU < 5*time.Millisecond {
		t.Errorf("wall %v, cpu %v", c.Wall, c.CPU)
	}
	ft := &fakeT{TB: t}
	c.Check(ft, time.Nanosecond, 1)
	if ft.errors != 3 {
		t.Errorf("Check reported %d problems, want 3 (CPU, wall and alloc)", ft.errors)
	}
}

type fakeT struct {
	testing.TB
	errors int
}

func (f *fakeT) Helper()               {}
func (f *fakeT) Errorf(string, ...any) { f.errors++ }

func TestBound(t *testing.T) {
	want := time.Second
	if Race {
		want = RaceFactor * time.Second
	}
	if got := Bound(time.Second); got != want {
		t.Errorf("Bound(1s) = %v, want %v (Race %v)", got, want, Race)
	}
	if got, w := Bound(uint64(100)), uint64(want/time.Second)*100; got != w {
		t.Errorf("Bound(100) = %d, want %d", got, w)
	}
}
