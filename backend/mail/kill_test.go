package mail_test

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"directdesk/backend/mail"
	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// The sender process of TestKillDuringSendThenResume: it opens the
// workspace and runs the outbox against the parent's SMTP sink until
// done (or killed).
const (
	killEnvDB    = "DIRECTDESK_KILL_MAIL_DB"
	killEnvPort  = "DIRECTDESK_KILL_MAIL_PORT"
	killEnvTouch = "DIRECTDESK_KILL_MAIL_TOUCH"
	killEnvAcc   = "DIRECTDESK_KILL_MAIL_ACCOUNT"
)

func TestKillChild(t *testing.T) {
	path := os.Getenv(killEnvDB)
	if path == "" {
		t.Skip("the sender process of TestKillDuringSendThenResume")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	port, _ := strconv.Atoi(os.Getenv(killEnvPort))
	touch, _ := strconv.ParseInt(os.Getenv(killEnvTouch), 10, 64)
	acc, _ := strconv.ParseInt(os.Getenv(killEnvAcc), 10, 64)
	r := &mail.Runner{Store: db, TouchID: touch, AccountID: acc, From: "shop@example.com", Composer: newSmallComposer(t), Journal: path + ".journal",
		Transport: mail.Config{Host: "127.0.0.1", Port: port, Security: marketing.SecurityPlain, Hello: "example.com", Timeout: 10 * time.Second}}
	if err := r.Run(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestKillDuringSendThenResume: kill -9 during a 10,000-message send, then
// resume, 10 times: no recipient the server acknowledged receives a second
// copy; every recipient ends in exactly one final state; the unknown ones
// are listed, not resent.
//
// The sender runs in a child process (this test binary again); the SMTP
// sink runs here and outlives it. The sink sometimes closes the
// connection right after its 250, and a few times drops it after the
// final dot without answering (those rows must end unknown).
func TestKillDuringSendThenResume(t *testing.T) {
	if os.Getenv(killEnvDB) != "" {
		t.Skip("in the child")
	}
	n := 10000
	if testing.Short() {
		n = 2000
	}
	const kills = 10
	began := time.Now()
	// SIGKILL loses the process, not the page cache: whether the file
	// system honours fsync does not matter here, so the workspace goes to
	// memory when it can (several times faster on a slow disk).
	dir := t.TempDir()
	if d, err := os.MkdirTemp("/dev/shm", "ddkill"); err == nil {
		dir = d
		t.Cleanup(func() { os.RemoveAll(d) })
	}
	path := filepath.Join(dir, "w.db")
	f := newFixture(t, path, n)
	touch, acc := f.touch, f.account
	f.db.Close()
	drops := []int{n / 7, n / 3, 2 * n / 3}
	opt := serverOptions{Discard: true, AckAndClose: func(r *received) bool { return r.Msg%1499 == 0 }}
	for _, m := range drops {
		opt.Rules = append(opt.Rules, &rule{Stage: atData, Msg: m, Fault: fault{Drop: true}})
	}
	sink := startServer(t, opt)
	setup := time.Since(began)

	var out bytes.Buffer
	child := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), killEnvDB+"="+path, killEnvPort+"="+strconv.Itoa(sink.Port),
			killEnvTouch+"="+strconv.FormatInt(touch, 10), killEnvAcc+"="+strconv.FormatInt(acc, 10))
		out.Reset()
		cmd.Stdout, cmd.Stderr = &out, &out
		return cmd
	}
	for k := range kills {
		// Kill after a random number of new acknowledgements (a 40th to
		// three 40ths of the list: about half is sent by killed senders),
		// plus a random moment within a message.
		target := sink.Acked() + n/40 + rand.IntN(n/20)
		cmd := child()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		deadline := time.After(60 * time.Second)
	wait:
		for sink.Acked() < target {
			select {
			case err := <-done:
				t.Fatalf("kill %d: the sender ended by itself (%v) at %d acknowledged:\n%s", k+1, err, sink.Acked(), out.String())
			case <-deadline:
				cmd.Process.Kill()
				<-done
				t.Fatalf("kill %d: stuck at %d acknowledged:\n%s", k+1, sink.Acked(), out.String())
			case <-time.After(time.Millisecond):
				continue wait
			}
		}
		time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
		cmd.Process.Kill() // SIGKILL
		<-done
	}
	killed := sink.Acked()
	// Resume to the end.
	cmd := child()
	if err := cmd.Run(); err != nil {
		t.Fatalf("the last sender: %v\n%s", err, out.String())
	}

	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if res, err := db.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q %v", res, err)
	}
	copies := map[string]int{}
	acked := map[string]bool{}
	unanswered := map[string]bool{} // dropped after the dot
	for _, m := range sink.Received() {
		copies[m.MessageID]++
		if m.Acked {
			acked[m.MessageID] = true
		}
		if m.Reply == 0 {
			unanswered[m.MessageID] = true
		}
	}
	duplicates := 0
	for id, c := range copies {
		if c > 1 {
			duplicates++
			t.Errorf("%s reached the server %d times", id, c)
		}
	}
	states := map[string]int{}
	rows := 0
	var unknown []string
	ackedUnknown := 0 // the server said 250, the sender died before recording it
	ids := map[string]bool{}
	err = db.EachOutbox(ctx, touch, func(e *marketing.OutboxEntry) error {
		rows++
		states[e.State]++
		ids[e.MessageID] = true
		switch e.State {
		case marketing.OutboxSent:
			if !acked[e.MessageID] {
				t.Errorf("%s is sent but the server never acknowledged it", e.Email)
			}
		case marketing.OutboxUnknown:
			unknown = append(unknown, e.Email+" ("+e.Reason+")")
			if acked[e.MessageID] {
				ackedUnknown++
			}
		case marketing.OutboxHardFailed, marketing.OutboxSkipped:
			if copies[e.MessageID] > 0 {
				t.Errorf("%s is %s but reached the server", e.Email, e.State)
			}
		default:
			t.Errorf("%s ended %s, not in a final state", e.Email, e.State)
		}
		if acked[e.MessageID] && e.State != marketing.OutboxSent && e.State != marketing.OutboxUnknown {
			t.Errorf("%s was acknowledged but is %s", e.Email, e.State)
		}
		if unanswered[e.MessageID] && e.State != marketing.OutboxUnknown {
			t.Errorf("%s was dropped after the dot but is %s", e.Email, e.State)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rows != n {
		t.Fatalf("%d rows, want %d", rows, n)
	}
	for id := range copies {
		if !ids[id] {
			t.Errorf("the server received %s, which is no recipient's", id)
		}
	}
	if len(unknown) > kills+len(unanswered) {
		t.Errorf("%d unknown rows after %d kills and %d unanswered dots", len(unknown), kills, len(unanswered))
	}
	sort.Strings(unknown)
	t.Logf("%d recipients, %d kills (at %d acknowledged), %d connections; acknowledged %d, duplicates %d; final states %v",
		n, kills, killed, sink.Conns(), len(acked), duplicates, states)
	t.Logf("unknown %d (%d dropped by the sink after the dot, %d acknowledged but not recorded when killed, the rest claimed when killed), listed, not resent: %v",
		len(unknown), len(unanswered), ackedUnknown, unknown)
	t.Logf("setup %s, whole test %s", setup.Round(time.Millisecond), time.Since(began).Round(time.Millisecond))
}
