package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzSearchTerms: whatever a user types into the search box, the query we
// build is valid FTS5 and runs.
func FuzzSearchTerms(f *testing.F) {
	for _, s := range []string{"hansen", "anna.hansen@example.com", `"`, `*`, "AND OR NOT", "a", "20 12 34 56", "Мария", "(x", "^a", "NEAR(a b)", "-", "ø"} {
		f.Add(s)
	}
	db, err := Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	f.Fuzz(func(t *testing.T, s string) {
		terms := searchTerms(s)
		if terms.match != "" {
			var n int
			if err := db.read.QueryRow("SELECT count(*) FROM contact_search WHERE contact_search MATCH ?", terms.match).Scan(&n); err != nil {
				t.Fatalf("search %q built invalid query %q: %v", s, terms.match, err)
			}
		}
		if terms.match != "" && terms.prefix != "" {
			t.Fatal("both match and prefix")
		}
		if strings.Count(terms.match, `"`)%2 != 0 {
			t.Fatalf("unbalanced quotes in %q", terms.match)
		}
	})
}
