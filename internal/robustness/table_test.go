package robustness

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestCaseTable prints the case table (id, kind, expected rules, status,
// note) as Markdown when BGSPEC_CASE_TABLE=1; otherwise it only checks that
// every case names a rule or says why not.
func TestCaseTable(t *testing.T) {
	var rows []string
	row := func(id, kind string, wants []want, status, note string) {
		var rs []string
		for _, w := range wants {
			rs = append(rs, fmt.Sprintf("%s %d:%d %s", w.Rule, w.Line, w.Column, w.Path))
		}
		if len(rs) == 0 {
			rs = []string{"(none)"}
		}
		rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s | %s |", id, kind, strings.Join(rs, "; "), status, note))
	}
	for _, c := range catalogue() {
		status := "pass"
		switch {
		case c.clean:
			status = "pass (valid input)"
		case c.positioned:
			status = "pass (positioned error, no panic)"
		}
		if len(c.wants) == 0 && !c.clean && !c.positioned {
			t.Errorf("%s: no expected diagnostic", c.id)
		}
		row(c.id, c.kind, c.wants, status, c.note)
	}
	for _, c := range packCases() {
		row(c.id, "Z", c.wants, "pass (refused, previous zip untouched, no temp file)", c.note)
	}
	for _, c := range packFSCases() {
		row(c.id, "Z", []want{w(c.rule, 0, 0, "")}, "pass (refused, nothing written)", "")
	}
	for _, id := range untabled {
		row(id, "Z", nil, "pass", "see TestCataloguePackWriteError / TestCataloguePackReproducible")
	}
	for _, c := range verifyCases() {
		row(c.id, "R", c.wants, "pass", c.note)
	}
	if os.Getenv("BGSPEC_CASE_TABLE") != "" {
		fmt.Println("| id | kind | expected (rule line:col path) | status | note |\n|---|---|---|---|---|")
		fmt.Println(strings.Join(rows, "\n"))
	}
}
