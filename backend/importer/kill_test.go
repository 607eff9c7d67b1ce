package importer_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"directdesk/backend/importer"
	"directdesk/backend/marketing"
	"directdesk/backend/workspace"
)

const killRows = 15000

// TestKillDuringImportLeavesAllOrNothing imports a large file in a child
// process and SIGKILLs it at random moments, 20 times. Each time the
// workspace must pass integrity_check and hold the whole batch or none of it.
func TestKillDuringImportLeavesAllOrNothing(t *testing.T) {
	if dir := os.Getenv("DIRECTDESK_CHILD_IMPORT"); dir != "" {
		ws, err := workspace.Open(context.Background(), dir, "test")
		if err != nil {
			t.Fatal(err)
		}
		src := importer.Source{Path: os.Getenv("DIRECTDESK_CHILD_FILE")}
		in, err := ws.Importer().Inspect(context.Background(), marketing.ImportContacts, src)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ws.Importer().Commit(context.Background(), src, marketing.ImportOptions{Mapping: in.Mapping}, nil); err != nil {
			t.Fatal(err)
		}
		ws.Close()
		return
	}
	if testing.Short() {
		t.Skip("spawns child processes")
	}
	file := filepath.Join(t.TempDir(), "big.csv")
	var b strings.Builder
	b.WriteString("Kundenr.;Fornavn;Efternavn;E-mail;Mobil;Postnr.;By;Fødselsdato\n")
	for i := 0; i < killRows; i++ {
		// +45 26xxxxxx to 27xxxxxx are valid Danish mobile numbers.
		fmt.Fprintf(&b, "%d;Anna%d;Hansen;anna%d@example.dk;+45 %d;%d;København;%02d.%02d.19%02d\n", 10000+i, i, i, 26000000+i, 1000+i%8000, 1+i%28, 1+i%12, 40+i%50)
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	child := func(dir string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillDuringImportLeavesAllOrNothing$")
		cmd.Env = append(os.Environ(), "DIRECTDESK_CHILD_IMPORT="+dir, "DIRECTDESK_CHILD_FILE="+file)
		return cmd
	}
	// One run to the end tells how long an import takes here.
	full := t.TempDir()
	began := time.Now()
	if out, err := child(full).CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	took := time.Since(began)
	check(t, full, true)

	outcomes := map[bool]int{}
	for i := 0; i < 20; i++ {
		dir := t.TempDir()
		cmd := child(dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rand.Int64N(int64(took * 11 / 10))))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		outcomes[check(t, dir, false)]++
	}
	t.Logf("import of %d rows takes %s; 20 kills: %d left the whole batch, %d left nothing", killRows, took.Round(time.Millisecond), outcomes[true], outcomes[false])
}

// check opens the workspace after a kill and returns whether the batch is in.
func check(t *testing.T, dir string, mustBeWhole bool) bool {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, workspace.FileName)); err != nil {
		return false // killed before the workspace existed
	}
	ws, err := workspace.Open(context.Background(), dir, "test")
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer ws.Close()
	ctx := context.Background()
	if res, err := ws.DB.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q %v", res, err)
	}
	info, err := ws.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	bs, err := ws.DB.ImportBatches(ctx)
	if err != nil {
		t.Fatal(err)
	}
	whole := info.Counts.Contacts == killRows && len(bs) == 1 && bs[0].Counts.New == killRows
	none := info.Counts.Contacts == 0 && len(bs) == 0
	if !whole && !none || mustBeWhole && !whole {
		t.Fatalf("after kill: %d contacts, %d batches", info.Counts.Contacts, len(bs))
	}
	return whole
}
