package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func genExp(t testing.TB, path string, n int) {
	f := excelize.NewFile()
	sw, _ := f.NewStreamWriter("Sheet1")
	dst, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	row := make([]any, 15)
	for i := 1; i <= n; i++ {
		for c := range row {
			switch c % 5 {
			case 0:
				row[c] = fmt.Sprintf("Name %d", i)
			case 1:
				row[c] = i * 7
			case 2:
				row[c] = excelize.Cell{StyleID: dst, Value: 45000 + i%1000}
			case 3:
				row[c] = float64(i) / 3
			default:
				row[c] = fmt.Sprintf("x%d@example.dk", i)
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i)
		sw.SetRow(cell, row)
	}
	sw.Flush()
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestExp(t *testing.T) {
	if os.Getenv("EXP") == "" {
		t.Skip()
	}
	p := filepath.Join(t.TempDir(), "big.xlsx")
	genExp(t, p, 200000)
	st, _ := os.Stat(p)
	t.Logf("size %d", st.Size())
	t0 := time.Now()
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("open %v", time.Since(t0))
	t0 = time.Now()
	rows, _ := f.Rows("Sheet1")
	n := 0
	for rows.Next() {
		c, _ := rows.Columns()
		n += len(c)
	}
	t.Logf("excelize formatted %v cells %d", time.Since(t0), n)
	t0 = time.Now()
	rows, _ = f.Rows("Sheet1")
	n = 0
	for rows.Next() {
		c, _ := rows.Columns(excelize.Options{RawCellValue: true})
		n += len(c)
	}
	t.Logf("excelize raw %v cells %d", time.Since(t0), n)
	zr, _ := zip.OpenReader(p)
	var zf *zip.File
	for _, e := range zr.File {
		if e.Name == "xl/worksheets/sheet1.xml" {
			zf = e
		}
	}
	t.Logf("xml size %d", zf.UncompressedSize64)
	t0 = time.Now()
	rc, _ := zf.Open()
	d := xml.NewDecoder(rc)
	n = 0
	for {
		tok, err := d.RawToken()
		if err != nil {
			break
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "c" {
			n++
		}
	}
	t.Logf("rawtoken %v cells %d", time.Since(t0), n)
	t0 = time.Now()
	rc, _ = zf.Open()
	buf := make([]byte, 1<<16)
	m := 0
	for {
		k, err := rc.Read(buf)
		m += bytes.Count(buf[:k], []byte("<mergeCell "))
		if err == io.EOF {
			break
		}
	}
	t.Logf("bytescan %v %d", time.Since(t0), m)
}
