package store

import (
	"time"

	"directdesk/backend/segment"
)

// CompileFilterForTest exposes the filter compiler to the black-box tests.
func CompileFilterForTest(f *segment.Filter, today time.Time) (string, []any) {
	return compileFilter(f, today)
}
