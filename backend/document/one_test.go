package document_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"directdesk/backend/document"
	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// onePDF writes an attachment to a file for pdftotext and pdfinfo.
func onePDF(t testing.TB, data []byte) string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", data)
	}
	path := filepath.Join(t.TempDir(), "one.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// oneJPEG is a distinct 400×300 photo per seed (smaller than benchJPEG's
// so that the race detector's runs stay short).
func oneJPEG(seed int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	for y := range 300 {
		for x := range 400 {
			o := img.PixOffset(x, y)
			img.Pix[o], img.Pix[o+1], img.Pix[o+2], img.Pix[o+3] = uint8(x*seed/7+y/3), uint8(y*2/(1+seed%5)), uint8((x+y+seed*13)%256), 255
		}
	}
	var b bytes.Buffer
	jpeg.Encode(&b, img, &jpeg.Options{Quality: 85})
	return b.Bytes()
}

// catalogProducts stores n products with a JPEG picture each in cats
// categories: 100 in 12 on a 3×4 grid make a 16-page catalog.
func catalogProducts(t testing.TB, db *store.DB, n, cats int) {
	t.Helper()
	ctx := context.Background()
	var products []marketing.Product
	for i := range n {
		img, err := document.PrepareImageBytes("p.jpg", oneJPEG(i))
		if err != nil {
			t.Fatal(err)
		}
		if err := db.PutMedia(ctx, img.Name, img.Mime, img.Data); err != nil {
			t.Fatal(err)
		}
		products = append(products, marketing.Product{SKU: fmt.Sprintf("ONE-%03d", i), Name: "Produkt " + strconv.Itoa(i) + " i egetræ", Description: "Håndlavet i Danmark.",
			Category: fmt.Sprintf("Kategori %02d", i%cats), Price: marketing.Money{Minor: int64(9900 + i*100), Currency: "DKK"}, ImagePath: "media:" + img.Name, Active: true})
	}
	if err := db.UpsertProducts(ctx, products); err != nil {
		t.Fatal(err)
	}
}

// generatedText is the text of the contact's file when Generate makes one
// PDF per recipient.
func generatedText(t testing.TB, db *store.DB, req document.Request, id int64) string {
	t.Helper()
	req.IDs = []int64{id}
	req.Output = marketing.OutputPerPerson
	req.Path = t.TempDir()
	res, err := document.Generate(context.Background(), db, req, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 1 {
		t.Fatalf("generate made %v", res.Files)
	}
	return pdftotext(t, res.Files[0])
}

// raceEnabled tells whether the test binary was built with -race (which
// makes drawing several times slower).
func raceEnabled() bool {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-race" {
				return s.Value == "true"
			}
		}
	}
	return false
}

func runs(t testing.TB, db *store.DB) int {
	t.Helper()
	list, err := db.DocumentRuns(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

func TestRenderOneLetterIsTheLetterGenerateMakesForTheContact(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	ids := addContacts(t, db, people...)
	req := request(t, marketing.KindLetter, "", ids, "")
	req.Campaign = "Vinter 2026"
	before := runs(t, db)
	data, err := document.RenderOne(ctx, db, req, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if runs(t, db) != before {
		t.Error("RenderOne recorded a document run")
	}
	path := onePDF(t, data)
	text := pdftotext(t, path)
	codes, err := db.ResponseCodes(ctx, req.Campaign, ids[:1])
	if err != nil || codes[ids[0]] == "" {
		t.Fatalf("codes = %v, %v", codes, err)
	}
	for _, want := range []string{"Søren Ærø-Åberg", "Vestergade 12, 2. th", "2100 København Ø", "Kære Søren", "København N, 2. december 2026", marketing.FormatResponseCode(codes[ids[0]])} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks %q:\n%s", want, text)
		}
	}
	for _, other := range []string{"Åsa", "Анна", "Kari"} {
		if strings.Contains(text, other) {
			t.Errorf("letter of one contact mentions %q", other)
		}
	}
	if n := pages(t, path); n != 1 {
		t.Errorf("pages = %d, want 1", n)
	}
	if got := generatedText(t, db, req, ids[0]); got != text {
		t.Errorf("RenderOne and Generate differ:\n--- RenderOne\n%s\n--- Generate\n%s", text, got)
	}
}

func TestRenderOneCatalogCarriesNameCodeAndVariantAndIsQuick(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	catalogProducts(t, db, 100, 12)
	ids := addContacts(t, db, people...)
	req := request(t, marketing.KindCatalog, "", ids, "")
	req.Template.Layout.Catalog.Grid = "3x4"
	req.Campaign = "Katalog vinter"
	req.Template.Layout.Catalog.Variants = []marketing.CatalogVariant{{Segment: "Seniorer", Categories: []string{"Kategori 00"}, Discount: 10}}
	req.Known.Segments = []string{"Seniorer"}
	req.Segments = map[string]map[int64]bool{"Seniorer": {ids[1]: true}}
	// Warm the fonts (read once per process) so the timing is per call.
	if _, err := document.RenderOne(ctx, db, req, ids[3]); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	data, err := document.RenderOne(ctx, db, req, ids[0])
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	path := onePDF(t, data)
	t.Logf("16-page catalog with 100 pictures: %v, %d KB (race detector: %v)", took, len(data)>>10, raceEnabled())
	// Timing is measured by BenchmarkRenderOneCatalog, never asserted.
	if n := pages(t, path); n != 16 {
		t.Errorf("pages = %d, want 16", n)
	}
	text := pdftotext(t, path)
	codes, _ := db.ResponseCodes(ctx, req.Campaign, ids)
	for _, want := range []string{"Varekatalog", "Søren Ærø-Åberg", "Kære Søren", "Kategori 11", "99,00", marketing.FormatResponseCode(codes[ids[0]])} {
		if !strings.Contains(text, want) {
			t.Errorf("catalog lacks %q", want)
		}
	}
	if got := generatedText(t, db, req, ids[0]); got != text {
		t.Errorf("RenderOne and Generate differ:\n--- RenderOne\n%.2000s\n--- Generate\n%.2000s", text, got)
	}
	// The senior gets the variant: one category, 10 % off.
	data, err = document.RenderOne(ctx, db, req, ids[1])
	if err != nil {
		t.Fatal(err)
	}
	senior := pdftotext(t, onePDF(t, data))
	if !strings.Contains(senior, "Åsa Öberg") || !strings.Contains(senior, "89,00") || strings.Contains(senior, "Kategori 11") ||
		!strings.Contains(senior, marketing.FormatResponseCode(codes[ids[1]])) {
		t.Errorf("the senior's catalog is not the variant with 10 %% off and her code:\n%.1500s", senior)
	}
}

func TestRenderOneNeedsNoPostalAddressAndNoCampaign(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	catalogProducts(t, db, 6, 2)
	ids := addContacts(t, db, marketing.Contact{FirstName: "Ida", LastName: "Holm", Email: "ida@example.dk", City: "Roskilde"})
	for _, kind := range []marketing.TemplateKind{marketing.KindCatalog, marketing.KindLetter} {
		req := request(t, kind, "", ids, "")
		data, err := document.RenderOne(ctx, db, req, ids[0])
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		text := pdftotext(t, onePDF(t, data))
		if !strings.Contains(text, "Kære Ida") {
			t.Errorf("%s lacks the greeting:\n%s", kind, text)
		}
		if kind == marketing.KindCatalog && !strings.Contains(text, "Ida Holm") {
			t.Errorf("catalog cover lacks the name")
		}
		// A partial address (a city alone) is left out, as for the post.
		if strings.Contains(text, "Roskilde") {
			t.Errorf("%s prints a partial address:\n%s", kind, text)
		}
		// Without a campaign there is no code: the reply card has none.
		if kind == marketing.KindCatalog && (strings.Contains(text, "Din kode") || !strings.Contains(text, "Svarkort")) {
			t.Errorf("catalog without a campaign prints a code:\n%s", text)
		}
	}
	if runs(t, db) != 0 {
		t.Error("RenderOne recorded a document run")
	}
}

func TestRenderOneRefusesLabelsAndUnknownContacts(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	ids := addContacts(t, db, people[:2]...)
	_, err := document.RenderOne(ctx, db, request(t, marketing.KindLabels, "", ids, ""), ids[0])
	if e := marketing.AsError(err); e == nil || e.Code != marketing.EInvalid || !strings.Contains(e.Message, "Labels cannot be attached to an email") {
		t.Errorf("labels: %v", err)
	}
	email := request(t, marketing.KindLetter, "", ids, "")
	email.Template.Kind = marketing.KindEmail
	if _, err := document.RenderOne(ctx, db, email, ids[0]); marketing.ErrorCode(err) != marketing.EInvalid {
		t.Errorf("email template: %v", err)
	}
	req := request(t, marketing.KindLetter, "", ids, "")
	req.Campaign = "Vinter"
	if _, err := db.DeleteContacts(ctx, ids[1:2]); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{ids[1], 987654} {
		if _, err := document.RenderOne(ctx, db, req, id); marketing.ErrorCode(err) != marketing.ENotFound {
			t.Errorf("contact %d: err = %v, want not_found", id, err)
		}
	}
	// A template that does not merge is refused before anything is read.
	bad := request(t, marketing.KindLetter, "<p>{{no_such_field}}</p>", ids, "")
	if _, err := document.RenderOne(ctx, db, bad, ids[0]); marketing.ErrorCode(err) != marketing.EInvalid {
		t.Errorf("bad template: %v", err)
	}
	// A cancelled call makes nothing.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if data, err := document.RenderOne(cctx, db, req, ids[0]); marketing.ErrorCode(err) != marketing.ECanceled || data != nil {
		t.Errorf("cancelled: %d bytes, %v", len(data), err)
	}
}

func TestRenderOneRunsConcurrently(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	catalogProducts(t, db, 12, 3)
	ids := addContacts(t, db, people...)
	letter := request(t, marketing.KindLetter, "", ids, "")
	catalog := request(t, marketing.KindCatalog, "", ids, "")
	letter.Campaign, catalog.Campaign = "Samtidig", "Samtidig"
	names := []string{"Søren Ærø-Åberg", "Åsa Öberg", "Иванова Анна Петровна", "Kari Nordmann"}
	type result struct {
		i    int
		data []byte
		err  error
	}
	out := make(chan result, 8)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := letter
			if i%2 == 1 {
				req = catalog
			}
			data, err := document.RenderOne(ctx, db, req, ids[i%4])
			out <- result{i, data, err}
		}()
	}
	wg.Wait()
	close(out)
	for r := range out {
		if r.err != nil {
			t.Errorf("call %d: %v", r.i, r.err)
			continue
		}
		text := pdftotext(t, onePDF(t, r.data))
		if !strings.Contains(text, names[r.i%4]) {
			t.Errorf("call %d lacks %q", r.i, names[r.i%4])
		}
	}
}

func BenchmarkRenderOneCatalog(b *testing.B) {
	db := openDB(b)
	ctx := context.Background()
	catalogProducts(b, db, 100, 12)
	ids := addContacts(b, db, people...)
	req := request(b, marketing.KindCatalog, "", ids, "")
	req.Template.Layout.Catalog.Grid = "3x4"
	req.Campaign = "Bench"
	for i := 0; b.Loop(); i++ {
		if _, err := document.RenderOne(ctx, db, req, ids[i%4]); err != nil {
			b.Fatal(err)
		}
	}
}
