package importer_test

import (
	"context"
	"testing"

	"directdesk/backend/importer"
	"directdesk/backend/marketing"
)

// A bought list needs its terms before it is analysed or committed; the
// commit stores them and links the people it creates to the list, while
// people already in DirectDesk stay customers and are counted.
func TestBoughtListStoresTermsAndLinksNewPeople(t *testing.T) {
	ctx := context.Background()
	ws := openWS(t)
	commitPaste(t, ws, marketing.ImportContacts, "Navn\tE-mail\nKirsten Holm\tkirsten@example.dk\n", marketing.ImportOptions{})
	paste := "Navn\tE-mail\tType\nAnna Berg\tanna@example.dk\tkunde\nBo Dal\tbo@example.dk\tkunde\nKirsten Holm\tkirsten@example.dk\tkunde\n"
	src := importer.Source{ImportSource: marketing.ImportSource{Paste: paste}}
	in := inspect(t, ws, marketing.ImportContacts, src)
	opt := marketing.ImportOptions{Mapping: in.Mapping, ListKind: marketing.ListBought}
	if _, err := ws.Importer().Preview(ctx, src, opt); err != nil {
		t.Fatalf("the preview runs while the terms are typed: %v", err)
	}
	if _, err := ws.Importer().Analyze(ctx, src, opt, nil); marketing.AsError(err).Field != "list.supplier" {
		t.Fatalf("analyze without terms: %v", err)
	}
	opt.List = &marketing.ListTerms{Supplier: "Adresse-Huset", AcquiredOn: "2099-01-01", Licence: "once", LegalBasis: "supplier_consent"}
	if _, err := ws.Importer().Commit(ctx, src, opt, nil); marketing.AsError(err).Details["reason"] != "future" {
		t.Fatalf("future date: %v", err)
	}
	opt.List.AcquiredOn = "2026-01-05"
	b, err := ws.Importer().Commit(ctx, src, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	if b.Counts.New != 2 || b.Counts.DuplicatesExisting != 1 {
		t.Fatalf("counts %+v", b.Counts)
	}
	lists, err := ws.DB.SupplierLists(ctx, ws.DB.Now(), "DK")
	if err != nil || len(lists) != 1 {
		t.Fatalf("%+v %v", lists, err)
	}
	l := lists[0]
	if l.Supplier != "Adresse-Huset" || l.Licence != "once" || l.AcquiredOn != "2026-01-05" || l.LegalBasis != "supplier_consent" || l.Contacts != 2 || l.BatchID != b.ID {
		t.Errorf("list %+v", l)
	}
	people, total, err := ws.DB.SupplierListContacts(ctx, l.ID, 0, 10)
	if err != nil || total != 2 {
		t.Fatalf("%+v %d %v", people, total, err)
	}
	for _, p := range people {
		if p.Kind != "prospect" {
			t.Errorf("%s is a %s: a bought list's people are prospects whatever the file says", p.Name, p.Kind)
		}
	}
	page, _ := ws.DB.ListContacts(ctx, marketing.ContactQuery{Search: "kirsten"})
	if len(page.Items) != 1 || page.Items[0].Kind != marketing.KindCustomer || page.Items[0].Origin != "own" {
		t.Errorf("Kirsten changed: %+v", page.Items)
	}
	if _, err := ws.DB.UndoImport(ctx, b.ID, nil); err != nil {
		t.Fatal(err)
	}
	if lists, _ := ws.DB.SupplierLists(ctx, ws.DB.Now(), "DK"); len(lists) != 0 {
		t.Errorf("after undo %+v", lists)
	}
}
