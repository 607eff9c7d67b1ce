package sheet

import (
	"bytes"
	"io"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// textEncoding is an encoding a shop owner's CSV can come in: UTF-8 (with or
// without BOM), UTF-16 from Excel's "Unicode text", and the single-byte code
// pages of Nordic (Windows-1252) and Russian (Windows-1251, KOI8-R) PCs.
type textEncoding uint8

const (
	encUTF8 textEncoding = iota
	encUTF16LE
	encUTF16BE
	enc1252
	enc1251
	encKOI8R
)

// EncodingNames are the names Options.Encoding accepts and TextBook reports.
var EncodingNames = []string{"utf-8", "utf-16le", "utf-16be", "windows-1252", "windows-1251", "koi8-r"}

func (e textEncoding) String() string { return EncodingNames[e] }

func encodingByName(name string) (textEncoding, bool) {
	for i, n := range EncodingNames {
		if strings.EqualFold(n, name) || strings.EqualFold(strings.ReplaceAll(n, "-", ""), strings.ReplaceAll(name, "-", "")) {
			return textEncoding(i), true
		}
	}
	return 0, false
}

func (e textEncoding) charmap() *charmap.Charmap {
	switch e {
	case enc1252:
		return charmap.Windows1252
	case enc1251:
		return charmap.Windows1251
	case encKOI8R:
		return charmap.KOI8R
	}
	return nil
}

// detectEncoding guesses the encoding of a file from its first bytes and
// returns the length of its byte order mark. atEOF says the sample is the
// whole file (a cut multi-byte character at the end is then an error).
func detectEncoding(s []byte, atEOF bool) (textEncoding, int) {
	switch {
	case bytes.HasPrefix(s, []byte{0xEF, 0xBB, 0xBF}):
		return encUTF8, 3
	case bytes.HasPrefix(s, []byte{0xFF, 0xFE}):
		return encUTF16LE, 2
	case bytes.HasPrefix(s, []byte{0xFE, 0xFF}):
		return encUTF16BE, 2
	}
	if e, ok := utf16ByNULs(s); ok {
		return e, 0
	}
	if validUTF8(s, atEOF) || mostlyUTF8(s) {
		return encUTF8, 0
	}
	return guessSingleByte(s), 0
}

// utf16ByNULs spots UTF-16 without a BOM. Every character has a high byte,
// and in a list in one script they are nearly all the same: 0x00 for Latin
// text and ASCII delimiters, 0x04 for Cyrillic. So the bytes on one side
// are concentrated on one or two values including NUL, while the other side
// (the low bytes) has hardly any NULs. Single-byte text has no NULs; binary
// junk has NULs on both sides.
func utf16ByNULs(s []byte) (textEncoding, bool) {
	s = s[:min(len(s), 4096)&^1]
	pairs := len(s) / 2
	if pairs < 2 {
		return 0, false
	}
	var even, odd [256]int
	for i := 0; i < len(s); i += 2 {
		even[s[i]]++
		odd[s[i+1]]++
	}
	highSide := func(high, low *[256]int) bool {
		if high[0]*50 < pairs || low[0]*50 > pairs {
			return false
		}
		top := high[0]
		second := 0
		for b := 1; b < 256; b++ {
			second = max(second, high[b])
		}
		return (top+second)*10 >= pairs*9
	}
	switch {
	case highSide(&odd, &even):
		return encUTF16LE, true
	case highSide(&even, &odd):
		return encUTF16BE, true
	}
	return 0, false
}

// mostlyUTF8 says whether bytes that are not valid UTF-8 still hold far more
// valid multi-byte characters than broken bytes: a UTF-8 file touched by an
// old program. Text in a single-byte code page hardly ever forms valid
// multi-byte sequences.
func mostlyUTF8(s []byte) bool {
	good, bad := 0, 0
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		switch {
		case r == utf8.RuneError && n <= 1:
			bad++
		case n > 1:
			good++
		}
		s = s[n:]
	}
	return good > 0 && good >= 2*bad
}

func validUTF8(s []byte, atEOF bool) bool {
	if utf8.Valid(s) {
		return true
	}
	if atEOF {
		return false
	}
	// The sample may end inside a character.
	for i := 1; i < utf8.UTFMax && i < len(s); i++ {
		if utf8.Valid(s[:len(s)-i]) && !utf8.FullRune(s[len(s)-i:]) {
			return true
		}
	}
	return false
}

// guessSingleByte picks the code page for bytes that are not UTF-8. Russian
// words are runs of high bytes; Danish, Swedish and Norwegian words have a
// lone æ ø å ä ö é among ASCII letters. Between the two Cyrillic code pages,
// the one that yields common Russian letters in sensible case wins.
func guessSingleByte(s []byte) textEncoding {
	var nordic, cyrillic int
	for i, c := range s {
		if c < 0x80 {
			continue
		}
		prevHigh := i > 0 && s[i-1] >= 0x80
		nextHigh := i+1 < len(s) && s[i+1] >= 0x80
		if prevHigh || nextHigh {
			if unicode.Is(unicode.Cyrillic, charmap.Windows1251.DecodeByte(c)) {
				cyrillic++
			}
		} else if strings.ContainsRune("æøåäöüéÆØÅÄÖÜÉ", charmap.Windows1252.DecodeByte(c)) {
			nordic++
		}
	}
	if cyrillic <= nordic {
		return enc1252
	}
	if russianScore(s, charmap.KOI8R) > russianScore(s, charmap.Windows1251) {
		return encKOI8R
	}
	return enc1251
}

// russianLetterFreq is the share of each letter in Russian text, in percent.
var russianLetterFreq = map[rune]float64{
	'о': 10.97, 'е': 8.45, 'а': 8.01, 'и': 7.35, 'н': 6.70, 'т': 6.26, 'с': 5.47, 'р': 4.73,
	'в': 4.54, 'л': 4.40, 'к': 3.49, 'м': 3.21, 'д': 2.98, 'п': 2.81, 'у': 2.62, 'я': 2.01,
	'ы': 1.90, 'ь': 1.74, 'г': 1.70, 'з': 1.65, 'б': 1.59, 'ч': 1.44, 'й': 1.21, 'х': 0.97,
	'ж': 0.94, 'ш': 0.73, 'ю': 0.64, 'ц': 0.48, 'щ': 0.36, 'э': 0.32, 'ф': 0.26, 'ъ': 0.04, 'ё': 0.04,
}

// russianScore rates how Russian s looks when decoded with cm: letter
// frequencies, plus a bonus for words in sensible case (Иванов, иванов,
// ИВАНОВ) and a penalty for others (иВАНОВ is Иванов in the wrong code page).
func russianScore(s []byte, cm *charmap.Charmap) float64 {
	var score float64
	var word []rune
	flush := func() {
		if len(word) > 1 {
			upper := 0
			for _, r := range word[1:] {
				if unicode.IsUpper(r) {
					upper++
				}
			}
			if upper == 0 || upper == len(word)-1 {
				score += 3
			} else {
				score -= 3
			}
		}
		word = word[:0]
	}
	for _, c := range s {
		if c < 0x80 {
			flush()
			continue
		}
		r := cm.DecodeByte(c)
		if !unicode.Is(unicode.Cyrillic, r) {
			flush()
			continue
		}
		word = append(word, r)
		if f, ok := russianLetterFreq[unicode.ToLower(r)]; ok {
			score += math.Log(f)
		} else {
			score -= 5
		}
	}
	flush()
	return score
}

// utf16 is the decoder for the UTF-16 encodings, nil for the others.
func (e textEncoding) utf16() *encoding.Decoder {
	switch e {
	case encUTF16LE:
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewDecoder()
	case encUTF16BE:
		return xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewDecoder()
	}
	return nil
}

// decoder returns a reader that turns the file's bytes into bytes the CSV
// parser can split on ASCII , ; tab | " and newlines: UTF-16 becomes UTF-8
// here; single-byte code pages are ASCII-compatible and are decoded per
// field (decodeField), which is cheaper than transforming the stream.
func (e textEncoding) decoder(r io.Reader) io.Reader {
	if d := e.utf16(); d != nil {
		return transform.NewReader(r, d)
	}
	return r
}

// decodeField turns one field's bytes into a string. Bytes that are not
// valid UTF-8 in a UTF-8 file are read as Windows-1252: a file saved as
// UTF-8 that was later edited in an old program is common.
func (e textEncoding) decodeField(b []byte) string {
	ascii := true
	for _, c := range b {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return string(b)
	}
	cm := e.charmap()
	if cm == nil {
		if utf8.Valid(b) {
			return string(b)
		}
		cm = charmap.Windows1252
		var sb strings.Builder
		for len(b) > 0 {
			r, n := utf8.DecodeRune(b)
			if r == utf8.RuneError && n <= 1 {
				r, n = cm.DecodeByte(b[0]), 1
			}
			sb.WriteRune(r)
			b = b[n:]
		}
		return sb.String()
	}
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/2)
	for _, c := range b {
		if c < 0x80 {
			sb.WriteByte(c)
		} else {
			sb.WriteRune(cm.DecodeByte(c))
		}
	}
	return sb.String()
}
