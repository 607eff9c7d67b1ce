package workspace

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"directdesk/backend/mail"
	"directdesk/backend/marketing"
	"directdesk/backend/privacy"
)

// Sending runs the outbox of each running mailing in the background, one
// goroutine per touch, for as long as the workspace is open. A mailing
// that was running when DirectDesk closed (or crashed) resumes at the next
// start (ResumeAll): the runner's journal settles what was in flight, and
// a message that may have gone out becomes "unknown", never resent.
type Sending struct {
	w *Workspace
	// OnStatus receives a mailing's status while it sends (throttled).
	OnStatus func(MailingStatus)

	mu   sync.Mutex
	runs map[int64]*activeRun
	ctx  context.Context
	stop context.CancelFunc
	wg   sync.WaitGroup
}

type activeRun struct {
	cancel   context.CancelFunc
	stop     atomic.Bool   // end between two messages
	wake     chan struct{} // interrupts a wait for retries
	emitting atomic.Bool   // a status is being computed for the UI
	pausing  atomic.Bool   // the stop is a pause, not a shutdown
	stats    mail.Stats
	recent   []time.Time // send times in the last minute (rate)
	last     time.Time   // last status sent
}

// MailingStatus is a mailing's live state for the tracking screen.
type MailingStatus struct {
	Mailing marketing.Mailing `json:"mailing"`
	Account string            `json:"account"`
	Counts  map[string]int    `json:"counts"` // per outbox state
	Total   int               `json:"total"`
	// Done counts recipients in a final state (sent, failed, skipped, ...).
	Done int `json:"done"`
	// Active: a sender is working on it right now.
	Active bool `json:"active"`
	// Waiting: rate_limit, retry, reconnect, password or "".
	Waiting   string  `json:"waiting"`
	WaitUntil string  `json:"waitUntil"`
	PerMinute float64 `json:"perMinute"`
	// ETASeconds is the time left at the current rate and limits (-1 unknown).
	ETASeconds int `json:"etaSeconds"`
}

func newSending(w *Workspace) *Sending {
	ctx, stop := context.WithCancel(context.Background())
	return &Sending{w: w, runs: map[int64]*activeRun{}, ctx: ctx, stop: stop}
}

// Stop ends every runner and waits for them: each finishes the message
// in flight (up to a few seconds; after that the connection is cut and
// that message counts as unknown).
func (s *Sending) Stop() {
	s.mu.Lock()
	for _, ar := range s.runs {
		ar.stop.Store(true)
	}
	s.mu.Unlock()
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		s.stop()
		<-done
	}
	s.stop()
}

// ResumeAll starts the runners of mailings that were running.
func (s *Sending) ResumeAll(ctx context.Context) error {
	ids, err := s.w.DB.RunningTouches(ctx)
	if err != nil {
		return err
	}
	for _, id := range ids {
		s.Start(ctx, id)
	}
	return nil
}

// Kick restarts mailings paused for a missing password.
func (s *Sending) Kick() {
	ctx := context.Background()
	list, err := s.w.DB.Mailings(ctx)
	if err != nil {
		return
	}
	for _, m := range list {
		if m.Status == marketing.CampaignPaused && strings.HasPrefix(m.PauseReason, "password") {
			s.Resume(ctx, m.TouchID)
		}
	}
}

// Start runs a touch's outbox unless it already runs.
func (s *Sending) Start(_ context.Context, touchID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.runs[touchID]; ok || s.ctx.Err() != nil {
		return
	}
	ctx, cancel := context.WithCancel(s.ctx)
	ar := &activeRun{cancel: cancel, wake: make(chan struct{}, 1)}
	s.runs[touchID] = ar
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.loop(ctx, touchID, ar)
		s.mu.Lock()
		delete(s.runs, touchID)
		s.mu.Unlock()
		cancel()
		s.emit(touchID)
	}()
}

// loop runs the touch until it is done, paused or the workspace closes.
func (s *Sending) loop(ctx context.Context, touchID int64, ar *activeRun) {
	db := s.w.DB
	for {
		err := s.runOnce(ctx, touchID, ar)
		m, merr := db.Mailing(context.Background(), touchID)
		if merr != nil {
			return
		}
		var retry *mail.RetryLater
		var pause *mail.PauseError
		var me *marketing.Error
		switch {
		case err == nil:
			// A mailing ends here; a campaign's touch alone (its campaign
			// finishes when all its touches have).
			db.FinishEmailTouch(context.Background(), touchID)
			os.Remove(s.journal(touchID)) // empty: every answer is committed
			return
		case errors.As(err, &retry):
			s.mu.Lock()
			ar.stats.Waiting, ar.stats.Until = "retry", retry.At
			s.mu.Unlock()
			s.emit(touchID)
			select {
			case <-ctx.Done():
				return
			case <-ar.wake: // paused, cancelled, or rows queued again
			case <-time.After(time.Until(retry.At) + time.Second):
			}
			if ar.stop.Load() {
				if ar.pausing.Load() {
					db.SetCampaignStatus(context.Background(), m.CampaignID, marketing.CampaignPaused, "user")
				}
				return
			}
			continue
		case errors.As(err, &pause):
			db.SetCampaignStatus(context.Background(), m.CampaignID, marketing.CampaignPaused, pause.Reason+": "+pause.Err.Message)
			return
		case ctx.Err() != nil || errors.Is(err, mail.ErrStopped):
			if ar.pausing.Load() {
				db.SetCampaignStatus(context.Background(), m.CampaignID, marketing.CampaignPaused, "user")
			}
			// On shutdown the campaign stays running: it resumes at start.
			return
		case errors.As(err, &me) && me.Details["reason"] == "not_running":
			// The campaign was paused or finished before this sender got
			// going (or by something that did not stop it): nothing more
			// is sent, and its status is not this sender's to change.
			return
		case errors.As(err, &me) && me.Details["reason"] == "password_missing":
			db.SetCampaignStatus(context.Background(), m.CampaignID, marketing.CampaignPaused, "password: "+me.Message)
			return
		default:
			msg := err.Error()
			if errors.As(err, &me) {
				msg = me.Message
			}
			db.SetCampaignStatus(context.Background(), m.CampaignID, marketing.CampaignPaused, "error: "+msg)
			return
		}
	}
}

// runOnce builds a runner from the frozen touch and runs it.
func (s *Sending) runOnce(ctx context.Context, touchID int64, ar *activeRun) error {
	w, db := s.w, s.w.DB
	m, err := db.Mailing(ctx, touchID)
	if err != nil {
		return err
	}
	if m.AccountID == 0 {
		return marketing.Errorf(marketing.EInvalid, "The mail account of this mailing was deleted. Cancel the mailing.")
	}
	a, err := db.MailAccount(ctx, m.AccountID)
	if err != nil {
		return err
	}
	pw, err := w.password(a)
	if err != nil {
		return err
	}
	t, err := db.TemplateVersion(ctx, m.TemplateID, m.TemplateVersion)
	if err != nil {
		return err
	}
	for i, at := range t.Layout.Email.Attachments {
		t.Layout.Email.Attachments[i].Version = m.Attachments[at.TemplateID]
	}
	// A campaign's email touch N tracks its links as touchN.
	seq := 1
	if cp, err := db.CampaignOfTouch(ctx, touchID); err == nil {
		for _, tc := range cp.Touches {
			if tc.ID == touchID {
				seq = tc.Seq
			}
		}
	}
	c, err := w.composer(ctx, t, a, nil, m.Selection, m.Name, seq)
	if err != nil {
		return err
	}
	signer, err := w.signer(ctx, a)
	if err != nil {
		return err
	}
	from, err := mail.Address("fromEmail", a.FromEmail)
	if err != nil {
		return err
	}
	// The run also ends between two messages when the campaign stops
	// running by a way that does not halt this sender (a release that
	// paused it for another touch's problem, a finish elsewhere); looked
	// up at most once a second.
	var checked time.Time
	notRunning := false
	stopping := func() bool {
		if ar.stop.Load() {
			return true
		}
		if time.Since(checked) >= time.Second {
			checked = time.Now()
			if cur, err := db.Mailing(context.WithoutCancel(ctx), touchID); err == nil {
				notRunning = cur.Status != marketing.CampaignRunning
			}
		}
		return notRunning
	}
	st, err := w.Settings(ctx)
	if err != nil {
		return err
	}
	// Every batch and every message is checked again against consent,
	// registers, erasures and licences (privacy.Checker).
	guard := privacy.SendGuard{DB: db, Campaign: m.CampaignID, Country: st.Country}
	r := &mail.Runner{
		Store: guard, TouchID: touchID, AccountID: a.ID, From: from, Composer: c, Signer: signer,
		Journal:   s.journal(touchID),
		Transport: w.transport(a, pw),
		Stopping:  stopping,
		Limits:    mail.Limits{PerMinute: a.PerMinute, PerHour: a.PerHour, PerDay: a.PerDay},
		Progress: func(st mail.Stats) {
			s.mu.Lock()
			if st.Sent > ar.stats.Sent {
				now := time.Now()
				for range st.Sent - ar.stats.Sent {
					ar.recent = append(ar.recent, now)
				}
			}
			ar.stats = st
			due := time.Since(ar.last) >= 500*time.Millisecond
			if due {
				ar.last = time.Now()
			}
			s.mu.Unlock()
			// Counting a big outbox takes a while: never on the sender's
			// goroutine, and never two at once.
			if due && ar.emitting.CompareAndSwap(false, true) {
				go func() {
					defer ar.emitting.Store(false)
					s.emit(touchID)
				}()
			}
		},
	}
	if w.SendHook != nil {
		w.SendHook(r)
	}
	return r.Run(ctx)
}

func (s *Sending) emit(touchID int64) {
	if s.OnStatus == nil {
		return
	}
	st, err := s.Status(context.Background(), touchID)
	if err == nil {
		s.OnStatus(st)
	}
}

// journal is the runner's per-message file of a touch (see mail.Runner).
func (s *Sending) journal(touchID int64) string {
	return filepath.Join(s.w.Dir, "outbox-"+strconv.FormatInt(touchID, 10)+".journal")
}

// Status computes a mailing's counts, rate and time left.
func (s *Sending) Status(ctx context.Context, touchID int64) (MailingStatus, error) {
	var st MailingStatus
	m, err := s.w.DB.Mailing(ctx, touchID)
	if err != nil {
		return st, err
	}
	st.Mailing = m
	a, aerr := s.w.DB.MailAccount(ctx, m.AccountID) // deleted: no name, no limits
	if aerr == nil {
		st.Account = a.Name
	}
	if st.Counts, err = s.w.DB.OutboxCounts(ctx, touchID); err != nil {
		return st, err
	}
	left := 0
	for state, n := range st.Counts {
		st.Total += n
		switch state {
		case marketing.OutboxQueued, marketing.OutboxReserved, marketing.OutboxSending, marketing.OutboxSoftFailed:
			left += n
		}
	}
	st.Done = st.Total - left
	st.ETASeconds = -1
	s.mu.Lock()
	ar, ok := s.runs[touchID]
	if ok {
		st.Active = true
		st.Waiting = ar.stats.Waiting
		if !ar.stats.Until.IsZero() {
			st.WaitUntil = marketing.Timestamp(ar.stats.Until)
		}
		cut := time.Now().Add(-time.Minute)
		i := 0
		for i < len(ar.recent) && ar.recent[i].Before(cut) {
			i++
		}
		ar.recent = ar.recent[i:]
		if n := len(ar.recent); n > 1 {
			span := time.Since(ar.recent[0]).Seconds()
			st.PerMinute = float64(n) / max(span, 1) * 60
		}
	}
	s.mu.Unlock()
	// The provider's limits cap the rate: 12 a minute stays 12 a minute
	// however fast the last few went.
	limit := 0.0 // messages per minute the limits allow, 0 = none
	if aerr == nil {
		for _, l := range []float64{float64(a.PerMinute), float64(a.PerHour) / 60, float64(a.PerDay) / 1440} {
			if l > 0 && (limit == 0 || l < limit) {
				limit = l
			}
		}
	}
	rate := st.PerMinute
	if limit > 0 && (rate == 0 || rate > limit) {
		rate = limit
		if st.PerMinute > limit {
			st.PerMinute = limit
		}
	}
	if rate > 0 && left > 0 {
		st.ETASeconds = int(float64(left) / rate * 60)
	} else if left == 0 {
		st.ETASeconds = 0
	}
	if m.Status == marketing.CampaignPaused && strings.HasPrefix(m.PauseReason, "password") {
		st.Waiting = "password"
	}
	return st, nil
}

// List returns every mailing's status, newest first.
func (s *Sending) List(ctx context.Context) ([]MailingStatus, error) {
	list, err := s.w.DB.Mailings(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]MailingStatus, 0, len(list))
	for _, m := range list {
		st, err := s.Status(ctx, m.TouchID)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// campaignOf says whether a touch belongs to a campaign (not a mailing):
// its status is then the campaign's, moved only as campaigns move.
func (s *Sending) campaignOf(ctx context.Context, m marketing.Mailing) bool {
	c, err := s.w.DB.Campaign(ctx, m.CampaignID)
	return err == nil && c.Kind == marketing.CampaignKindCampaign
}

// Pause stops a mailing after the message in flight. A campaign's email
// touch pauses its campaign, with every touch of it.
func (s *Sending) Pause(ctx context.Context, touchID int64) error {
	m, err := s.w.DB.Mailing(ctx, touchID)
	if err != nil {
		return err
	}
	if s.campaignOf(ctx, m) {
		return s.w.SetCampaignStatus(ctx, m.CampaignID, marketing.CampaignPaused)
	}
	if m.Status != marketing.CampaignRunning {
		return marketing.Errorf(marketing.EConflict, "This mailing is not sending, so it cannot be paused.")
	}
	if !s.halt(touchID) {
		return s.w.DB.SetCampaignStatus(ctx, m.CampaignID, marketing.CampaignPaused, "user")
	}
	return nil
}

// halt stops a touch's runner after the message in flight (cutting it
// off after 30 s) and waits; false when none was running. The campaign is
// paused.
func (s *Sending) halt(touchID int64) bool { return s.stopRun(touchID, true) }

// stopRun is halt; pause=false leaves the campaign's status alone (a
// cancelled touch of a campaign ends without pausing the campaign).
func (s *Sending) stopRun(touchID int64, pause bool) bool {
	s.mu.Lock()
	ar, ok := s.runs[touchID]
	if ok {
		ar.pausing.Store(pause)
		ar.stop.Store(true)
		s.poke(ar)
	}
	s.mu.Unlock()
	if !ok {
		return false
	}
	for i := 0; ; i++ {
		s.mu.Lock()
		_, running := s.runs[touchID]
		s.mu.Unlock()
		if !running {
			return true
		}
		if i == 600 {
			ar.cancel()
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Resume continues a paused (or unfinished) mailing.
func (s *Sending) Resume(ctx context.Context, touchID int64) error {
	m, err := s.w.DB.Mailing(ctx, touchID)
	if err != nil {
		return err
	}
	switch m.Status {
	case marketing.CampaignPaused, marketing.CampaignRunning:
	default:
		return marketing.Errorf(marketing.EConflict, "This mailing has ended. Start a new one to send again.")
	}
	if m.Status == marketing.CampaignPaused && s.campaignOf(ctx, m) {
		// Resuming a campaign's email resumes the campaign as its page
		// does: what is due is released, every email touch sends.
		return s.w.SetCampaignStatus(ctx, m.CampaignID, marketing.CampaignRunning)
	}
	return s.restart(ctx, m)
}

// restart sets the campaign running and starts its sender (retries and
// resends may reopen a finished mailing).
func (s *Sending) restart(ctx context.Context, m marketing.Mailing) error {
	touchID := m.TouchID
	if err := s.w.DB.ReopenEmailTouch(ctx, touchID); err != nil {
		return err
	}
	if cur, err := s.w.DB.Mailing(ctx, touchID); err == nil && cur.Status != marketing.CampaignRunning && s.campaignOf(ctx, cur) {
		// A retry or a resend does not resume a paused campaign: what it
		// queued goes when the campaign is resumed.
		s.emit(touchID)
		return nil
	}
	if err := s.w.DB.SetCampaignStatus(ctx, m.CampaignID, marketing.CampaignRunning, ""); err != nil {
		return err
	}
	s.mu.Lock()
	if ar, ok := s.runs[touchID]; ok {
		s.poke(ar) // waiting for retries: look at the queue again now
	}
	s.mu.Unlock()
	s.Start(ctx, touchID)
	return nil
}

// poke interrupts a run's wait for retries.
func (s *Sending) poke(ar *activeRun) {
	select {
	case ar.wake <- struct{}{}:
	default:
	}
}

// Cancel ends a mailing: who has not been sent to yet is cancelled. For a
// campaign's email touch only that touch ends.
func (s *Sending) Cancel(ctx context.Context, touchID int64) error {
	if _, err := s.w.DB.Mailing(ctx, touchID); err != nil {
		return err
	}
	s.stopRun(touchID, false)
	if _, err := s.w.DB.RequeueOutbox(ctx, touchID, []string{marketing.OutboxQueued, marketing.OutboxSoftFailed}, marketing.OutboxCancelled, "cancelled"); err != nil {
		return err
	}
	err := s.w.DB.FinishEmailTouch(ctx, touchID)
	s.emit(touchID)
	return err
}

// RetryFailed queues the failed recipients again and resumes sending.
func (s *Sending) RetryFailed(ctx context.Context, touchID int64) (int, error) {
	// Reopen first: a touch of a finished campaign refuses, and nothing may
	// be queued that will never be sent.
	if err := s.w.DB.ReopenEmailTouch(ctx, touchID); err != nil {
		return 0, err
	}
	n, err := s.w.DB.RequeueOutbox(ctx, touchID, []string{marketing.OutboxSoftFailed, marketing.OutboxHardFailed}, marketing.OutboxQueued, "")
	if err != nil || n == 0 {
		return n, err
	}
	m, err := s.w.DB.Mailing(ctx, touchID)
	if err != nil {
		return n, err
	}
	return n, s.restart(ctx, m)
}

// ResolveUnknown settles messages that may or may not have gone out.
func (s *Sending) ResolveUnknown(ctx context.Context, touchID int64, resend bool) (int, error) {
	if !resend {
		return s.w.DB.RequeueOutbox(ctx, touchID, []string{marketing.OutboxUnknown}, marketing.OutboxSent, "counted_as_sent")
	}
	if err := s.w.DB.ReopenEmailTouch(ctx, touchID); err != nil {
		return 0, err
	}
	n, err := s.w.DB.RequeueOutbox(ctx, touchID, []string{marketing.OutboxUnknown}, marketing.OutboxQueued, "resent")
	if err != nil || n == 0 {
		return n, err
	}
	m, err := s.w.DB.Mailing(ctx, touchID)
	if err != nil {
		return n, err
	}
	return n, s.restart(ctx, m)
}
