package mail_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"directdesk/backend/mail"
	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// timedStore measures the runner's time in the database.
type timedStore struct {
	*store.DB
	spent   time.Duration
	commits int
}

func (s *timedStore) SaveOutcomes(ctx context.Context, outs []store.Outcome) error {
	began := time.Now()
	err := s.DB.SaveOutcomes(ctx, outs)
	s.spent += time.Since(began)
	s.commits++
	return err
}

func (s *timedStore) ReserveBatch(ctx context.Context, touchID int64, now time.Time, limit int, boot string) ([]marketing.OutboxEntry, error) {
	began := time.Now()
	rows, err := s.DB.ReserveBatch(ctx, touchID, now, limit, boot)
	s.spent += time.Since(began)
	return rows, err
}

func (s *timedStore) ContactsInOrder(ctx context.Context, ids []int64) ([]marketing.Contact, error) {
	began := time.Now()
	cs, err := s.DB.ContactsInOrder(ctx, ids)
	s.spent += time.Since(began)
	return cs, err
}

func (s *timedStore) PurchaseSummaries(ctx context.Context, ids []int64) (map[int64]marketing.PurchaseSummary, error) {
	began := time.Now()
	m, err := s.DB.PurchaseSummaries(ctx, ids)
	s.spent += time.Since(began)
	return m, err
}

// TestMailBenchReport is run by `make bench` (DIRECTDESK_BENCH=1, or
// DD_BENCH=1): 10,000 personalised ~5 KB messages through the Runner (a
// real workspace with 10,000 contacts) to a loopback go-smtp sink, beside
// the floor measured in the same run: a bare loop on one connection
// writing the same pre-composed bytes with the same commands, no
// composition and no database.
func TestMailBenchReport(t *testing.T) {
	if os.Getenv("DD_BENCH") == "" && os.Getenv("DIRECTDESK_BENCH") == "" {
		t.Skip("set DD_BENCH=1 (make bench)")
	}
	const n = 10000
	ctx := context.Background()
	f := openFixture(t, n)
	var rows []marketing.OutboxEntry
	if err := f.db.EachOutbox(ctx, f.touch, func(e *marketing.OutboxEntry) error { rows = append(rows, *e); return nil }); err != nil {
		t.Fatal(err)
	}
	contacts, err := f.db.ContactsInOrder(ctx, f.ids)
	if err != nil || len(contacts) != n {
		t.Fatalf("%d contacts: %v", len(contacts), err)
	}

	// Composition alone (the floor's pre-composed bytes).
	runtime.GC()
	msgs := make([][]byte, n)
	began := time.Now()
	var size int
	for i := range rows {
		e := &rows[i]
		msgs[i], _, err = f.composer.Message(ctx, &mail.Recipient{Contact: &contacts[i], Email: e.Email, MessageID: e.MessageID, Token: e.Token, ResponseCode: e.ResponseCode}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		size += len(msgs[i])
	}
	compose := time.Since(began)

	// Ours: the Runner, workspace on disk.
	ours, ts := runnerBench(t, f)
	// The same with the workspace in memory, where fsync costs nothing:
	// how much of the difference is the disk.
	var inMemory time.Duration
	var tsMem *timedStore
	if d, err := os.MkdirTemp("/dev/shm", "ddbench"); err == nil {
		defer os.RemoveAll(d)
		fm := newFixture(t, filepath.Join(d, "w.db"), n)
		defer fm.db.Close()
		inMemory, tsMem = runnerBench(t, fm)
	}

	// Our client alone and the bare loops, pre-composed bytes (no
	// composition, no database); each the best of three.
	stuffed := make([][]byte, n)
	for i, m := range msgs {
		stuffed[i] = dotStuff(m)
	}
	var client, floor, floorNoPipe time.Duration
	best := func(d *time.Duration, took time.Duration) {
		if *d == 0 || took < *d {
			*d = took
		}
	}
	for range 3 {
		best(&client, clientLoop(t, startServer(t, serverOptions{Discard: true}), rows, msgs))
		best(&floor, bareLoop(t, startServer(t, serverOptions{Discard: true}), rows, stuffed, true))
		best(&floorNoPipe, bareLoop(t, startServer(t, serverOptions{Discard: true, NoPipelining: true}), rows, stuffed, false))
	}

	rate := func(d time.Duration) float64 { return n / d.Seconds() }
	fmt.Printf("\nEmail sending (%d cores, same run, loopback go-smtp sink)\n", runtime.NumCPU())
	fmt.Printf("| 10,000 personalised messages (%.1f KB each) | time | messages/s | vs floor |\n|---|---|---|---|\n", float64(size)/n/1024)
	fmt.Printf("| floor: bare loop, one connection, same bytes and commands, pipelined | %.2f s | %.0f | 1.00× |\n", floor.Seconds(), rate(floor))
	fmt.Printf("| bare loop without pipelining | %.2f s | %.0f | %.2f× |\n", floorNoPipe.Seconds(), rate(floorNoPipe), rate(floorNoPipe)/rate(floor))
	fmt.Printf("| our SMTP client alone (pre-composed bytes) | %.2f s | %.0f | %.2f× |\n", client.Seconds(), rate(client), rate(client)/rate(floor))
	fmt.Printf("| DirectDesk Runner (claim, compose, commit, send, record) | %.2f s | %.0f | **%.2f×** |\n", ours.Seconds(), rate(ours), rate(ours)/rate(floor))
	if tsMem != nil {
		fmt.Printf("| the same, workspace in memory (/dev/shm: fsync is free) | %.2f s | %.0f | %.2f× |\n", inMemory.Seconds(), rate(inMemory), rate(inMemory)/rate(floor))
	}
	perMsg := func(d time.Duration) string {
		return strconv.FormatFloat(float64(d.Microseconds())/n, 'f', 0, 64) + " µs"
	}
	fmt.Printf("per message: compose %s; our client's send %s; the Runner's database work %s on disk (%d commits, synchronous=FULL)",
		perMsg(compose), perMsg(client), perMsg(ts.spent), ts.commits)
	if tsMem != nil {
		fmt.Printf(", %s in memory", perMsg(tsMem.spent))
	}
	fmt.Println()
}

// runnerBench sends the fixture's outbox to a fresh sink.
func runnerBench(t *testing.T, f *fixture) (time.Duration, *timedStore) {
	t.Helper()
	sink := startServer(t, serverOptions{Discard: true})
	ts := &timedStore{DB: f.db}
	r := f.runner(sink.config())
	r.Store = ts
	runtime.GC()
	began := time.Now()
	if err := r.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	took := time.Since(began)
	if c := f.counts(t); c[marketing.OutboxSent] != len(f.ids) || sink.Acked() != len(f.ids) {
		t.Fatalf("counts %v, %d acknowledged", c, sink.Acked())
	}
	return took, ts
}

// clientLoop sends pre-composed messages with our client on one connection.
func clientLoop(t *testing.T, s *testServer, rows []marketing.OutboxEntry, msgs [][]byte) time.Duration {
	t.Helper()
	ctx := context.Background()
	c, err := mail.Dial(ctx, s.config())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	runtime.GC()
	began := time.Now()
	for i := range msgs {
		if err := c.Send(ctx, "shop@example.com", rows[i].Email, msgs[i]); err != nil {
			t.Fatal(err)
		}
	}
	return time.Since(began)
}

// dotStuff is what goes on the wire after DATA: CRLF lines, leading dots
// doubled, the final dot.
func dotStuff(msg []byte) []byte {
	var b bytes.Buffer
	for _, line := range strings.SplitAfter(string(msg), "\n") {
		if line == "" {
			continue
		}
		if line[0] == '.' {
			b.WriteByte('.')
		}
		b.WriteString(line)
	}
	if !bytes.HasSuffix(b.Bytes(), []byte("\r\n")) {
		b.WriteString("\r\n")
	}
	b.WriteString(".\r\n")
	return b.Bytes()
}

// bareLoop sends pre-stuffed messages over one connection with nothing
// but the SMTP commands: the floor.
func bareLoop(t *testing.T, s *testServer, rows []marketing.OutboxEntry, stuffed [][]byte, pipelined bool) time.Duration {
	t.Helper()
	conn, err := net.Dial("tcp", net.JoinHostPort(s.Host, strconv.Itoa(s.Port)))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	r := bufio.NewReader(conn)
	w := bufio.NewWriterSize(conn, 32*1024)
	reply := func(want string) {
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(line, want) {
				t.Fatalf("reply %q, want %s", line, want)
			}
			if len(line) < 4 || line[3] == ' ' {
				return
			}
		}
	}
	reply("220")
	w.WriteString("EHLO example.com\r\n")
	w.Flush()
	reply("250")
	runtime.GC()
	began := time.Now()
	for i, m := range stuffed {
		cmds := []string{"MAIL FROM:<shop@example.com> SIZE=" + strconv.Itoa(len(m)) + " BODY=8BITMIME", "RCPT TO:<" + rows[i].Email + ">", "DATA"}
		want := []string{"250", "250", "354"}
		if pipelined {
			w.WriteString(cmds[0] + "\r\n" + cmds[1] + "\r\n" + cmds[2] + "\r\n")
			w.Flush()
			for _, code := range want {
				reply(code)
			}
		} else {
			for k, cmd := range cmds {
				w.WriteString(cmd + "\r\n")
				w.Flush()
				reply(want[k])
			}
		}
		w.Write(m)
		w.Flush()
		reply("250")
	}
	took := time.Since(began)
	w.WriteString("QUIT\r\n")
	w.Flush()
	if s.Acked() != len(stuffed) {
		t.Fatalf("floor: %d acknowledged", s.Acked())
	}
	return took
}
