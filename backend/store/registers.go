package store

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"sync"

	"directdesk/backend/marketing"
)

// registerMatch is true when contact c is on register ?: its phone or
// mobile, or its name + address key (dd_regkey, as in privacyCols).
const registerMatch = `EXISTS (SELECT 1 FROM register_entries e WHERE e.register = ? AND e.key IN ('p:' || c.phone, 'p:' || c.mobile, dd_regkey(c.first_name, c.last_name, c.street1, c.postcode)))`

// RegisterFile is one register file to store.
type RegisterFile struct {
	Register string
	FileName string
	SHA256   string
	ListDate string // YYYY-MM-DD, the day the register drew the file
	By       string // who imported it (the audit log)
}

// ReplaceRegister stores a register file in place of the one stored
// before, in one transaction: keys are streamed into a prepared insert (a
// register can hold millions of entries; they are never in memory at
// once). An error from keys, or a cancel, leaves the old file as it was.
// Duplicate keys count once. It returns the entries stored.
func (db *DB) ReplaceRegister(ctx context.Context, f RegisterFile, keys iter.Seq2[string, error]) (int, error) {
	if !validRegister(f.Register) {
		return 0, marketing.FieldError(marketing.EInvalid, "register", "Pick the register: Robinsonlisten, NIX or Reservasjonsregisteret.", map[string]string{"reason": "register"})
	}
	n := 0
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		n = 0
		now := db.now()
		if _, err := tx.ExecContext(ctx, `DELETE FROM register_entries WHERE register = ?`, f.Register); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO registers (register, file_name, sha256, list_date, imported_at, entries) VALUES (?, ?, ?, ?, ?, 0)
			ON CONFLICT (register) DO UPDATE SET file_name = excluded.file_name, sha256 = excluded.sha256, list_date = excluded.list_date,
			imported_at = excluded.imported_at, entries = 0`, f.Register, f.FileName, f.SHA256, f.ListDate, now); err != nil {
			return err
		}
		ins, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO register_entries (key, register) VALUES (?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		i := 0
		for key, kerr := range keys {
			if kerr != nil {
				return kerr
			}
			if i++; i%4096 == 0 && ctx.Err() != nil {
				return marketing.Errorf(marketing.ECanceled, "Cancelled. The register file stored before is kept.")
			}
			if key == "" {
				continue
			}
			res, err := ins.ExecContext(ctx, key, f.Register)
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k > 0 {
				n++
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE registers SET entries = ? WHERE register = ?`, n, f.Register); err != nil {
			return err
		}
		return writeAudit(ctx, tx, now, marketing.AuditRegisterImport, 0,
			map[string]string{"register": f.Register, "file": f.FileName, "date": f.ListDate, "entries": fmt.Sprint(n), "sha256": f.SHA256}, f.By)
	})
	return n, err
}

func validRegister(r string) bool {
	for _, x := range marketing.Registers {
		if x == r {
			return true
		}
	}
	return false
}

// RemoveRegister forgets a register's file (its entries go with it).
func (db *DB) RemoveRegister(ctx context.Context, register, by string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM registers WHERE register = ?`, register)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return marketing.FieldError(marketing.ENotFound, "register", "This register has not been imported.", map[string]string{"reason": "not_imported"})
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM register_entries WHERE register = ?`, register); err != nil {
			return err
		}
		return writeAudit(ctx, tx, db.now(), marketing.AuditRegisterImport, 0, map[string]string{"register": register, "removed": "1"}, by)
	})
}

// registerMatchCache keeps how many stored contacts each register holds
// until the next committed write: counting reads every contact (seconds on
// a million), and the Registers tab asks on every visit.
type registerMatchCache struct {
	sync.Mutex
	at    uint64
	valid bool
	value map[string]int
}

// RegisterList lists the imported registers and whether each file is stale
// (by the database clock), without counting matches: cheap enough for
// Home's warning on every visit.
func (db *DB) RegisterList(ctx context.Context) ([]marketing.RegisterInfo, error) {
	st, err := db.LoadPrivacyState(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]marketing.RegisterInfo, 0, len(st.Registers))
	now := db.Now()
	for _, r := range st.Registers {
		r.Stale, r.AgeDays = marketing.RegisterStale(r.Register, r.ListDate, now)
		out = append(out, r)
	}
	return out, nil
}

// Registers is RegisterList with how many stored contacts each register
// holds now; the counts are kept until the next write.
func (db *DB) Registers(ctx context.Context) ([]marketing.RegisterInfo, error) {
	out, err := db.RegisterList(ctx)
	if err != nil {
		return nil, err
	}
	counts, err := db.registerMatchCounts(ctx, out)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Matches = counts[out[i].Register]
	}
	return out, nil
}

func (db *DB) registerMatchCounts(ctx context.Context, regs []marketing.RegisterInfo) (map[string]int, error) {
	c := &db.regMatches
	c.Lock()
	defer c.Unlock()
	// Read the generation before counting: a write committed meanwhile
	// moves it on, so a count that may have missed it is not kept for long.
	at := db.writes.Load()
	if c.valid && c.at == at {
		hit := true
		for _, r := range regs {
			if _, ok := c.value[r.Register]; !ok {
				hit = false
			}
		}
		if hit {
			return c.value, nil
		}
	}
	counts := make(map[string]int, len(regs))
	for _, r := range regs {
		var n int
		if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM contacts c WHERE `+registerMatch, r.Register).Scan(&n); err != nil {
			return nil, err
		}
		counts[r.Register] = n
	}
	c.at, c.valid, c.value = at, true, counts
	return counts, nil
}

// RegisterMatches pages the stored contacts a register holds, by name.
func (db *DB) RegisterMatches(ctx context.Context, register string, offset, limit int) ([]marketing.ExcludedPerson, int, error) {
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM contacts c WHERE `+registerMatch, register).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT c.id, c.first_name, c.middle_name, c.last_name, c.company FROM contacts c WHERE `+registerMatch+`
		ORDER BY c.last_name, c.first_name, c.id LIMIT ? OFFSET ?`, register, max(1, min(limit, 500)), max(0, offset))
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []marketing.ExcludedPerson{}
	for rows.Next() {
		var p marketing.ExcludedPerson
		var first, middle, last, company string
		if err := rows.Scan(&p.ContactID, &first, &middle, &last, &company); err != nil {
			return nil, 0, err
		}
		p.Name, p.Reason, p.Detail = displayName(first, middle, last, company), marketing.ExcludeRegister, register
		out = append(out, p)
	}
	return out, total, rows.Err()
}
