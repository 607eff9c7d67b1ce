package importer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"directdesk/backend/importer"
	"directdesk/backend/marketing"
	"directdesk/backend/store"
	"directdesk/backend/workspace"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

func TestMain(m *testing.M) {
	store.HealthCheckDelay = 0
	os.Exit(m.Run())
}

func openWS(t testing.TB) *workspace.Workspace {
	t.Helper()
	ws, err := workspace.Open(context.Background(), t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	s, err := ws.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s.Country, s.Currency, s.Language = "DK", "DKK", "da"
	if _, err := ws.SaveSettings(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return ws
}

// writeXLSX writes rows (strings, numbers, times) to a new workbook.
func writeXLSX(t testing.TB, name string, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if v == nil {
				continue
			}
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
			if _, ok := v.(time.Time); ok {
				f.SetCellStyle("Sheet1", cell, cell, dateStyle)
			}
		}
	}
	p := filepath.Join(t.TempDir(), name)
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// danishRows is a customer list as a Danish shop keeps it: a title, a blank
// row, then the header; dates as real dates and as text, a Norwegian
// customer whose postcode Excel turned into a number, a duplicate, a bad
// email and a blank row in the middle.
func danishRows() [][]any {
	return [][]any{
		{"Kundeliste efterår 2026"},
		{},
		{"Kundenr.", "Navn", "Adresse", "Postnr.", "By", "Land", "E-mail", "Mobil", "Fødselsdato", "Køn", "Nyhedsbrev"},
		{1001, "Hansen, Anna", "Vestergade 12", "2100", "København Ø", "Danmark", "anna@example.dk", "20 12 34 56", day(1975, 3, 12), "K", "Ja"},
		{1002, "Peter Møller Jensen", "Nørregade 3, 2. th.", "8000", "Aarhus C", "", "peter@example.dk", "+45 31 22 33 44", "24.12.1980", "Mand", "Nej"},
		{1003, "Kari Nordmann", "Karl Johans gate 1", 150, "Oslo", "Norge", "kari@example.no", "", "1990-06-01", "Kvinne", ""},
		{},
		{1004, "Søren Kierkegaard", "Nytorv 2", "1450", "København K", "", "ANNA@example.dk", "", "", "M", "ja"},
		{1005, "Ole Bad", "Strøget 1", "1000", "København", "", "ole@@example", "", "", "", ""},
		{1006, "Lise Lotte", "Bredgade 4", "1260", "København K", "", "lise@eksempel.dk", "", "31/02/1970", "", ""},
	}
}

func inspect(t *testing.T, ws *workspace.Workspace, kind marketing.ImportKind, src importer.Source) marketing.ImportInspection {
	t.Helper()
	in, err := ws.Importer().Inspect(context.Background(), kind, src)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func fieldOf(in marketing.ImportInspection, header string) string {
	for _, c := range in.Mapping.Columns {
		if c.Header == header {
			return c.Field
		}
	}
	return "?"
}

func TestDanishWorkbookFromTitleRowToUndo(t *testing.T) {
	ctx := context.Background()
	ws := openWS(t)
	src := importer.Source{Path: writeXLSX(t, "kunder.xlsx", danishRows())}
	in := inspect(t, ws, marketing.ImportContacts, src)
	if in.HeaderRow != 3 || in.Format != "xlsx" {
		t.Fatalf("header row %d, format %s", in.HeaderRow, in.Format)
	}
	for h, want := range map[string]string{"Kundenr.": "customerNo", "Navn": "fullName", "Postnr.": "postcode", "By": "city",
		"E-mail": "email", "Mobil": "mobile", "Fødselsdato": "birthDate", "Køn": "gender", "Nyhedsbrev": "consentEmail", "Land": "country"} {
		if got := fieldOf(in, h); got != want {
			t.Errorf("%s mapped to %q, want %q", h, got, want)
		}
	}
	opt := marketing.ImportOptions{Mapping: in.Mapping, Policy: marketing.PolicyUpdate, MatchNamePostcode: true}
	rows, err := ws.Importer().Preview(ctx, src, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 {
		t.Fatalf("preview has %d rows, want 6 (blank row skipped)", len(rows))
	}
	status := map[int]string{}
	for _, r := range rows {
		status[r.Row] = r.Status
	}
	want := map[int]string{4: "new", 5: "new", 6: "new", 8: "duplicate", 9: "invalid", 10: "invalid"}
	for row, s := range want {
		if status[row] != s {
			t.Errorf("row %d: %s, want %s (%+v)", row, status[row], s, rows)
		}
	}
	if rows[0].Values["firstName"] != "Anna" || rows[0].Values["lastName"] != "Hansen" || rows[0].Values["birthDate"] != "1975-03-12" ||
		rows[0].Values["mobile"] != "+4520123456" || rows[0].Values["gender"] != "female" {
		t.Errorf("row 4 values: %v", rows[0].Values)
	}
	if rows[2].Values["postcode"] != "0150" || rows[2].Values["country"] != "NO" {
		t.Errorf("Oslo postcode not repaired: %v", rows[2].Values)
	}
	if p := rows[4].Problems; len(p) == 0 || p[0].Field != "email" || p[0].Column != 6 {
		t.Errorf("bad email row problems: %+v", p)
	}
	if p := rows[5].Problems; len(p) == 0 || p[0].Field != "birthDate" {
		t.Errorf("31/02 problems: %+v", p)
	}

	sum, err := ws.Importer().Analyze(ctx, src, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := sum.Counts
	if c.Rows != 6 || c.New != 3 || c.DuplicatesInFile != 1 || c.Invalid != 2 || sum.Rejects == "" || len(sum.Reasons) != 2 {
		t.Fatalf("summary: %+v", sum)
	}
	if info, _ := ws.Info(ctx); info.Counts.Contacts != 0 {
		t.Fatal("the dry run stored contacts")
	}
	rejects := filepath.Join(ws.DownloadDir(), sum.Rejects)
	f, err := excelize.OpenFile(rejects)
	if err != nil {
		t.Fatal(err)
	}
	rr, _ := f.GetRows(f.GetSheetList()[0])
	f.Close()
	if len(rr) != 4 || rr[0][0] != "Problem" || rr[0][3] != "Navn" || !strings.Contains(rr[1][0], "row 4") || rr[2][3] != "Ole Bad" {
		t.Fatalf("rejects sheet: %q", rr)
	}

	b, err := ws.Importer().Commit(ctx, src, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	if b.Counts != c || b.ID == 0 || b.SHA256 == "" || b.FileName != "kunder.xlsx" {
		t.Fatalf("batch %+v, analyze said %+v", b, c)
	}
	if info, _ := ws.Info(ctx); info.Counts.Contacts != 3 {
		t.Fatalf("the contact counter says %d after importing 3", info.Counts.Contacts)
	}
	page, _ := ws.DB.ListContacts(ctx, marketing.ContactQuery{Search: "anna"})
	if page.Total != 1 || page.Items[0].CustomerNo != "1001" || page.Items[0].Street1 != "Vestergade 12" {
		t.Fatalf("anna: %+v", page)
	}
	// The mapping is remembered for the next file with these columns.
	again := inspect(t, ws, marketing.ImportContacts, src)
	if !again.Remembered {
		t.Error("mapping not remembered")
	}
	batches, _ := ws.DB.ImportBatches(ctx)
	if len(batches) != 1 || batches[0].Counts.New != 3 {
		t.Fatalf("batches: %+v", batches)
	}
	if _, err := ws.DB.UndoImport(ctx, b.ID, nil); err != nil {
		t.Fatal(err)
	}
	if info, _ := ws.Info(ctx); info.Counts.Contacts != 0 {
		t.Fatalf("undo left %d contacts", info.Counts.Contacts)
	}
	if _, err := ws.DB.UndoImport(ctx, b.ID, nil); marketing.ErrorCode(err) != marketing.EConflict {
		t.Fatalf("second undo: %v", err)
	}
}

func TestPoliciesAndUndoRestoresValues(t *testing.T) {
	ctx := context.Background()
	ws := openWS(t)
	stored := marketing.Contact{FirstName: "Anna", LastName: "Hansen", Email: "anna@example.dk", City: "Odense", Postcode: "5000", Country: "DK", Tags: []string{"VIP"}}
	if err := ws.DB.CreateContact(ctx, &stored); err != nil {
		t.Fatal(err)
	}
	src := importer.Source{ImportSource: marketing.ImportSource{Paste: "Fornavn\tEfternavn\tE-mail\tBy\tTelefon\nAnna\tHansen\tANNA@example.dk\tVejle\t75 12 34 56\n"}}
	in := inspect(t, ws, marketing.ImportContacts, src)
	for _, tc := range []struct {
		policy      marketing.DuplicatePolicy
		city, phone string
		status      string
	}{
		{marketing.PolicySkip, "Odense", "", "skipped"},
		{marketing.PolicyFill, "Odense", "+4575123456", "update"},
		{marketing.PolicyUpdate, "Vejle", "+4575123456", "update"},
	} {
		opt := marketing.ImportOptions{Mapping: in.Mapping, Policy: tc.policy, Tag: "Messe"}
		b, err := ws.Importer().Commit(ctx, src, opt, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := ws.DB.GetContact(ctx, stored.ID)
		if got.City != tc.city || got.Phone != tc.phone {
			t.Errorf("%s: city %q phone %q", tc.policy, got.City, got.Phone)
		}
		if tc.policy != marketing.PolicySkip && strings.Join(got.Tags, ",") != "Messe,VIP" {
			t.Errorf("%s: tags %v", tc.policy, got.Tags)
		}
		if _, err := ws.DB.UndoImport(ctx, b.ID, nil); err != nil {
			t.Fatal(err)
		}
		got, _ = ws.DB.GetContact(ctx, stored.ID)
		if got.City != "Odense" || got.Phone != "" || strings.Join(got.Tags, ",") != "VIP" {
			t.Errorf("%s: undo left %+v", tc.policy, got)
		}
	}
}

func TestUndoWaitsForLaterImportOfTheSameRows(t *testing.T) {
	ctx := context.Background()
	ws := openWS(t)
	eng := ws.Importer()
	first := importer.Source{ImportSource: marketing.ImportSource{Paste: "Navn\tE-mail\tBy\nAnna Hansen\tanna@example.dk\tOdense\n"}}
	second := importer.Source{ImportSource: marketing.ImportSource{Paste: "Navn\tE-mail\tBy\nAnna Hansen\tanna@example.dk\tVejle\n"}}
	var ids []int64
	for _, src := range []importer.Source{first, second} {
		in := inspect(t, ws, marketing.ImportContacts, src)
		b, err := eng.Commit(ctx, src, marketing.ImportOptions{Mapping: in.Mapping}, nil)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, b.ID)
	}
	_, err := ws.DB.UndoImport(ctx, ids[0], nil)
	if me := marketing.AsError(err); me.Code != marketing.EConflict || me.Details["reason"] != "later" {
		t.Fatalf("undo of the older batch: %v", err)
	}
	for _, id := range []int64{ids[1], ids[0]} {
		if _, err := ws.DB.UndoImport(ctx, id, nil); err != nil {
			t.Fatal(err)
		}
	}
	if info, _ := ws.Info(ctx); info.Counts.Contacts != 0 {
		t.Fatal("contacts left after undoing both")
	}
}

func TestRussianCP1251CSV(t *testing.T) {
	ctx := context.Background()
	ws := openWS(t)
	text := "ФИО;Дата рождения;Пол;Телефон;Индекс;Город;Эл. почта;Должность\r\n" +
		"Иванов Иван Петрович;12.03.1975;М;8 (916) 123-45-67;125009;Москва;ivan@example.ru;Генеральный директор\r\n" +
		"Петрова Анна Сергеевна;01.02.85;Ж;+7 921 765-43-21;190000;Санкт-Петербург;anna@пример.рф;Бухгалтер\r\n"
	enc, err := charmap.Windows1251.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "клиенты.csv")
	os.WriteFile(p, []byte(enc), 0o600)
	src := importer.Source{Path: p}
	in := inspect(t, ws, marketing.ImportContacts, src)
	if in.Encoding != "windows-1251" || in.Delimiter != ";" || in.HeaderRow != 1 {
		t.Fatalf("encoding %s delimiter %q header %d", in.Encoding, in.Delimiter, in.HeaderRow)
	}
	s, _ := ws.Settings(ctx)
	s.Country = "RU"
	ws.SaveSettings(ctx, s)
	b, err := ws.Importer().Commit(ctx, src, marketing.ImportOptions{Mapping: in.Mapping}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if b.Counts.New != 2 || b.Counts.Invalid != 0 {
		t.Fatalf("counts %+v", b.Counts)
	}
	page, _ := ws.DB.ListContacts(ctx, marketing.ContactQuery{Search: "иванов"})
	if page.Total != 1 {
		t.Fatal("Иванов not found")
	}
	c := page.Items[0]
	if c.FirstName != "Иван" || c.MiddleName != "Петрович" || c.LastName != "Иванов" || c.Gender != marketing.GenderMale ||
		c.BirthDate != "1975-03-12" || c.Phone != "+79161234567" || c.Postcode != "125009" || c.Country != "RU" || c.JobTitle != "Генеральный директор" {
		t.Fatalf("Иванов stored as %+v", c)
	}
	page, _ = ws.DB.ListContacts(ctx, marketing.ContactQuery{Search: "петрова"})
	if page.Total != 1 || page.Items[0].BirthDate != "1985-02-01" || page.Items[0].Email != "anna@пример.рф" {
		t.Fatalf("Петрова: %+v", page.Items)
	}
}

func TestOrdersAndProductsUseTheSameEngine(t *testing.T) {
	ctx := context.Background()
	ws := openWS(t)
	eng := ws.Importer()
	customers := importer.Source{ImportSource: marketing.ImportSource{Paste: "Kundenr.\tNavn\tE-mail\n1001\tAnna Hansen\tanna@example.dk\n1002\tPeter Jensen\tpeter@example.dk\n"}}
	in := inspect(t, ws, marketing.ImportContacts, customers)
	if _, err := eng.Commit(ctx, customers, marketing.ImportOptions{Mapping: in.Mapping}, nil); err != nil {
		t.Fatal(err)
	}
	imgDir := t.TempDir()
	var jpg bytes.Buffer
	jpeg.Encode(&jpg, image.NewRGBA(image.Rect(0, 0, 40, 30)), nil)
	os.WriteFile(filepath.Join(imgDir, "kop.jpg"), jpg.Bytes(), 0o600)
	os.WriteFile(filepath.Join(imgDir, "broken.png"), []byte("\x89PNG not really"), 0o600)
	products := importer.Source{ImportSource: marketing.ImportSource{Paste: "Varenr.\tNavn\tPris\tKategori\tBillede\n" +
		"K-1\tKaffekop\tkr 1.234,50\tKøkken\tkop.jpg\nK-2\tTekande\t249,00\tKøkken\tmangler.png\nK-1\tKaffekop igen\t10\t\t\n" +
		"K-3\tSkål\t99\tKøkken\tbroken.png\n"}}
	in = inspect(t, ws, marketing.ImportProducts, products)
	pb, err := eng.Commit(ctx, products, marketing.ImportOptions{Mapping: in.Mapping, ImageFolder: imgDir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if pb.Counts.New != 3 || pb.Counts.DuplicatesInFile != 1 {
		t.Fatalf("products %+v", pb.Counts)
	}
	// A picture is copied into the workspace; catalogs never read the path.
	// A file that is not a picture leaves the product without one.
	stored, _ := ws.DB.Products(ctx)
	pics := map[string]string{}
	for _, p := range stored {
		pics[p.SKU] = p.ImagePath
	}
	if !strings.HasPrefix(pics["K-1"], "media:img/") || pics["K-2"] != "" || pics["K-3"] != "" {
		t.Errorf("pictures = %v", pics)
	}
	orders := importer.Source{ImportSource: marketing.ImportSource{Paste: "Ordrenr.\tKundenr.\tDato\tVarenr.\tAntal\tBeløb\n" +
		"A-1\t1001\t01.10.2026\tK-1\t2\t2.469,00\nA-1\t1001\t01.10.2026\tK-2\t1\t249,00\nA-2\tanna@example.dk\t02.10.2026\tK-2\t1\t249\n" +
		"A-3\t9999\t03.10.2026\tK-2\t1\t249\n"}}
	in = inspect(t, ws, marketing.ImportOrders, orders)
	// The second order names its customer by email in the number column:
	// map a second key column explicitly would be unusual, so expect invalid.
	ob, err := eng.Commit(ctx, orders, marketing.ImportOptions{Mapping: in.Mapping}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ob.Counts.New != 2 || ob.Counts.Invalid != 2 {
		t.Fatalf("orders %+v", ob.Counts)
	}
	info, _ := ws.Info(ctx)
	if info.Counts.Orders != 1 || info.Counts.Products != 3 {
		t.Fatalf("counts %+v", info.Counts)
	}
	if _, err := ws.DB.UndoImport(ctx, ob.ID, nil); err != nil {
		t.Fatal(err)
	}
	if info, _ = ws.Info(ctx); info.Counts.Orders != 0 {
		t.Fatal("order undo left orders")
	}
}

func TestBadFilesGetClearErrorsAndStoreNothing(t *testing.T) {
	ctx := context.Background()
	ws := openWS(t)
	dir := t.TempDir()
	xls := filepath.Join(dir, "old.xls")
	os.WriteFile(xls, append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...), 0o600)
	pdf := filepath.Join(dir, "list.pdf")
	os.WriteFile(pdf, []byte("%PDF-1.4 not a sheet"), 0o600)
	for _, p := range []string{xls, pdf, filepath.Join(dir, "missing.xlsx")} {
		_, err := ws.Importer().Inspect(ctx, marketing.ImportContacts, importer.Source{Path: p})
		me := marketing.AsError(err)
		if err == nil || me.Message == "" || me.Code == marketing.EInternal {
			t.Errorf("%s: %v", filepath.Base(p), err)
		}
	}
	// A mapping without a name column is refused before anything is read.
	src := importer.Source{ImportSource: marketing.ImportSource{Paste: "By\nOdense\n"}}
	in := inspect(t, ws, marketing.ImportContacts, src)
	_, err := ws.Importer().Commit(ctx, src, marketing.ImportOptions{Mapping: in.Mapping}, nil)
	if me := marketing.AsError(err); me.Field != "mapping" {
		t.Fatalf("no name column: %v", err)
	}
	if bs, _ := ws.DB.ImportBatches(ctx); len(bs) != 0 {
		t.Fatal("a refused import left a batch")
	}
}

func TestCancelledCommitLeavesNothing(t *testing.T) {
	ws := openWS(t)
	var b strings.Builder
	b.WriteString("Fornavn;Efternavn;E-mail\n")
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&b, "Navn%d;Efternavn%d;p%d@example.dk\n", i, i, i)
	}
	p := filepath.Join(t.TempDir(), "stor.csv")
	os.WriteFile(p, []byte(b.String()), 0o600)
	src := importer.Source{Path: p}
	in := inspect(t, ws, marketing.ImportContacts, src)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := ws.Importer().Commit(ctx, src, marketing.ImportOptions{Mapping: in.Mapping}, func(done, total int) {
		if done > 5000 {
			cancel()
		}
	})
	if !errors.Is(err, marketing.ErrCanceled) {
		t.Fatalf("cancel: %v", err)
	}
	info, _ := ws.Info(context.Background())
	bs, _ := ws.DB.ImportBatches(context.Background())
	if info.Counts.Contacts != 0 || len(bs) != 0 {
		t.Fatalf("cancelled import left %d contacts, %d batches", info.Counts.Contacts, len(bs))
	}
}

// TestFilesLibreOfficeWrote imports every fixture LibreOffice wrote (see
// ../sheet/testdata/README.md): the same Danish list as .xlsx, .ods,
// Windows-1252 CSV and UTF-16 text, and a Russian list in Windows-1251 and
// KOI8-R. Merged "Navn" over two columns, a two-line address, Norwegian and
// Swedish postcodes in a Danish shop's list: all stored right.
func TestFilesLibreOfficeWrote(t *testing.T) {
	ctx := context.Background()
	for _, f := range []string{"kunder.xlsx", "kunder.ods", "kunder-cp1252.csv", "kunder-utf16.txt"} {
		t.Run(f, func(t *testing.T) {
			ws := openWS(t)
			src := importer.Source{Path: filepath.Join("..", "sheet", "testdata", f)}
			in := inspect(t, ws, marketing.ImportContacts, src)
			b, err := ws.Importer().Commit(ctx, src, marketing.ImportOptions{Mapping: in.Mapping}, nil)
			if err != nil || b.Counts.New != 3 || b.Counts.Invalid != 0 {
				t.Fatalf("%+v %v", b.Counts, err)
			}
			page, _ := ws.DB.ListContacts(ctx, marketing.ContactQuery{Sort: "customerNo"})
			got := []string{}
			for _, c := range page.Items {
				got = append(got, strings.Join([]string{c.FirstName, c.LastName, c.Street1, c.Street2, c.Postcode, c.City, c.Country, c.BirthDate}, "|"))
			}
			want := []string{
				"Søren|Ærø|Nørregade 5|2. sal|2100|København Ø|DK|1985-03-14",
				"Åse|Ødegård|Karl Johans gate 1||0150|Oslo|NO|1990-12-01",
				"Anna|Lindström|Storgatan 3||114 55|Stockholm|SE|2001-07-30",
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("stored:\n%s", strings.Join(got, "\n"))
			}
		})
	}
	for _, f := range []string{"russian-cp1251.csv", "russian-koi8r.csv"} {
		t.Run(f, func(t *testing.T) {
			ws := openWS(t)
			src := importer.Source{Path: filepath.Join("..", "sheet", "testdata", f)}
			in := inspect(t, ws, marketing.ImportContacts, src)
			b, err := ws.Importer().Commit(ctx, src, marketing.ImportOptions{Mapping: in.Mapping}, nil)
			if err != nil || b.Counts.New != 4 {
				t.Fatalf("%+v %v", b.Counts, err)
			}
			page, _ := ws.DB.ListContacts(ctx, marketing.ContactQuery{Search: "иванов"})
			if page.Total != 1 || page.Items[0].MiddleName != "Петрович" || page.Items[0].Country != "RU" || page.Items[0].City != "Москва" {
				t.Fatalf("%+v", page.Items)
			}
		})
	}
}

// A file whose data rows are wider than its header (a note typed beside the
// list) still gets the mapping remembered from last time.
func TestMappingRememberedWhenDataIsWiderThanTheHeader(t *testing.T) {
	ctx := context.Background()
	ws := openWS(t)
	src := importer.Source{ImportSource: marketing.ImportSource{Paste: "Fornavn\tEfternavn\tNoter\nAnna\tHansen\tringer tilbage\tsvar fredag\n"}}
	in := inspect(t, ws, marketing.ImportContacts, src)
	in.Mapping.Columns[2].Field = "custom:Noter"
	if _, err := ws.Importer().Commit(ctx, src, marketing.ImportOptions{Mapping: in.Mapping}, nil); err != nil {
		t.Fatal(err)
	}
	again := inspect(t, ws, marketing.ImportContacts, src)
	if !again.Remembered || again.Mapping.Columns[2].Field != "custom:Noter" {
		t.Fatalf("not remembered: %+v", again.Mapping)
	}
}

func commitPaste(t *testing.T, ws *workspace.Workspace, kind marketing.ImportKind, paste string, opt marketing.ImportOptions) marketing.ImportBatch {
	t.Helper()
	src := importer.Source{ImportSource: marketing.ImportSource{Paste: paste}}
	in := inspect(t, ws, kind, src)
	opt.Mapping = in.Mapping
	b, err := ws.Importer().Commit(context.Background(), src, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A household shares its landline: Anna is not Peter, in the file or
// against the workspace.
func TestSharedPhoneIsNotTheSamePerson(t *testing.T) {
	ctx := context.Background()
	ws := openWS(t)
	commitPaste(t, ws, marketing.ImportContacts, "Fornavn\tEfternavn\tE-mail\tTelefon\nPeter\tJensen\tpeter@example.dk\t33 12 34 56\nAnna\tJensen\t\t33 12 34 56\n", marketing.ImportOptions{})
	b := commitPaste(t, ws, marketing.ImportContacts, "Fornavn\tEfternavn\tE-mail\tTelefon\nMaria\tJensen\tmaria@example.dk\t33 12 34 56\nPeter\tJensen\t\t33 12 34 56\n", marketing.ImportOptions{})
	// Maria is new though she has Peter's number; Peter is found by it.
	if b.Counts.New != 1 || b.Counts.Unchanged != 1 {
		t.Fatalf("second file: %+v", b.Counts)
	}
	page, _ := ws.DB.ListContacts(ctx, marketing.ContactQuery{Search: "jensen"})
	names := []string{}
	for _, c := range page.Items {
		names = append(names, c.FirstName+" "+c.Email)
	}
	if page.Total != 3 || !strings.Contains(strings.Join(names, ","), "Peter peter@example.dk") {
		t.Fatalf("contacts: %v", names)
	}
}

// "Ja" then "Nej" for the same person: the no wins, also when the policy
// skips people already in DirectDesk.
func TestARefusalInARepeatedOrSkippedRowIsKept(t *testing.T) {
	ctx := context.Background()
	ws := openWS(t)
	commitPaste(t, ws, marketing.ImportContacts, "Navn\tE-mail\tNyhedsbrev\nAnna Hansen\tanna@example.dk\tJa\nAnna Hansen\tanna@example.dk\tNej\n", marketing.ImportOptions{})
	page, _ := ws.DB.ListContacts(ctx, marketing.ContactQuery{})
	consents := func() string {
		var out []string
		ws.DB.EachContact(ctx, marketing.ContactQuery{}, func(c *marketing.Contact, cs []marketing.Consent, _ int) error {
			for _, x := range cs {
				out = append(out, x.Channel+"="+x.Status)
			}
			return nil
		})
		return strings.Join(out, ",")
	}
	if page.Total != 1 || consents() != "email=refused" {
		t.Fatalf("%d contacts, consent %s", page.Total, consents())
	}
	ws2 := openWS(t)
	commitPaste(t, ws2, marketing.ImportContacts, "Navn\tE-mail\tNyhedsbrev\nAnna Hansen\tanna@example.dk\tJa\n", marketing.ImportOptions{})
	commitPaste(t, ws2, marketing.ImportContacts, "Navn\tE-mail\tNyhedsbrev\nAnna Hansen\tanna@example.dk\tNej\n", marketing.ImportOptions{Policy: marketing.PolicySkip})
	var got string
	ws2.DB.EachContact(ctx, marketing.ContactQuery{}, func(c *marketing.Contact, cs []marketing.Consent, _ int) error {
		got = cs[0].Status
		return nil
	})
	if got != marketing.ConsentRefused {
		t.Fatalf("skip policy lost the no: %s", got)
	}
}

// Undo leaves alone what was changed after the import: a contact edited by
// hand keeps the edit, a created contact that has orders stays.
func TestUndoKeepsWhatWasChangedSince(t *testing.T) {
	ctx := context.Background()
	ws := openWS(t)
	stored := marketing.Contact{FirstName: "Anna", LastName: "Hansen", Email: "anna@example.dk", City: "Odense"}
	ws.DB.CreateContact(ctx, &stored)
	b := commitPaste(t, ws, marketing.ImportContacts, "Kundenr.\tNavn\tE-mail\tBy\n\tAnna Hansen\tanna@example.dk\tVejle\n7\tPeter Jensen\tpeter@example.dk\tAarhus\n8\tMette Lund\tmette@example.dk\tAalborg\n", marketing.ImportOptions{})
	time.Sleep(1100 * time.Millisecond) // timestamps have one-second resolution
	anna, _ := ws.DB.GetContact(ctx, stored.ID)
	anna.Notes = "ringet op"
	if err := ws.DB.UpdateContact(ctx, &anna); err != nil {
		t.Fatal(err)
	}
	commitPaste(t, ws, marketing.ImportOrders, "Ordrenr.\tKundenr.\tDato\tBeløb\nA-1\t7\t01.10.2026\t100\n", marketing.ImportOptions{})
	undone, err := ws.DB.UndoImport(ctx, b.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	anna, _ = ws.DB.GetContact(ctx, stored.ID)
	page, _ := ws.DB.ListContacts(ctx, marketing.ContactQuery{})
	if undone.UndoKept != 2 || anna.Notes != "ringet op" || anna.City != "Vejle" || page.Total != 2 {
		t.Fatalf("kept %d, anna %+v, %d contacts", undone.UndoKept, anna, page.Total)
	}
}

// Two rows that are one stored person by different keys update it once.
func TestTwoRowsForOneStoredContactUpdateItOnce(t *testing.T) {
	ws := openWS(t)
	stored := marketing.Contact{FirstName: "Peter", LastName: "Jensen", Email: "peter@example.dk", Mobile: "+4526000001"}
	ws.DB.CreateContact(context.Background(), &stored)
	b := commitPaste(t, ws, marketing.ImportContacts, "Fornavn\tEfternavn\tE-mail\tMobil\tBy\nPeter\tJensen\tpeter@example.dk\t\tVejle\nPeter\tJensen\t\t+45 26000001\tAarhus\n", marketing.ImportOptions{})
	got, _ := ws.DB.GetContact(context.Background(), stored.ID)
	if b.Counts.Updated != 1 || b.Counts.DuplicatesInFile != 1 || got.City != "Vejle" {
		t.Fatalf("%+v city %s", b.Counts, got.City)
	}
}

// An order line refused last time and fixed since is added to the order
// the first import stored; importing the same file again changes nothing.
func TestAFixedOrderLineJoinsItsOrder(t *testing.T) {
	ctx := context.Background()
	ws := openWS(t)
	commitPaste(t, ws, marketing.ImportContacts, "Kundenr.\tNavn\n7\tPeter Jensen\n", marketing.ImportOptions{})
	first := commitPaste(t, ws, marketing.ImportOrders, "Ordrenr.\tKundenr.\tDato\tVarenr.\tBeløb\nA-1\t7\t01.10.2026\tK-1\t100\nA-1\t7\t01.10.2026\tK-2\tabc\n", marketing.ImportOptions{})
	fixed := commitPaste(t, ws, marketing.ImportOrders, "Ordrenr.\tKundenr.\tDato\tVarenr.\tBeløb\nA-1\t7\t01.10.2026\tK-2\t50\n", marketing.ImportOptions{})
	again := commitPaste(t, ws, marketing.ImportOrders, "Ordrenr.\tKundenr.\tDato\tVarenr.\tBeløb\nA-1\t7\t01.10.2026\tK-1\t100\nA-1\t7\t01.10.2026\tK-2\t50\n", marketing.ImportOptions{})
	if first.Counts.Invalid != 1 || fixed.Counts.Updated != 1 || again.Counts.Unchanged != 2 {
		t.Fatalf("first %+v fixed %+v again %+v", first.Counts, fixed.Counts, again.Counts)
	}
	var total int64
	ws.DB.EachOrderLine(ctx, func(r *marketing.OrderLineRow, _ int) error { total = r.Order.Total.Minor; return nil })
	if total != 15000 {
		t.Fatalf("order total %d", total)
	}
	if _, err := ws.DB.UndoImport(ctx, fixed.ID, nil); err != nil {
		t.Fatal(err)
	}
	lines := 0
	ws.DB.EachOrderLine(ctx, func(r *marketing.OrderLineRow, _ int) error { lines++; total = r.Order.Total.Minor; return nil })
	if lines != 1 || total != 10000 {
		t.Fatalf("after undo: %d lines, total %d", lines, total)
	}
}

// Cancel while rows are being stored (not between chunks) reports a cancel.
func TestCancelDuringAChunkIsACancel(t *testing.T) {
	ws := openWS(t)
	var b strings.Builder
	b.WriteString("Fornavn;E-mail\n")
	for i := 0; i < 30000; i++ {
		fmt.Fprintf(&b, "N%d;p%d@example.dk\n", i, i)
	}
	p := filepath.Join(t.TempDir(), "c.csv")
	os.WriteFile(p, []byte(b.String()), 0o600)
	src := importer.Source{Path: p}
	in := inspect(t, ws, marketing.ImportContacts, src)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(300 * time.Millisecond); cancel() }()
	_, err := ws.Importer().Commit(ctx, src, marketing.ImportOptions{Mapping: in.Mapping}, nil)
	if !errors.Is(err, marketing.ErrCanceled) {
		t.Fatalf("got %v", err)
	}
}
