package store

import "context"

// ExecRawForTest runs one statement on the writer connection (tests that
// prove a trigger refuses something).
func (db *DB) ExecRawForTest(ctx context.Context, q string, args ...any) error {
	_, err := db.write.ExecContext(ctx, q, args...)
	return err
}
