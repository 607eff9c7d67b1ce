package store

import (
	"slices"
	"sync"

	"github.com/mattn/go-sqlite3"
)

// changeLog notes which contacts writes touched, so the segment columns
// (backend/segment) can re-read just those instead of a million rows after
// every edit. An update hook on the connections sees every row written to
// contacts; writes to the WITHOUT ROWID tables (tags, consent), which the
// hook does not see, note their contacts by hand (noteContacts). Notes
// become visible only after the transaction ends, so a reader never
// re-reads a contact before the change is committed; a rolled-back change
// is re-read for nothing, which is harmless.
type changeLog struct {
	mu        sync.Mutex
	pending   map[int64]struct{}
	committed map[int64]struct{}
	all       bool
	// pendingAll: the open transaction touched too many contacts to list;
	// it becomes all only when the transaction ends, so a reader never
	// rebuilds from a snapshot without it and then forgets it.
	pendingAll bool
	// orders: some order was written (the purchase figures are summed anew).
	ordersPending, orders bool
}

// maxNoted is how many changed contacts are tracked one by one; past it the
// columns are rebuilt, which is cheaper than patching that many.
var maxNoted = 100_000 // a variable for tests

func (l *changeLog) hook(op int, _ string, table string, rowid int64) {
	if table == "orders" {
		l.mu.Lock()
		l.ordersPending = true
		l.mu.Unlock()
		return
	}
	if table != "contacts" {
		return
	}
	switch op {
	case sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE:
		l.note(rowid)
	}
}

func (l *changeLog) note(ids ...int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.pendingAll {
		return
	}
	if l.pending == nil {
		l.pending = map[int64]struct{}{}
	}
	for _, id := range ids {
		l.pending[id] = struct{}{}
	}
	if len(l.pending) > maxNoted {
		l.pendingAll, l.pending = true, nil
	}
}

// commit makes the notes of the transaction that just ended visible.
func (l *changeLog) commit() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.orders = l.orders || l.ordersPending
	l.ordersPending = false
	if l.pendingAll || len(l.committed)+len(l.pending) > maxNoted {
		l.all, l.pendingAll, l.pending, l.committed = true, false, nil, nil
		return
	}
	if len(l.pending) == 0 {
		return
	}
	if l.committed == nil {
		l.committed = l.pending
	} else {
		for id := range l.pending {
			l.committed[id] = struct{}{}
		}
	}
	l.pending = nil
}

// noteContacts records contacts whose tags or consent a write changes.
func (db *DB) noteContacts(ids ...int64) { db.changes.note(ids...) }

// TakeContactChanges returns the contacts changed by committed writes since
// the last call, in id order, or all=true when too many changed to list;
// orders says whether any order was written.
func (db *DB) TakeContactChanges() (ids []int64, all, orders bool) {
	l := &db.changes
	l.mu.Lock()
	defer l.mu.Unlock()
	orders, l.orders = l.orders, false
	if l.all {
		l.all, l.committed = false, nil
		return nil, true, orders
	}
	for id := range l.committed {
		ids = append(ids, id)
	}
	l.committed = nil
	slices.Sort(ids)
	return ids, false, orders
}
