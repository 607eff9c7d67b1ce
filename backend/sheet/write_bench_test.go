package sheet

import (
	"archive/zip"
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// benchCols is a contact export: 15 columns of every kind.
var benchCols = []Column{
	{Header: "Kundenr.", Kind: ColInteger}, {Header: "Fornavn"}, {Header: "Efternavn"}, {Header: "Email", Width: 28},
	{Header: "Telefon"}, {Header: "Adresse"}, {Header: "Postnr."}, {Header: "By"}, {Header: "Land"},
	{Header: "Fødselsdato", Kind: ColDate}, {Header: "Kunde siden", Kind: ColDate}, {Header: "Købt for", Kind: ColMoney},
	{Header: "Ordrer", Kind: ColInteger}, {Header: "Rabat", Kind: ColNumber}, {Header: "Oprettet", Kind: ColDateTime},
}

// benchRows are made once so the benchmarks time the writer, not fmt.
var benchRows = sync.OnceValue(func() [][]string {
	first := []string{"Anna", "Søren", "Åse", "Ørjan", "Ёлена", "Mikael", "Ulla", "Björn"}
	last := []string{"Sørensen", "Ærøskøbing", "Öberg", "Иванова", "Nielsen", "Hansen-Ågård", "Lund", "Kuznetsov"}
	city := []string{"København Ø", "Århus C", "Malmö", "Tromsø", "Санкт-Петербург", "Odense", "Göteborg", "Bergen"}
	rows := make([][]string, 4096)
	for i := range rows {
		rows[i] = []string{
			fmt.Sprint(100000 + i), first[i%8], last[(i/8)%8], fmt.Sprintf("kunde%d@example.dk", i),
			fmt.Sprintf("+45 %08d", 20000000+i*7), fmt.Sprintf("Strandvejen %d, %d. th.", i%300, i%5), fmt.Sprint(1000 + i%8000),
			city[i%8], []string{"DK", "SE", "NO", "RU"}[i%4],
			time.Date(1950+i%50, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC).Format(time.DateOnly),
			time.Date(2015+i%10, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC).Format(time.DateOnly),
			fmt.Sprintf("%d.%02d", i*37%100000, i%100), fmt.Sprint(i % 40), fmt.Sprintf("0.%d", i%10),
			time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 17 * time.Minute).Format(time.RFC3339),
		}
	}
	return rows
})

// benchmarkWrite writes b.N rows in files of at most 100,000 rows (so b.N
// may pass Excel's row limit), Close included: ns/op is per row.
func benchmarkWrite(b *testing.B, ext string) {
	rows := benchRows()
	dir := b.TempDir()
	b.ReportAllocs()
	b.ResetTimer()
	var size int64
	for done, file := 0, 0; done < b.N; file++ {
		p := filepath.Join(dir, fmt.Sprintf("bench-%d.%s", file%2, ext))
		w, err := Create(p, benchCols, WriteOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for n := min(b.N-done, 100_000); n > 0; n-- {
			if err := w.Write(rows[done%len(rows)]); err != nil {
				b.Fatal(err)
			}
			done++
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		if fi, err := os.Stat(p); err == nil {
			size += fi.Size()
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(size)/float64(b.N), "bytes/row")
}

func BenchmarkWriteXLSX(b *testing.B) { benchmarkWrite(b, "xlsx") }
func BenchmarkWriteCSV(b *testing.B)  { benchmarkWrite(b, "csv") }

// BenchmarkWriteXLSXExcelizeFloor is the floor for BenchmarkWriteXLSX: the
// same rows, already typed, straight into excelize's StreamWriter with the
// same compression level. The difference is what Writer costs on top.
func BenchmarkWriteXLSXExcelizeFloor(b *testing.B) {
	typed := make([][]any, 0, len(benchRows()))
	for _, r := range benchRows() {
		row := make([]any, len(r))
		for i, v := range r {
			switch benchCols[i].Kind {
			case ColInteger:
				n, _ := strconv.ParseInt(v, 10, 64)
				row[i] = excelize.Cell{StyleID: 1, Value: n}
			case ColMoney, ColNumber:
				f, _ := strconv.ParseFloat(v, 64)
				row[i] = excelize.Cell{StyleID: 2, Value: f}
			case ColDate:
				t, _ := time.Parse(time.DateOnly, v)
				s, _ := excelSerial(t)
				row[i] = excelize.Cell{StyleID: 3, Value: s}
			case ColDateTime:
				t, _ := time.Parse(time.RFC3339, v)
				s, _ := excelSerial(t)
				row[i] = excelize.Cell{StyleID: 4, Value: s}
			default:
				row[i] = v
			}
		}
		typed = append(typed, row)
	}
	dir := b.TempDir()
	b.ReportAllocs()
	b.ResetTimer()
	for done, file := 0, 0; done < b.N; file++ {
		f := excelize.NewFile()
		for _, st := range []*excelize.Style{{NumFmt: 1}, {NumFmt: 4}, {CustomNumFmt: ptr("yyyy-mm-dd")}, {CustomNumFmt: ptr("yyyy-mm-dd hh:mm")}} {
			if _, err := f.NewStyle(st); err != nil {
				b.Fatal(err)
			}
		}
		out, err := os.Create(filepath.Join(dir, fmt.Sprintf("floor-%d.xlsx", file%2)))
		if err != nil {
			b.Fatal(err)
		}
		bw := bufio.NewWriterSize(out, 256<<10)
		f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return newZipOut(bw) })
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		for n, r := min(b.N-done, 100_000), 1; n > 0; n, r = n-1, r+1 {
			if err := sw.SetRow("A"+strconv.Itoa(r), typed[done%len(typed)]); err != nil {
				b.Fatal(err)
			}
			done++
		}
		if err := sw.Flush(); err != nil {
			b.Fatal(err)
		}
		if err := f.Write(io.Discard); err != nil {
			b.Fatal(err)
		}
		if err := errors.Join(bw.Flush(), out.Close(), f.Close()); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// TestWriteMillionRowsBoundedMemory writes 1,000,000 × 15 xlsx rows and
// checks the heap stays bounded: memory is part of correctness here, since
// shop owners run DirectDesk on small laptops. Time is only reported.
func TestWriteMillionRowsBoundedMemory(t *testing.T) {
	if os.Getenv("DIRECTDESK_BENCH") != "1" {
		t.Skip("set DIRECTDESK_BENCH=1 to write a million-row workbook")
	}
	const n = 1_000_000
	const limit = 200 << 20
	rows := benchRows()
	p := filepath.Join(t.TempDir(), "million.xlsx")

	var peak atomic.Uint64
	sample := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		for old := peak.Load(); m.HeapInuse > old && !peak.CompareAndSwap(old, m.HeapInuse); old = peak.Load() {
		}
	}
	// A sampler goroutine also covers Close, where the zip is written.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				sample()
			}
		}
	})
	runtime.GC()
	sample()
	start := time.Now()
	w, err := Create(p, benchCols, WriteOptions{SheetName: "Kontakter"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if err := w.Write(rows[i%len(rows)]); err != nil {
			t.Fatal(err)
		}
		if i%50_000 == 0 {
			sample()
		}
	}
	wrote := time.Since(start)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	total := time.Since(start)
	close(stop)
	wg.Wait()
	sample()

	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d rows × %d columns: Write %.1fs, Close %.1fs; %.0f rows/s overall", n, len(benchCols),
		wrote.Seconds(), (total - wrote).Seconds(), n/total.Seconds())
	t.Logf("file %.1f MB (worksheet XML %.0f MB); peak HeapInuse %.1f MB",
		float64(fi.Size())/(1<<20), float64(sheetXMLSize(t, p))/(1<<20), float64(peak.Load())/(1<<20))
	if peak.Load() > limit {
		t.Errorf("peak heap %.1f MB, want under %d MB", float64(peak.Load())/(1<<20), limit>>20)
	}

	// The last row and the filter are where they should be. (A full read
	// back through Open takes minutes and tests the reader, not this.)
	tail := sheetTail(t, p, 64<<10)
	for _, want := range []string{fmt.Sprintf(`<row r="%d">`, n+1), `<autoFilter ref="$A$1:$O$1000001"`, `</worksheet>`} {
		if !strings.Contains(tail, want) {
			t.Errorf("the sheet does not end with %s: ...%s", want, tail[max(0, len(tail)-400):])
		}
	}
}

// sheetTail is the last size bytes of the first worksheet's XML, read as a
// stream so a large sheet costs no memory.
func sheetTail(t testing.TB, path string, size int) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	part := findPart(&z.Reader, "xl/worksheets/sheet1.xml")
	if part == nil {
		t.Fatal("no worksheet")
	}
	rc, err := part.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	buf := make([]byte, 0, 2*size)
	chunk := make([]byte, size)
	for {
		k, err := rc.Read(chunk)
		buf = append(buf, chunk[:k]...)
		if len(buf) > size {
			buf = append(buf[:0], buf[len(buf)-size:]...)
		}
		if err == io.EOF {
			return string(buf)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}
