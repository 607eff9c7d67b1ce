package store

import (
	"context"
	"database/sql"
	"net/url"

	"directdesk/backend/marketing"
)

// FileCheck is what CheckFile found in a database file that is not open as
// the workspace (a backup, or a file the user picked to restore).
type FileCheck struct {
	// Result is "ok" or SQLite's first complaint.
	Result string
	// Workspace: the file has DirectDesk's contacts table.
	Workspace bool
	// Version is its PRAGMA user_version (schema migrations applied).
	Version  int
	Contacts int64
}

// OK: a DirectDesk workspace that passed the check.
func (c FileCheck) OK() bool { return c.Result == "ok" && c.Workspace }

// SchemaLatest is the schema version this DirectDesk writes.
func SchemaLatest() int {
	names, _ := migrationFS.ReadDir("migrations")
	return len(names)
}

// CheckFile checks a database file without changing it: it is opened
// read-only and immutable (no lock, no -wal or -shm beside it), so even a
// backup on a read-only stick can be checked. full runs integrity_check
// (before a restore), otherwise quick_check (listing backups). A file that
// is not a database at all comes back as Result "not a database", not as
// an error; err is for files that cannot be read.
func CheckFile(ctx context.Context, path string, full bool) (FileCheck, error) {
	v := url.Values{}
	v.Set("mode", "ro")
	v.Set("immutable", "1")
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+v.Encode())
	if err != nil {
		return FileCheck{}, err
	}
	defer db.Close()
	var fc FileCheck
	pragma := "PRAGMA quick_check"
	if full {
		pragma = "PRAGMA integrity_check"
	}
	if err := db.QueryRowContext(ctx, pragma).Scan(&fc.Result); err != nil {
		if ctx.Err() != nil {
			return fc, ctx.Err()
		}
		if me := openError(path, err); marketing.ErrorCode(me) == marketing.EDamaged {
			fc.Result = err.Error()
			return fc, nil
		}
		return fc, openError(path, err)
	}
	if fc.Result != "ok" {
		return fc, nil
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&fc.Version); err != nil {
		return fc, err
	}
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'contacts'").Scan(&n); err != nil {
		return fc, err
	}
	fc.Workspace = n == 1
	if fc.Workspace {
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM contacts").Scan(&fc.Contacts); err != nil {
			fc.Result = err.Error()
		}
	}
	return fc, nil
}

// Audit appends one line to the audit log (backups, restores, moves: the
// workspace-wide events that have no contact).
func (db *DB) Audit(ctx context.Context, action string, detail map[string]string, by string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		return writeAudit(ctx, tx, db.now(), action, 0, detail, by)
	})
}
