package mail

import (
	"os"
	"path/filepath"
	"testing"

	"directdesk/backend/store"
)

// A retry after a dropped connection starts the message again: the
// earlier "not handed over" answer no longer says anything, so a crash
// now leaves it started without an answer (unknown), never queued.
func TestJournalRetryReplacesTheEarlierAnswer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j")
	j, err := openJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	j.started(7)
	j.result(&store.Outcome{ID: 7, State: "reserved", Reason: "EOF"})
	j.started(7)
	j.started(8)
	j.result(&store.Outcome{ID: 8, State: "sent", Reason: "line\nbreak \"quoted\""})
	j.close()
	// A torn last line (the app died mid-write) is ignored.
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("R 9 sent 0 \"ha")
	f.Close()
	got, err := readJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	if r := got[7]; !r.Started || r.Outcome != nil {
		t.Errorf("row 7: %+v", r)
	}
	if r := got[8]; r.Outcome == nil || r.Outcome.State != "sent" || r.Outcome.Reason != "line\nbreak \"quoted\"" {
		t.Errorf("row 8: %+v", r)
	}
	if _, ok := got[9]; ok {
		t.Errorf("torn line read")
	}
}
