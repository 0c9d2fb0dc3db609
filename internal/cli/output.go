package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/bgspec/bgspec/diag"
)

// readAllCapped reads r up to one byte past maxRead, so the readers can
// report a file over their caps.
func readAllCapped(r io.Reader) ([]byte, error) { return io.ReadAll(io.LimitReader(r, maxRead+1)) }

// knownFormat reports whether format is a diagnostics format writeFormat
// writes, and otherwise says so on stderr for command cmd.
func knownFormat(e *env, cmd, format string) bool {
	switch format {
	case "text", "json", "sarif":
		return true
	}
	fmt.Fprintf(e.stderr, "bgspec %s: unknown -format %q (text, json or sarif)\n", cmd, format)
	return false
}

// writeFormat writes l as text, json or sarif (see knownFormat).
func writeFormat(w io.Writer, format string, l diag.List) error {
	switch format {
	case "json":
		return writeJSON(w, l)
	case "sarif":
		return writeSARIF(w, l)
	}
	return writeText(w, l)
}

func writeText(w io.Writer, l diag.List) error {
	for _, d := range l {
		if _, err := fmt.Fprintln(w, d.Error()); err != nil {
			return err
		}
	}
	return nil
}

func writeJSON(w io.Writer, l diag.List) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Diagnostics diag.List `json:"diagnostics"`
	}{l})
}

func runRules(e *env, args []string) int {
	fs := cmdFlags(e, "rules")
	format := fs.String("format", "text", "output format: text or json")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	rules := diag.Rules()
	switch *format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rules); err != nil {
			return ExitUsage
		}
	case "text":
		for _, r := range rules {
			fmt.Fprintf(e.stdout, "%-44s %-7s %s\n", r.ID, r.Severity, r.Doc)
		}
	default:
		fmt.Fprintf(e.stderr, "bgspec rules: unknown -format %q (text or json)\n", *format)
		return ExitUsage
	}
	return ExitOK
}

// SARIF 2.1.0, the subset code-scanning tools read.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     sarifMessage `json:"shortDescription"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID     string          `json:"ruleId"`
	RuleIndex  int             `json:"ruleIndex"`
	Level      string          `json:"level"`
	Message    sarifMessage    `json:"message"`
	Locations  []sarifLocation `json:"locations"`
	Properties map[string]any  `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation struct {
		URI string `json:"uri"`
	} `json:"artifactLocation"`
	Region *sarifRegion `json:"region,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

func sarifLevel(s diag.Severity) string {
	if s == diag.Warning {
		return "warning"
	}
	return "error"
}

func writeSARIF(w io.Writer, l diag.List) error {
	run := sarifRun{Tool: sarifTool{Driver: sarifDriver{
		Name: "bgspec", Version: Version(), InformationURI: "https://github.com/bgspec/bgspec",
	}}, Results: []sarifResult{}}
	index := map[string]int{}
	for _, r := range diag.Rules() {
		index[r.ID] = len(run.Tool.Driver.Rules)
		sr := sarifRule{ID: r.ID, ShortDescription: sarifMessage{r.Doc}}
		sr.DefaultConfiguration.Level = sarifLevel(r.Severity)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sr)
	}
	for _, d := range l {
		res := sarifResult{RuleID: d.Rule, RuleIndex: index[d.Rule], Level: sarifLevel(d.Severity), Message: sarifMessage{d.Message}}
		var loc sarifLocation
		// A file inside a zip ("application.zip:taskdef.json") is reported
		// against the zip, with the member named in the properties.
		uri, member, inZip := d.File, "", false
		if i := strings.Index(strings.ToLower(d.File), ".zip:"); i >= 0 {
			uri, member, inZip = d.File[:i+4], d.File[i+5:], true
		}
		loc.PhysicalLocation.ArtifactLocation.URI = uri
		if d.Line > 0 && !inZip {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: d.Line, StartColumn: d.Column}
		}
		res.Locations = []sarifLocation{loc}
		res.Properties = map[string]any{"path": d.Path}
		if inZip {
			res.Properties["member"] = member
			if d.Line > 0 {
				res.Properties["line"], res.Properties["column"] = d.Line, d.Column
			}
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	})
}
