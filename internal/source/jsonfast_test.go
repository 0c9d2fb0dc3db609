package source

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"testing"
)

// tokenWalk runs only ParseJSON's token walk (no fast path) on src.
func tokenWalk(src []byte) (*Doc, any, bool) {
	o := Options{}.withDefaults(DefaultJSONMaxBytes)
	src, bom, _, ok := prepare("f", src, o, "json")
	d := newDoc("f", src, "json")
	if !ok || len(bytes.TrimSpace(src[bom:])) == 0 {
		return d, nil, false
	}
	p := &jparser{d: d, o: o, base: bom, dec: json.NewDecoder(bytes.NewReader(src[bom:]))}
	p.dec.UseNumber()
	v, err := p.value("", Pos{}, 0)
	if err != nil || len(p.diags) > 0 {
		return d, nil, false
	}
	if _, err := p.dec.Token(); err == nil {
		return d, nil, false
	}
	return d, v, true
}

// checkFastJSON asserts that whenever the fast path accepts src, the token
// walk accepts it too and builds the same value and the same index.
func checkFastJSON(t *testing.T, src []byte) {
	t.Helper()
	o := Options{}.withDefaults(DefaultJSONMaxBytes)
	psrc, bom, _, ok := prepare("f", src, o, "json")
	if !ok {
		return
	}
	fd := newDoc("f", psrc, "json")
	fv, fok := fastJSON(fd, bom, o.MaxDepth)
	sd, sv, sok := tokenWalk(src)
	if !fok {
		return
	}
	if !sok {
		t.Fatalf("fast path accepted what the token walk rejects: %q", src)
	}
	if !reflect.DeepEqual(fv, sv) {
		t.Fatalf("values differ for %q:\nfast %#v\nwalk %#v", src, fv, sv)
	}
	if !reflect.DeepEqual(fd.index, sd.index) {
		t.Fatalf("indexes differ for %q:\nfast %v\nwalk %v", src, fd.index, sd.index)
	}
}

var fastJSONSeeds = []string{
	`{}`, `[]`, `{"a":1}`, " \r\n{\"a\" : [1, 2.5e-3, -0, true, false, null, \"x\"]}\n",
	`{"image":"repo\/app:1","s":"\ud83d\ude00","e":"é\u00e9\t"}`,
	`{"a":{"b":{"c":[[],{}]}}}`, `{"a~b/c":1}`, "\xef\xbb\xbf{\"bom\":true}",
	`{"a":1,}`, `{"a":1}{"b":2}`, `{"a":01}`, `{"a":1.}`, `{"a":-}`, `{"a":"x` + "\x01" + `"}`,
	`{"a":1,"a":2}`, `{"a":NaN}`, `{"a":1e400}`, `[1,2,]`, `"just a string"`, `123`, `nul`, `{"a":"\x"}`,
	"{\"bad\":\"\xff\"}", `{"a":tru}`, `{"a" 1}`, `{1:2}`,
}

func TestFastJSONMatchesTokenWalk(t *testing.T) {
	for _, s := range fastJSONSeeds {
		checkFastJSON(t, []byte(s))
	}
	files, _ := filepath.Glob("../../*/testdata/*.json")
	more, _ := filepath.Glob("../../*/testdata/*/*.json")
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err == nil {
			checkFastJSON(t, b)
		}
	}
}

func TestFastJSONAcceptsWellFormed(t *testing.T) {
	for _, s := range []string{`{}`, `{"a":[1,{"b":null}],"c":"\u00e9"}`, "\xef\xbb\xbf {\"a\": -1.5E+2 }\n"} {
		o := Options{}.withDefaults(DefaultJSONMaxBytes)
		psrc, bom, _, _ := prepare("f", []byte(s), o, "json")
		if _, ok := fastJSON(newDoc("f", psrc, "json"), bom, o.MaxDepth); !ok {
			t.Errorf("fast path gave up on well-formed %q", s)
		}
	}
}

func FuzzFastJSON(f *testing.F) {
	for _, s := range fastJSONSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkFastJSON(t, src)
	})
}

// TestIsJSONNumber: numberEnd, which the fast scanner and the YAML reader
// share, accepts exactly the strings of the JSON number grammar, tested
// against that grammar as a regular expression on every string of up to five
// bytes from an alphabet of number characters.
func TestIsJSONNumber(t *testing.T) {
	grammar := regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$`)
	const alphabet = "-+019.eEx"
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		if got, want := isJSONNumber(prefix), grammar.MatchString(prefix); got != want {
			t.Errorf("isJSONNumber(%q) = %v, want %v", prefix, got, want)
		}
		if n == 0 {
			return
		}
		for i := range len(alphabet) {
			gen(prefix+alphabet[i:i+1], n-1)
		}
	}
	gen("", 5)
}
