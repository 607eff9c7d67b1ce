package merge

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is what the lexer found inside {{ }}.
type tokKind uint8

const (
	tEOF       tokKind = iota // the source ended before }}
	tClose                    // }}
	tIdent                    // a name or keyword
	tCustom                   // custom."quoted name"; text is the name
	tString                   // "text"; text is unescaped
	tNumber                   // 60, -1.5
	tLParen                   // (
	tRParen                   // )
	tComma                    // ,
	tPipe                     // |
	tHash                     // #
	tSlash                    // /
	tEq                       // = or ==
	tNe                       // !=
	tLt                       // <
	tLe                       // <=
	tGt                       // >
	tGe                       // >=
	tBad                      // anything else
	tBadString                // a quote that is never closed
)

type token struct {
	kind tokKind
	text string
	num  float64
	pos  int // byte offset of the token in the source
}

// lexer reads the tokens of one tag; pos is a byte offset into the whole
// source so errors can name the line.
type lexer struct {
	src string
	pos int
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
				l.pos++
				continue
			}
			return
		}
		// Rich-text editors put no-break spaces in where people typed spaces.
		r, n := utf8.DecodeRuneInString(l.src[l.pos:])
		if !unicode.IsSpace(r) && r != '\u200b' && r != '\ufeff' {
			return
		}
		l.pos += n
	}
}

func (l *lexer) next() token {
	l.skipSpace()
	start := l.pos
	tok := func(k tokKind, n int) token {
		l.pos += n
		return token{kind: k, pos: start, text: l.src[start:l.pos]}
	}
	if l.pos >= len(l.src) {
		return token{kind: tEOF, pos: start}
	}
	rest := l.src[l.pos:]
	c := rest[0]
	switch c {
	case '}':
		if strings.HasPrefix(rest, "}}") {
			return tok(tClose, 2)
		}
		return tok(tBad, 1)
	case '(':
		return tok(tLParen, 1)
	case ')':
		return tok(tRParen, 1)
	case ',':
		return tok(tComma, 1)
	case '|':
		return tok(tPipe, 1)
	case '#':
		return tok(tHash, 1)
	case '/':
		return tok(tSlash, 1)
	case '=':
		if strings.HasPrefix(rest, "==") {
			return tok(tEq, 2)
		}
		return tok(tEq, 1)
	case '!':
		if strings.HasPrefix(rest, "!=") {
			return tok(tNe, 2)
		}
		return tok(tBad, 1)
	case '<':
		if strings.HasPrefix(rest, "<=") {
			return tok(tLe, 2)
		}
		if strings.HasPrefix(rest, "<>") {
			return tok(tNe, 2)
		}
		return tok(tLt, 1)
	case '>':
		if strings.HasPrefix(rest, ">=") {
			return tok(tGe, 2)
		}
		return tok(tGt, 1)
	}
	if c == '-' || (c >= '0' && c <= '9') {
		return l.number()
	}
	r, n := utf8.DecodeRuneInString(rest)
	if closer := quoteCloser(r); closer != nil {
		l.pos += n
		s, ok := l.quoted(closer)
		if !ok {
			return token{kind: tBadString, pos: start}
		}
		return token{kind: tString, pos: start, text: s}
	}
	if isNameStart(r) {
		for l.pos < len(l.src) {
			r, n := utf8.DecodeRuneInString(l.src[l.pos:])
			if !isNameRune(r) {
				break
			}
			l.pos += n
		}
		name := l.src[start:l.pos]
		if name == CustomPrefix && l.pos < len(l.src) {
			// custom."Shoe size": the quote must follow the dot directly.
			r, n := utf8.DecodeRuneInString(l.src[l.pos:])
			if closer := quoteCloser(r); closer != nil {
				l.pos += n
				s, ok := l.quoted(closer)
				if !ok {
					return token{kind: tBadString, pos: start}
				}
				return token{kind: tCustom, pos: start, text: s}
			}
		}
		return token{kind: tIdent, pos: start, text: name}
	}
	return tok(tBad, n)
}

func (l *lexer) number() token {
	start := l.pos
	i := l.pos
	if l.src[i] == '-' {
		i++
	}
	digits := 0
	for i < len(l.src) && l.src[i] >= '0' && l.src[i] <= '9' {
		i++
		digits++
	}
	if i+1 < len(l.src) && l.src[i] == '.' && l.src[i+1] >= '0' && l.src[i+1] <= '9' {
		i++
		for i < len(l.src) && l.src[i] >= '0' && l.src[i] <= '9' {
			i++
		}
	}
	l.pos = i
	if digits == 0 {
		if i == start {
			l.pos++
		}
		return token{kind: tBad, pos: start, text: l.src[start:l.pos]}
	}
	f, err := strconv.ParseFloat(l.src[start:i], 64)
	if err != nil {
		return token{kind: tBad, pos: start, text: l.src[start:i]}
	}
	return token{kind: tNumber, pos: start, text: l.src[start:i], num: f}
}

// quoteCloser returns the quotes that may close a string opened with r, or
// nil when r opens none. Word processors turn "x" into “x” (or „x“, «x»),
// and a shop owner should not have to fight that.
func quoteCloser(r rune) []rune {
	switch r {
	case '"':
		return closeASCII
	case '“', '„':
		return closeCurly
	case '«':
		return closeGuillemet
	}
	return nil
}

var (
	closeASCII     = []rune{'"'}
	closeCurly     = []rune{'”', '“'}
	closeGuillemet = []rune{'»'}
)

// quoted reads a string up to one of closers; \" (or \ before any closer)
// and \\ are escapes, any other backslash is kept as it is.
func (l *lexer) quoted(closers []rune) (string, bool) {
	start := l.pos
	var b []byte // only when there was an escape
	for l.pos < len(l.src) {
		r, n := utf8.DecodeRuneInString(l.src[l.pos:])
		if r == '\\' && l.pos+1 < len(l.src) {
			r2, n2 := utf8.DecodeRuneInString(l.src[l.pos+1:])
			if r2 == '\\' || r2 == '"' || containsRune(closers, r2) {
				if b == nil {
					b = append([]byte(nil), l.src[start:l.pos]...)
				}
				b = utf8.AppendRune(b, r2)
				l.pos += 1 + n2
				continue
			}
		}
		if containsRune(closers, r) {
			var s string
			if b != nil {
				s = string(b)
			} else {
				s = l.src[start:l.pos]
			}
			l.pos += n
			return s, true
		}
		if b != nil {
			b = append(b, l.src[l.pos:l.pos+n]...)
		}
		l.pos += n
	}
	return "", false
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}
