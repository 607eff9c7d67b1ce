package store

import (
	"context"
	"database/sql"
	"time"

	"directdesk/backend/segment"
)

// CompileFilterForTest exposes the filter compiler to the black-box tests.
func CompileFilterForTest(f *segment.Filter, today time.Time) (string, []any) {
	return compileFilter(f, today, nil)
}

func (db *DB) ReadRaw(ctx context.Context, q string, args ...any) *sql.Row {
	return db.read.QueryRowContext(ctx, q, args...)
}

// SetMaxNoted changes how many changed contacts are listed one by one.
func SetMaxNoted(n int) func() {
	old := maxNoted
	maxNoted = n
	return func() { maxNoted = old }
}
