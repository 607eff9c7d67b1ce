package sheet

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"directdesk/backend/marketing"
)

// textBook reads bytes as a text file without going through the disk.
func textBook(t testing.TB, data []byte, opt Options) (*csvBook, error) {
	t.Helper()
	open := func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	return newTextBook("data", "csv", open, int64(len(data)), opt.withDefaults())
}

func textRows(t *testing.T, data []byte, opt Options) (*csvBook, [][]string) {
	t.Helper()
	b, err := textBook(t, data, opt)
	if err != nil {
		t.Fatal(err)
	}
	rows := readAll(t, b, "data")
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = texts(r)
	}
	return b, out
}

func TestTheDelimiterIsSniffedFromConsistentCounts(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       rune
	}{
		{"commas", "name,city\nAnna,Oslo\nBo,Bergen\n", ','},
		{"semicolons with decimal commas", "Navn;Beløb;Pris\nAnna;1,50;2,50\nBo;3,25;4,75\n", ';'},
		{"semicolons and decimal commas without a header", "1,5;2,5\n3,5;4,5\n", ';'},
		{"tabs", "Navn\tBy\nAnna\tÅrhus\n", '\t'},
		{"pipes", "a|b|c\n1|2|3\n", '|'},
		{"commas inside quotes do not count", "\"Hansen, Anna\";Oslo\n\"Berg, Bo\";Bergen\n", ';'},
		{"a quoted field across lines", "a,b\n\"line 1\nline; 2\",x\n", ','},
		{"one column", "email\nanna@example.dk\n", ','},
		{"Excel's sep= line", "sep=|\na|b\n", '|'},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := textBook(t, []byte(tc.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if b.Delimiter() != tc.want {
				t.Errorf("delimiter %q, want %q", b.Delimiter(), tc.want)
			}
		})
	}
}

func TestCSVRecordsAreSplitTheWayExcelReadsThem(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       [][]string
	}{
		{"doubled quotes", `"Say ""hi""",x` + "\n", [][]string{{`Say "hi"`, "x"}}},
		{"a line break inside quotes", "\"Vestergade 1\r\n2. sal\",Aarhus\r\nnext,row\r\n", [][]string{{"Vestergade 1\r\n2. sal", "Aarhus"}, {"next", "row"}}},
		{"text after the closing quote is kept", `"abc"def,x` + "\n", [][]string{{"abcdef", "x"}}},
		{"a quote in the middle is literal", `5" disk,x` + "\n", [][]string{{`5" disk`, "x"}}},
		{"blank lines keep their row numbers", "a,b\n\nc,d\n\n\n", [][]string{{"a", "b"}, {}, {"c", "d"}}},
		{"old Mac line ends", "a,b\rc,d\r", [][]string{{"a", "b"}, {"c", "d"}}},
		{"no newline at the end", "a,b\nc,", [][]string{{"a", "b"}, {"c"}}},
		{"trailing delimiters are trimmed", "a,b,,,,\n", [][]string{{"a", "b"}}},
		{"an unclosed quote runs to the end", "a,\"b\nc\n", [][]string{{"a", "b\nc\n"}}},
		{"the sep= line is not a row", "sep=,\r\na,b\r\n", [][]string{{"a", "b"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, rows := textRows(t, []byte(tc.text), Options{})
			if len(rows) != len(tc.want) {
				t.Fatalf("rows %q, want %q", rows, tc.want)
			}
			for i := range rows {
				if !slices.Equal(rows[i], tc.want[i]) {
					t.Errorf("row %d: %q, want %q", i+1, rows[i], tc.want[i])
				}
			}
		})
	}
}

func TestTextEncodingsAreDetected(t *testing.T) {
	danish := "Navn;By\nSøren Ærø;København Ø\nÅse Ødegård;Tromsø\nLena Häger;Göteborg\n"
	russian := "Фамилия;Имя;Город\nИванов;Иван;Москва\nСмирнова;Анна;Санкт-Петербург\n"
	cp := func(cm *charmap.Charmap, s string) []byte {
		b, err := cm.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	u16 := func(e unicode.Endianness, bom unicode.BOMPolicy, s string) []byte {
		b, err := unicode.UTF16(e, bom).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, tc := range []struct {
		name string
		data []byte
		enc  string
		want string // a cell of row 2
	}{
		{"UTF-8", []byte(danish), "utf-8", "Søren Ærø"},
		{"UTF-8 with BOM", append([]byte{0xEF, 0xBB, 0xBF}, danish...), "utf-8", "Søren Ærø"},
		{"UTF-16 LE with BOM", u16(unicode.LittleEndian, unicode.UseBOM, danish), "utf-16le", "Søren Ærø"},
		{"UTF-16 BE with BOM", u16(unicode.BigEndian, unicode.UseBOM, russian), "utf-16be", "Иванов"},
		{"UTF-16 LE without BOM", u16(unicode.LittleEndian, unicode.IgnoreBOM, danish), "utf-16le", "Søren Ærø"},
		{"UTF-16 LE without BOM, in Russian", u16(unicode.LittleEndian, unicode.IgnoreBOM, russian), "utf-16le", "Иванов"},
		{"Windows-1252 with Nordic letters", cp(charmap.Windows1252, danish), "windows-1252", "Søren Ærø"},
		{"Windows-1251", cp(charmap.Windows1251, russian), "windows-1251", "Иванов"},
		{"KOI8-R", cp(charmap.KOI8R, russian), "koi8-r", "Иванов"},
		{"UTF-8 with a stray Windows-1252 byte", []byte("Navn;By\nS\xf8ren;Oslo\n"), "windows-1252", "Søren"},
		{"mostly UTF-8 with one broken byte keeps its UTF-8", []byte("Navn;By\nSøren;Tromsø\nÆble;\xe6\n"), "utf-8", "Søren"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, rows := textRows(t, tc.data, Options{})
			if b.Encoding() != tc.enc {
				t.Errorf("encoding %s, want %s", b.Encoding(), tc.enc)
			}
			if len(rows) < 2 || rows[1][0] != tc.want {
				t.Errorf("rows %q, want %q in row 2", rows, tc.want)
			}
		})
	}
}

func TestTheUserCanOverrideEncodingAndDelimiter(t *testing.T) {
	data := []byte("a,b;c\n\xc6,d;e\n")
	b, rows := textRows(t, data, Options{Encoding: "windows-1251", Delimiter: ';'})
	if b.Encoding() != "windows-1251" || b.Delimiter() != ';' || rows[1][0] != "Ж,d" {
		t.Errorf("%s %q %q", b.Encoding(), b.Delimiter(), rows)
	}
	_, err := textBook(t, data, Options{Encoding: "ebcdic"})
	wantErr(t, err, marketing.EInvalid, "")
}

func TestCSVLimits(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		opt        Options
		reason     string
		row        int
	}{
		{"an unclosed quote in a big file", "a,\"b\n" + strings.Repeat("text text text\n", 100), Options{MaxCellChars: 100}, "cell", 1},
		{"data past the column limit", "a,b\nc,d,e\n", Options{MaxCols: 2}, "columns", 2},
		{"too many rows", "a\nb\nc\nd\n", Options{MaxRows: 3}, "rows", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := textBook(t, []byte(tc.text), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			_, err = tryReadAll(b, "data")
			e := wantErr(t, err, marketing.ETooLarge, tc.reason)
			if e.Row != tc.row {
				t.Errorf("row %d, want %d", e.Row, tc.row)
			}
			if tc.reason == "cell" && !strings.Contains(e.Message, "quotation mark") {
				t.Errorf("message %q does not mention the quote", e.Message)
			}
		})
	}
	// Empty columns past the limit are fine: Excel pads rows with ;;;;.
	if _, rows := textRows(t, []byte("a;b;;;;;;\n"), Options{MaxCols: 2}); !slices.Equal(rows[0], []string{"a", "b"}) {
		t.Errorf("padding: %q", rows)
	}
}
