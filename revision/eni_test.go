package revision

import (
	"strings"
	"testing"
)

func TestENICapacitySeedRows(t *testing.T) {
	// The seed's table: instance type, default (without trunking), raised (with).
	for _, row := range []struct {
		it            string
		without, with int
	}{{"c5.large", 2, 10}, {"c5.xlarge", 3, 20}, {"c5.2xlarge", 3, 40}} {
		off, err := ENICapacity(row.it, 1, 0, false)
		if err != nil {
			t.Fatal(err)
		}
		on, _ := ENICapacity(row.it, 1, 0, true)
		if off.PerInstance != row.without || on.PerInstance != row.with || !on.TrunkingApplies {
			t.Errorf("%s: %d → %d, want %d → %d", row.it, off.PerInstance, on.PerInstance, row.without, row.with)
		}
	}
	if n := len(eniTable()); n != 435 {
		t.Errorf("table has %d rows, want the 435 of the 2023 snapshot", n)
	}
}

func TestENICapacityBlueGreen(t *testing.T) {
	cases := []struct {
		it                 string
		instances, desired int
		trunking           bool
		fits               bool
		total, needed      int
	}{
		{"c5.large", 2, 2, false, true, 4, 4},    // 2 tasks → 4 during the deployment, 2 × 2 ENIs
		{"c5.large", 2, 3, false, false, 4, 6},   // the seed's worry: doubled tasks exhaust ENIs
		{"c5.large", 2, 3, true, true, 20, 6},    // trunking fixes it
		{"c5.xlarge", 3, 30, true, true, 60, 60}, // exactly full
		{"c5.xlarge", 3, 31, true, false, 60, 62},
		{"m5n.large", 2, 3, true, false, 4, 6}, // family on the unsupported list: no trunking
		{"C5.2XLARGE", 1, 20, true, true, 40, 40},
	}
	for _, c := range cases {
		got, err := ENICapacity(c.it, c.instances, c.desired, c.trunking)
		if err != nil {
			t.Fatal(err)
		}
		if got.Fits != c.fits || got.Total != c.total || got.Needed != c.needed {
			t.Errorf("%+v: got fits=%v total=%d needed=%d (%s)", c, got.Fits, got.Total, got.Needed, got)
		}
	}
	c, _ := ENICapacity("c5.large", 2, 3, false)
	if s := c.String(); !strings.Contains(s, "does not fit") || !strings.Contains(s, "awsvpcTrunking") {
		t.Errorf("String should say it does not fit and that trunking would: %s", s)
	}
	if _, err := ENICapacity("t3.medium", 1, 1, true); err == nil {
		t.Error("t3.medium is not in the table: want an error")
	}
	if _, err := ENICapacity("c5.large", -1, 1, true); err == nil {
		t.Error("negative count: want an error")
	}
}
