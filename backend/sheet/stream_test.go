package sheet

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

// bigXLSX writes a contact list of n rows with excelize's StreamWriter:
// text, numbers, postcodes formatted 0000, dates and amounts.
func bigXLSX(tb testing.TB, dir string, n int) string {
	tb.Helper()
	p := filepath.Join(dir, fmt.Sprintf("big-%d.xlsx", n))
	if err := writeBigXLSX(p, n); err != nil {
		tb.Fatal(err)
	}
	return p
}

func writeBigXLSX(p string, n int) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	postcode, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("0000")})
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	money, _ := f.NewStyle(&excelize.Style{NumFmt: 4})
	sw.SetRow("A1", []any{"Kundenr.", "Fornavn", "Efternavn", "Email", "Postnr.", "By", "Fødselsdato", "Købt for"})
	row := make([]any, 8)
	for i := 1; i <= n; i++ {
		row[0] = 100000 + i
		row[1] = "Anna"
		row[2] = fmt.Sprintf("Sørensen %d", i)
		row[3] = fmt.Sprintf("kunde%d@example.dk", i)
		row[4] = excelize.Cell{StyleID: postcode, Value: 150 + i%9000}
		row[5] = "København Ø"
		row[6] = excelize.Cell{StyleID: date, Value: 25000 + i%15000}
		row[7] = excelize.Cell{StyleID: money, Value: float64(i%100000) / 4}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(p)
}

func ptr[T any](v T) *T { return &v }

func sheetXMLSize(tb testing.TB, p string) uint64 {
	z, err := zip.OpenReader(p)
	if err != nil {
		tb.Fatal(err)
	}
	defer z.Close()
	return findPart(&z.Reader, "xl/worksheets/sheet1.xml").UncompressedSize64
}

func TestA200kRowXLSXStreamsInBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads a 200,000-row workbook")
	}
	n := 200_000
	if raceEnabled {
		n = 50_000 // still over excelize's 16 MiB in-memory limit, so read from disk
	}
	p := bigXLSX(t, t.TempDir(), n)
	xmlSize := sheetXMLSize(t, p)
	// HeapAlloc counts garbage not yet collected; with -race on a busy
	// machine the collector lags and the peak overstated the live heap
	// (it failed once at 10 MB of 19). Collect often so the peak is close
	// to what the reader keeps; one that held the sheet would still show.
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapAlloc, ms.HeapAlloc

	b := openT(t, p, Options{})
	it, err := b.Rows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	rows := 0
	var last []Cell
	for it.Next() {
		rows++
		last = it.Row()
		if rows%1000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	if rows != n+1 {
		t.Fatalf("%d rows, want %d", rows, n+1)
	}
	last0 := strconv.Itoa(100000 + n)
	want := []Cell{{last0, last0, KindNumber}, {"Anna", "Anna", KindString}}
	if last[0] != want[0] || last[1] != want[1] || last[4].Text != fmt.Sprintf("%04d", 150+n%9000) || last[6].Kind != KindDate {
		t.Errorf("last row %+v", last)
	}
	grown := peak - min(base, peak)
	t.Logf("sheet XML %d MB; heap %d MB before reading, at most %d MB while reading", xmlSize>>20, base>>20, peak>>20)
	// The live heap is a few MB; with garbage between collections it peaks
	// at a few MB more. A reader that held the sheet would need its size.
	if grown > xmlSize/2 || grown > 32<<20 {
		t.Errorf("heap grew by %d MB reading a sheet of %d MB XML: not streaming", grown>>20, xmlSize>>20)
	}
}

// The benchmarks read the same generated file; `make bench` prints
// BenchmarkReadXLSX's rows/s beside BenchmarkExcelizeRaw's as a ratio.
var benchDir string

var benchFile = sync.OnceValue(func() string {
	var err error
	if benchDir, err = os.MkdirTemp("", "sheet-bench-"); err != nil {
		panic(err)
	}
	p := filepath.Join(benchDir, "bench.xlsx")
	if err := writeBigXLSX(p, 100_000); err != nil {
		panic(err)
	}
	return p
})

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

func BenchmarkReadXLSX(b *testing.B) {
	p := benchFile()
	b.ResetTimer()
	rows := 0
	for b.Loop() {
		bk, err := Open(p, Options{})
		if err != nil {
			b.Fatal(err)
		}
		it, _ := bk.Rows("Sheet1")
		for it.Next() {
			rows++
		}
		if err := it.Err(); err != nil {
			b.Fatal(err)
		}
		it.Close()
		bk.Close()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkExcelizeRaw(b *testing.B) {
	p := benchFile()
	b.ResetTimer()
	rows := 0
	for b.Loop() {
		f, err := excelize.OpenFile(p)
		if err != nil {
			b.Fatal(err)
		}
		r, _ := f.Rows("Sheet1")
		for r.Next() {
			if _, err := r.Columns(); err != nil {
				b.Fatal(err)
			}
			rows++
		}
		r.Close()
		f.Close()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}
