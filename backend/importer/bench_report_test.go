package importer_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestImportBenchReport is the import/export part of `make bench`: a
// 1,000,000 × 15 column .xlsx import beside the bare excelize Rows() read of
// the same file in the same run, the same rows as CSV, and exports of the
// result, each with the peak memory of the process that did it (the CLI, as
// a child process). Set DIRECTDESK_BENCH_ROWS to change the size. It never
// fails on timings.
func TestImportBenchReport(t *testing.T) {
	if os.Getenv("DIRECTDESK_BENCH") == "" {
		t.Skip("set DIRECTDESK_BENCH=1 (make bench)")
	}
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("DIRECTDESK_BENCH_ROWS")); err == nil && v > 0 {
		n = v
	}
	dir := filepath.Join("..", "..", "build", "bench")
	os.MkdirAll(dir, 0o755)
	xlsx := filepath.Join(dir, fmt.Sprintf("import-%d.xlsx", n))
	csv := filepath.Join(dir, fmt.Sprintf("import-%d.csv", n))
	if _, err := os.Stat(xlsx); err != nil {
		writeBenchFiles(t, xlsx, csv, n)
	}
	bin := filepath.Join(t.TempDir(), "directdesk")
	build := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, "../../cmd/directdesk")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}

	// The floor: excelize's own streaming reader over the same file.
	began := time.Now()
	f, err := excelize.OpenFile(xlsx, excelize.Options{UnzipSizeLimit: 4 << 30, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.Rows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	read := 0
	for rows.Next() {
		if _, err := rows.Columns(); err != nil {
			t.Fatal(err)
		}
		read++
	}
	rows.Close()
	f.Close()
	raw := time.Since(began)
	rawRate := float64(read-1) / raw.Seconds()

	ws := t.TempDir()
	xTime, xRSS := runCLI(t, bin, "import", "contacts", xlsx, "--data", ws, "--json", "--quiet")
	cTime, cRSS := runCLI(t, bin, "import", "contacts", csv, "--data", t.TempDir(), "--json", "--quiet")
	eTime, eRSS := runCLI(t, bin, "export", "contacts", "--out", filepath.Join(t.TempDir(), "out.xlsx"), "--data", ws, "--json", "--quiet")
	ecTime, ecRSS := runCLI(t, bin, "export", "contacts", "--out", filepath.Join(t.TempDir(), "out.csv"), "--data", ws, "--json", "--quiet")

	rate := func(d time.Duration) float64 { return float64(n) / d.Seconds() }
	fmt.Printf("\nImport and export of %d contacts × 15 columns (CLI child processes; peak RSS of each)\n", n)
	fmt.Printf("%-34s %10s %12s %9s %10s\n", "", "time", "rows/s", "vs floor", "peak RSS")
	fmt.Printf("%-34s %9.1fs %12.0f %9s %10s\n", "floor: excelize Rows() read", raw.Seconds(), rawRate, "1.00×", "")
	line := func(name string, d time.Duration, rss int64) {
		fmt.Printf("%-34s %9.1fs %12.0f %8.2f× %8d MB\n", name, d.Seconds(), rate(d), rate(d)/rawRate, rss>>20)
	}
	line("import .xlsx (parse+match+store)", xTime, xRSS)
	line("import .csv", cTime, cRSS)
	line("export .xlsx", eTime, eRSS)
	line("export .csv", ecTime, ecRSS)
	fmt.Println("Goal: import .xlsx ≥ 1.0× the floor, peak RSS ≤ 300 MB.")
}

// runCLI runs the CLI to the end and returns its wall time and peak RSS
// (the child's VmHWM, read while it runs: wait4's maxrss is the largest of
// all children this process ever had).
func runCLI(t *testing.T, bin string, args ...string) (time.Duration, int64) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var out bytes.Buffer
	cmd.Stdout = &out
	began := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var peak int64
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	for waiting := true; waiting; {
		select {
		case err = <-done:
			waiting = false
		case <-time.After(100 * time.Millisecond):
			peak = max(peak, vmHWM(cmd.Process.Pid))
		}
	}
	took := time.Since(began)
	if err != nil {
		t.Fatalf("%v: %v\n%s", args, err, out.Bytes())
	}
	var res map[string]any
	if json.Unmarshal(out.Bytes(), &res) != nil || res["error"] != nil {
		t.Fatalf("%v: %s", args, out.Bytes())
	}
	return took, peak
}

// vmHWM is a running process's peak resident set size in bytes.
func vmHWM(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// writeBenchFiles writes the same n customers as .xlsx (streamed) and .csv.
func writeBenchFiles(t *testing.T, xlsx, csv string, n int) {
	t.Helper()
	headers := []any{"Kundenr.", "Fornavn", "Efternavn", "Firma", "Stilling", "Køn", "Fødselsdato", "E-mail", "Mobil",
		"Adresse", "Postnr.", "By", "Land", "Kunde siden", "Nyhedsbrev"}
	first := []string{"Anna", "Peter", "Mette", "Lars", "Sofie", "Jens", "Ida", "Mikkel"}
	last := []string{"Hansen", "Jensen", "Nielsen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen"}
	titles := []string{"Direktør", "Indehaver", "Bogholder", "Sælger", "Lærer", ""}
	cities := []struct{ pc, city string }{{"2100", "København Ø"}, {"8000", "Aarhus C"}, {"5000", "Odense C"}, {"9000", "Aalborg"}}
	row := func(i int) []any {
		c := cities[i%len(cities)]
		return []any{100000 + i, first[i%8], last[(i/8)%8], "Firma " + strconv.Itoa(i%5000), titles[i%6], []string{"K", "M"}[i%2],
			time.Date(1940+i%60, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC),
			"kunde" + strconv.Itoa(i) + "@example.dk", "+45 " + strconv.Itoa(26_000_000+i%2_000_000), // 26xxxxxx-27xxxxxx: valid mobiles
			"Vestergade " + strconv.Itoa(1+i%200), c.pc, c.city, "Danmark",
			time.Date(2010+i%15, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC), []string{"Ja", "Nej"}[i%2]}
	}
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	sw.SetRow("A1", headers)
	cf, err := os.Create(csv)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(cf)
	for i, h := range headers {
		if i > 0 {
			w.WriteByte(';')
		}
		w.WriteString(h.(string))
	}
	w.WriteString("\r\n")
	for i := 0; i < n; i++ {
		vals := row(i)
		cells := make([]any, len(vals))
		for j, v := range vals {
			if tm, ok := v.(time.Time); ok {
				cells[j] = excelize.Cell{Value: tm, StyleID: dateStyle}
				v = tm.Format("02.01.2006")
			} else {
				cells[j] = v
			}
			if j > 0 {
				w.WriteByte(';')
			}
			fmt.Fprint(w, v)
		}
		w.WriteString("\r\n")
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, cells); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(xlsx); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	cf.Close()
}
