// Package diag is the one diagnostic model shared by every bgspec package.
//
// A [Diagnostic] names a file, a 1-based line and column (0 means the whole
// file), an RFC 6901 JSON pointer into the document, a stable rule id, a
// [Severity] and a message that says what to write instead. Validators return a
// [List] holding every problem they found, not just the first one; [List.Err]
// is nil when the list holds no errors, so warnings never fail a build.
//
// Rule ids are registered with [Register] by the packages that own them, so a
// tool can list every rule with its one-line doc through [Rules].
//
// The package depends on the standard library only.
package diag

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Severity says how serious a diagnostic is. The zero value is invalid, so a
// diagnostic built without a severity is caught by [Diagnostic.Valid].
type Severity int

const (
	// Error marks a problem AWS rejects or that breaks the deployment.
	Error Severity = iota + 1
	// Warning marks a problem AWS accepts but that is very likely a mistake.
	Warning
)

// String returns "error" or "warning" (or "invalid" for any other value).
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "invalid"
}

// MarshalText encodes the severity as its String form.
func (s Severity) MarshalText() ([]byte, error) {
	if s != Error && s != Warning {
		return nil, fmt.Errorf("diag: invalid severity %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText decodes "error" or "warning".
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "error":
		*s = Error
	case "warning":
		*s = Warning
	default:
		return fmt.Errorf("diag: invalid severity %q", b)
	}
	return nil
}

// Diagnostic is one problem found in one file.
type Diagnostic struct {
	// File is the name of the file as the user knows it, for example
	// "taskdef.json" or "application.zip:appspec.yaml".
	File string `json:"file"`
	// Line is 1-based; 0 means the diagnostic concerns the whole file.
	Line int `json:"line"`
	// Column is the 1-based byte column; 0 means the whole line or file.
	Column int `json:"column"`
	// Path is an RFC 6901 JSON pointer ("" is the document root).
	Path string `json:"path"`
	// Rule is the stable rule id, for example "taskdef/host-port".
	Rule string `json:"rule"`
	// Severity is Error or Warning.
	Severity Severity `json:"severity"`
	// Message says what is wrong and what to write instead.
	Message string `json:"message"`
}

// Error formats the diagnostic as
// "file:line:col: severity: /json/pointer: message [rule]": the form editors'
// problem matchers read (file:line:col: severity: text), with the pointer
// leading the message as JSON Schema validators print it. A zero line or
// column is left out, and so is the pointer of the document root.
func (d Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Column > 0 {
			fmt.Fprintf(&b, ":%d", d.Column)
		}
	}
	fmt.Fprintf(&b, ": %s: ", d.Severity)
	if d.Path != "" {
		fmt.Fprintf(&b, "%s: ", d.Path)
	}
	b.WriteString(d.Message)
	if d.Rule != "" {
		fmt.Fprintf(&b, " [%s]", d.Rule)
	}
	return b.String()
}

// Valid reports whether the diagnostic has a valid severity, a rule id,
// non-negative position and a well-formed JSON pointer.
func (d Diagnostic) Valid() bool {
	return (d.Severity == Error || d.Severity == Warning) && d.Rule != "" &&
		d.Line >= 0 && d.Column >= 0 && ValidPointer(d.Path)
}

// compare orders diagnostics by file, line, column, rule, path, message.
func compare(a, b Diagnostic) int {
	return cmp.Or(
		strings.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		strings.Compare(a.Rule, b.Rule),
		strings.Compare(a.Path, b.Path),
		strings.Compare(a.Message, b.Message),
	)
}

// List is a list of diagnostics. It implements error so that a validator's
// result can be returned as one; use [List.Err] to get a nil error when the
// list holds only warnings.
type List []Diagnostic

// Sort orders the list by file, line, column and rule (then path and message,
// so that the order is total and output is deterministic).
func (l List) Sort() { slices.SortStableFunc(l, compare) }

// Dedupe sorts the list and removes exact duplicates.
func (l List) Dedupe() List {
	l.Sort()
	return slices.Compact(l)
}

// HasErrors reports whether the list holds at least one Error.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.Severity == Error })
}

// Errors returns the diagnostics of severity Error.
func (l List) Errors() List { return l.filter(Error) }

// Warnings returns the diagnostics of severity Warning.
func (l List) Warnings() List { return l.filter(Warning) }

func (l List) filter(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Err returns the list as an error when it holds at least one Error, and nil
// otherwise.
func (l List) Err() error {
	if l.HasErrors() {
		return l
	}
	return nil
}

// Error formats every diagnostic on its own line.
func (l List) Error() string {
	switch len(l) {
	case 0:
		return "no diagnostics"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

// WithFile returns a copy of the list with every File set to name. It is used
// when a document is read from inside another container, such as a zip.
func (l List) WithFile(name string) List {
	out := slices.Clone(l)
	for i := range out {
		out[i].File = name
	}
	return out
}

// MarshalJSON encodes the list as a JSON array (never null), without HTML
// escaping, so that "<IMAGE1_NAME>" stays readable.
func (l List) MarshalJSON() ([]byte, error) {
	if l == nil {
		return []byte("[]"), nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode([]Diagnostic(l)); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// MaxPerRule is how many diagnostics of one rule in one file Limit keeps.
const MaxPerRule = 100

// Limit sorts the list, removes duplicates, and keeps at most max diagnostics
// of each rule in each file; for a rule that had more, the last one kept is
// followed by a summary diagnostic (same file, rule and severity, at the
// first dropped one's position) saying how many were left out. A hostile
// file with tens of thousands of identical mistakes then costs a bounded
// amount of output and memory.
func (l List) Limit(max int) List {
	l = l.Dedupe()
	type key struct{ file, rule string }
	count := map[key]int{}
	out := l[:0:0]
	var firstDropped = map[key]Diagnostic{}
	for _, d := range l {
		k := key{d.File, d.Rule}
		count[k]++
		if count[k] <= max {
			out = append(out, d)
		} else if count[k] == max+1 {
			firstDropped[k] = d
		}
	}
	for k, d := range firstDropped {
		d.Path = ""
		d.Message = fmt.Sprintf("%d more %s diagnostics in this file are not shown", count[k]-max, k.rule)
		out = append(out, d)
	}
	out.Sort()
	return out
}

// accessKeyID matches AWS access key ids and IAM unique ids: every prefix
// the secret rules look for (internal/secretshape: AKIA, ASIA, ABIA, ACCA,
// A3T?) and the other documented ones, then 16 upper-case letters or digits.
var accessKeyID = regexp.MustCompile(`\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}\b`)

// Redacted returns the list with AWS access key ids in messages shortened to
// their first 4 and last 2 characters, so a credential pasted into a field a
// message quotes (a family name, an image, a TaskDefinition) never reaches
// the output.
func (l List) Redacted() List {
	for i, d := range l {
		if accessKeyID.MatchString(d.Message) {
			l[i].Message = accessKeyID.ReplaceAllStringFunc(d.Message, func(k string) string { return k[:4] + "…" + k[len(k)-2:] })
		}
	}
	return l
}
