package mail

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// The outbox runner sends one touch. Exactly-once rests on these rules:
//  1. a batch of rows is marked "reserved", with the computer's boot, in
//     a transaction synced to disk (Store.ReserveBatch);
//  2. before a message goes out the runner writes "started" to its
//     journal, and the server's answer after (journal.go): a write each,
//     no commit, so it survives the app dying;
//  3. every 100 messages or second the outcomes are committed (synced)
//     and the journal emptied (Store.SaveOutcomes);
//  4. at the next start (Store.RecoverSending) the journal settles what
//     was left: an answer is recorded; started without an answer means
//     "unknown"; never started means queued again, unless the computer
//     restarted meanwhile (a power loss may have dropped journal lines),
//     then "unknown" too. Unknown rows are never resent without the user;
//  5. a connection that fails after the final dot makes that row
//     "unknown"; one that fails before it is retried.
// No transaction is open while the network is used.

// Store is what the runner needs from the workspace database.
type Store interface {
	RecoverSending(ctx context.Context, touchID int64, boot string, journal map[int64]store.Recovered) (int, error)
	ReserveBatch(ctx context.Context, touchID int64, now time.Time, limit int, boot string) ([]marketing.OutboxEntry, error)
	ReleaseReserved(ctx context.Context, touchID int64) error
	SaveOutcomes(ctx context.Context, outs []store.Outcome) error
	Blocked(ctx context.Context, contactID int64, email string) (bool, string, error)
	SentTimes(ctx context.Context, accountID int64, since time.Time, limit int) ([]time.Time, error)
	SentSince(ctx context.Context, accountID int64, t time.Time) (int, error)
	NextRetry(ctx context.Context, touchID int64) (string, error)
	ContactsInOrder(ctx context.Context, ids []int64) ([]marketing.Contact, error)
	PurchaseSummaries(ctx context.Context, ids []int64) (map[int64]marketing.PurchaseSummary, error)
}

// Signer signs a finished message (DKIM); nil = unsigned.
type Signer interface {
	Sign(msg []byte) ([]byte, error)
}

// Limits are the provider's sending limits (0 = none).
type Limits struct {
	PerMinute, PerHour, PerDay int
}

// Stats is the runner's live view, sent to Progress.
type Stats struct {
	Sent, SoftFailed, HardFailed, Unknown, Skipped int
	// Waiting says why nothing is sent right now: "rate_limit", "retry"
	// (soft failures due later), "reconnect", or "".
	Waiting string
	Until   time.Time
}

// Runner sends the outbox of one touch.
type Runner struct {
	Store     Store
	TouchID   int64
	AccountID int64
	// Journal is the file of per-message steps between commits (one per
	// touch, beside the workspace database).
	Journal   string
	From      string // envelope sender (bounces go here)
	Composer  *Composer
	Signer    Signer
	Transport Config
	Limits    Limits
	// MaxFailures in a row (connection failures and temporary replies)
	// pause the run; default 5.
	MaxFailures int
	// MaxAttempts before a soft failure becomes hard; default 5.
	MaxAttempts int
	Now         func() time.Time
	Progress    func(Stats)
	// Dial replaces Dial (tests count connections).
	Dial func(ctx context.Context, cfg Config) (*Client, error)
	// Stopping, when it returns true, ends the run between two messages
	// (a pause): unlike cancelling ctx it never cuts a message in flight.
	Stopping func() bool

	stats   Stats
	client  *Client
	sent    []time.Time // recent send times, for the rate limits
	fails   int
	boot    string
	journal *journal
	broken  bool            // a commit or journal write failed: keep rows reserved
	outs    []store.Outcome // answered since the last commit
	saved   time.Time       // when they were last committed
	// reservedAt: when the batch was reserved; later sends re-check
	// suppression and consent first.
	reservedAt time.Time
}

// PauseError stops a run that should not go on by itself: too many
// failures in a row, or a login the server refused.
type PauseError struct {
	Reason string           // "failures", "auth", "connection"
	Err    *marketing.Error // what to tell the user
}

func (e *PauseError) Error() string { return "sending paused: " + e.Err.Message }

// batch is how many rows are read per claim.
const batch = 100

// Run sends until the outbox of the touch has nothing due, ctx ends, or a
// PauseError stops it. It returns nil when every recipient has a final
// state, or ErrRetryLater with the time soft failures are due.
func (r *Runner) Run(ctx context.Context) (err error) {
	r.defaults()
	defer r.hangUp()
	r.boot = BootID()
	left, err := readJournal(r.Journal)
	if err != nil {
		return err
	}
	if n, err := r.Store.RecoverSending(ctx, r.TouchID, r.boot, left); err != nil {
		return err
	} else if n > 0 {
		r.stats.Unknown += n
	}
	if r.journal, err = openJournal(r.Journal); err != nil {
		return err
	}
	if err := r.journal.reset(); err != nil {
		r.journal.close()
		return err
	}
	// Whatever ends the run, the answers so far are committed and untouched
	// rows of the batch go back to the queue (even when ctx was cancelled).
	defer func() {
		if ferr := r.flush(ctx); err == nil {
			err = ferr
		}
		// After a failed commit or journal write the rows stay reserved:
		// the next run's recovery reads the journal, which still holds
		// their answers. Releasing them would queue sent mail again.
		if !r.broken {
			if rerr := r.Store.ReleaseReserved(context.WithoutCancel(ctx), r.TouchID); err == nil {
				err = rerr
			}
		}
		r.journal.close()
	}()
	if err := r.loadRecent(ctx); err != nil {
		return err
	}
	r.saved = time.Now()
	for {
		rows, err := r.Store.ReserveBatch(ctx, r.TouchID, r.Now(), batch, r.boot)
		if err != nil {
			return err
		}
		r.reservedAt = time.Now()
		if len(rows) == 0 {
			next, err := r.Store.NextRetry(ctx, r.TouchID)
			if err != nil || next == "" {
				return err
			}
			t, _ := time.Parse(time.RFC3339, next)
			return &RetryLater{At: t}
		}
		if err := r.sendBatch(ctx, rows); err != nil {
			return err
		}
		if err := r.flush(ctx); err != nil {
			return err
		}
	}
}

// composed is one message made ahead of sending.
type composed struct {
	e   *marketing.OutboxEntry
	rec *Recipient
	msg []byte
	err error
}

// sendBatch composes the batch's messages on another goroutine (one
// ahead of the wire) and sends them in order.
func (r *Runner) sendBatch(ctx context.Context, rows []marketing.OutboxEntry) error {
	contacts, buys, err := r.load(ctx, rows)
	if err != nil {
		return err
	}
	cctx, stop := context.WithCancel(ctx)
	ch := make(chan composed, 4)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(ch)
		for i := range rows {
			c := composed{e: &rows[i]}
			c.rec = &Recipient{Contact: contacts[c.e.ContactID], Email: c.e.Email, MessageID: c.e.MessageID, ResponseCode: c.e.ResponseCode, Token: c.e.Token}
			if p, ok := buys[c.e.ContactID]; ok {
				c.rec.Buys = &p
			}
			if c.rec.Contact != nil {
				c.msg, _, c.err = r.Composer.Message(cctx, c.rec, r.Now())
				if c.err == nil && r.Signer != nil {
					c.msg, c.err = r.Signer.Sign(c.msg)
				}
			}
			select {
			case ch <- c:
			case <-cctx.Done():
				return
			}
		}
	}()
	defer func() {
		stop()
		<-done
	}()
	for c := range ch {
		if r.Stopping != nil && r.Stopping() {
			return ErrStopped
		}
		if err := r.one(ctx, c); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// flush commits the answers so far and empties the journal (also after
// a cancel: a message the server accepted must be recorded as sent).
func (r *Runner) flush(ctx context.Context) error {
	r.saved = time.Now()
	if len(r.outs) == 0 {
		return nil
	}
	if err := r.Store.SaveOutcomes(context.WithoutCancel(ctx), r.outs); err != nil {
		r.broken = true
		return err
	}
	r.outs = r.outs[:0]
	if err := r.journal.reset(); err != nil {
		r.broken = true
		return err
	}
	return nil
}

// ErrStopped: Stopping asked the run to end; nothing is in flight.
var ErrStopped = errors.New("sending stopped")

// RetryLater: only soft failures are left, due at At.
type RetryLater struct{ At time.Time }

func (e *RetryLater) Error() string { return "retry at " + e.At.Format(time.RFC3339) }

func (r *Runner) defaults() {
	if r.Now == nil {
		r.Now = time.Now
	}
	if r.MaxFailures <= 0 {
		r.MaxFailures = 5
	}
	if r.MaxAttempts <= 0 {
		r.MaxAttempts = 5
	}
	if r.Dial == nil {
		r.Dial = Dial
	}
}

func (r *Runner) load(ctx context.Context, rows []marketing.OutboxEntry) (map[int64]*marketing.Contact, map[int64]marketing.PurchaseSummary, error) {
	ids := make([]int64, 0, len(rows))
	for _, e := range rows {
		if e.ContactID != 0 {
			ids = append(ids, e.ContactID)
		}
	}
	list, err := r.Store.ContactsInOrder(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	out := make(map[int64]*marketing.Contact, len(list))
	for i := range list {
		out[list[i].ID] = &list[i]
	}
	buys, err := r.Store.PurchaseSummaries(ctx, ids)
	return out, buys, err
}

// one sends one composed row and journals its outcome.
func (r *Runner) one(ctx context.Context, c composed) error {
	e := c.e
	skip := func(reason string) error {
		return r.record(ctx, &store.Outcome{ID: e.ID, State: marketing.OutboxSkipped, Reason: reason})
	}
	if c.rec.Contact == nil {
		return skip("contact_deleted") // deleted since the list was frozen
	}
	if c.err != nil {
		// Only a problem with this recipient's address skips them; any
		// other (a template that no longer merges, a missing picture)
		// stops the run so that nobody else is skipped for it.
		var me *marketing.Error
		if errors.As(c.err, &me) && me.Code == marketing.EInvalid && me.Field == "to" {
			return skip(marketing.SkipInvalid)
		}
		return c.err
	}
	to, err := Address("to", e.Email)
	if err != nil {
		return skip(marketing.SkipInvalid)
	}
	for tries := 1; ; tries++ {
		if err := r.waitForRate(ctx); err != nil {
			return err
		}
		if err := r.connect(ctx); err != nil {
			return err
		}
		// Someone may have said no since the batch was reserved (an
		// unsubscribe read from the inbox while waiting for a limit).
		if time.Since(r.reservedAt) > 2*time.Second {
			if no, reason, err := r.Store.Blocked(ctx, e.ContactID, e.Email); err != nil {
				return err
			} else if no {
				return skip(reason)
			}
		}
		// Rule 2: "started" is written before the data goes out.
		if err := r.journal.started(e.ID); err != nil {
			r.broken = true
			return err
		}
		serr := r.client.Send(ctx, r.From, to, c.msg)
		out := r.outcome(e, serr)
		out.Tries = tries
		var se *SendError
		if errors.As(serr, &se) && se.Broken {
			r.hangUp()
		}
		if out.State != marketing.OutboxReserved {
			return r.record(ctx, out)
		}
		// The connection dropped before the data was handed over: safe to
		// send again on a new connection, but not forever.
		if err := r.journal.result(out); err != nil {
			r.broken = true
			return err
		}
		if err := r.failed(ctx, serr); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// record journals an outcome, counts it, and commits the answers so far
// every 100 or every second.
func (r *Runner) record(ctx context.Context, out *store.Outcome) error {
	out.Suppress = out.State == marketing.OutboxHardFailed && recipientProblem(out.Reason)
	r.outs = append(r.outs, *out)
	if err := r.journal.result(out); err != nil {
		r.broken = true
		return err
	}
	switch out.State {
	case marketing.OutboxSent:
		r.stats.Sent++
		r.fails = 0
		r.sent = append(r.sent, r.Now())
	case marketing.OutboxSoftFailed:
		r.stats.SoftFailed++
	case marketing.OutboxHardFailed:
		r.stats.HardFailed++
	case marketing.OutboxUnknown:
		r.stats.Unknown++
	case marketing.OutboxSkipped:
		r.stats.Skipped++
	}
	if len(r.outs) >= batch || time.Since(r.saved) >= time.Second {
		if err := r.flush(ctx); err != nil {
			return err
		}
	}
	r.report()
	if out.State == marketing.OutboxSoftFailed || out.State == marketing.OutboxUnknown {
		return r.failed(ctx, errors.New(out.Reason))
	}
	if out.State == marketing.OutboxHardFailed && !recipientProblem(out.Reason) {
		return r.failed(ctx, errors.New(out.Reason))
	}
	return nil
}

// recipientProblem tells a failure about one address (5.1.x: no such
// user, bad domain) from one that says the server rejects us.
func recipientProblem(reason string) bool {
	return strings.Contains(reason, " 5.1.") || strings.Contains(reason, " 5.2.1") || strings.Contains(reason, " 5.2.2")
}

// outcome maps a send result onto the row's next state.
func (r *Runner) outcome(e *marketing.OutboxEntry, err error) *store.Outcome {
	out := &store.Outcome{ID: e.ID}
	if err == nil {
		out.State = marketing.OutboxSent
		return out
	}
	var se *SendError
	if !errors.As(err, &se) {
		out.State, out.Reason = marketing.OutboxReserved, err.Error()
		return out
	}
	switch {
	case se.Handed && se.Reply.Code == 0:
		// Rule 3: the server may have it.
		out.State, out.Reason = marketing.OutboxUnknown, "connection lost after the message was handed over: "+se.Err.Error()
	case se.Reply.Code == 0:
		// Not handed over: back to reserved, tried again at once.
		out.State, out.Reason = marketing.OutboxReserved, se.Err.Error()
	case se.Permanent():
		out.State, out.Reason = marketing.OutboxHardFailed, se.Reply.String()
	default:
		out.State, out.Reason = marketing.OutboxSoftFailed, se.Reply.String()
		if e.Attempts+1 >= r.MaxAttempts {
			out.State = marketing.OutboxHardFailed
			out.Reason = "gave up after " + strconv.Itoa(e.Attempts+1) + " attempts: " + se.Reply.String()
		} else {
			out.NextAttempt = r.Now().Add(backoff(e.Attempts + 1))
		}
	}
	return out
}

// backoff is the wait before attempt n+1: 5 min, 20 min, 1 h 20, 5 h 20.
func backoff(n int) time.Duration {
	d := 5 * time.Minute
	for i := 1; i < n; i++ {
		d *= 4
	}
	return min(d, 12*time.Hour)
}

// failed counts a failure in a row and pauses after MaxFailures.
func (r *Runner) failed(ctx context.Context, cause error) error {
	r.fails++
	if r.fails >= r.MaxFailures {
		me := marketing.FieldError(marketing.EInvalid, "sending",
			"Sending is paused: the last "+strconv.Itoa(r.fails)+" attempts failed ("+shorten(cause.Error())+"). Check the account under Settings → Email and press Resume.",
			map[string]string{"reason": "failures", "count": strconv.Itoa(r.fails), "detail": shorten(cause.Error())})
		return &PauseError{Reason: "failures", Err: me}
	}
	// A short pause before trying again, longer with each failure.
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Duration(r.fails) * 200 * time.Millisecond):
	}
	return nil
}

func (r *Runner) connect(ctx context.Context) error {
	if r.client != nil {
		return nil
	}
	for {
		c, err := r.Dial(ctx, r.Transport)
		if err == nil {
			r.client = c
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		ue := UserError(err)
		var ce *ConnError
		if errors.As(err, &ce) && (ce.Stage == "auth" || ce.Stage == "certificate" || ce.Stage == "starttls_missing" || ce.Stage == "auth_unsupported" || ce.Stage == "config") {
			// Waiting will not fix these: the user must.
			return &PauseError{Reason: ce.Stage, Err: ue}
		}
		r.stats.Waiting = "reconnect"
		r.report()
		if err := r.failed(ctx, err); err != nil {
			var pe *PauseError
			if errors.As(err, &pe) {
				pe.Err, pe.Reason = ue, "connection"
			}
			return err
		}
	}
}

func (r *Runner) hangUp() {
	if r.client != nil {
		r.client.Close()
		r.client = nil
	}
}

// loadRecent reads when the account sent its latest messages, so the
// limits hold across restarts, resumes and other mailings.
func (r *Runner) loadRecent(ctx context.Context) error {
	if r.Limits == (Limits{}) {
		return nil
	}
	n := max(r.Limits.PerDay, r.Limits.PerHour, r.Limits.PerMinute)
	since := r.Now().Add(-24 * time.Hour)
	if r.Limits.PerDay <= 0 {
		since = r.Now().Add(-time.Hour)
		if r.Limits.PerHour <= 0 {
			since = r.Now().Add(-time.Minute)
		}
	}
	times, err := r.Store.SentTimes(ctx, r.AccountID, since, n)
	if err != nil {
		return err
	}
	r.sent = times
	return nil
}

// waitForRate sleeps until sending one more keeps every limit.
func (r *Runner) waitForRate(ctx context.Context) error {
	for {
		now := r.Now()
		var until time.Time
		for _, w := range []struct {
			limit int
			span  time.Duration
		}{{r.Limits.PerMinute, time.Minute}, {r.Limits.PerHour, time.Hour}, {r.Limits.PerDay, 24 * time.Hour}} {
			if w.limit <= 0 {
				continue
			}
			n := 0
			for i := len(r.sent) - 1; i >= 0 && now.Sub(r.sent[i]) < w.span; i-- {
				n++
			}
			if n >= w.limit {
				// The window frees up when the limit-th latest send leaves it.
				idx := len(r.sent) - w.limit
				if t := r.sent[idx].Add(w.span); t.After(until) {
					until = t
				}
			}
		}
		if until.IsZero() {
			if len(r.sent) > 100000 {
				r.sent = append([]time.Time(nil), r.sent[len(r.sent)-50000:]...)
			}
			if r.stats.Waiting != "" {
				r.stats.Waiting, r.stats.Until = "", time.Time{}
				r.report()
			}
			return nil
		}
		r.stats.Waiting, r.stats.Until = "rate_limit", until
		if err := r.flush(ctx); err != nil {
			return err
		}
		r.report()
		// A provider may drop an idle connection: hang up for long waits.
		if until.Sub(now) > 30*time.Second {
			r.hangUp()
		}
		if r.Stopping != nil && r.Stopping() {
			return ErrStopped
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(min(until.Sub(now), 250*time.Millisecond)):
		}
	}
}

func (r *Runner) report() {
	if r.Progress != nil {
		r.Progress(r.stats)
	}
}

func shorten(s string) string {
	if len(s) > 160 {
		return s[:160] + "…"
	}
	return s
}
