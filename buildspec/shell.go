package buildspec

import (
	"regexp"
	"strings"
)

// A small, forgiving reader of POSIX shell command lines, enough for lints:
// it splits a command string into simple commands (words between ;, &, &&,
// ||, |, newlines and parentheses), removes quotes, joins backslash-newline
// continuations, skips comments and here-document bodies (kept aside), and
// reads the commands inside $(…) and `…` as well. It never fails: text it
// does not understand ends up in words.

// word is one shell word after quote removal.
type word struct {
	text     string // the word without quotes
	literal  bool   // no $ expansion or command substitution in it
	redirect bool   // the target of a redirection (> file, < file)
	off      int    // byte offset of the word in the command string
}

// simpleCmd is one simple command.
type simpleCmd struct {
	words  []word
	pipeTo bool // its output is piped into the next command
	off    int  // byte offset of its first word
}

// args returns the words that are not redirection targets.
func (c simpleCmd) args() []word {
	out := make([]word, 0, len(c.words))
	for _, w := range c.words {
		if !w.redirect {
			out = append(out, w)
		}
	}
	return out
}

// shellScript is a parsed command string.
type shellScript struct {
	cmds     []simpleCmd // in source order; commands of $(…) come just before the command holding them
	heredocs []string    // bodies of here-documents
	varSubs  []int       // offsets of substitutions that only hold a variable: `$X`, $($X)
}

const maxShellDepth = 16

// parseShell reads the command string s.
func parseShell(s string) shellScript {
	p := &shParser{s: s}
	p.run(0)
	return shellScript{cmds: p.cmds, heredocs: p.heredocs, varSubs: p.varSubs}
}

type shParser struct {
	s        string
	cmds     []simpleCmd
	heredocs []string
	nested   []simpleCmd // commands found inside substitutions of the current command
	varSubs  []int
}

var onlyVariable = regexp.MustCompile(`^\s*\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})\s*$`)

func (p *shParser) run(depth int) {
	var cur simpleCmd
	var pending []string // here-document delimiters waiting for the end of the line
	redirectNext := false
	flush := func(pipe bool) {
		// Commands of substitutions go first, so that a piped command
		// is followed by the command it pipes into.
		p.cmds = append(p.cmds, p.nested...)
		p.nested = nil
		if len(cur.words) > 0 {
			cur.pipeTo = pipe
			p.cmds = append(p.cmds, cur)
		}
		cur = simpleCmd{}
	}
	s := p.s
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '\\' && i+1 < len(s) && s[i+1] == '\n':
			i += 2
		case c == '\\' && i+2 < len(s) && s[i+1] == '\r' && s[i+2] == '\n':
			i += 3
		case c == '\n':
			flush(false)
			i++
			if len(pending) > 0 {
				i = p.skipHeredocs(i, pending)
				pending = nil
			}
		case c == '#' && (i == 0 || strings.IndexByte(" \t\n;&|()", s[i-1]) >= 0):
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == ';' || c == '(' || c == ')':
			flush(false)
			i++
		case c == '&':
			flush(false)
			i++
			if i < len(s) && s[i] == '&' {
				i++
			}
		case c == '|':
			if i+1 < len(s) && s[i+1] == '|' {
				flush(false)
				i += 2
			} else {
				flush(true)
				i++
				if i < len(s) && s[i] == '&' {
					i++
				}
			}
		case c == '<' || c == '>':
			if c == '<' && strings.HasPrefix(s[i:], "<<") && !strings.HasPrefix(s[i:], "<<<") {
				i += 2
				if i < len(s) && s[i] == '-' {
					i++
				}
				for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
					i++
				}
				w, n := p.word(i, depth)
				if n > i {
					pending = append(pending, w.text)
					i = n
				}
				continue
			}
			for i < len(s) && strings.IndexByte("<>&|", s[i]) >= 0 {
				i++
			}
			redirectNext = true
		default:
			w, n := p.word(i, depth)
			if n == i { // cannot happen, but never loop forever
				n = i + 1
			}
			if w.text != "" || !w.literal || n > i {
				w.redirect = redirectNext
				if len(cur.words) == 0 {
					cur.off = w.off
				}
				cur.words = append(cur.words, w)
			}
			redirectNext = false
			i = n
		}
	}
	flush(false)
}

// skipHeredocs skips the bodies of here-documents that start at i, keeping
// them aside, and returns the offset after the last delimiter line.
func (p *shParser) skipHeredocs(i int, delims []string) int {
	s := p.s
	for _, d := range delims {
		start := i
		for i < len(s) {
			end := strings.IndexByte(s[i:], '\n')
			line := s[i:]
			next := len(s)
			if end >= 0 {
				line = s[i : i+end]
				next = i + end + 1
			}
			if strings.TrimSpace(line) == d {
				p.heredocs = append(p.heredocs, s[start:i])
				i = next
				break
			}
			i = next
			if i >= len(s) {
				p.heredocs = append(p.heredocs, s[start:])
			}
		}
	}
	return i
}

// word reads one word starting at i and returns it with the offset after it.
func (p *shParser) word(i, depth int) (word, int) {
	s := p.s
	w := word{literal: true, off: i}
	var b strings.Builder
	for i < len(s) {
		c := s[i]
		switch {
		case strings.IndexByte(" \t\r\n;&|()<>", c) >= 0:
			w.text = b.String()
			return w, i
		case c == '\\':
			if i+1 < len(s) {
				if s[i+1] != '\n' {
					b.WriteByte(s[i+1])
				}
				i += 2
			} else {
				i++
			}
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				b.WriteString(s[i+1:])
				i = len(s)
			} else {
				b.WriteString(s[i+1 : i+1+j])
				i += j + 2
			}
		case c == '"':
			i++
			for i < len(s) && s[i] != '"' {
				switch {
				case s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`\n", s[i+1]) >= 0:
					if s[i+1] != '\n' {
						b.WriteByte(s[i+1])
					}
					i += 2
				case s[i] == '$' || s[i] == '`':
					w.literal = false
					i = p.expansion(i, &b, depth)
				default:
					b.WriteByte(s[i])
					i++
				}
			}
			if i < len(s) {
				i++
			}
		case c == '$' || c == '`':
			w.literal = false
			i = p.expansion(i, &b, depth)
		default:
			b.WriteByte(c)
			i++
		}
	}
	w.text = b.String()
	return w, i
}

// expansion copies a $…, ${…}, $(…) or `…` expansion starting at i into b
// and returns the offset after it. Command substitutions are parsed as
// commands too.
func (p *shParser) expansion(i int, b *strings.Builder, depth int) int {
	s := p.s
	start := i
	switch {
	case s[i] == '`':
		j := i + 1
		for j < len(s) && s[j] != '`' {
			if s[j] == '\\' {
				j++
			}
			j++
		}
		end := min(j, len(s))
		p.sub(s[i+1:end], i+1, depth)
		i = min(end+1, len(s))
	case strings.HasPrefix(s[i:], "$("):
		end := matchParen(s, i+1)
		p.sub(s[i+2:end], i+2, depth)
		i = min(end+1, len(s))
	case strings.HasPrefix(s[i:], "${"):
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			i = len(s)
		} else {
			i += j + 1
		}
	default:
		i++
		if i < len(s) && strings.IndexByte("?#@*!$-0123456789", s[i]) >= 0 {
			i++
		} else {
			for i < len(s) && isNameByte(s[i]) {
				i++
			}
		}
	}
	b.WriteString(s[start:i])
	return i
}

// sub parses a command substitution's text and records its commands with
// offsets relative to the outer string.
func (p *shParser) sub(text string, base, depth int) {
	if onlyVariable.MatchString(text) {
		p.varSubs = append(p.varSubs, base)
	}
	if depth >= maxShellDepth {
		return
	}
	q := &shParser{s: text}
	q.run(depth + 1)
	for _, c := range q.cmds {
		c.off += base
		for k := range c.words {
			c.words[k].off += base
		}
		p.nested = append(p.nested, c)
	}
	p.heredocs = append(p.heredocs, q.heredocs...)
	for _, o := range q.varSubs {
		p.varSubs = append(p.varSubs, o+base)
	}
}

// matchParen returns the index of the ")" matching the "(" at i, or len(s).
func matchParen(s string, i int) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '\'':
			k := strings.IndexByte(s[j+1:], '\'')
			if k < 0 {
				return len(s)
			}
			j += k + 1
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return len(s)
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// base returns the last path element of a command name ("/usr/bin/aws" →
// "aws").
func base(cmd string) string {
	if i := strings.LastIndexByte(cmd, '/'); i >= 0 {
		return cmd[i+1:]
	}
	return cmd
}

// skipPrefix skips leading assignments (FOO=bar cmd), the ! negation and
// wrappers that run their arguments as a command (sudo, eval, exec, time,
// env, nohup, command; their own options are not skipped), returning the
// index of the real command name.
func skipPrefix(a []word) int {
	i := 0
	for i < len(a) {
		t := a[i].text
		switch {
		case isAssignment(t):
			i++
		case t == "sudo" || t == "eval" || t == "exec" || t == "time" || t == "env" || t == "nohup" || t == "command" || t == "!":
			i++
		default:
			return i
		}
	}
	return i
}

func isAssignment(t string) bool {
	eq := strings.IndexByte(t, '=')
	if eq <= 0 {
		return false
	}
	for k := 0; k < eq; k++ {
		if !isNameByte(t[k]) {
			return false
		}
	}
	return t[0] < '0' || t[0] > '9'
}
