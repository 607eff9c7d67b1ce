package store_test

import (
	"context"
	"database/sql"
	"testing"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// TestErasePersonScrubBusyIsAWarningNotAFailure: a reader holding the WAL
// keeps the checkpoint from finishing. The erasure has committed, so the
// scrub reports "pending" instead of an error, and a later scrub (or
// Close) finishes it.
func TestErasePersonScrubBusyIsAWarningNotAFailure(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	defer func(r int) { store.ScrubRetries = r }(store.ScrubRetries)
	store.ScrubRetries = 0
	c := mustCreate(t, db, marketing.Contact{FirstName: "Zebulon", LastName: "Quaxworth", Email: "zq@example.dk"})
	mustCreate(t, db, marketing.Contact{FirstName: "Karen", LastName: "Blixen", Email: "kb@example.dk"})

	// Another connection reads from a snapshot older than the erasure.
	other, err := sql.Open("sqlite3", "file:"+db.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRow("SELECT count(*) FROM contacts").Scan(&n); err != nil || n != 2 {
		t.Fatalf("reader: %d %v", n, err)
	}
	if _, err := db.ErasePerson(ctx, c.ID, "test"); err != nil {
		t.Fatal(err)
	}
	if !db.ScrubSoon(ctx) {
		t.Fatal("a checkpoint blocked by a reader was reported as done")
	}
	if _, err := db.GetContact(ctx, c.ID); marketing.ErrorCode(err) != marketing.ENotFound {
		t.Fatalf("the erasure did not stand: %v", err)
	}
	tx.Rollback()
	if db.ScrubSoon(ctx) {
		t.Fatal("with the reader gone the scrub should finish")
	}
}
