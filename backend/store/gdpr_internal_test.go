package store

import "context"

// ExecRaw runs a statement on the writer, for tests that build rows no
// public method writes alone (the GDPR tests fill every table about a person).
func (db *DB) ExecRaw(ctx context.Context, q string, args ...any) error {
	_, err := db.write.ExecContext(ctx, q, args...)
	return err
}

// QueryStrings runs a query and returns its first column as text.
func (db *DB) QueryStrings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
