package store_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// MustOpenDB opens a fresh workspace file in a temp dir with a fixed clock.
func MustOpenDB(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "workspace.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { db.Close() })
	return db
}

func mustCreate(t testing.TB, db *store.DB, c marketing.Contact) marketing.Contact {
	t.Helper()
	if err := marketing.ValidateContact(&c, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateContact(context.Background(), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestOpenAppliesMigrationsOnceAndReopens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := db.SchemaVersion(ctx)
	if v < 1 {
		t.Fatalf("schema version %d, want >= 1", v)
	}
	c := mustCreate(t, db, marketing.Contact{FirstName: "Anna", LastName: "Hansen", Email: "anna@example.com"})
	db.Close()

	db, err = store.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()
	got, err := db.GetContact(ctx, c.ID)
	if err != nil || got.Email != "anna@example.com" {
		t.Fatalf("after reopen got %+v, %v", got, err)
	}
}

func TestOpenRejectsAFileThatIsNotAWorkspace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.db")
	if err := os.WriteFile(path, []byte("this is a spreadsheet, not a database, padded to be long enough to have a header......"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := store.Open(context.Background(), path)
	if code := marketing.ErrorCode(err); code != marketing.EDamaged {
		t.Fatalf("code %q (%v), want damaged", code, err)
	}
}

func TestListContactsSortsSearchesAndPages(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	for _, c := range []marketing.Contact{
		{FirstName: "Anna", LastName: "Hansen", City: "København Ø", Country: "DK", Postcode: "2100", Email: "anna@example.com", Tags: []string{"VIP"}},
		{FirstName: "Øystein", LastName: "Ødegård", City: "Oslo", Country: "NO", Postcode: "150"},
		{FirstName: "Björn", LastName: "Andersson", City: "Göteborg", Country: "SE", Postcode: "41103"},
		{FirstName: "Мария", MiddleName: "Ивановна", LastName: "Смирнова", Company: "ООО «Зелёный сад»", City: "Москва", Country: "RU", Postcode: "101000", Mobile: "+79161234567"},
		{FirstName: "Peter", LastName: "Hansen", City: "Aarhus C", Country: "DK", Postcode: "8000", Company: "Hansen Tømrer ApS"},
	} {
		mustCreate(t, db, c)
	}
	tests := []struct {
		name  string
		q     marketing.ContactQuery
		total int
		first string
	}{
		{"all sorted by last name", marketing.ContactQuery{}, 5, "Andersson"},
		{"descending by name", marketing.ContactQuery{Desc: true}, 5, "Смирнова"},
		{"substring search is case-insensitive", marketing.ContactQuery{Search: "HANSEN"}, 2, "Hansen"},
		{"search folds Cyrillic case", marketing.ContactQuery{Search: "смирн"}, 1, "Смирнова"},
		{"search by national phone number", marketing.ContactQuery{Search: "916 123"}, 1, "Смирнова"},
		{"search by phone with trunk prefix", marketing.ContactQuery{Search: "8916123"}, 1, "Смирнова"},
		{"search by phone with country code", marketing.ContactQuery{Search: "+79161234567"}, 1, "Смирнова"},
		{"search ignores diacritics", marketing.ContactQuery{Search: "bjorn"}, 1, "Andersson"},
		{"search treats ё as е", marketing.ContactQuery{Search: "Мария Смирнова"}, 1, "Смирнова"},
		{"search by email domain", marketing.ContactQuery{Search: "example.com"}, 1, "Hansen"},
		{"search a Swedish postcode typed without space", marketing.ContactQuery{Search: "41103"}, 1, "Andersson"},
		{"search by company word", marketing.ContactQuery{Search: "tømrer"}, 1, "Hansen"},
		{"word prefix search", marketing.ContactQuery{Search: "hans"}, 2, "Hansen"},
		{"a single letter matches the start of the name", marketing.ContactQuery{Search: "ø"}, 1, "Ødegård"},
		{"two words narrow the search", marketing.ContactQuery{Search: "hansen peter"}, 1, "Hansen"},
		{"two letters are a word prefix", marketing.ContactQuery{Search: "ød"}, 1, "Ødegård"},
		{"search with tag and country together", marketing.ContactQuery{Search: "hansen", Country: "DK", Tag: "VIP"}, 1, "Hansen"},
		{"search sorted by city", marketing.ContactQuery{Search: "hansen", Sort: "city", Desc: true}, 2, "Hansen"},
		{"country filter", marketing.ContactQuery{Country: "dk"}, 2, "Hansen"},
		{"tag filter", marketing.ContactQuery{Tag: "vip"}, 1, "Hansen"},
		{"sort by city", marketing.ContactQuery{Sort: "city"}, 5, "Hansen"},
		{"second page", marketing.ContactQuery{Offset: 4, Limit: 2}, 5, "Смирнова"},
		{"nothing matches", marketing.ContactQuery{Search: "zzzqqq"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := db.ListContacts(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if p.Total != tt.total {
				t.Fatalf("total %d, want %d", p.Total, tt.total)
			}
			first := ""
			if len(p.Items) > 0 {
				first = p.Items[0].LastName
			}
			if first != tt.first {
				t.Fatalf("first %q, want %q", first, tt.first)
			}
		})
	}
	p, _ := db.ListContacts(ctx, marketing.ContactQuery{Search: "anna"})
	if len(p.Items) != 1 || len(p.Items[0].Tags) != 1 || p.Items[0].Tags[0] != "VIP" {
		t.Fatalf("tags not attached: %+v", p.Items)
	}
	if p.Items[0].Postcode != "2100" {
		t.Fatalf("postcode %q", p.Items[0].Postcode)
	}
}

func TestListContactsRejectsUnknownSort(t *testing.T) {
	db := MustOpenDB(t)
	_, err := db.ListContacts(context.Background(), marketing.ContactQuery{Sort: "notes; DROP TABLE contacts"})
	if marketing.ErrorCode(err) != marketing.EInvalid {
		t.Fatalf("got %v, want invalid", err)
	}
}

func TestDuplicateEmailIsAConflictAndChangesNothing(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	mustCreate(t, db, marketing.Contact{FirstName: "Anna", LastName: "Hansen", Email: "anna@example.com"})
	b := mustCreate(t, db, marketing.Contact{FirstName: "Bo", LastName: "Berg", Email: "bo@example.com"})

	c := marketing.Contact{FirstName: "Other", LastName: "Anna", Email: "ANNA@example.com"}
	err := db.CreateContact(ctx, &c)
	if e := marketing.AsError(err); e.Code != marketing.EConflict || e.Field != "email" {
		t.Fatalf("create: got %v, want conflict on email", err)
	}
	b.Email = "Anna@Example.com"
	err = db.UpdateContact(ctx, &b)
	if e := marketing.AsError(err); e.Code != marketing.EConflict || e.Field != "email" {
		t.Fatalf("update: got %v, want conflict on email", err)
	}
	got, _ := db.GetContact(ctx, b.ID)
	if got.Email != "bo@example.com" {
		t.Fatalf("email changed to %q despite the conflict", got.Email)
	}
	p, _ := db.ListContacts(ctx, marketing.ContactQuery{})
	if p.Total != 2 {
		t.Fatalf("total %d, want 2", p.Total)
	}
}

func TestUpdateRecordsTimelineAndRefusesStaleEdits(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	c := mustCreate(t, db, marketing.Contact{FirstName: "Anna", LastName: "Hansen", City: "Odense"})
	stale := c

	c.City = "Aarhus"
	db.Now = func() time.Time { return time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC) }
	if err := db.UpdateContact(ctx, &c); err != nil {
		t.Fatal(err)
	}
	stale.City = "Vejle"
	if err := db.UpdateContact(ctx, &stale); marketing.ErrorCode(err) != marketing.EConflict {
		t.Fatalf("stale edit: got %v, want conflict", err)
	}
	got, _ := db.GetContact(ctx, c.ID)
	if got.City != "Aarhus" {
		t.Fatalf("city %q", got.City)
	}
	ev, err := db.ContactEvents(ctx, c.ID, 0)
	if err != nil || len(ev) != 2 || ev[0].Kind != marketing.EventEdited || ev[0].Details["fields"] != "city" || ev[1].Kind != marketing.EventCreated {
		t.Fatalf("timeline %+v, %v", ev, err)
	}
	// Search follows the edit.
	p, _ := db.ListContacts(ctx, marketing.ContactQuery{Search: "aarhus"})
	if p.Total != 1 {
		t.Fatalf("search after edit found %d", p.Total)
	}
	p, _ = db.ListContacts(ctx, marketing.ContactQuery{Search: "odense"})
	if p.Total != 0 {
		t.Fatalf("old city still found: %d", p.Total)
	}
}

func TestBulkTagAndDelete(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	a := mustCreate(t, db, marketing.Contact{LastName: "A"})
	b := mustCreate(t, db, marketing.Contact{LastName: "B", Tags: []string{"Christmas"}})
	n, err := db.TagContacts(ctx, []int64{a.ID, b.ID}, "christmas", true)
	if err != nil || n != 1 {
		t.Fatalf("tagged %d, %v; want 1 (b already had it)", n, err)
	}
	f, _ := db.ContactFacets(ctx)
	if len(f.Tags) != 1 || f.Tags[0].Count != 2 {
		t.Fatalf("facets %+v", f.Tags)
	}
	n, err = db.DeleteContacts(ctx, []int64{a.ID, 999999})
	if err != nil || n != 1 {
		t.Fatalf("deleted %d, %v", n, err)
	}
	if _, err := db.GetContact(ctx, a.ID); marketing.ErrorCode(err) != marketing.ENotFound {
		t.Fatalf("deleted contact still there: %v", err)
	}
	p, _ := db.ListContacts(ctx, marketing.ContactQuery{Search: "christmas"})
	_ = p
	ev, _ := db.ContactEvents(ctx, a.ID, 0)
	if len(ev) != 0 {
		t.Fatalf("events of deleted contact remain: %d", len(ev))
	}
}

func TestInsertContactBatchIsAllOrNothing(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	batch := &store.ContactBatch{
		Contacts:    []marketing.Contact{{LastName: "One", Email: "x@example.com"}, {LastName: "Two", Email: "X@example.com"}},
		EventKind:   marketing.EventImported,
		ProgressKey: "job.test", ProgressValue: 2,
	}
	err := db.InsertContactBatch(ctx, batch)
	if e := marketing.AsError(err); e.Code != marketing.EConflict || e.Row != 2 {
		t.Fatalf("got %v, want conflict at row 2", err)
	}
	counts, _ := db.Counts(ctx)
	var progress int
	ok, _ := db.GetValue(ctx, "job.test", &progress)
	if counts.Contacts != 0 || ok {
		t.Fatalf("half a batch was written: %d contacts, progress stored %v", counts.Contacts, ok)
	}
	batch.Contacts[1].Email = "y@example.com"
	batch.Orders = [][]marketing.Order{{{OrderNo: "O1", Date: "2026-01-02", Total: marketing.Money{Minor: 12500, Currency: "DKK"}, Lines: []marketing.OrderLine{{SKU: "A", Quantity: 1, UnitMinor: 12500}}}}}
	if err := db.InsertContactBatch(ctx, batch); err != nil {
		t.Fatal(err)
	}
	counts, _ = db.Counts(ctx)
	if counts.Contacts != 2 || counts.Orders != 1 {
		t.Fatalf("counts %+v", counts)
	}
	if ok, _ := db.GetValue(ctx, "job.test", &progress); !ok || progress != 2 {
		t.Fatalf("progress %v %d", ok, progress)
	}
}

func TestSettingsAndLogoRoundTrip(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	def := marketing.DefaultSettings("sv")
	s, err := db.Settings(ctx, def)
	if err != nil || s.Language != "sv" || s.Setup {
		t.Fatalf("defaults %+v %v", s, err)
	}
	s.Setup = true
	s.Business.Name = "Blomsterbutiken AB"
	if err := db.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	if err := db.SetMedia(ctx, "logo", "image/png", []byte{0x89, 'P', 'N', 'G'}); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Settings(ctx, def)
	if !got.Setup || got.Business.Name != "Blomsterbutiken AB" || !got.Business.HasLogo {
		t.Fatalf("got %+v", got)
	}
	mime, data, err := db.Media(ctx, "logo")
	if err != nil || mime != "image/png" || len(data) != 4 {
		t.Fatalf("media %q %v %v", mime, data, err)
	}
}

func TestBackgroundCheckFindsADamagedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 300; i++ {
		mustCreate(t, db, marketing.Contact{LastName: "Hansen", FirstName: "Anna", Notes: string(make([]byte, 200))})
	}
	if err := db.Health(ctx); err != nil {
		t.Fatalf("healthy file reported %v", err)
	}
	db.Close()

	// Scribble over a page in the middle of the file, as a failing disk might.
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 4096 * 5; i < 4096*5+3000; i++ {
		b[i] = 0x5a
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err = store.Open(ctx, path)
	if err != nil {
		if marketing.ErrorCode(err) != marketing.EDamaged {
			t.Fatalf("open: %v, want damaged", err)
		}
		return
	}
	defer db.Close()
	if code := marketing.ErrorCode(db.Health(ctx)); code != marketing.EDamaged {
		t.Fatalf("health %q, want damaged", code)
	}
}

func TestTagFilterPagesTheSameWhateverThePlan(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	// 30 contacts, a common tag (every second) and a rare one (one contact).
	for i := 0; i < 30; i++ {
		c := marketing.Contact{LastName: string(rune('A' + i%26)), FirstName: string(rune('a' + i/26))}
		if i%2 == 0 {
			c.Tags = []string{"Common"}
		}
		if i == 7 {
			c.Tags = append(c.Tags, "Rare")
		}
		mustCreate(t, db, c)
	}
	seen := map[int64]bool{}
	for off := 0; off < 15; off += 4 {
		p, err := db.ListContacts(ctx, marketing.ContactQuery{Tag: "common", Limit: 4, Offset: off})
		if err != nil || p.Total != 15 {
			t.Fatalf("page at %d: total %d, %v", off, p.Total, err)
		}
		for i, c := range p.Items {
			if seen[c.ID] || len(c.Tags) == 0 || c.Tags[0] != "Common" {
				t.Fatalf("page at %d item %d: %+v (seen before: %v)", off, i, c, seen[c.ID])
			}
			seen[c.ID] = true
			if i > 0 && p.Items[i-1].LastName > c.LastName {
				t.Fatalf("not sorted by name: %q before %q", p.Items[i-1].LastName, c.LastName)
			}
		}
	}
	if len(seen) != 15 {
		t.Fatalf("paged through %d distinct contacts, want 15", len(seen))
	}
	p, _ := db.ListContacts(ctx, marketing.ContactQuery{Tag: "rare"})
	if p.Total != 1 || len(p.Items) != 1 || p.Items[0].LastName != "H" {
		t.Fatalf("rare tag: %+v", p)
	}
}

func TestBulkActionsOnEverythingTheListFinds(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	for i := 0; i < 12; i++ {
		country := "DK"
		if i%3 == 0 {
			country = "SE"
		}
		mustCreate(t, db, marketing.Contact{LastName: "Person", FirstName: string(rune('A' + i)), Country: country})
	}
	// Paging in the query is ignored: all four Swedes, not one page of two.
	n, err := db.TagContactsMatching(ctx, marketing.ContactQuery{Country: "SE", Limit: 2}, "Sweden list", true)
	if err != nil || n != 4 {
		t.Fatalf("tagged %d, %v", n, err)
	}
	n, err = db.DeleteContactsMatching(ctx, marketing.ContactQuery{Tag: "sweden list"})
	if err != nil || n != 4 {
		t.Fatalf("deleted %d, %v", n, err)
	}
	p, _ := db.ListContacts(ctx, marketing.ContactQuery{})
	if p.Total != 8 {
		t.Fatalf("left %d, want 8", p.Total)
	}
	for _, c := range p.Items {
		if c.Country != "DK" {
			t.Fatalf("a Swede survived: %+v", c)
		}
	}
}

func TestRegionFacetsCarryTheirCountry(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	mustCreate(t, db, marketing.Contact{LastName: "A", Country: "DK", Region: "Region Hovedstaden"})
	mustCreate(t, db, marketing.Contact{LastName: "B", Country: "SE", Region: "Skåne län"})
	f, err := db.ContactFacets(ctx)
	if err != nil || len(f.Regions) != 2 {
		t.Fatalf("%+v %v", f, err)
	}
	for _, r := range f.Regions {
		if (r.Value == "Skåne län") != (r.Group == "SE") {
			t.Fatalf("region %+v has the wrong country", r)
		}
	}
	p, _ := db.ListContacts(ctx, marketing.ContactQuery{Country: "SE", Region: "Skåne län"})
	if p.Total != 1 || p.Items[0].LastName != "B" {
		t.Fatalf("region filter: %+v", p)
	}
}

func TestCountsStayExactThroughInsertsDeletesAndCascades(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	order := func(no string) marketing.Order {
		return marketing.Order{OrderNo: no, Date: "2026-01-02", Total: marketing.Money{Minor: 100, Currency: "DKK"}}
	}
	b := &store.ContactBatch{
		Contacts: []marketing.Contact{{LastName: "A"}, {LastName: "B"}, {LastName: "C"}},
		Orders:   [][]marketing.Order{{order("1"), order("2")}, {order("3")}},
	}
	if err := db.InsertContactBatch(ctx, b); err != nil {
		t.Fatal(err)
	}
	db.UpsertProducts(ctx, []marketing.Product{{SKU: "X", Name: "X", Price: marketing.Money{Currency: "DKK"}}})
	db.UpsertProducts(ctx, []marketing.Product{{SKU: "X", Name: "X again", Price: marketing.Money{Currency: "DKK"}}})
	want := marketing.WorkspaceCounts{Contacts: 3, Orders: 3, Products: 1}
	if c, _ := db.Counts(ctx); c != want {
		t.Fatalf("after insert %+v, want %+v", c, want)
	}
	// Deleting a contact cascades to its orders, and the counters follow.
	if _, err := db.DeleteContacts(ctx, []int64{b.Contacts[0].ID}); err != nil {
		t.Fatal(err)
	}
	want = marketing.WorkspaceCounts{Contacts: 2, Orders: 1, Products: 1}
	if c, _ := db.Counts(ctx); c != want {
		t.Fatalf("after delete %+v, want %+v", c, want)
	}
	p, _ := db.ListContacts(ctx, marketing.ContactQuery{})
	if p.Total != 2 {
		t.Fatalf("list total %d", p.Total)
	}
	// One contact at a time counts too, demo ones twice over.
	if err := db.CreateContact(ctx, &marketing.Contact{LastName: "D", Source: "demo"}); err != nil {
		t.Fatal(err)
	}
	want = marketing.WorkspaceCounts{Contacts: 3, Orders: 1, Products: 1, Demo: 1}
	if c, _ := db.Counts(ctx); c != want {
		t.Fatalf("after a single create %+v, want %+v", c, want)
	}
}

func TestFacetsFollowEveryWrite(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	mustCreate(t, db, marketing.Contact{LastName: "A", Country: "DK"})
	f, _ := db.ContactFacets(ctx)
	f2, _ := db.ContactFacets(ctx) // from the cache
	if len(f.Countries) != 1 || len(f2.Countries) != 1 {
		t.Fatalf("%+v %+v", f, f2)
	}
	mustCreate(t, db, marketing.Contact{LastName: "B", Country: "NO"})
	f, _ = db.ContactFacets(ctx)
	if len(f.Countries) != 2 {
		t.Fatalf("cache not refreshed after a write: %+v", f.Countries)
	}
}

func TestADeletedContactLeavesNoTraceInTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	c := mustCreate(t, db, marketing.Contact{FirstName: "Qwertzuiop", LastName: "Zyxwvutsrq", Email: "qwertzuiop@example.com"})
	for i := 0; i < 20; i++ {
		mustCreate(t, db, marketing.Contact{LastName: "Other", FirstName: fmt.Sprint("Person", i)})
	}
	if _, err := db.DeleteContacts(ctx, []int64{c.ID}); err != nil {
		t.Fatal(err)
	}
	if err := db.OptimizeSearch(ctx); err != nil {
		t.Fatal(err)
	}
	db.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"zyxwvutsrq", "Zyxwvutsrq", "qwertzuiop"} {
		if bytes.Contains(b, []byte(s)) {
			t.Errorf("%q is still in the workspace file after the contact was deleted", s)
		}
	}
}
