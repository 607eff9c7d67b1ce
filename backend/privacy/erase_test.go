package privacy_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"directdesk/backend/importer"
	"directdesk/backend/marketing"
	"directdesk/backend/privacy"
	"directdesk/backend/segment"
	"directdesk/backend/store"
	"directdesk/backend/workspace"

	"github.com/xuri/excelize/v2"
)

func TestMain(m *testing.M) {
	store.HealthCheckDelay = 0
	os.Exit(m.Run())
}

func openWS(t *testing.T) *workspace.Workspace {
	t.Helper()
	ws, err := workspace.Open(context.Background(), t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	ctx := context.Background()
	s, err := ws.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Country, s.Currency, s.Language = "DK", "DKK", "da"
	s.Business = marketing.BusinessProfile{Name: "Blomsterhuset", Street: "Nørregade 7", Postcode: "8000", City: "Aarhus C", Country: "DK", Email: "shop@blomster.example.dk"}
	if _, err := ws.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	return ws
}

// personSheet is the customer file the person came from (and is imported
// from again after the erasure), as a Danish shop writes it.
func personSheet(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"Fornavn", "Efternavn", "E-mail", "Telefon", "Mobil", "Adresse", "Postnr.", "By", "Nyhedsbrev"},
		{"Zebulon", "Quaxworth", "zebulon.quaxworth@example.dk", "+45 28 19 37 46", "+45 71 82 93 64", "Quaxvej 17", "8000", "Aarhus C", "Ja"},
		{"Karen", "Blixen", "karen.blixen@example.dk", "", "", "Rungstedvej 111", "2960", "Rungsted Kyst", "Ja"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(t.TempDir(), "kunder.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func importFile(t *testing.T, ws *workspace.Workspace, path string, commit bool) (marketing.ImportSummary, marketing.ImportBatch) {
	t.Helper()
	ctx := context.Background()
	src := importer.Source{Path: path}
	in, err := ws.Importer().Inspect(ctx, marketing.ImportContacts, src)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := ws.Importer().Analyze(ctx, src, marketing.ImportOptions{Mapping: in.Mapping}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !commit {
		return sum, marketing.ImportBatch{}
	}
	b, err := ws.Importer().Commit(ctx, src, marketing.ImportOptions{Mapping: in.Mapping}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return sum, b
}

// secrets are the person's bytes a scan must not find after the erasure:
// the name as typed and as the search index folds it, the email, and the
// numbers in E.164, without "+" and in the national form.
var secrets = []string{"Zebulon", "zebulon", "Quaxworth", "quaxworth", "QUAXWORTH", "zebulon.quaxworth@example.dk", "Quaxvej",
	"+4528193746", "4528193746", "28193746", "+4571829364", "71829364"}

func scanFile(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	} else if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, s := range secrets {
		if bytes.Contains(b, []byte(s)) {
			found = append(found, s)
		}
	}
	return found
}

// TestErasureLeavesNoBytes is the check: a realistic workspace, a
// person with orders, consent history, a campaign, a mailing, a response,
// a document and the import that created them; after the erasure neither
// the workspace file (with its -wal and -shm) nor a backup taken after it
// holds their name, email or numbers; importing them again is refused as
// "erased at their request", and a contact typed in by hand with their
// email is excluded from sends as erased.
func TestErasureLeavesNoBytes(t *testing.T) {
	ws := openWS(t)
	ctx := context.Background()
	if err := ws.LoadDemo(ctx, 300, nil); err != nil {
		t.Fatal(err)
	}
	sheet := personSheet(t)
	if _, b := importFile(t, ws, sheet, true); b.Counts.New != 2 {
		t.Fatalf("import %+v", b.Counts)
	}
	id, err := ws.DB.ContactByEmailFold(ctx, "Zebulon.Quaxworth@example.dk")
	if err != nil || id == 0 {
		t.Fatalf("imported person not found: %v", err)
	}
	karen, _ := ws.DB.ContactByEmailFold(ctx, "karen.blixen@example.dk")

	// Orders (through an import session: the shop system's file).
	b := marketing.ImportBatch{Kind: marketing.ImportOrders, FileName: "ordrer.xlsx"}
	s, err := ws.DB.BeginImport(ctx, &b, false)
	if err != nil {
		t.Fatal(err)
	}
	for i, no := range []string{"ZQ-1", "ZQ-2"} {
		o := marketing.Order{ContactID: id, OrderNo: no, Date: "2026-0" + string(rune('3'+i)) + "-04", Total: marketing.Money{Minor: 49900, Currency: "DKK"}, Channel: "web",
			Lines: []marketing.OrderLine{{SKU: "ROSE-1", Name: "Rosebusk", Quantity: 1, UnitMinor: 49900}}}
		if err := s.CreateOrder(ctx, &o); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Commit(ctx, &b); err != nil {
		t.Fatal(err)
	}
	// Consent by phone, then a refusal of post.
	for _, ev := range []marketing.ConsentEvent{
		{Channel: marketing.ChannelPhone, Status: marketing.ConsentGranted, At: "2026-05-06T09:00:00Z", Method: marketing.MethodPhone, Source: "call with Zebulon Quaxworth", Wording: "Må vi ringe?", By: "Mette"},
		{Channel: marketing.ChannelSMS, Status: marketing.ConsentRefused, At: "2026-06-06T09:00:00Z", Method: marketing.MethodWritten, By: "Mette"},
	} {
		if _, err := ws.DB.RecordConsent(ctx, id, ev); err != nil {
			t.Fatal(err)
		}
	}
	// A campaign (letter) with them in its list.
	seg := segment.Saved{Name: "Udvalgte", Kind: segment.Frozen}
	if err := ws.DB.FreezeSegment(ctx, &seg, []int64{id, karen}); err != nil {
		t.Fatal(err)
	}
	letters, _ := ws.Templates(ctx, marketing.KindLetter)
	c := marketing.Campaign{Name: "Forår", Goal: "Sell roses", Currency: "DKK", SegmentID: seg.ID, Selection: seg.Name, AttributionDays: 30, PressureDays: 30,
		Touches: []marketing.Touch{{Channel: marketing.TouchLetter, TemplateID: letters[0].ID, UnitCostMinor: 1200}}}
	if err := ws.Campaigns().Save(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.LaunchCampaign(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := ws.DB.AddResponse(ctx, store.ResponseInput{CampaignID: c.ID, ContactID: id, Kind: "order", Source: "manual",
		Detail: "Zebulon Quaxworth ringede og bestilte", At: "2026-11-20", ValueMinor: 49900}); err != nil {
		t.Fatal(err)
	}
	// A mailing row with their address.
	acct := marketing.MailAccount{Name: "Shop", FromName: "Blomster", FromEmail: "shop@blomster.example.dk", SMTPHost: "127.0.0.1", SMTPPort: 2525, SMTPSecurity: marketing.SecurityPlain, IMAPSecurity: marketing.SecurityPlain}
	if err := ws.DB.SaveMailAccount(ctx, &acct); err != nil {
		t.Fatal(err)
	}
	// Not started: nothing must be sent from a test.
	m := marketing.Mailing{Name: "Nyhedsbrev november", AccountID: acct.ID}
	if err := ws.DB.CreateMailing(ctx, &m, []store.OutboxRow{{ContactID: id, Email: "zebulon.quaxworth@example.dk", Name: "Zebulon Quaxworth",
		State: marketing.OutboxQueued, MessageID: "<zq1@blomster.example.dk>", Token: "tok-zq1", ResponseCode: "ZQ7K2"}}); err != nil {
		t.Fatal(err)
	}
	// A one-PDF-per-recipient run: their letter is deleted, Karen's stays.
	folder := filepath.Join(t.TempDir(), "Brev-2026-11-20")
	os.MkdirAll(folder, 0o700)
	mine, hers := filepath.Join(folder, "00001-Zebulon-Quaxworth.pdf"), filepath.Join(folder, "00002-Karen-Blixen.pdf")
	os.WriteFile(mine, []byte("%PDF-1.4 Zebulon Quaxworth"), 0o600)
	os.WriteFile(hers, []byte("%PDF-1.4 Karen Blixen"), 0o600)
	if err := ws.DB.RecordDocumentRun(ctx, &marketing.DocumentRun{Kind: marketing.KindLetter, TemplateName: "Brev", TemplateVersion: 1,
		Output: marketing.OutputPerPerson, Path: folder, Recipients: 2, Pages: 2},
		[]marketing.DocumentRecipient{{ContactID: id}, {ContactID: karen}}); err != nil {
		t.Fatal(err)
	}
	// The segment columns are built, so they must forget the person too.
	if err := ws.Segments().Read(ctx, func(cols *segment.Columns) error {
		if cols.Index(id) < 0 {
			t.Error("the person is not in the segment columns before the erasure")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	sum, err := privacy.PersonSummary(ctx, ws.DB, id)
	if err != nil || sum.Files != 1 || sum.Name != "Zebulon Quaxworth" {
		t.Fatalf("summary %+v %v", sum, err)
	}
	areas := map[string]int{}
	for _, a := range sum.Areas {
		areas[a.Key] = a.Count
	}
	for _, k := range []string{"contact", "orders", "order_lines", "consent_history", "campaigns", "responses", "mailings", "imports", "documents", "timeline", "audit"} {
		if areas[k] == 0 {
			t.Errorf("summary has no %s: %v", k, areas)
		}
	}
	// Before: the bytes are there (so the scan can see them).
	ws.DB.Checkpoint(ctx)
	if found := scanFile(t, ws.DB.Path); len(found) < 5 {
		t.Fatalf("the scan does not find the person before the erasure (found %v)", found)
	}

	res, err := privacy.ErasePerson(ctx, ws.DB, id, "Mette")
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 1 || res.Hashes != 3 {
		t.Errorf("erase result %+v", res)
	}
	if _, err := os.Stat(mine); !os.IsNotExist(err) {
		t.Errorf("their letter is still on disk: %v", err)
	}
	if _, err := os.Stat(hers); err != nil {
		t.Errorf("Karen's letter was deleted: %v", err)
	}
	backup := filepath.Join(t.TempDir(), "after.db")
	if err := ws.DB.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{ws.DB.Path, ws.DB.Path + "-wal", ws.DB.Path + "-shm", backup} {
		if found := scanFile(t, p); len(found) != 0 {
			t.Errorf("%s still holds %v", filepath.Base(p), found)
		}
	}
	// The rest of the workspace is intact.
	if n, _ := ws.DB.Counts(ctx); n.Contacts != 301 {
		t.Errorf("contacts after erase: %d, want 301", n.Contacts)
	}
	if res, _ := ws.DB.IntegrityCheck(ctx); res != "ok" {
		t.Errorf("integrity: %s", res)
	}
	if err := ws.Segments().Read(ctx, func(cols *segment.Columns) error {
		if cols.Index(id) >= 0 || cols.Contacts() != 301 {
			t.Errorf("segment columns still hold the person (%d contacts)", cols.Contacts())
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	// Importing the same file again: the person is refused and says why.
	again, _ := importFile(t, ws, sheet, false)
	erasedRows := 0
	for _, r := range again.Reasons {
		if r.Reason == "erased" {
			erasedRows = r.Count
		}
	}
	if erasedRows != 1 || again.Counts.Invalid != 1 {
		t.Fatalf("re-import: %d erased rows, counts %+v, reasons %+v", erasedRows, again.Counts, again.Reasons)
	}
	if _, b := importFile(t, ws, sheet, true); b.Counts.New != 0 {
		t.Fatalf("re-import committed %+v", b.Counts)
	}
	if id, _ := ws.DB.ContactByEmailFold(ctx, "zebulon.quaxworth@example.dk"); id != 0 {
		t.Fatal("the erased person was imported again")
	}

	// Typed in by hand (no import check): every send leaves them out.
	hand := marketing.Contact{FirstName: "Z.", LastName: "Q.", Email: "ZEBULON.QUAXWORTH@example.dk", Country: "DK"}
	if err := marketing.ValidateContact(&hand, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := ws.DB.CreateContact(ctx, &hand); err != nil {
		t.Fatal(err)
	}
	chk, err := privacy.NewChecker(ctx, ws.DB, 0, time.Now(), "DK")
	if err != nil {
		t.Fatal(err)
	}
	facts, err := ws.DB.ContactPrivacy(ctx, []int64{hand.ID})
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := chk.Reason(marketing.ChannelEmail, marketing.ConsentGranted, false, facts[hand.ID]); r != marketing.ExcludeErased {
		t.Errorf("hand-made contact with an erased email: reason %q, want erased", r)
	}

	// Audit: the erasure is logged without personal data.
	page, err := ws.DB.AuditLog(ctx, marketing.AuditPersonErase, 0, 5)
	if err != nil || page.Total != 1 {
		t.Fatalf("audit %+v %v", page, err)
	}
	raw, _ := json.Marshal(page.Items[0])
	if bytes.Contains(bytes.ToLower(raw), []byte("quaxworth")) {
		t.Errorf("audit line holds personal data: %s", raw)
	}
}

func TestExportPersonWritesXLSXAndJSON(t *testing.T) {
	ws := openWS(t)
	ctx := context.Background()
	importFile(t, ws, personSheet(t), true)
	id, _ := ws.DB.ContactByEmailFold(ctx, "zebulon.quaxworth@example.dk")
	dir := t.TempDir()
	x, j := filepath.Join(dir, "zebulon.xlsx"), filepath.Join(dir, "zebulon.json")
	if err := privacy.ExportPerson(ctx, ws.DB, id, []string{x, j}, "Mette"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(x)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := strings.Join(f.GetSheetList(), ",")
	for _, want := range []string{"About", "Contact", "Consent", "Consent history", "Timeline", "Imports", "Custom fields"} {
		if want == "Custom fields" {
			continue // the sheet has no custom fields
		}
		if !strings.Contains(","+sheets+",", ","+want+",") {
			t.Errorf("sheet %q missing from %s", want, sheets)
		}
	}
	hdr, _ := f.GetCellValue("Contact", "B1")
	email := ""
	rows, _ := f.GetRows("Contact")
	for i, h := range rows[0] {
		if h == "Email" {
			email = rows[1][i]
		}
	}
	if hdr != "Customer no" || email != "zebulon.quaxworth@example.dk" {
		t.Errorf("contact sheet header %q email %q", hdr, email)
	}
	// Dates are real dates (a number with a date format), not text.
	hist, _ := f.GetRows("Consent history")
	atCol := -1
	for i, h := range hist[0] {
		if h == "When" {
			atCol = i
		}
	}
	cell, _ := excelize.CoordinatesToCellName(atCol+1, 2)
	if typ, _ := f.GetCellType("Consent history", cell); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("consent date written as text (%v)", typ)
	}
	var js struct {
		ContactID int64                       `json:"contactId"`
		Areas     []string                    `json:"areas"`
		Data      map[string][]map[string]any `json:"data"`
	}
	b, err := os.ReadFile(j)
	if err != nil || json.Unmarshal(b, &js) != nil {
		t.Fatalf("json: %v", err)
	}
	if js.ContactID != id || len(js.Areas) != len(store.PersonAreaKeys()) || js.Data["contact"][0]["email"] != "zebulon.quaxworth@example.dk" {
		t.Errorf("json %+v", js)
	}
	page, _ := ws.DB.AuditLog(ctx, marketing.AuditPersonExport, 0, 5)
	if page.Total != 1 || page.Items[0].Detail["files"] != "zebulon.xlsx, zebulon.json" || page.Items[0].ContactID != id {
		t.Errorf("audit %+v", page)
	}
	if err := privacy.ExportPerson(ctx, ws.DB, id, []string{filepath.Join(dir, "x.pdf")}, ""); marketing.AsError(err).Code != marketing.EInvalid {
		t.Errorf("pdf: %v", err)
	}
	if err := privacy.ExportPerson(ctx, ws.DB, id, []string{filepath.Join(dir, "no", "such", "x.xlsx")}, ""); marketing.AsError(err).Field != "path" {
		t.Errorf("missing folder: %v", err)
	}
}
