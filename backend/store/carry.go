package store

import (
	"context"
	"database/sql"
	"net/url"
	"strings"

	"directdesk/backend/marketing"
)

// Carrying erasures across a restore: a backup made before an erasure
// still holds the person. After a restore, the erased people's hashes and
// the erasure audit lines of the replaced file are copied into the
// restored one, and every contact matching a hash is erased again.

// ErasuresToCarry is what the replaced file knew about erasures.
type ErasuresToCarry struct {
	Hashes [][3]string // hash, kind, created_at
	Audit  []carriedAudit
}

type carriedAudit struct {
	at, action, detail, by string
	contactID              sql.NullInt64
}

// ReadErasures reads the erased hashes and erasure audit lines of the
// workspace file at path (read-only; a damaged file's WAL beside it is
// honoured). An error means the file could not be read.
func ReadErasures(ctx context.Context, path string) (ErasuresToCarry, error) {
	var out ErasuresToCarry
	var err error
	for _, opts := range []string{"mode=ro", "mode=ro&immutable=1"} {
		if out, err = readErasures(ctx, path, opts); err == nil {
			return out, nil
		}
	}
	return out, err
}

func readErasures(ctx context.Context, path, opts string) (ErasuresToCarry, error) {
	var out ErasuresToCarry
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+opts)
	if err != nil {
		return out, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "SELECT hash, kind, created_at FROM erased_hashes")
	if err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return out, nil // made before erasures existed
		}
		return out, err
	}
	for rows.Next() {
		var h [3]string
		if err := rows.Scan(&h[0], &h[1], &h[2]); err != nil {
			rows.Close()
			return out, err
		}
		out.Hashes = append(out.Hashes, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, err
	}
	rows, err = db.QueryContext(ctx, "SELECT at, action, contact_id, detail, by_whom FROM audit_log WHERE action IN (?, ?) ORDER BY id",
		marketing.AuditPersonErase, marketing.AuditRetentionErase)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		var a carriedAudit
		if err := rows.Scan(&a.at, &a.action, &a.contactID, &a.detail, &a.by); err != nil {
			return out, err
		}
		out.Audit = append(out.Audit, a)
	}
	return out, rows.Err()
}

// CarryErasures applies erasures read from the replaced file, in one
// transaction: missing hashes are added, erasure audit lines newer than
// this file's newest audit line are copied, and every contact whose email
// or number matches an erased hash (carried or already here) is erased.
// It returns how many contacts were erased; the caller scrubs the file.
func (db *DB) CarryErasures(ctx context.Context, c ErasuresToCarry) (int, error) {
	var erased []ErasedPerson
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		erased = nil
		var newest string
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(at), '') FROM audit_log").Scan(&newest); err != nil {
			return err
		}
		for _, h := range c.Hashes {
			if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO erased_hashes (hash, kind, created_at) VALUES (?, ?, ?)", h[0], h[1], h[2]); err != nil {
				return err
			}
		}
		for _, a := range c.Audit {
			if a.at <= newest {
				continue
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO audit_log (at, action, contact_id, detail, by_whom) VALUES (?, ?, ?, ?, ?)",
				a.at, a.action, a.contactID, a.detail, a.by); err != nil {
				return err
			}
		}
		ids, err := queryIDs(ctx, tx, `SELECT c.id FROM contacts c WHERE EXISTS (SELECT 1 FROM erased_hashes h
			WHERE h.hash IN (dd_hmac(c.email_fold), dd_hmac(c.phone), dd_hmac(c.mobile)) AND h.hash <> '') ORDER BY c.id`)
		if err != nil {
			return err
		}
		for _, id := range ids {
			// Their hashes are here already; hashAlways adds none twice.
			p, err := db.erasePerson(ctx, tx, id, false, hashAlways)
			if err != nil {
				return err
			}
			erased = append(erased, p)
		}
		return nil
	})
	return len(erased), err
}
