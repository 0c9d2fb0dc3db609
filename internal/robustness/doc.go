// Package robustness holds bgspec's hardening tests; it has no API.
//
// The tests drive the public entry points (taskdef, appspec and buildspec
// Validate, revision.Check, revision.Verify, revision.PackDir and the bgspec
// command through cli.Main) with the 60 bad inputs of the ROBUSTNESS.md §7
// catalogue, built in Go (bombs are generated, not committed), and assert for
// each one: no panic, the expected diagnostics (rule id, line, column, JSON
// pointer; never message wording), bounded cost (under 1 s of process CPU
// time, 5 s wall clock, 100 MB allocated) and, for the packer, no partial
// output. Other tests plant credentials in every input kind and check that no
// output path (diagnostic messages, validate in text, json and sarif, pack)
// ever prints them. FuzzPackRoundTrip packs fuzzed trees and verifies what it
// wrote; crashers found by the fuzz runs of other packages are replayed from
// testdata/crashers.
//
// Where bgspec's behaviour differs from the catalogue by design, the table
// entry says so in its note field.
package robustness
