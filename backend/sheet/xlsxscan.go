package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/htmlindex"
)

// This file reads the parts of an xlsx that excelize does not hand out
// without loading a whole worksheet into memory: where each sheet's XML is,
// the used range, the merged cells and each cell's type and style.

// smallPartLimit bounds the workbook-level parts we unmarshal whole.
const smallPartLimit = 32 << 20

type wbSheet struct {
	name, part string
	hidden     bool
}

// readWorkbook finds the sheets and their XML parts the way excelize does:
// _rels/.rels names the workbook, the workbook's rels name the sheets.
func readWorkbook(z *zip.Reader) ([]wbSheet, string, error) {
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	wbPath := "xl/workbook.xml"
	if err := unmarshalPart(z, "_rels/.rels", &rels); err == nil {
		for _, r := range rels.Rel {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = strings.TrimPrefix(strings.ReplaceAll(r.Target, `\`, "/"), "/")
			}
		}
	}
	var wb struct {
		Sheets []struct {
			Name  string `xml:"name,attr"`
			RID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
			State string `xml:"state,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := unmarshalPart(z, wbPath, &wb); err != nil {
		return nil, "", err
	}
	rels.Rel = nil
	dir := path.Dir(wbPath)
	_ = unmarshalPart(z, path.Join(dir, "_rels", path.Base(wbPath)+".rels"), &rels)
	targets := map[string]string{}
	sstPart := ""
	for _, r := range rels.Rel {
		t := strings.ReplaceAll(r.Target, `\`, "/")
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		targets[r.ID] = t
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			sstPart = t
		}
	}
	out := make([]wbSheet, 0, len(wb.Sheets))
	for _, s := range wb.Sheets {
		out = append(out, wbSheet{name: s.Name, part: targets[s.RID], hidden: s.State == "hidden" || s.State == "veryHidden"})
	}
	if sstPart == "" && findPart(z, path.Join(dir, "sharedStrings.xml")) != nil {
		sstPart = path.Join(dir, "sharedStrings.xml") // what excelize assumes
	}
	return out, sstPart, nil
}

func findPart(z *zip.Reader, name string) *zip.File {
	var fold *zip.File
	for _, f := range z.File {
		n := strings.ReplaceAll(f.Name, `\`, "/")
		if n == name {
			return f
		}
		if fold == nil && strings.EqualFold(n, name) {
			fold = f
		}
	}
	return fold
}

func unmarshalPart(z *zip.Reader, name string, v any) error {
	f := findPart(z, name)
	if f == nil {
		return errors.New("missing part " + name)
	}
	if f.UncompressedSize64 > smallPartLimit {
		return errors.New("part too large: " + name)
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return newXMLDecoder(io.LimitReader(rc, smallPartLimit)).Decode(v)
}

// newXMLDecoder reads XML in any encoding its declaration names (old tools
// write windows-1252), as excelize does.
func newXMLDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		e, err := htmlindex.Get(label)
		if err != nil {
			return nil, err
		}
		return e.NewDecoder().Reader(input), nil
	}
	return d
}

// sheetDimension estimates a sheet's size from <dimension ref="A1:O2001"/>
// near the top of its XML. Without one (or with a bare "A1", which some
// writers put everywhere) it counts the rows of a small sheet, or guesses
// them from the part's size and the rows seen in its first 64 KiB; the
// columns are then the most cells seen in one of those rows.
func sheetDimension(f *zip.File) (rows, cols int) {
	rows, cols = -1, -1
	if f == nil {
		return
	}
	rc, err := f.Open()
	if err != nil {
		return
	}
	defer rc.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(rc, head)
	head = head[:n]
	if ref, ok := attrAfter(head, []byte("dimension"), "ref"); ok {
		if from, to, ok := strings.Cut(ref, ":"); ok {
			c1, r1, err1 := excelize.CellNameToCoordinates(from)
			c2, r2, err2 := excelize.CellNameToCoordinates(to)
			if err1 == nil && err2 == nil && r2 >= r1 && c2 >= c1 {
				return r2, c2
			}
		}
	}
	k := bytes.Count(head, []byte("<row ")) + bytes.Count(head, []byte("<row>"))
	if k > 0 {
		cols = 0
		for _, row := range bytes.Split(head, []byte("<row"))[1:] {
			cols = max(cols, bytes.Count(row, []byte("<c ")))
		}
	}
	if uint64(n) == f.UncompressedSize64 {
		return k, cols // we read it all: count
	}
	if first := bytes.Index(head, []byte("<row")); k > 1 && first >= 0 {
		perRow := float64(n-first) / float64(k)
		return int(float64(f.UncompressedSize64-uint64(first)) / perRow), cols
	}
	return
}

// attrAfter finds the tag named tag in b and returns its attribute attr.
func attrAfter(b, tag []byte, attr string) (string, bool) {
	i := bytes.Index(b, tag)
	if i < 0 {
		return "", false
	}
	end := bytes.IndexByte(b[i:], '>')
	if end < 0 {
		return "", false
	}
	return attrValue(b[i:i+end], attr)
}

// attrValue reads attr="value" (or 'value') from the inside of a tag.
func attrValue(tag []byte, attr string) (string, bool) {
	for off := 0; ; {
		j := bytes.Index(tag[off:], []byte(attr+"="))
		if j < 0 {
			return "", false
		}
		j += off
		off = j + len(attr) + 1
		if j > 0 && !isSpace(tag[j-1]) {
			continue // e.g. "sqref=" when looking for "ref="
		}
		if off >= len(tag) || (tag[off] != '"' && tag[off] != '\'') {
			return "", false
		}
		q := tag[off]
		k := bytes.IndexByte(tag[off+1:], q)
		if k < 0 {
			return "", false
		}
		return string(tag[off+1 : off+1+k]), true
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// rect is a merged range, 1-based and inclusive.
type rect struct {
	r1, c1, r2, c2 int
	anchor         Cell
	seen           bool
}

func (m *rect) contains(r, c int) bool { return r >= m.r1 && r <= m.r2 && c >= m.c1 && c <= m.c2 }

// maxMerges bounds how many header merges we keep from a hostile file.
const maxMerges = 10_000

// scanMerges collects the merged ranges that start in the header region.
// <mergeCells> comes after all rows, so this reads the whole part; it is a
// byte search, a fraction of the cost of parsing the XML.
func scanMerges(f *zip.File, maxCols int, done <-chan struct{}) ([]rect, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var out []rect
	err = scanTags(rc, "mergeCell ", done, func(tag []byte) {
		ref, ok := attrValue(tag, "ref")
		if !ok || len(out) >= maxMerges {
			return
		}
		if m, ok := parseRange(ref); ok && m.r1 <= headerRows && m.c1 <= maxCols && (m.r2 > m.r1 || m.c2 > m.c1) {
			m.c2 = min(m.c2, maxCols)
			out = append(out, m)
		}
	})
	return out, err
}

// scanTags calls fn with the text of each tag that starts with pat, up to its
// '>' (at most 4 KiB of it). It is a byte search over the stream, many times
// faster than XML decoding, for facts we need before the rows.
func scanTags(r io.Reader, pat string, done <-chan struct{}, fn func(tag []byte)) error {
	const maxTag = 4096
	p := []byte(pat)
	buf := make([]byte, 0, 128<<10)
	chunk := make([]byte, 64<<10)
	for {
		select {
		case <-done:
			return io.EOF
		default:
		}
		n, rerr := r.Read(chunk)
		buf = append(buf, chunk[:n]...)
		eof := rerr != nil
		pos := 0
		for {
			i := bytes.Index(buf[pos:], p)
			if i < 0 {
				pos = max(pos, len(buf)-len(p)+1)
				break
			}
			i += pos
			end := bytes.IndexByte(buf[i:], '>')
			if end < 0 {
				if !eof && len(buf)-i <= maxTag {
					pos = i // the tag goes on in the next chunk
					break
				}
				end = len(buf) - i
			}
			fn(buf[i : i+min(end, maxTag)])
			pos = i + len(p)
		}
		buf = append(buf[:0], buf[min(pos, len(buf)):]...)
		if rerr == io.EOF {
			return nil
		}
		if rerr != nil {
			return rerr
		}
	}
}

func parseRange(ref string) (rect, bool) {
	from, to, ok := strings.Cut(ref, ":")
	if !ok {
		return rect{}, false
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil {
		return rect{}, false
	}
	return rect{r1: min(r1, r2), c1: min(c1, c2), r2: max(r1, r2), c2: max(c1, c2)}, true
}

func attr(attrs []xml.Attr, local string) string {
	for _, a := range attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
