package exporter_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"directdesk/backend/exporter"
	"directdesk/backend/importer"
	"directdesk/backend/marketing"
	"directdesk/backend/sheet"
	"directdesk/backend/store"
	"directdesk/backend/workspace"
)

func TestMain(m *testing.M) {
	store.HealthCheckDelay = 0
	os.Exit(m.Run())
}

func openWS(t *testing.T, lang string) *workspace.Workspace {
	t.Helper()
	ws, err := workspace.Open(context.Background(), t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	s, _ := ws.Settings(context.Background())
	s.Country, s.Currency, s.Language = "DK", "DKK", lang
	if _, err := ws.SaveSettings(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return ws
}

// people are contacts with every kind of value an export must carry back:
// Nordic and Cyrillic letters, a formula-looking note, E.164 phones,
// leading-zero postcodes, dates, tags, custom fields and consent.
func people() []marketing.Contact {
	return []marketing.Contact{
		{CustomerNo: "1001", FirstName: "Åse", LastName: "Ærø-Øster", Company: "Blomster ApS", JobTitle: "Indehaver", Gender: "female",
			BirthDate: "1975-03-12", Email: "ase@example.dk", Phone: "+4533123456", Mobile: "+4520123456", Street1: "Vestergade 12",
			Street2: "2. th.", Postcode: "2100", City: "København Ø", Region: "Hovedstaden", Country: "DK", Language: "da",
			CustomerSince: "2019-05-01", Kind: "customer", Source: "import", Tags: []string{"Messe", "VIP"},
			Custom: map[string]string{"Skostørrelse": "38"}, Notes: "=1+2 is not a formula"},
		{FirstName: "Иван", MiddleName: "Петрович", LastName: "Иванов", Gender: "male", Email: "ivan@пример.рф", Mobile: "+79161234567",
			Postcode: "125009", City: "Москва", Country: "RU", Language: "ru", Kind: "prospect", Source: "bought list", Tags: []string{}},
		{FirstName: "Kari", LastName: "Nordmann", Postcode: "0150", City: "Oslo", Country: "NO", Kind: "customer", Source: "manual",
			Notes: "-5 % rabat; \"citat\"", Tags: []string{}},
	}
}

func TestExportThenImportGivesBackTheSameContacts(t *testing.T) {
	ctx := context.Background()
	for _, format := range []string{"xlsx", "csv"} {
		for _, lang := range []string{"da", "en"} {
			t.Run(format+"-"+lang, func(t *testing.T) {
				src := openWS(t, lang)
				for _, c := range people() {
					c := c
					marketing.ValidateContact(&c, time.Now())
					if err := src.DB.CreateContact(ctx, &c); err != nil {
						t.Fatal(err)
					}
				}
				// Consent goes out as yes/no and comes back.
				grant := importer.Source{ImportSource: marketing.ImportSource{Paste: "E-mail\tNyhedsbrev\nase@example.dk\tJa\n"}}
				in, err := src.Importer().Inspect(ctx, marketing.ImportContacts, grant)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := src.Importer().Commit(ctx, grant, marketing.ImportOptions{Mapping: in.Mapping, Policy: marketing.PolicyUpdate}, nil); err != nil {
					t.Fatal(err)
				}
				out := filepath.Join(t.TempDir(), "kontakter."+format)
				res, err := exporter.Contacts(ctx, src.DB, marketing.ContactQuery{}, out, exporter.Options{Language: lang}, nil)
				if err != nil || res.Rows != 3 {
					t.Fatalf("export: %+v %v", res, err)
				}
				if format == "csv" {
					b, _ := os.ReadFile(out)
					want := ";"
					if lang == "en" {
						want = ","
					}
					if !strings.HasPrefix(string(b), "\ufeffCustomer no"+want) || !strings.Contains(string(b), "'=1+2") {
						t.Fatalf("csv start / escaping: %q", b[:min(len(b), 200)])
					}
				}

				dst := openWS(t, lang)
				file := importer.Source{Path: out}
				in, err = dst.Importer().Inspect(ctx, marketing.ImportContacts, file)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range in.Mapping.Columns {
					if c.Field == "" && c.Header != "Created" && c.Header != "Updated" {
						t.Errorf("exported column %q is not mapped back", c.Header)
					}
				}
				b, err := dst.Importer().Commit(ctx, file, marketing.ImportOptions{Mapping: in.Mapping}, nil)
				if err != nil || b.Counts.New != 3 {
					t.Fatalf("re-import: %+v %v", b.Counts, err)
				}
				a, _ := src.DB.ListContacts(ctx, marketing.ContactQuery{Limit: 10})
				z, _ := dst.DB.ListContacts(ctx, marketing.ContactQuery{Limit: 10})
				for i := range a.Items {
					x, y := a.Items[i], z.Items[i]
					x.ID, x.CreatedAt, x.UpdatedAt = 0, "", ""
					y.ID, y.CreatedAt, y.UpdatedAt = 0, "", ""
					if !reflect.DeepEqual(x, y) {
						t.Errorf("round trip changed a contact:\n %+v\n %+v", x, y)
					}
				}
			})
		}
	}
}

func TestExportIsTypedAndEscaped(t *testing.T) {
	ctx := context.Background()
	ws := openWS(t, "da")
	for _, c := range people() {
		c := c
		ws.DB.CreateContact(ctx, &c)
	}
	out := filepath.Join(t.TempDir(), "k.xlsx")
	if _, err := exporter.Contacts(ctx, ws.DB, marketing.ContactQuery{Country: "DK"}, out, exporter.Options{}, nil); err != nil {
		t.Fatal(err)
	}
	book, err := sheet.Open(out, sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	it, _ := book.Rows(book.Sheets()[0].Name)
	defer it.Close()
	var rows [][]sheet.Cell
	for it.Next() {
		rows = append(rows, it.Row())
	}
	if len(rows) != 2 {
		t.Fatalf("filtered export has %d rows, want header + 1", len(rows))
	}
	col := map[string]int{}
	for j, c := range rows[0] {
		col[c.Text] = j
	}
	r := rows[1]
	if r[col["Birth date"]].Kind != sheet.KindDate || r[col["Notes"]].Text != "=1+2 is not a formula" || r[col["Postcode"]].Text != "2100" {
		t.Fatalf("row: %+v", r)
	}
}

func TestExportToAFolderThatIsNotThereLeavesNothing(t *testing.T) {
	ws := openWS(t, "da")
	out := filepath.Join(t.TempDir(), "missing", "k.xlsx")
	if _, err := exporter.Contacts(context.Background(), ws.DB, marketing.ContactQuery{}, out, exporter.Options{}, nil); err == nil {
		t.Fatal("no error")
	}
	if _, err := exporter.Products(context.Background(), ws.DB, filepath.Join(t.TempDir(), "p.pdf"), exporter.Options{}, nil); marketing.ErrorCode(err) != marketing.EInvalid {
		t.Fatalf("pdf: %v", err)
	}
}

func TestAudienceFilesAreHashedAndSkipRefusals(t *testing.T) {
	ws := openWS(t, "da")
	ctx := context.Background()
	anna := marketing.Contact{FirstName: " Anna ", LastName: "Holm", Email: "Anna@Example.DK", Mobile: "+4520123456", Country: "DK", Postcode: "2100"}
	bo := marketing.Contact{FirstName: "Bo", Country: "DK"} // nothing to match on
	for _, c := range []*marketing.Contact{&anna, &bo} {
		if err := ws.DB.CreateContact(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "audience.csv")
	res, err := exporter.Audience(ctx, ws.DB, marketing.ContactQuery{IDs: []int64{anna.ID, bo.ID}}, path, exporter.AudienceGoogle)
	if err != nil || res.Rows != 1 || res.Skipped != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	b, _ := os.ReadFile(path)
	sum := sha256.Sum256([]byte("anna@example.dk"))
	want := "Email,Phone,First Name,Last Name,Country,Zip\n" + hex.EncodeToString(sum[:])
	if !strings.HasPrefix(string(b), want) || strings.Contains(strings.ToLower(string(b)), "anna") || !strings.HasSuffix(string(b), ",DK,2100\n") {
		t.Fatalf("file:\n%s", b)
	}
	if _, err := exporter.Audience(ctx, ws.DB, marketing.ContactQuery{IDs: []int64{anna.ID}}, path, "myspace"); marketing.ErrorCode(err) != marketing.EInvalid {
		t.Fatalf("unknown platform: %v", err)
	}
}
