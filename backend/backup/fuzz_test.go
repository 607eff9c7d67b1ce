package backup

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzParseName: backup names come back from the UI; parse must never
// accept a path, and what it accepts must round-trip.
func FuzzParseName(f *testing.F) {
	for _, s := range []string{"directdesk-20261202-100000-manual.db", "directdesk-20261202-100000-before_restore-3.db", "damaged-20261202-100000.db", "../directdesk.db", "directdesk-2026-manual.db", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		kind, tm, ok := parse(name)
		if !ok {
			return
		}
		if strings.ContainsAny(name, "/\\\x00") {
			t.Fatalf("parse accepted a path-like name %q", name)
		}
		if kind == Damaged {
			return
		}
		if got := fileName(tm, kind, 1); got != name {
			if _, _, ok2 := parse(got); !ok2 {
				t.Fatalf("%q parsed as %s %v but its own name %q does not parse", name, kind, tm, got)
			}
		}
	})
}

// FuzzVerify: a file the user picks to restore may be anything; the check
// must refuse it cleanly (never panic, never accept a non-workspace).
func FuzzVerify(f *testing.F) {
	f.Add([]byte("SQLite format 3\x00"))
	f.Add([]byte("Name;Email\nAnna;anna@example.dk\n"))
	f.Add(make([]byte, 4096))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "x.db")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Skip()
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		st, err := Verify(ctx, p)
		if err == nil && !st.OK {
			t.Fatalf("accepted a file that is not a good workspace: %+v", st)
		}
	})
}
