package store

import (
	"context"
	"database/sql"
)

// PutRegisterForTest stores a register file drawn on listDate with these
// keys (see marketing.RegisterPhoneKey), replacing an earlier one: the
// licence tests need a washed list without a register file parser.
func (db *DB) PutRegisterForTest(ctx context.Context, register, listDate string, keys ...string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM registers WHERE register = ?", register); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO registers (register, file_name, list_date, imported_at, entries) VALUES (?, 'test.csv', ?, ?, ?)",
			register, listDate, db.now(), len(keys)); err != nil {
			return err
		}
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, "INSERT INTO register_entries (key, register) VALUES (?, ?)", k, register); err != nil {
				return err
			}
		}
		return nil
	})
}
