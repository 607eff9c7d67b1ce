package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// The register match counts are kept until the next committed write: a
// row changed behind the store's back (no write counted) does not move
// them, a contact saved through the store does. RegisterList needs no
// count at all.
func TestRegisterMatchCountsCachedUntilWrite(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	anne := marketing.Contact{FirstName: "Anne", LastName: "Holm", Phone: "+4520111111", Country: "DK", Kind: marketing.KindCustomer}
	bo := marketing.Contact{FirstName: "Bo", LastName: "Ek", Phone: "+4520222222", Country: "DK", Kind: marketing.KindCustomer}
	for _, c := range []*marketing.Contact{&anne, &bo} {
		if err := db.CreateContact(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.ReplaceRegister(ctx, store.RegisterFile{Register: marketing.RegisterRobinson, FileName: "r.csv", ListDate: "2026-11-01"},
		regKeys(marketing.RegisterPhoneKey("+4520111111"), marketing.RegisterPhoneKey("+4520333333"))); err != nil {
		t.Fatal(err)
	}
	matches := func() int {
		t.Helper()
		regs, err := db.Registers(ctx)
		if err != nil || len(regs) != 1 {
			t.Fatalf("%+v %v", regs, err)
		}
		return regs[0].Matches
	}
	if n := matches(); n != 1 {
		t.Fatalf("matches %d, want 1", n)
	}
	// Behind the store's back: the cached count stands.
	if err := db.ExecRaw(ctx, `UPDATE contacts SET phone = '+4520333333' WHERE id = ?`, bo.ID); err != nil {
		t.Fatal(err)
	}
	if n := matches(); n != 1 {
		t.Fatalf("matches %d: counted again without a write", n)
	}
	// A write through the store: counted again, Bo's raw change included.
	anne.Email = "anne@example.dk"
	if err := db.UpdateContact(ctx, &anne); err != nil {
		t.Fatal(err)
	}
	if n := matches(); n != 2 {
		t.Fatalf("matches %d after a write, want 2", n)
	}
	list, err := db.RegisterList(ctx)
	if err != nil || len(list) != 1 || list[0].Matches != 0 || list[0].Entries != 2 || list[0].Register != marketing.RegisterRobinson {
		t.Fatalf("list %+v %v", list, err)
	}
}
