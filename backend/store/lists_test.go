package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

func onceTerms() *marketing.ListTerms {
	return &marketing.ListTerms{Supplier: "Adresse-Huset ApS", AcquiredOn: "2026-11-01", Licence: marketing.LicenceOnce,
		ExpiresOn: "2027-05-01", LegalBasis: marketing.LegalBasisLegitimate}
}

// importList stores people as one committed import of a bought list and
// returns the batch; existing are stored contacts the file also holds.
func importList(t *testing.T, db *store.DB, terms *marketing.ListTerms, people []marketing.Contact, existing ...int64) marketing.ImportBatch {
	t.Helper()
	ctx := context.Background()
	b := &marketing.ImportBatch{Kind: marketing.ImportContacts, FileName: "adresser.csv",
		Options: marketing.ImportOptions{ListKind: marketing.ListBought, List: terms}}
	s, err := db.BeginImport(ctx, b, false)
	if err != nil {
		t.Fatal(err)
	}
	for i := range people {
		c := people[i]
		c.Kind = marketing.KindProspect
		if err := marketing.ValidateContact(&c, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateContact(ctx, &c, nil, "test"); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range existing {
		before, cons, err := s.Contact(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		after := before
		after.Notes = "on the bought list too"
		if err := s.UpdateContact(ctx, &before, cons, &after, cons, "test"); err != nil {
			t.Fatal(err)
		}
	}
	b.Counts.DuplicatesExisting = len(existing)
	if err := s.Commit(ctx, b); err != nil {
		t.Fatal(err)
	}
	return *b
}

func listOf(t *testing.T, db *store.DB, id int64) int64 {
	t.Helper()
	var l int64
	if err := db.ReadRaw(context.Background(), "SELECT coalesce(list_id, 0) FROM contacts WHERE id = ?", id).Scan(&l); err != nil {
		t.Fatal(err)
	}
	return l
}

// A bought list's import stores its terms, links the people it created
// and leaves the workspace's own customers as they were; undoing the
// import takes the list away with its people.
func TestListImportLinksNewPeopleAndUndoRemovesIt(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	own := mustCreate(t, db, marketing.Contact{FirstName: "Kirsten", LastName: "Holm", Email: "kirsten@example.dk", Kind: marketing.KindCustomer})
	b := importList(t, db, onceTerms(), []marketing.Contact{
		{FirstName: "Anna", LastName: "Berg", Email: "anna@example.dk", Country: "DK"},
		{FirstName: "Bo", LastName: "Dal", Email: "bo@example.dk", Country: "DK"},
	}, own.ID)
	lists, err := db.SupplierLists(ctx, db.Now(), "DK")
	if err != nil {
		t.Fatal(err)
	}
	if len(lists) != 1 {
		t.Fatalf("lists %+v", lists)
	}
	l := lists[0]
	if l.Supplier != "Adresse-Huset ApS" || l.Kind != marketing.ListBought || l.Licence != marketing.LicenceOnce || l.ExpiresOn != "2027-05-01" ||
		l.LegalBasis != marketing.LegalBasisLegitimate || l.BatchID != b.ID || l.Contacts != 2 {
		t.Errorf("list %+v", l)
	}
	if l.Expired || l.UsedUp || !l.NotWashed || len(l.UsedBy) != 0 {
		t.Errorf("status %+v: a fresh list, not used, no Robinson list imported", l)
	}
	if got := listOf(t, db, own.ID); got != 0 {
		t.Errorf("own customer moved to list %d", got)
	}
	var kind string
	if err := db.ReadRaw(ctx, "SELECT kind FROM contacts WHERE id = ?", own.ID).Scan(&kind); err != nil || kind != "customer" {
		t.Errorf("own customer kind %q %v", kind, err)
	}
	var linked int
	if err := db.ReadRaw(ctx, "SELECT count(*) FROM contacts WHERE list_id = ? AND origin = 'bought'", l.ID).Scan(&linked); err != nil || linked != 2 {
		t.Errorf("linked %d %v", linked, err)
	}
	var detail string
	if err := db.ReadRaw(ctx, "SELECT detail FROM audit_log WHERE action = 'list_import'").Scan(&detail); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"contacts":"2"`, `"alreadyStored":"1"`, `"supplier":"Adresse-Huset ApS"`} {
		if !strings.Contains(detail, want) {
			t.Errorf("audit %s lacks %s", detail, want)
		}
	}
	page, _, err := db.SupplierListContacts(ctx, l.ID, 0, 10)
	if err != nil || len(page) != 2 || page[0].Name != "Anna Berg" {
		t.Errorf("contacts %+v %v", page, err)
	}

	if _, err := db.UndoImport(ctx, b.ID, nil); err != nil {
		t.Fatal(err)
	}
	if lists, _ := db.SupplierLists(ctx, db.Now(), "DK"); len(lists) != 0 {
		t.Errorf("after undo %+v", lists)
	}
}

// A list some of whose people were changed after the import stays when the
// import is undone: the people kept still need their licence checked.
func TestUndoKeepsAListWhosePeopleWereKept(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	b := importList(t, db, onceTerms(), []marketing.Contact{{FirstName: "Anna", LastName: "Berg", Email: "anna@example.dk"}})
	var id int64
	if err := db.ReadRaw(ctx, "SELECT id FROM contacts").Scan(&id); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC) }
	c, err := db.GetContact(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	c.Notes = "called her"
	if err := db.UpdateContact(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if _, err := db.UndoImport(ctx, b.ID, nil); err != nil {
		t.Fatal(err)
	}
	lists, err := db.SupplierLists(ctx, db.Now(), "DK")
	if err != nil || len(lists) != 1 || lists[0].Contacts != 1 || listOf(t, db, id) != lists[0].ID {
		t.Errorf("lists %+v %v", lists, err)
	}
}

// The terms can be corrected later (with an audit line); bad terms are
// refused with the field and reason the form shows.
func TestSaveListTermsValidatesAndAudits(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	importList(t, db, onceTerms(), []marketing.Contact{{FirstName: "Anna", Email: "anna@example.dk"}})
	lists, _ := db.SupplierLists(ctx, db.Now(), "DK")
	id := lists[0].ID
	for _, tc := range []struct {
		edit          func(t *marketing.ListTerms)
		field, reason string
	}{
		{func(t *marketing.ListTerms) { t.Supplier = "  " }, "list.supplier", "required"},
		{func(t *marketing.ListTerms) { t.AcquiredOn = "1/11/2026" }, "list.acquiredOn", "date"},
		{func(t *marketing.ListTerms) { t.AcquiredOn = "2026-12-24" }, "list.acquiredOn", "future"},
		{func(t *marketing.ListTerms) { t.ExpiresOn = "2026-10-01" }, "list.expiresOn", "before_acquired"},
		{func(t *marketing.ListTerms) { t.ExpiresOn = "2027-02-30" }, "list.expiresOn", "date"},
		{func(t *marketing.ListTerms) { t.Licence = "forever" }, "list.licence", "choice"},
		{func(t *marketing.ListTerms) { t.LegalBasis = "" }, "list.legalBasis", "required"},
	} {
		terms := *onceTerms()
		tc.edit(&terms)
		err := db.SaveListTerms(ctx, id, terms, "")
		e := marketing.AsError(err)
		if err == nil || e.Field != tc.field || e.Details["reason"] != tc.reason {
			t.Errorf("%+v: %v (%s %v)", terms, err, tc.field, tc.reason)
		}
	}
	terms := *onceTerms()
	terms.Supplier, terms.ExpiresOn = "Adressehuset ApS", "2027-11-01"
	if err := db.SaveListTerms(ctx, id, terms, ""); err != nil {
		t.Fatal(err)
	}
	lists, _ = db.SupplierLists(ctx, db.Now(), "DK")
	if lists[0].Supplier != "Adressehuset ApS" || lists[0].ExpiresOn != "2027-11-01" {
		t.Errorf("saved %+v", lists[0])
	}
	var detail string
	if err := db.ReadRaw(ctx, "SELECT detail FROM audit_log WHERE action = 'list_terms'").Scan(&detail); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(detail, `"supplierWas":"Adresse-Huset ApS"`) || !strings.Contains(detail, `"expiresOn":"2027-11-01"`) {
		t.Errorf("audit %s", detail)
	}
	if err := db.SaveListTerms(ctx, id+99, terms, ""); marketing.AsError(err).Code != marketing.ENotFound {
		t.Errorf("missing list: %v", err)
	}
}

// An expired rented list is flagged as such on the Lists screen.
func TestSupplierListsFlagsExpired(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	terms := onceTerms()
	terms.Licence, terms.ExpiresOn = marketing.LicenceRepeated, "2026-11-20"
	importList(t, db, terms, []marketing.Contact{{FirstName: "Anna", Email: "anna@example.dk"}})
	lists, err := db.SupplierLists(ctx, db.Now(), "DK")
	if err != nil || !lists[0].Expired || lists[0].UsedUp {
		t.Errorf("%+v %v", lists, err)
	}
}
