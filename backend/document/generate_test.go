package document_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"directdesk/backend/document"
	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

func openDB(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func addContacts(t testing.TB, db *store.DB, cs ...marketing.Contact) []int64 {
	t.Helper()
	var ids []int64
	for i := range cs {
		if err := db.CreateContact(context.Background(), &cs[i]); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, cs[i].ID)
	}
	return ids
}

var people = []marketing.Contact{
	{FirstName: "Søren", LastName: "Ærø-Åberg", Gender: "male", Street1: "Vestergade 12, 2. th", Postcode: "2100", City: "København Ø", Country: "DK", Language: "da"},
	{FirstName: "Åsa", LastName: "Öberg", Gender: "female", Street1: "Drottninggatan 5", Postcode: "11455", City: "Stockholm", Country: "SE", Language: "sv"},
	{FirstName: "Анна", MiddleName: "Петровна", LastName: "Иванова", Gender: "female", Street1: "ул. Ленина, д. 5, кв. 10", Postcode: "101000", City: "Москва", Region: "Московская обл.", Country: "RU", Language: "ru"},
	{FirstName: "Kari", LastName: "Nordmann", Street1: "Storgata 1", Postcode: "0150", City: "Oslo", Country: "NO", Language: "nb"},
}

func request(t testing.TB, kind marketing.TemplateKind, body string, ids []int64, out string) document.Request {
	t.Helper()
	var tpl marketing.Template
	for _, s := range document.Starters("da") {
		if s.Kind == kind && s.Name != document.StarterLetter {
			tpl = s
			break
		}
	}
	tpl.ID, tpl.Version = 1, 3
	if body != "" {
		tpl.Body = body
	}
	return document.Request{
		Template: tpl, IDs: ids, Output: marketing.OutputCombined, Path: out, Country: "DK", Currency: "DKK",
		Today:  time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC),
		Sender: document.Sender{Lang: "da", Business: marketing.BusinessProfile{Name: "Nørrebro Cykler ApS", Street: "Nørrebrogade 12", Postcode: "2200", City: "København N", Phone: "+45 33 12 34 56", Email: "hej@example.dk"}},
	}
}

func pdftotext(t testing.TB, path string, args ...string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", append(append([]string{}, args...), path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

func pages(t testing.TB, path string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(string(out))
	n, _ := strconv.Atoi(m[1])
	return n
}

func TestLettersCarryEveryNameWithItsLettersIntactAndTheResponseCode(t *testing.T) {
	db := openDB(t)
	ids := addContacts(t, db, people...)
	out := filepath.Join(t.TempDir(), "letters.pdf")
	req := request(t, marketing.KindLetter, "", ids, out)
	res, err := document.Generate(context.Background(), db, req, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Recipients != 4 || res.Pages != 4 || pages(t, out) != 4 {
		t.Errorf("recipients %d, pages %d/%d, want 4 one-page letters", res.Recipients, res.Pages, pages(t, out))
	}
	text := pdftotext(t, out)
	for _, want := range []string{"Søren Ærø-Åberg", "Åsa Öberg", "114 55 Stockholm", "SVERIGE", "Иванова Анна Петровна", "Kære Анна", "Kære Åsa", "101000", "2. december 2026"} {
		if !strings.Contains(text, want) {
			t.Errorf("letters lack %q", want)
		}
	}
	recs, err := db.RunRecipients(context.Background(), res.ID)
	if err != nil || len(recs) != 4 {
		t.Fatalf("recorded recipients = %v, %v", recs, err)
	}
	for _, r := range recs {
		if !strings.Contains(text, marketing.FormatResponseCode(r.ResponseCode)) {
			t.Errorf("code %s of contact %d is not printed", r.ResponseCode, r.ContactID)
		}
		if _, err := marketing.ParseResponseCode(r.ResponseCode); err != nil {
			t.Errorf("stored code %q does not check: %v", r.ResponseCode, err)
		}
	}
	// Postal order: Danish 2100 before Norwegian, Russian and Swedish (country, then postcode).
	if strings.Index(text, "Søren") > strings.Index(text, "Åsa Öberg") {
		t.Errorf("letters are not sorted for the post")
	}
}

func TestALetterSpeaksTheLanguageItIsWrittenIn(t *testing.T) {
	db := openDB(t)
	ids := addContacts(t, db, people...)
	for i, c := range []struct{ lang, want, date string }{
		{"da", "Kære Søren", "2. december 2026"},
		{"sv", "Hej Åsa", "2 december 2026"},
		{"ru", "Уважаемая Анна Петровна", "2 декабря 2026"},
		{"nb", "Kjære Kari", "2. desember 2026"},
	} {
		var tpl marketing.Template
		for _, s := range document.Starters(c.lang) {
			if s.Name == document.StarterOffer {
				tpl = s
			}
		}
		out := filepath.Join(t.TempDir(), c.lang+".pdf")
		req := request(t, marketing.KindLetter, "", ids[i:i+1], out)
		req.Template = tpl
		if _, err := document.Generate(context.Background(), db, req, nil); err != nil {
			t.Fatal(err)
		}
		text := pdftotext(t, out)
		if !strings.Contains(text, c.want) || !strings.Contains(text, c.date) {
			t.Errorf("%s letter lacks %q or %q:\n%.500s", c.lang, c.want, c.date, text)
		}
	}
}

func TestAResponseCodeStaysWithItsRecipientWithinACampaign(t *testing.T) {
	db := openDB(t)
	ids := addContacts(t, db, people[:2]...)
	dir := t.TempDir()
	codes := func(campaign, name string) map[int64]string {
		req := request(t, marketing.KindLetter, "", ids, filepath.Join(dir, name))
		req.Campaign = campaign
		res, err := document.Generate(context.Background(), db, req, nil)
		if err != nil {
			t.Fatal(err)
		}
		recs, _ := db.RunRecipients(context.Background(), res.ID)
		m := map[int64]string{}
		for _, r := range recs {
			m[r.ContactID] = r.ResponseCode
		}
		return m
	}
	a, again, b := codes("Winter", "a.pdf"), codes("Winter", "b.pdf"), codes("Spring", "c.pdf")
	for _, id := range ids {
		if a[id] != again[id] {
			t.Errorf("contact %d got a new code on the reprint: %s then %s", id, a[id], again[id])
		}
		if a[id] == b[id] {
			t.Errorf("contact %d has the same code in two campaigns", id)
		}
	}
	if a[ids[0]] == a[ids[1]] {
		t.Error("two recipients share a code")
	}
}

// words returns each word pdftotext finds with its box, in millimetres.
type bbox struct {
	text                   string
	xMin, yMin, xMax, yMax float64
	page                   int
}

func words(t testing.TB, path string) []bbox {
	t.Helper()
	raw := pdftotext(t, path, "-bbox")
	dec := xml.NewDecoder(strings.NewReader(raw))
	dec.Strict = false
	var out []bbox
	page := 0
	const mm = 25.4 / 72
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Local == "page" {
			page++
		}
		if se.Name.Local != "word" {
			continue
		}
		var w bbox
		w.page = page
		for _, a := range se.Attr {
			v, _ := strconv.ParseFloat(a.Value, 64)
			switch a.Name.Local {
			case "xMin":
				w.xMin = v * mm
			case "xMax":
				w.xMax = v * mm
			case "yMin":
				w.yMin = v * mm
			case "yMax":
				w.yMax = v * mm
			}
		}
		var text string
		dec.DecodeElement(&text, &se)
		w.text = text
		out = append(out, w)
	}
	return out
}

func TestLongAddressesStayInsideTheEnvelopeWindow(t *testing.T) {
	db := openDB(t)
	long := marketing.Contact{
		FirstName: "Maximilian-Alexander", MiddleName: "Christoffer", LastName: "Vestergaard-Rasmussen",
		Company: "Det Kongelige Danske Landhusholdningsselskabs Internationale Rådgivningsafdeling ApS",
		Street1: "Sankt Annæ Plads 13, 4. sal, opgang C, dør til venstre", Street2: "c/o Bogholderiet, bygning 7",
		Postcode: "1250", City: "København K", Country: "SE",
	}
	noName := marketing.Contact{Company: "Smørrebrød & Co", Street1: "Nyhavn 1", Postcode: "1051", City: "København K", Country: "DK"}
	ids := addContacts(t, db, long, noName)
	for _, window := range []string{"left", "right"} {
		out := filepath.Join(t.TempDir(), window+".pdf")
		req := request(t, marketing.KindLetter, "", ids, out)
		req.Template.Layout.Letter.Window = window
		res, err := document.Generate(context.Background(), db, req, nil)
		if err != nil {
			t.Fatal(err)
		}
		// The window of a DL/C5 envelope: 20 mm from the side, 45–90 mm from the top, 85 mm wide.
		x0 := 20.0
		if window == "right" {
			x0 = 210 - 20 - 85
		}
		inWindow := 0
		for _, w := range words(t, out) {
			if w.yMin < 44 || w.yMax > 91 || w.page != 1 && w.page != 2 {
				continue
			}
			if w.xMax <= x0 || w.xMin >= x0+85 {
				continue // the sender block beside the window
			}
			if w.xMin < x0-0.5 || w.xMax > x0+85+0.5 {
				t.Errorf("%s window: %q at x %.1f–%.1f mm leaves the window %.0f–%.0f", window, w.text, w.xMin, w.xMax, x0, x0+85)
			}
			if w.xMin >= x0 && w.xMax <= x0+85 {
				inWindow++
			}
		}
		if inWindow < 10 {
			t.Errorf("%s window: only %d words in the window", window, inWindow)
		}
		text := pdftotext(t, out)
		if !strings.Contains(text, "Kære kunde") {
			t.Error("a contact without a first name is not greeted with the fallback")
		}
		if !strings.Contains(text, "1250 København K") || !strings.Contains(text, "SVERIGE") {
			t.Error("the postcode line or the country line of the long address was dropped")
		}
		shortened := false
		for _, p := range res.Problems {
			shortened = shortened || p.Reason == "address_too_long" && p.ContactID == ids[0]
		}
		if !shortened {
			t.Errorf("the long address is not reported: %+v", res.Problems)
		}
	}
	rep, err := document.Preflight(context.Background(), db, request(t, marketing.KindLetter, "", ids, ""), nil)
	if err != nil {
		t.Fatal(err)
	}
	gaps := map[string]int{}
	for _, g := range rep.Gaps {
		gaps[g.Key] = g.Count
	}
	if gaps["address_too_long"] != 1 || rep.Recipients != 2 {
		t.Errorf("preflight = %+v", rep)
	}
}

func TestPreflightCountsRecipientsWithoutAFieldTheLetterUses(t *testing.T) {
	db := openDB(t)
	nobody := marketing.Contact{LastName: "Hansen", Street1: "Algade 1", Postcode: "4000", City: "Roskilde"}
	noAddress := marketing.Contact{FirstName: "Ida", Email: "ida@example.dk"}
	ids := addContacts(t, db, people[0], nobody, noAddress)
	req := request(t, marketing.KindLetter, "<p>Hej {{first_name}}, din by er {{city}}.</p><p>{{first_name | \"ven\"}}</p>", ids, "")
	rep, err := document.Preflight(context.Background(), db, req, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]document.Gap{}
	for _, g := range rep.Gaps {
		got[g.Key] = g
	}
	if g := got["first_name"]; g.Count != 1 || len(g.Contacts) != 1 || g.Contacts[0].ID != ids[1] {
		t.Errorf("first_name gap = %+v", g)
	}
	if g := got["address_missing"]; g.Count != 1 || g.Contacts[0].ID != ids[2] {
		t.Errorf("address gap = %+v", g)
	}
	if rep.Ready != 1 {
		t.Errorf("ready = %d, want 1", rep.Ready)
	}
	// Generation leaves the contact without an address out and says so.
	req.Path = filepath.Join(t.TempDir(), "x.pdf")
	res, err := document.Generate(context.Background(), db, req, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Recipients != 2 || res.Skipped != 1 {
		t.Errorf("recipients %d skipped %d", res.Recipients, res.Skipped)
	}
}

func TestAMultiPageLetterIsNumberedAndEachLetterStartsOnItsOwnPage(t *testing.T) {
	db := openDB(t)
	ids := addContacts(t, db, people[:2]...)
	out := filepath.Join(t.TempDir(), "long.pdf")
	body := "<p>{{salutation}},</p>" + strings.Repeat("<p>Vi har travlt i butikken, og der er kommet mange nye varer hjem, som vi gerne vil vise dig næste gang du kigger forbi.</p>", 40)
	res, err := document.Generate(context.Background(), db, request(t, marketing.KindLetter, body, ids, out), nil)
	if err != nil {
		t.Fatal(err)
	}
	text := pdftotext(t, out)
	n := strings.Count(text, "Side 1 af 3") + strings.Count(text, "Sida 1 av 3")
	if res.Pages != 6 || n != 2 || !strings.Contains(text, "Side 3 af 3") {
		t.Errorf("pages %d, first-page numbers %d", res.Pages, n)
	}
}

func TestLabelsStartWhereThePartlyUsedSheetContinues(t *testing.T) {
	db := openDB(t)
	var cs []marketing.Contact
	for i := range 20 {
		c := people[i%4]
		c.FirstName += strconv.Itoa(i)
		cs = append(cs, c)
	}
	ids := addContacts(t, db, cs...)
	out := filepath.Join(t.TempDir(), "labels.pdf")
	req := request(t, marketing.KindLabels, "", ids, out)
	req.Template.Layout.Labels = marketing.LabelLayout{Sheet: "L7163", Start: 5, SortByZip: true}
	res, err := document.Generate(context.Background(), db, req, nil)
	if err != nil {
		t.Fatal(err)
	}
	// L7163 holds 14; starting at 5 leaves 10 on the first sheet, 10 more on the second.
	if res.Pages != 2 || pages(t, out) != 2 {
		t.Fatalf("pages = %d", res.Pages)
	}
	first := 0
	for _, w := range words(t, out) {
		if w.page == 1 && (w.text == "Vestergade" || w.text == "Drottninggatan" || w.text == "ул." || w.text == "Storgata") {
			first++
			// Positions 1–4 (the top two rows) stay empty: 15 mm + 2 × 38.1 mm.
			if w.yMin < 15+2*38.1 {
				t.Errorf("a label was printed on a used position at y %.1f mm", w.yMin)
			}
		}
	}
	if first != 10 {
		t.Errorf("first sheet has %d labels, want 10", first)
	}
	// A custom sheet that does not fit on A4 is refused with the field named.
	req.Template.Layout.Labels = marketing.LabelLayout{Sheet: "custom", Columns: 4, Rows: 8, Width: 70, Height: 38}
	_, err = document.Generate(context.Background(), db, req, nil)
	if e := marketing.AsError(err); e == nil || e.Field != "width" {
		t.Errorf("oversized custom sheet: %v", err)
	}
}

func TestOnePDFPerRecipientAndCancelLeavesNothingBehind(t *testing.T) {
	db := openDB(t)
	ids := addContacts(t, db, people...)
	dir := filepath.Join(t.TempDir(), "letters")
	req := request(t, marketing.KindLetter, "", ids, dir)
	req.Output = marketing.OutputPerPerson
	res, err := document.Generate(context.Background(), db, req, nil)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.pdf"))
	if len(files) != 4 || len(res.Files) != 4 || filepath.Dir(res.Files[0]) != res.Path || filepath.Dir(res.Path) != dir {
		t.Fatalf("files = %v, run folder %s", files, res.Path)
	}
	if !strings.Contains(strings.Join(files, " "), "Søren-Ærø-Åberg") {
		t.Errorf("file names do not name the recipient: %v", files)
	}
	// Cancelled half-way: no files, no run recorded.
	before, _ := db.DocumentRuns(context.Background(), 10)
	ctx, cancel := context.WithCancel(context.Background())
	dir2 := filepath.Join(t.TempDir(), "cancelled")
	req.Path = dir2
	_, err = document.Generate(ctx, db, req, func(done, total int) {
		if done == 3 {
			cancel()
		}
	})
	if marketing.ErrorCode(err) != marketing.ECanceled {
		t.Fatalf("err = %v, want canceled", err)
	}
	left, _ := filepath.Glob(filepath.Join(dir2, "*"))
	after, _ := db.DocumentRuns(context.Background(), 10)
	if len(left) != 0 || len(after) != len(before) {
		t.Errorf("cancel left %v and %d runs (before %d)", left, len(after), len(before))
	}
}

func testPNG(t testing.TB, seed int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	for y := range 300 {
		for x := range 400 {
			img.Set(x, y, color.RGBA{uint8(seed * 40), uint8(x * seed), uint8(y), 255})
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

func TestCatalogImagesAreEmbeddedOnceAndVariantsFollowSegments(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	var products []marketing.Product
	for i := range 12 {
		img, err := document.PrepareImageBytes("p.png", testPNG(t, i%3))
		if err != nil {
			t.Fatal(err)
		}
		if err := db.PutMedia(ctx, img.Name, img.Mime, img.Data); err != nil {
			t.Fatal(err)
		}
		cat := []string{"Have", "Kaffe & te", "Gaver"}[i%3]
		products = append(products, marketing.Product{SKU: "SKU-" + strconv.Itoa(i), Name: "Vare nr. " + strconv.Itoa(i) + " æøå", Category: cat, Description: "Smuk og solid.", Price: marketing.Money{Minor: 10000 + int64(i)*100, Currency: "DKK"}, ImagePath: "media:" + img.Name, Active: true})
	}
	if err := db.UpsertProducts(ctx, products); err != nil {
		t.Fatal(err)
	}
	ids := addContacts(t, db, people...)
	out := filepath.Join(t.TempDir(), "catalog.pdf")
	req := request(t, marketing.KindCatalog, "", ids, out)
	req.Template.Layout.Catalog.Variants = []marketing.CatalogVariant{{Segment: "Seniorer", Categories: []string{"Have"}, Discount: 10}}
	req.Known.Segments = []string{"Seniorer"}
	req.Segments = map[string]map[int64]bool{"Seniorer": {ids[0]: true}}
	res, err := document.Generate(ctx, db, req, nil)
	if err != nil {
		t.Fatal(err)
	}
	list, err := exec.Command("pdfimages", "-list", out).Output()
	if err != nil {
		t.Fatal(err)
	}
	// Three distinct pictures (seed 0, 1, 2) across 4 catalogs: each object once.
	objects := map[string]bool{}
	for _, line := range strings.Split(string(list), "\n")[2:] {
		f := strings.Fields(line)
		if len(f) > 11 {
			objects[f[10]] = true
		}
	}
	if len(objects) != 3 {
		t.Errorf("distinct image objects = %d, want 3 (each picture once)\n%s", len(objects), list)
	}
	text := pdftotext(t, out, "-layout")
	// Split the print file into catalogs: each starts with its cover.
	var catalogs []string
	for _, page := range strings.Split(text, "\f") {
		if strings.Contains(page, "Varekatalog") || len(catalogs) == 0 {
			catalogs = append(catalogs, "")
		}
		catalogs[len(catalogs)-1] += page + "\f"
	}
	if os.Getenv("DD_KEEP") != "" {
		exec.Command("cp", out, os.Getenv("DD_KEEP")).Run()
	}
	if len(catalogs) != 4 {
		t.Fatalf("found %d catalogs, want 4", len(catalogs))
	}
	first := catalogs[0]
	if !strings.Contains(first, "Søren") || !strings.Contains(first, "90,00") || strings.Contains(first, "Kaffe & te") {
		t.Errorf("the senior's catalog is not the Have variant with 10 %% off:\n%.1500s", first)
	}
	if !strings.Contains(text, "Kaffe & te") {
		t.Error("the others' catalogs lack the other categories")
	}
	recs, _ := db.RunRecipients(ctx, res.ID)
	for _, r := range recs {
		if !strings.Contains(text, marketing.FormatResponseCode(r.ResponseCode)) {
			t.Errorf("catalog of %d lacks its code", r.ContactID)
		}
		if r.ContactID == ids[0] && r.Variant != "Seniorer" {
			t.Errorf("variant recorded = %q", r.Variant)
		}
	}
	if os.Getenv("DD_KEEP") != "" {
		exec.Command("cp", out, os.Getenv("DD_KEEP")).Run()
	}
}
