package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

func regKeys(ks ...string) func(yield func(string, error) bool) {
	return func(yield func(string, error) bool) {
		for _, k := range ks {
			if !yield(k, nil) {
				return
			}
		}
	}
}

// A register import replaces the file before it in one transaction: one
// that fails half-way keeps the old file; matching is by phone or by the
// normalised name + address (case, spaces, punctuation do not matter).
func TestRegisterReplaceIsAtomicAndMatches(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sess, err := db.BeginImport(ctx, &marketing.ImportBatch{Kind: marketing.ImportContacts, FileName: "k.xlsx"}, false)
	if err != nil {
		t.Fatal(err)
	}
	people := []marketing.Contact{
		{FirstName: "Jørgen", LastName: "Ærø", Street1: "Nørregade 12, 2. tv", Postcode: "1165", Country: "DK", Kind: marketing.KindCustomer},
		{FirstName: "Rikke", LastName: "Holm", Mobile: "+4520111111", Country: "DK", Kind: marketing.KindCustomer},
		{FirstName: "Søren", LastName: "Lund", Street1: "Algade 3", Postcode: "4000", Phone: "+4533333333", Country: "DK", Kind: marketing.KindCustomer},
	}
	for i := range people {
		if err := sess.CreateContact(ctx, &people[i], nil, "test"); err != nil {
			t.Fatal(err)
		}
	}
	if err := sess.Commit(ctx, &marketing.ImportBatch{}); err != nil {
		t.Fatal(err)
	}
	f := store.RegisterFile{Register: marketing.RegisterRobinson, FileName: "robinson-1.csv", ListDate: "2026-11-01"}
	n, err := db.ReplaceRegister(ctx, f, regKeys(
		marketing.RegisterNameKey("JØRGEN", "ærø", "Nørregade  12 2.TV", "DK-1165"),
		marketing.RegisterPhoneKey("+4520111111"),
		marketing.RegisterPhoneKey("+4520111111"), // twice in the file: once stored
		""))
	if err != nil || n != 2 {
		t.Fatalf("import: %d %v", n, err)
	}
	regs, err := db.Registers(ctx)
	if err != nil || len(regs) != 1 || regs[0].Entries != 2 || regs[0].Matches != 2 || regs[0].FileName != "robinson-1.csv" || regs[0].ListDate != "2026-11-01" {
		t.Fatalf("registers %+v %v", regs, err)
	}
	who, total, err := db.RegisterMatches(ctx, marketing.RegisterRobinson, 0, 10)
	if err != nil || total != 2 || len(who) != 2 || who[0].Reason != marketing.ExcludeRegister {
		t.Fatalf("matches %+v %d %v", who, total, err)
	}

	// A second file that fails half-way: the first stays, whole.
	boom := errors.New("the file broke at row 3")
	_, err = db.ReplaceRegister(ctx, store.RegisterFile{Register: marketing.RegisterRobinson, FileName: "robinson-2.csv", ListDate: "2026-12-01"},
		func(yield func(string, error) bool) {
			if yield(marketing.RegisterPhoneKey("+4533333333"), nil) {
				yield("", boom)
			}
		})
	if !errors.Is(err, boom) {
		t.Fatalf("want the file's error, got %v", err)
	}
	regs, _ = db.Registers(ctx)
	if len(regs) != 1 || regs[0].FileName != "robinson-1.csv" || regs[0].Entries != 2 || regs[0].Matches != 2 {
		t.Fatalf("after a failed import %+v", regs)
	}
	facts, err := db.ContactPrivacy(ctx, []int64{people[0].ID, people[1].ID, people[2].ID})
	if err != nil || facts[people[0].ID].Register != marketing.RegisterRobinson || facts[people[1].ID].Register != marketing.RegisterRobinson || facts[people[2].ID].Register != "" {
		t.Fatalf("facts %+v %v", facts, err)
	}

	// The new file replaces the old: only Søren is on it now.
	if n, err := db.ReplaceRegister(ctx, store.RegisterFile{Register: marketing.RegisterRobinson, FileName: "robinson-3.csv", ListDate: "2026-12-01"},
		regKeys(marketing.RegisterPhoneKey("+4533333333"))); err != nil || n != 1 {
		t.Fatalf("replace: %d %v", n, err)
	}
	facts, _ = db.ContactPrivacy(ctx, []int64{people[0].ID, people[2].ID})
	if facts[people[0].ID].Register != "" || facts[people[2].ID].Register != marketing.RegisterRobinson {
		t.Fatalf("after replace %+v", facts)
	}
	if err := db.RemoveRegister(ctx, marketing.RegisterRobinson, "test"); err != nil {
		t.Fatal(err)
	}
	if regs, _ := db.Registers(ctx); len(regs) != 0 {
		t.Fatalf("after remove %+v", regs)
	}
	if err := db.RemoveRegister(ctx, marketing.RegisterRobinson, "test"); marketing.ErrorCode(err) != marketing.ENotFound {
		t.Fatalf("remove twice: %v", err)
	}
	if _, err := db.ReplaceRegister(ctx, store.RegisterFile{Register: "dnc", ListDate: "2026-12-01"}, regKeys("p:+1")); marketing.ErrorCode(err) != marketing.EInvalid {
		t.Fatalf("unknown register: %v", err)
	}
}
