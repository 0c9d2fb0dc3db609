package diag

import (
	"strconv"
	"strings"
)

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// escape escapes one reference token; most need nothing, and the check is
// cheaper than the Replacer's allocation.
func escape(t string) string {
	if !strings.ContainsAny(t, "~/") {
		return t
	}
	return pointerEscaper.Replace(t)
}

var pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")

// Pointer builds an RFC 6901 JSON pointer from reference tokens, escaping "~"
// and "/" in each. Pointer() is "" (the whole document).
func Pointer(tokens ...string) string {
	if len(tokens) == 0 {
		return ""
	}
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(escape(t))
	}
	return b.String()
}

// Append returns ptr extended by one reference token, escaped.
func Append(ptr, token string) string {
	return ptr + "/" + escape(token)
}

// Index returns ptr extended by an array index.
func Index(ptr string, i int) string {
	return ptr + "/" + strconv.Itoa(i)
}

// SplitPointer returns the unescaped reference tokens of an RFC 6901 pointer.
// It returns ok=false for a malformed pointer.
func SplitPointer(ptr string) (tokens []string, ok bool) {
	if ptr == "" {
		return nil, true
	}
	if !ValidPointer(ptr) {
		return nil, false
	}
	parts := strings.Split(ptr[1:], "/")
	for i, p := range parts {
		if strings.IndexByte(p, '~') >= 0 {
			parts[i] = pointerUnescaper.Replace(p)
		}
	}
	return parts, true
}

// ValidPointer reports whether ptr is a well-formed RFC 6901 JSON pointer:
// empty, or starting with "/" with every "~" followed by "0" or "1".
func ValidPointer(ptr string) bool {
	if ptr == "" {
		return true
	}
	if ptr[0] != '/' {
		return false
	}
	for i := 0; i < len(ptr); i++ {
		if ptr[i] == '~' && (i+1 >= len(ptr) || (ptr[i+1] != '0' && ptr[i+1] != '1')) {
			return false
		}
	}
	return true
}
