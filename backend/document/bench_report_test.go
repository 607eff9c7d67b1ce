package document_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	upstream "github.com/go-pdf/fpdf"

	"directdesk/backend/document/internal/fpdf"

	"directdesk/backend/document"
	"directdesk/backend/marketing"
	"directdesk/backend/segment"
	"directdesk/backend/workspace"
)

// TestDocumentBenchReport is run by `make bench` (DIRECTDESK_BENCH=1):
// 10,000 personalised one-page letters beside the bare PDF library writing
// the same text in the same run, and 1,000 personalised 16-page catalogs
// with 100 product pictures (time, file size, peak memory).
func TestDocumentBenchReport(t *testing.T) {
	if os.Getenv("DIRECTDESK_BENCH") == "" {
		t.Skip("set DIRECTDESK_BENCH=1 (make bench)")
	}
	ctx := context.Background()
	dir := t.TempDir()
	ws, err := workspace.Open(ctx, filepath.Join(dir, "ws"), "bench")
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	if err := ws.LoadDemo(ctx, 10000, nil); err != nil {
		t.Fatal(err)
	}
	all, err := ws.Segments().IDs(ctx, &emptyFilter, time.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ids := all[:10000]
	letter, err := ws.Template(ctx, document.StarterOffer)
	if err != nil {
		t.Fatal(err)
	}
	req, err := ws.DocumentRequest(ctx, letter, ids, "bench")
	if err != nil {
		t.Fatal(err)
	}
	req.Sender.Business = marketing.BusinessProfile{Name: "Nørrebro Cykler ApS", Street: "Nørrebrogade 12", Postcode: "2200", City: "København N", Phone: "+45 33 12 34 56", Email: "hej@example.dk"}
	req.Path = filepath.Join(dir, "letters.pdf")
	runtime.GC()
	start := time.Now()
	res, err := document.Generate(ctx, ws.DB, req, nil)
	if err != nil {
		t.Fatal(err)
	}
	ours := time.Since(start)
	oursRSS := peakRSS()
	// The floor: fpdf alone writing the same words (address, date, body
	// text) with its own line breaking, one page per letter.
	texts := letterTexts(t, ws, req)
	start = time.Now()
	floorPages := bareFpdf(t, fpdf.New("P", "mm", "A4", ""), texts, filepath.Join(dir, "floor.pdf"))
	floor := time.Since(start)
	start = time.Now()
	upPages := bareFpdf(t, upstream.New("P", "mm", "A4", ""), texts, filepath.Join(dir, "upstream.pdf"))
	up := time.Since(start)
	st, _ := os.Stat(req.Path)
	oursRate := float64(res.Pages) / ours.Seconds()
	floorRate := float64(floorPages) / floor.Seconds()
	fmt.Printf("\nDocuments (2 cores, same run)\n")
	fmt.Printf("| 10,000 one-page letters | time | pages/s | vs floor | file |\n|---|---|---|---|---|\n")
	upRate := float64(upPages) / up.Seconds()
	fst, _ := os.Stat(filepath.Join(dir, "floor.pdf"))
	fmt.Printf("| floor: bare fpdf (our patched copy), same text | %.1f s | %.0f | 1.00× | %.1f MB |\n", floor.Seconds(), floorRate, float64(fst.Size())/1e6)
	fmt.Printf("| bare go-pdf/fpdf v0.9.0 as released, same text | %.1f s | %.0f | %.2f× | |\n", up.Seconds(), upRate, upRate/floorRate)
	fmt.Printf("| DirectDesk (read, merge, lay out, write, record) | %.1f s | %.0f | **%.2f×** (%.2f× the released library) | %.1f MB |\n", ours.Seconds(), oursRate, oursRate/floorRate, oursRate/upRate, float64(st.Size())/1e6)
	fmt.Printf("peak RSS after the letters: %d MB\n", oursRSS>>20)

}

// TestCatalogBenchReport runs apart from the letters so its peak memory is its own.
func TestCatalogBenchReport(t *testing.T) {
	if os.Getenv("DIRECTDESK_BENCH") == "" {
		t.Skip("set DIRECTDESK_BENCH=1 (make bench)")
	}
	ctx := context.Background()
	dir := t.TempDir()
	ws, err := workspace.Open(ctx, filepath.Join(dir, "ws"), "bench")
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	if err := ws.LoadDemo(ctx, 1000, nil); err != nil {
		t.Fatal(err)
	}
	ids, err := ws.Segments().IDs(ctx, &emptyFilter, time.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var start time.Time
	// Catalogs: 100 products in 12 categories (3×4 grid: 12 pages) + cover,
	// intro, contents and reply card = 16 pages each.
	var imgBytes int64
	var products []marketing.Product
	for i := range 100 {
		img, err := document.PrepareImageBytes("p.jpg", benchJPEG(i))
		if err != nil {
			t.Fatal(err)
		}
		imgBytes += int64(len(img.Data))
		if err := ws.DB.PutMedia(ctx, img.Name, img.Mime, img.Data); err != nil {
			t.Fatal(err)
		}
		products = append(products, marketing.Product{SKU: fmt.Sprintf("BEN-%03d", i), Name: "Produkt " + strconv.Itoa(i) + " i egetræ", Description: "Håndlavet i Danmark af bæredygtigt træ. Tål opvaskemaskine.",
			Category: fmt.Sprintf("Kategori %02d", i%12), Price: marketing.Money{Minor: int64(9900 + i*100), Currency: "DKK"}, ImagePath: "media:" + img.Name, Active: true})
	}
	existing, _ := ws.DB.Products(ctx)
	var old []int64
	for _, p := range existing {
		old = append(old, p.ID)
	}
	ws.DB.DeleteProducts(ctx, old)
	if err := ws.DB.UpsertProducts(ctx, products); err != nil {
		t.Fatal(err)
	}
	cat, err := ws.Template(ctx, document.StarterCatalog)
	if err != nil {
		t.Fatal(err)
	}
	cat.Layout.Catalog.Grid = "3x4"
	creq, err := ws.DocumentRequest(ctx, cat, ids[:1000], "bench")
	if err != nil {
		t.Fatal(err)
	}
	creq.Path = filepath.Join(dir, "catalogs.pdf")
	runtime.GC()
	start = time.Now()
	cres, err := document.Generate(ctx, ws.DB, creq, nil)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	cst, _ := os.Stat(creq.Path)
	fmt.Printf("\n| 1,000 catalogs × %d pages, 100 pictures | time | pages/s | file | pictures (once) | per catalog without pictures | peak RSS |\n|---|---|---|---|---|---|---|\n", cres.Pages/1000)
	fmt.Printf("| DirectDesk | %.1f s | %.0f | %.1f MB | %.1f MB | %.1f KB | %d MB |\n", took.Seconds(), float64(cres.Pages)/took.Seconds(),
		float64(cst.Size())/1e6, float64(imgBytes)/1e6, float64(cst.Size()-imgBytes)/1000/1000, peakRSS()>>20)
	if cst.Size() > imgBytes*3+int64(cres.Pages)*20000 {
		t.Errorf("catalog file %d bytes: pictures seem to be embedded more than once", cst.Size())
	}
}

var emptyFilter = segment.Filter{Version: segment.Version}

// letterTexts merges the same letters as plain text for the floor.
func letterTexts(t *testing.T, ws *workspace.Workspace, req document.Request) [][]string {
	t.Helper()
	ctx := context.Background()
	out := make([][]string, 0, len(req.IDs))
	for i := 0; i < len(req.IDs); i += 500 {
		for j := i; j < min(i+500, len(req.IDs)); j++ {
			p, err := document.PreviewAt(ctx, ws.DB, req, j)
			if err != nil {
				t.Fatal(err)
			}
			// The first element says how many lines come before the body:
			// the return line, the address, the sender block, the footer and
			// the date, the same words our letters print.
			b := req.Sender.Business
			head := []string{b.Name + " · " + b.Street + " · " + b.Postcode + " " + b.City}
			head = append(head, p.Address...)
			head = append(head, b.Name, b.Street, b.Postcode+" "+b.City, b.Phone, b.Email,
				strings.Join([]string{b.Name, b.Street, b.Postcode + " " + b.City, b.Phone, b.Email}, " · "))
			lines := append([]string{strconv.Itoa(len(head))}, head...)
			lines = append(lines, p.Date)
			lines = append(lines, strings.Split(document.PlainText(p.HTML), "\n")...)
			out = append(out, lines)
		}
	}
	return out
}

// pdfWriter is what the floor uses of fpdf, ours and the released one alike.
type pdfWriter interface {
	AddUTF8FontFromBytes(family, style string, b []byte)
	SetFont(family, style string, size float64)
	SetAutoPageBreak(auto bool, margin float64)
	AddPage()
	SetXY(x, y float64)
	MultiCell(w, h float64, txt, border, align string, fill bool)
	GetY() float64
	Output(w io.Writer) error
	PageCount() int
}

func bareFpdf(t *testing.T, f pdfWriter, letters [][]string, path string) int {
	t.Helper()
	font, err := os.ReadFile("fonts/DejaVuSans.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f.AddUTF8FontFromBytes("dejavu", "", font)
	f.SetFont("dejavu", "", 10.5)
	f.SetAutoPageBreak(false, 0)
	for _, l := range letters {
		f.AddPage()
		n, _ := strconv.Atoi(l[0])
		y := 45.0
		for i, s := range l[1:] {
			if i == n {
				y = 100
			}
			f.SetXY(25, y)
			f.MultiCell(165, 5, s, "", "L", false)
			y = f.GetY() + 1.5
		}
	}
	fh, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	if err := f.Output(fh); err != nil {
		t.Fatal(err)
	}
	return f.PageCount()
}

func benchJPEG(seed int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 800, 600))
	for y := range 600 {
		for x := range 800 {
			img.Set(x, y, color.RGBA{uint8(x*seed/7 + y/3), uint8(y * 2 / (1 + seed%5)), uint8((x + y + seed*13) % 256), 255})
		}
	}
	var b bytes.Buffer
	jpeg.Encode(&b, img, &jpeg.Options{Quality: 85})
	return b.Bytes()
}

// peakRSS is the process's peak resident memory so far.
func peakRSS() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Maxrss << 10
}
