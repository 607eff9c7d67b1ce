package campaign

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"

	"directdesk/backend/mail"
	"directdesk/backend/marketing"
	"directdesk/backend/merge"
	"directdesk/backend/privacy"
	"directdesk/backend/segment"
	"directdesk/backend/store"
)

// coreStore is what plans, launches and releases need.
type coreStore interface {
	Campaign(ctx context.Context, id int64) (marketing.Campaign, error)
	CampaignOfTouch(ctx context.Context, touchID int64) (marketing.Campaign, error)
	CampaignList(ctx context.Context, archived bool) ([]marketing.Campaign, error)
	ActiveCampaigns(ctx context.Context) ([]marketing.Campaign, error)
	AllCampaignFigures(ctx context.Context) (map[int64]*store.CampaignFigures, error)
	SaveCampaignDraft(ctx context.Context, c *marketing.Campaign, now string) error
	UpdateCampaignNotes(ctx context.Context, id int64, goal, notes, now string) error
	DeleteCampaignDraft(ctx context.Context, id int64) error
	CampaignContacts(ctx context.Context, ids []int64, windowStart string) ([]store.CampaignContact, error)
	LaunchCampaign(ctx context.Context, l *store.CampaignLaunch) error
	MoveCampaign(ctx context.Context, id int64, from, to, reason string, now time.Time) error
	ReleaseTouch(ctx context.Context, touchID int64, now time.Time, decide func(in *store.ReleaseInput) ([]store.ReleaseRow, error)) (store.ReleaseResult, error)
	FinishDoneTouches(ctx context.Context, now time.Time) ([]int64, error)

	TemplateByID(ctx context.Context, id int64) (marketing.Template, error)
	MailAccount(ctx context.Context, id int64) (marketing.MailAccount, error)
	Settings(ctx context.Context, def marketing.Settings) (marketing.Settings, error)
	GetContact(ctx context.Context, id int64) (marketing.Contact, error)
	ContactsInOrder(ctx context.Context, ids []int64) ([]marketing.Contact, error)
	PurchaseSummaries(ctx context.Context, ids []int64) (map[int64]marketing.PurchaseSummary, error)
	ResponseCodes(ctx context.Context, campaign string, ids []int64) (map[int64]string, error)
	PostalOrder(ctx context.Context, ids []int64, home string) ([]int64, error)

	WorkPage(ctx context.Context, f store.WorkFilter) ([]marketing.WorkItem, int, map[string]int, error)
	TouchDueIDs(ctx context.Context, touchID int64, printed bool) ([]int64, error)
	MarkTouchPrinted(ctx context.Context, touchID int64, ids []int64, now time.Time) (int, error)
	MarkTouchPosted(ctx context.Context, touchID int64, ids []int64, now time.Time) (int, error)
	TouchWork(ctx context.Context, id int64) (store.WorkRef, error)
	RecordCallOutcome(ctx context.Context, r store.CallRecord) error
	DueSMS(ctx context.Context, touchID int64) ([]store.SMSWork, error)
	FinishSMSExport(ctx context.Context, touchID int64, rows []store.SMSDone, now time.Time) error
	OpenTouchWork(ctx context.Context, campaignIDs []int64, localNow string) (map[int64]store.TouchCounts, error)
	OpenMembers(ctx context.Context, campaignIDs []int64) (map[int64]int, error)
	OpenFulfilmentTasks(ctx context.Context, limit int) ([]marketing.FulfilmentTask, error)
	CountResponsesSince(ctx context.Context, since string) (int, error)

	LoadPrivacyState(ctx context.Context) (store.PrivacyState, error)
	SkipBlockedWork(ctx context.Context, touchID int64, channel string, now time.Time, check store.ReachCheck) (map[string]int, error)
	SkipBlockedWorkItems(ctx context.Context, touchID int64, workIDs []int64, channel string, now time.Time, check store.ReachCheck) (map[string]int, error)
	SkippedWork(ctx context.Context, touchID int64, reason string, offset, limit int) ([]marketing.ExcludedPerson, int, error)
}

var errNotYet = marketing.Errorf(marketing.EInvalid, "Not built yet.")

// Event kinds this package writes on a person's timeline.
const (
	EventExcluded = "campaign_excluded" // left out of a campaign or a touch, with the reason
	EventCall     = "campaign_call"     // a call of a phone touch and its outcome
)

// localMinute is how call-backs are written: local time to the minute.
const localMinute = "2006-01-02T15:04"

func (s *Service) settings(ctx context.Context) (marketing.Settings, error) {
	return s.db.Settings(ctx, marketing.DefaultSettings(""))
}

// Summary is a campaign in the list, with its headline numbers.
type Summary struct {
	Campaign     marketing.Campaign `json:"campaign"`
	Target       int                `json:"target"`
	Control      int                `json:"control"`
	Sent         int                `json:"sent"` // touches done (all channels)
	Responses    int                `json:"responses"`
	RevenueMinor int64              `json:"revenueMinor"`
	CostMinor    int64              `json:"costMinor"`
	NextDue      string             `json:"nextDue"` // the next unreleased touch's day
	NextChannel  string             `json:"nextChannel"`
}

// List returns the campaigns (not mailings), newest first; archived ones
// only with archived.
func (s *Service) List(ctx context.Context, archived bool) ([]Summary, error) {
	list, err := s.db.CampaignList(ctx, archived)
	if err != nil {
		return nil, err
	}
	figs, err := s.db.AllCampaignFigures(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Summary, 0, len(list))
	for _, c := range list {
		sm := Summary{Campaign: c}
		if f := figs[c.ID]; f != nil {
			sm.Target, sm.Control, sm.Sent, sm.Responses, sm.RevenueMinor, sm.CostMinor = f.Target, f.Control, f.Sent, f.Responses, f.RevenueMinor, f.CostMinor
		}
		for _, t := range c.Touches {
			if t.ReleasedAt == "" {
				sm.NextDue, sm.NextChannel = t.Due(c.StartDate), t.Channel
				break
			}
		}
		out = append(out, sm)
	}
	return out, nil
}

// Get returns one campaign with its touches.
func (s *Service) Get(ctx context.Context, id int64) (marketing.Campaign, error) {
	return s.db.Campaign(ctx, id)
}

// sortTouches puts the touches in date order (ties keep the order given);
// offsets count from the start, or from today when it is not set yet.
func sortTouches(c *marketing.Campaign, today string) {
	start := c.StartDate
	if start == "" {
		start = today
	}
	sort.SliceStable(c.Touches, func(i, j int) bool { return c.Touches[i].Due(start) < c.Touches[j].Due(start) })
	for i := range c.Touches {
		c.Touches[i].Seq = i + 1
	}
}

// planKey is what of a plan is frozen at launch, to compare an edit with.
func planKey(c marketing.Campaign) string {
	type touch struct {
		Name, Channel, SMSText, Script, DueDate string
		TemplateID, LabelTemplateID, AccountID  int64
		OffsetDays                              int
		UnitCostMinor                           int64
		ExpectedRate                            float64
	}
	stop := slices.Clone(c.StopOn)
	slices.Sort(stop)
	k := struct {
		Name, KPI, Currency, Selection, StartDate        string
		BudgetMinor, OrderValueMinor, SegmentID          int64
		MarginPct, ControlPct, PressureMax, PressureDays int
		AttributionDays                                  int
		StopOn                                           []string
		Touches                                          []touch
	}{c.Name, c.KPI, c.Currency, c.Selection, c.StartDate, c.BudgetMinor, c.OrderValueMinor, c.SegmentID,
		c.MarginPct, c.ControlPct, c.PressureMax, c.PressureDays, c.AttributionDays, stop, nil}
	for _, t := range c.Touches {
		k.Touches = append(k.Touches, touch{t.Name, t.Channel, t.SMSText, t.Script, t.DueDate, t.TemplateID, t.LabelTemplateID,
			t.AccountID, t.OffsetDays, t.UnitCostMinor, t.ExpectedRate})
	}
	// The order of the touches is their dates': compare them as a set.
	slices.SortFunc(k.Touches, func(a, b touch) int {
		x, _ := json.Marshal(a)
		y, _ := json.Marshal(b)
		return strings.Compare(string(x), string(y))
	})
	b, _ := json.Marshal(k)
	return string(b)
}

// Save creates (ID 0) or updates a draft. Only the goal and notes of a
// launched campaign may change (its name is the key of its response
// codes); anything else is a conflict with reason "frozen".
func (s *Service) Save(ctx context.Context, c *marketing.Campaign) error {
	if c.Kind == "" {
		c.Kind = marketing.CampaignKindCampaign
	}
	if c.Kind != marketing.CampaignKindCampaign {
		return marketing.FieldError(marketing.EInvalid, "kind", "Mailings are made on the Email screen, not as campaigns.", map[string]string{"reason": "kind"})
	}
	if c.StopOn == nil && c.ID == 0 {
		// The textbook default: a person who answered, bought or said no
		// gets no more touches.
		c.StopOn = []string{marketing.StopResponse, marketing.StopPurchase, marketing.StopOptOut}
	}
	if c.StopOn == nil {
		c.StopOn = []string{}
	}
	if c.Touches == nil {
		c.Touches = []marketing.Touch{}
	}
	if err := marketing.ValidateCampaign(c, false); err != nil {
		return err
	}
	now := s.Now()
	ts := marketing.Timestamp(now)
	if c.ID != 0 {
		old, err := s.db.Campaign(ctx, c.ID)
		if err != nil {
			return err
		}
		if old.Kind != marketing.CampaignKindCampaign {
			return marketing.FieldError(marketing.EConflict, "kind", "This is a mailing; change it on the Email screen.", map[string]string{"reason": "frozen"})
		}
		if old.Status != marketing.CampaignDraft {
			in := *c
			if in.Currency == "" {
				in.Currency = old.Currency
			}
			if planKey(in) != planKey(old) {
				return marketing.FieldError(marketing.EConflict, "status", "This campaign has been launched: its plan, list and messages are frozen. Only the goal and the notes can still change. Duplicate it to plan a new one.", map[string]string{"reason": "frozen"})
			}
			if err := s.db.UpdateCampaignNotes(ctx, c.ID, c.Goal, c.Notes, ts); err != nil {
				return err
			}
			goal, notes := c.Goal, c.Notes
			*c = old
			c.Goal, c.Notes, c.UpdatedAt = goal, notes, ts
			return nil
		}
	}
	if c.Currency == "" {
		st, err := s.settings(ctx)
		if err != nil {
			return err
		}
		c.Currency = st.Currency
	}
	sortTouches(c, now.Format(time.DateOnly))
	return s.db.SaveCampaignDraft(ctx, c, ts)
}

// Delete removes a draft.
func (s *Service) Delete(ctx context.Context, id int64) error {
	return s.db.DeleteCampaignDraft(ctx, id)
}

// Duplicate copies a campaign's plan into a new draft named "… (copy)".
// Fixed dates become days after the start, so the copy keeps the rhythm
// and starts when it is launched.
func (s *Service) Duplicate(ctx context.Context, id int64) (marketing.Campaign, error) {
	old, err := s.db.Campaign(ctx, id)
	if err != nil {
		return old, err
	}
	if old.Kind != marketing.CampaignKindCampaign {
		return old, marketing.FieldError(marketing.EInvalid, "kind", "Mailings are copied on the Email screen.", map[string]string{"reason": "kind"})
	}
	cp := marketing.Campaign{
		Kind: marketing.CampaignKindCampaign, Goal: old.Goal, KPI: old.KPI, BudgetMinor: old.BudgetMinor, Currency: old.Currency,
		OrderValueMinor: old.OrderValueMinor, MarginPct: old.MarginPct, SegmentID: old.SegmentID, Selection: old.Selection,
		ControlPct: old.ControlPct, StopOn: slices.Clone(old.StopOn), PressureMax: old.PressureMax, PressureDays: old.PressureDays,
		AttributionDays: old.AttributionDays, Notes: old.Notes, Touches: []marketing.Touch{},
	}
	start, startErr := time.Parse(time.DateOnly, old.StartDate)
	for _, t := range old.Touches {
		t.ID, t.CampaignID, t.TemplateVersion, t.ReleasedAt, t.FinishedAt = 0, 0, 0, "", ""
		if d, err := time.Parse(time.DateOnly, t.DueDate); err == nil && startErr == nil && !d.Before(start) {
			t.OffsetDays, t.DueDate = int(d.Sub(start).Hours()/24+0.5), ""
		}
		cp.Touches = append(cp.Touches, t)
	}
	base := []rune(old.Name)
	for n := 1; n <= 100; n++ {
		suffix := " (copy)"
		if n > 1 {
			suffix = fmt.Sprintf(" (copy %d)", n)
		}
		cp.ID = 0
		cp.Name = string(base[:min(len(base), 120-len([]rune(suffix)))]) + suffix
		err = s.Save(ctx, &cp)
		var me *marketing.Error
		if errors.As(err, &me) && me.Details["reason"] == "name_taken" {
			continue
		}
		if err != nil {
			return cp, err
		}
		return s.db.Campaign(ctx, cp.ID)
	}
	return cp, err
}

// templateKinds is the template kind each touch channel needs.
var templateKinds = map[string]marketing.TemplateKind{
	marketing.TouchLetter: marketing.KindLetter, marketing.TouchCatalog: marketing.KindCatalog, marketing.TouchEmail: marketing.KindEmail,
}

// frozen is what a launch fixes of the touches' content.
type frozen struct {
	versions    map[int64]int
	attachments map[int64]string
	accounts    map[int64]marketing.MailAccount
}

// freeze checks every touch's template (it exists and is of the right
// kind), label sheet and mail account, and notes the versions a launch
// freezes. It returns every problem found.
func (s *Service) freeze(ctx context.Context, c *marketing.Campaign) (frozen, []*marketing.Error, error) {
	f := frozen{versions: map[int64]int{}, attachments: map[int64]string{}, accounts: map[int64]marketing.MailAccount{}}
	var probs []*marketing.Error
	gone := func(err error) bool { return marketing.ErrorCode(err) == marketing.ENotFound }
	for i, t := range c.Touches {
		field := fmt.Sprintf("touches.%d", i)
		n := fmt.Sprint(i + 1)
		if kind, ok := templateKinds[t.Channel]; ok && t.TemplateID != 0 {
			tpl, err := s.db.TemplateByID(ctx, t.TemplateID)
			switch {
			case gone(err):
				probs = append(probs, marketing.FieldError(marketing.EInvalid, field+".templateId", fmt.Sprintf("The message of touch %s was deleted. Pick another.", n), map[string]string{"reason": "template_gone", "touch": n}))
			case err != nil:
				return f, nil, err
			case tpl.Kind != kind:
				probs = append(probs, marketing.FieldError(marketing.EInvalid, field+".templateId", fmt.Sprintf("Touch %s is a %s, but its message is a %s template. Pick a %s template.", n, t.Channel, tpl.Kind, kind), map[string]string{"reason": "template_kind", "touch": n, "kind": string(kind)}))
			default:
				f.versions[t.ID] = tpl.Version
				if t.Channel == marketing.TouchEmail {
					atts := map[int64]int{}
					for _, a := range tpl.Layout.Email.Attachments {
						at, err := s.db.TemplateByID(ctx, a.TemplateID)
						if err != nil {
							probs = append(probs, marketing.FieldError(marketing.EInvalid, field+".templateId", fmt.Sprintf("A letter or catalog attached to the email of touch %s no longer exists. Edit the email.", n), map[string]string{"reason": "attachment_missing", "touch": n}))
							continue
						}
						atts[a.TemplateID] = at.Version
					}
					b, _ := json.Marshal(atts)
					f.attachments[t.ID] = string(b)
				}
			}
		}
		if t.LabelTemplateID != 0 && (t.Channel == marketing.TouchLetter || t.Channel == marketing.TouchCatalog) {
			tpl, err := s.db.TemplateByID(ctx, t.LabelTemplateID)
			switch {
			case gone(err):
				probs = append(probs, marketing.FieldError(marketing.EInvalid, field+".labelTemplateId", fmt.Sprintf("The label sheet of touch %s was deleted. Pick another or none.", n), map[string]string{"reason": "template_gone", "touch": n}))
			case err != nil:
				return f, nil, err
			case tpl.Kind != marketing.KindLabels:
				probs = append(probs, marketing.FieldError(marketing.EInvalid, field+".labelTemplateId", fmt.Sprintf("The labels of touch %s must be a label sheet template.", n), map[string]string{"reason": "template_kind", "touch": n, "kind": string(marketing.KindLabels)}))
			}
		}
		if t.Channel == marketing.TouchEmail && t.AccountID != 0 {
			a, err := s.db.MailAccount(ctx, t.AccountID)
			switch {
			case gone(err):
				probs = append(probs, marketing.FieldError(marketing.EInvalid, field+".accountId", fmt.Sprintf("The mail account of touch %s no longer exists. Pick another.", n), map[string]string{"reason": "account_gone", "touch": n}))
			case err != nil:
				return f, nil, err
			default:
				f.accounts[t.ID] = a
			}
		}
	}
	return f, probs, nil
}

// postal says whether a letter can be posted to the person (as the
// document package requires: a street, and a postcode or city).
func postal(m *store.CampaignContact) bool {
	return strings.TrimSpace(m.Street1+m.Street2) != "" && strings.TrimSpace(m.Postcode+m.City) != ""
}

// smsNumber is the number an SMS goes to: the mobile, else the phone when
// it can be a mobile number.
func smsNumber(mobile, phone string) string {
	if strings.TrimSpace(mobile) != "" {
		return mobile
	}
	if strings.TrimSpace(phone) == "" {
		return ""
	}
	n, err := phonenumbers.Parse(phone, "")
	if err != nil {
		return ""
	}
	switch phonenumbers.GetNumberType(n) {
	case phonenumbers.MOBILE, phonenumbers.FIXED_LINE_OR_MOBILE:
		return phone
	}
	return ""
}

// reachReason says why a person cannot be reached on a touch channel
// ("" = reachable): what the channel needs (an address, a valid email
// not suppressed, a mobile, a phone), then the privacy rules — consent,
// country rules, registers, erasure, bought-list licences — which are
// privacy.Checker's alone.
func reachReason(m *store.CampaignContact, channel string, chk *privacy.Checker) string {
	switch channel {
	case marketing.TouchLetter, marketing.TouchCatalog:
		if !postal(m) {
			return marketing.ExcludeNoAddress
		}
	case marketing.TouchEmail:
		if strings.TrimSpace(m.Email) == "" {
			return marketing.ExcludeNoAddress
		}
		if m.Suppressed {
			return marketing.ExcludeSuppressed
		}
	case marketing.TouchSMS:
		if smsNumber(m.Mobile, m.Phone) == "" {
			return marketing.ExcludeNoAddress
		}
	case marketing.TouchPhone:
		if strings.TrimSpace(m.Phone+m.Mobile) == "" {
			return marketing.ExcludeNoAddress
		}
	}
	ch := marketing.ConsentChannel(channel)
	if why, _ := chk.Reason(ch, m.Consent(ch), false, m.Privacy); why != "" {
		return why
	}
	if channel == marketing.TouchEmail {
		if _, err := mail.Address("to", m.Email); err != nil {
			return marketing.ExcludeInvalid
		}
	}
	return ""
}

// checker builds the privacy check for a campaign's plan or release.
func (s *Service) checker(ctx context.Context, campaignID int64) (*privacy.Checker, error) {
	st, err := s.settings(ctx)
	if err != nil {
		return nil, err
	}
	return privacy.NewChecker(ctx, s.db, campaignID, s.Now(), st.Country)
}

// stopReason is the stop rule that ends the person's sequence ("" = none).
func stopReason(c *marketing.Campaign, m *store.CampaignContact) string {
	if c.Stops(marketing.StopOptOut) && (m.OptedOutR || m.Suppressed || m.ConsentEmail == marketing.ConsentRefused || m.ConsentSMS == marketing.ConsentRefused ||
		m.ConsentPost == marketing.ConsentRefused || m.ConsentPhone == marketing.ConsentRefused) {
		return marketing.StopOptOut
	}
	if c.Stops(marketing.StopPurchase) && m.Bought {
		return marketing.StopPurchase
	}
	if c.Stops(marketing.StopResponse) && m.Responded {
		return marketing.StopResponse
	}
	return ""
}

// channels lists the campaign's channels, first touch first.
func channels(c *marketing.Campaign) []string {
	var out []string
	for _, t := range c.Touches {
		if !slices.Contains(out, t.Channel) {
			out = append(out, t.Channel)
		}
	}
	return out
}

// planPage is how many people a plan reads and decides at a time: a
// segment of a million is never in memory as contact details at once.
const planPage = 1000

// Member groups as a plan keeps them: a byte per person.
const (
	planTarget uint8 = iota
	planControl
	planExcluded
)

var planGroups = [...]string{planTarget: marketing.GroupTarget, planControl: marketing.GroupControl, planExcluded: marketing.GroupExcluded}

// tally counts people left out by reason, keeping the first 100 of each
// (with names) for the preflight to show.
type tally struct {
	reasons []string // in the order first met
	count   map[string]int
	sample  map[string][]marketing.ContactRef
}

// add notes id as left out for reason and returns the reason's number
// (1-based, in the order first met).
func (t *tally) add(reason string, id int64, name string) uint8 {
	if t.count == nil {
		t.count, t.sample = map[string]int{}, map[string][]marketing.ContactRef{}
	}
	if _, ok := t.count[reason]; !ok {
		t.reasons = append(t.reasons, reason)
	}
	t.count[reason]++
	if len(t.sample[reason]) < 100 {
		t.sample[reason] = append(t.sample[reason], marketing.ContactRef{ID: id, Name: name})
	}
	return uint8(slices.Index(t.reasons, reason) + 1)
}

func (t *tally) list() []marketing.Exclusion {
	out := []marketing.Exclusion{}
	for _, r := range t.reasons {
		out = append(out, marketing.Exclusion{Reason: r, Count: t.count[r], Contacts: append([]marketing.ContactRef{}, t.sample[r]...)})
	}
	return out
}

// recentNote is a person left out for recent contact: the timeline note
// is written from it at launch.
type recentNote struct {
	id      int64
	touches int32
}

// launchPlan is the list a launch freezes, kept compactly: per person
// (parallel slices, in id order) the id and a byte each for the group,
// the reason left out and the lifecycle stage.
type launchPlan struct {
	now      time.Time
	window   string // start of the pressure window
	segment  int
	ids      []int64
	group    []uint8
	reason   []uint8 // 0 = none, else excl.reasons[reason-1]
	life     []uint8 // lives[life]
	lives    []string
	excl     tally
	recent   []recentNote
	nTarget  int
	control  []int64 // in id order
	campaign *marketing.Campaign
	chk      *privacy.Checker
}

// members streams the frozen list, in id order.
func (p *launchPlan) members(yield func(store.CampaignMember) bool) {
	for i, id := range p.ids {
		m := store.CampaignMember{ContactID: id, Group: planGroups[p.group[i]], Lifecycle: p.lives[p.life[i]]}
		if p.reason[i] > 0 {
			m.Reason = p.excl.reasons[p.reason[i]-1]
		}
		if !yield(m) {
			return
		}
	}
}

// events streams the timeline notes of the people left out for recent contact.
func (p *launchPlan) events(yield func(marketing.Event) bool) {
	c := p.campaign
	for _, r := range p.recent {
		e := marketing.Event{ContactID: r.id, At: marketing.Timestamp(p.now), Kind: EventExcluded,
			Summary: fmt.Sprintf("Left out of the campaign “%s”: contacted %d times in the last %d days already, and the campaign allows at most %d.", c.Name, r.touches, c.PressureDays, c.PressureMax),
			Details: map[string]string{"reason": marketing.ExcludeRecent, "campaign_id": fmt.Sprint(c.ID), "campaign": c.Name,
				"touches": fmt.Sprint(r.touches), "max": fmt.Sprint(c.PressureMax), "days": fmt.Sprint(c.PressureDays)}}
		if !yield(e) {
			return
		}
	}
}

// targets calls fn with the target group's contacts, a page at a time,
// in id order.
func (s *Service) targets(ctx context.Context, p *launchPlan, fn func(cs []store.CampaignContact)) error {
	page := make([]int64, 0, planPage)
	flush := func() error {
		cs, err := s.db.CampaignContacts(ctx, page, p.window)
		if err != nil {
			return err
		}
		fn(cs)
		page = page[:0]
		return nil
	}
	for i, id := range p.ids {
		if p.group[i] != planTarget {
			continue
		}
		if page = append(page, id); len(page) == planPage {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if len(page) > 0 {
		return flush()
	}
	return nil
}

// ymd turns an order date into the YYYYMMDD number the lifecycle rules use.
func ymd(date string) int32 {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return 0
	}
	return int32(d.Year()*10000 + int(d.Month())*100 + d.Day())
}

// plan decides the list as of now: each person's lifecycle stage, who is
// left out and why (no channel of the campaign reaches them: the first
// touch's reason; or the pressure cap is full), and the control group —
// round(ControlPct % of the eligible), picked by a shuffle seeded by the
// campaign id so the same launch picks the same people. It reads the
// people a page at a time in id order and keeps a few bytes per person.
func (s *Service) plan(ctx context.Context, c *marketing.Campaign, ids []int64) (*launchPlan, error) {
	now := s.Now()
	uniq := slices.Clone(ids)
	slices.Sort(uniq)
	uniq = slices.Compact(uniq)
	chk, err := s.checker(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	p := &launchPlan{now: now, window: marketing.Timestamp(now.AddDate(0, 0, -c.PressureDays)), campaign: c, chk: chk}
	p.ids = make([]int64, 0, len(uniq))
	p.group = make([]uint8, 0, len(uniq))
	p.reason = make([]uint8, 0, len(uniq))
	p.life = make([]uint8, 0, len(uniq))
	bounds := segment.PurchaseBounds{Rules: segment.DefaultPurchaseRules}
	chans := channels(c)
	var eligible []int32 // positions in p.ids, so in id order
	for start := 0; start < len(uniq); start += planPage {
		cs, err := s.db.CampaignContacts(ctx, uniq[start:min(len(uniq), start+planPage)], p.window)
		if err != nil {
			return nil, err
		}
		for i := range cs {
			m := &cs[i]
			life := bounds.Lifecycle(uint32(m.Orders), ymd(m.LastOrder), now)
			li := slices.Index(p.lives, life)
			if li < 0 {
				li = len(p.lives)
				p.lives = append(p.lives, life)
			}
			reason, first := "", ""
			reachable := len(chans) == 0
			for k, ch := range chans {
				why := reachReason(m, ch, p.chk)
				if k == 0 {
					first = why
				}
				if why == "" {
					reachable = true
					break
				}
			}
			switch {
			case !reachable:
				reason = first
			case c.PressureMax > 0 && m.Recent >= c.PressureMax:
				reason = marketing.ExcludeRecent
				p.recent = append(p.recent, recentNote{id: m.ID, touches: int32(m.Recent)})
			}
			p.ids = append(p.ids, m.ID)
			p.life = append(p.life, uint8(li))
			if reason != "" {
				p.group = append(p.group, planExcluded)
				p.reason = append(p.reason, p.excl.add(reason, m.ID, m.Name))
				continue
			}
			eligible = append(eligible, int32(len(p.ids)-1))
			p.group = append(p.group, planTarget)
			p.reason = append(p.reason, 0)
		}
	}
	p.segment = len(p.ids)
	// The eligible are in id order, as the ids shuffled before were, so
	// the same shuffle picks the same people.
	k := int(math.Round(float64(c.ControlPct) * float64(len(eligible)) / 100))
	r := rand.New(rand.NewPCG(uint64(c.ID), 0x636f6e74726f6c)) // "control"
	r.Shuffle(len(eligible), func(i, j int) { eligible[i], eligible[j] = eligible[j], eligible[i] })
	for _, at := range eligible[:k] {
		p.group[at] = planControl
	}
	p.nTarget = len(eligible) - k
	p.control = make([]int64, 0, k)
	for i, g := range p.group {
		if g == planControl {
			p.control = append(p.control, p.ids[i])
		}
	}
	return p, nil
}

// smsSampleCode stands in for a response code where only its length
// matters (the SMS forecast): codes are seven GSM characters.
const smsSampleCode = "ABCD234"

// Preflight is what launching the campaign to these segment members
// (ids, as of now) would do: steps 4 and 7.
func (s *Service) Preflight(ctx context.Context, id int64, ids []int64) (marketing.CampaignPreflight, error) {
	pf := marketing.CampaignPreflight{Exclusions: []marketing.Exclusion{}, Touches: []marketing.TouchForecast{}, Warnings: []string{}, Problems: []*marketing.Error{}}
	c, err := s.db.Campaign(ctx, id)
	if err != nil {
		return pf, err
	}
	if c.Status != marketing.CampaignDraft {
		pf.Problems = append(pf.Problems, marketing.FieldError(marketing.EConflict, "status", "This campaign has been launched already.", map[string]string{"reason": "not_draft", "status": c.Status}))
	}
	check := c
	if err := marketing.ValidateCampaign(&check, true); err != nil {
		pf.Problems = append(pf.Problems, marketing.AsError(err))
	}
	_, probs, err := s.freeze(ctx, &c)
	if err != nil {
		return pf, err
	}
	pf.Problems = append(pf.Problems, probs...)
	p, err := s.plan(ctx, &c, ids)
	if err != nil {
		return pf, err
	}
	pf.Segment, pf.Target, pf.Control = p.segment, p.nTarget, len(p.control)
	pf.Exclusions = p.excl.list()
	if pf.Target == 0 {
		pf.Problems = append(pf.Problems, marketing.FieldError(marketing.EInvalid, "segmentId", "Nobody in the target group can be reached. Check the exclusions, or pick another segment.", map[string]string{"reason": "nobody"}))
	}
	today := s.Now().Format(time.DateOnly)
	start := c.StartDate
	if start == "" {
		start = today
	}
	// Who each channel reaches depends only on the channel: one more pass
	// over the target group, a page at a time, decides them all.
	type reach struct {
		n      int
		excl   tally
		sample []int64             // the first 1,000 reached (the SMS forecast)
		seen   map[uint64]struct{} // email: hashes of the folded addresses reached
	}
	per := map[string]*reach{}
	for _, ch := range channels(&c) {
		per[ch] = &reach{seen: map[uint64]struct{}{}}
	}
	err = s.targets(ctx, p, func(cs []store.CampaignContact) {
		for i := range cs {
			m := &cs[i]
			for ch, rc := range per {
				r := reachReason(m, ch, p.chk)
				if r == "" && ch == marketing.TouchEmail {
					// A 64-bit hash, not the address, keeps a million
					// addresses small; a false duplicate is vanishingly rare.
					h := fnv.New64a()
					h.Write([]byte(strings.ToLower(strings.TrimSpace(m.Email))))
					sum := h.Sum64()
					if _, dup := rc.seen[sum]; dup {
						r = marketing.ExcludeDuplicate
					}
					rc.seen[sum] = struct{}{}
				}
				if r != "" {
					rc.excl.add(r, m.ID, m.Name)
					continue
				}
				rc.n++
				if len(rc.sample) < 1000 {
					rc.sample = append(rc.sample, m.ID)
				}
			}
		}
	})
	if err != nil {
		return pf, err
	}
	var expected float64
	for _, t := range c.Touches {
		fc := marketing.TouchForecast{Seq: t.Seq, Channel: t.Channel, Due: t.Due(start), Exclusions: []marketing.Exclusion{}}
		rc := per[t.Channel]
		fc.Reach = rc.n
		fc.Exclusions = rc.excl.list()
		fc.CostMinor = int64(fc.Reach) * t.UnitCostMinor
		if t.Channel == marketing.TouchSMS {
			parts, err := s.smsParts(ctx, &c, t.SMSText, rc.sample)
			if err != nil {
				pf.Problems = append(pf.Problems, marketing.AsError(err))
			}
			fc.SMSParts = parts
			fc.CostMinor *= int64(max(parts, 1))
		}
		expected += float64(fc.Reach) * t.ExpectedRate
		pf.CostMinor += fc.CostMinor
		pf.Touches = append(pf.Touches, fc)
	}
	pf.ExpectedResp = expected
	marginPer := c.OrderValueMinor * int64(c.MarginPct) / 100
	revenue := int64(math.Round(expected * float64(c.OrderValueMinor)))
	if c.MarginPct > 0 {
		revenue = int64(math.Round(expected * float64(marginPer)))
	}
	pf.ExpectedProfit = revenue - pf.CostMinor
	if marginPer > 0 && pf.Target > 0 {
		// The cost per person is not rounded to a whole minor unit first:
		// with cheap channels (an email at 1 øre) that would be all of it.
		pf.BreakEvenRate = float64(pf.CostMinor) / float64(pf.Target) / float64(marginPer)
	} else {
		pf.Warnings = append(pf.Warnings, "no_margin")
	}
	if c.BudgetMinor > 0 && pf.CostMinor > c.BudgetMinor {
		pf.OverBudget = true
		pf.Warnings = append(pf.Warnings, "over_budget")
	}
	if c.ControlPct > 0 {
		if pf.Control < 100 {
			pf.Warnings = append(pf.Warnings, "small_control")
		}
		// Fewer than about five expected buyers in the control group
		// cannot show a difference of any size.
		rate := 0.0
		if pf.Target > 0 {
			rate = expected / float64(pf.Target)
		}
		if float64(pf.Control)*rate < 5 {
			pf.Warnings = append(pf.Warnings, "control_too_small_for_significance")
		}
	}
	return pf, nil
}

// smsRender merges SMS texts: plain text, one person at a time, as letters
// merge (merge.Env with the person, the business, the campaign, the
// response code and the purchase fields).
type smsRender struct {
	tpl      *merge.Template
	st       marketing.Settings
	campaign string
	currency string
	today    time.Time
}

func (s *Service) newSMSRender(ctx context.Context, text, campaign, currency string) (*smsRender, error) {
	tpl, err := merge.Parse(text)
	if err != nil {
		return nil, err
	}
	st, err := s.settings(ctx)
	if err != nil {
		return nil, err
	}
	if currency == "" {
		currency = st.Currency
	}
	return &smsRender{tpl: tpl, st: st, campaign: campaign, currency: currency, today: s.Now()}, nil
}

func (r *smsRender) env(ct *marketing.Contact, code string, buy marketing.PurchaseSummary, bought bool) *merge.Env {
	e := &merge.Env{Lang: ct.Language, DefaultLang: r.st.Language, Today: r.today, Contact: ct, Business: r.st.Business,
		Campaign: r.campaign, ResponseCode: marketing.FormatResponseCode(code), Currency: r.currency,
		Extra: map[string]string{"orders_count": "0"}}
	if bought {
		e.Extra = map[string]string{"orders_count": fmt.Sprint(buy.Orders), "last_order_date": buy.LastDate, "total_spent": fmt.Sprint(buy.TotalMinor)}
	}
	return e
}

func (r *smsRender) render(e *merge.Env) string {
	var b strings.Builder
	r.tpl.Render(&b, e, nil)
	return strings.TrimSpace(b.String())
}

// smsParts is the most parts the text takes for any of these people.
func (s *Service) smsParts(ctx context.Context, c *marketing.Campaign, text string, ids []int64) (int, error) {
	r, err := s.newSMSRender(ctx, text, c.Name, c.Currency)
	if err != nil {
		return 0, err
	}
	people, err := s.db.ContactsInOrder(ctx, ids)
	if err != nil {
		return 0, err
	}
	buys, err := s.db.PurchaseSummaries(ctx, ids)
	if err != nil {
		return 0, err
	}
	most := marketing.CountSMS(r.render(r.env(&marketing.Contact{}, smsSampleCode, marketing.PurchaseSummary{}, false))).Parts
	for i := range people {
		b, ok := buys[people[i].ID]
		most = max(most, marketing.CountSMS(r.render(r.env(&people[i], smsSampleCode, b, ok))).Parts)
	}
	return most, nil
}

// Launch freezes the list (target, control, excluded with reasons) and
// the touches' template versions, and schedules the campaign (running at
// once when its start is today or past). It releases what is due.
func (s *Service) Launch(ctx context.Context, id int64, ids []int64) (Released, error) {
	rel := Released{Touches: []ReleasedTouch{}}
	c, err := s.db.Campaign(ctx, id)
	if err != nil {
		return rel, err
	}
	if c.Kind != marketing.CampaignKindCampaign {
		return rel, marketing.FieldError(marketing.EInvalid, "kind", "Mailings are sent from the Email screen.", map[string]string{"reason": "kind"})
	}
	if c.Status != marketing.CampaignDraft {
		return rel, marketing.MoveError(c.Status, marketing.CampaignRunning)
	}
	if err := marketing.ValidateCampaign(&c, true); err != nil {
		return rel, err
	}
	fz, probs, err := s.freeze(ctx, &c)
	if err != nil {
		return rel, err
	}
	if len(probs) > 0 {
		return rel, probs[0]
	}
	p, err := s.plan(ctx, &c, ids)
	if err != nil {
		return rel, err
	}
	if p.nTarget == 0 {
		return rel, marketing.FieldError(marketing.EInvalid, "segmentId", "Nobody in the target group can be reached, so there is nobody to launch to. Check the preflight's exclusions.", map[string]string{"reason": "nobody"})
	}
	now := s.Now()
	today := now.Format(time.DateOnly)
	l := &store.CampaignLaunch{ID: c.ID, Status: marketing.CampaignRunning, StartDate: c.StartDate, CodeKey: c.Name,
		Now: marketing.Timestamp(now), Versions: fz.versions, Attachments: fz.attachments, MemberSeq: p.members, EventSeq: p.events}
	if l.StartDate == "" {
		l.StartDate = today
	}
	if l.StartDate > today {
		l.Status = marketing.CampaignScheduled
	}
	// The start is known now: touch numbers follow the real dates.
	c.StartDate = l.StartDate
	sortTouches(&c, today)
	l.Seqs = map[int64]int{}
	for _, t := range c.Touches {
		l.Seqs[t.ID] = t.Seq
	}
	if err := s.db.LaunchCampaign(ctx, l); err != nil {
		return rel, err
	}
	if l.Status != marketing.CampaignRunning {
		return rel, nil
	}
	return s.ReleaseDue(ctx)
}

// SetStatus moves a campaign (pause, resume, finish, archive, unschedule)
// as marketing.CanMove allows. Moving to the status it has is a no-op (a
// sender that stops for a pause may have set it first).
func (s *Service) SetStatus(ctx context.Context, id int64, to, reason string) error {
	c, err := s.db.Campaign(ctx, id)
	if err != nil {
		return err
	}
	if c.Kind != marketing.CampaignKindCampaign {
		return marketing.FieldError(marketing.EInvalid, "kind", "Mailings are paused and resumed on the Email screen.", map[string]string{"reason": "kind"})
	}
	if c.Status == to {
		return nil
	}
	if !marketing.CanMove(c.Status, to) {
		return marketing.MoveError(c.Status, to)
	}
	if c.Status == marketing.CampaignDraft && (to == marketing.CampaignRunning || to == marketing.CampaignScheduled) {
		return marketing.FieldError(marketing.EConflict, "status", "Launch the campaign to start it: the launch makes its list.", map[string]string{"reason": "launch"})
	}
	if to == marketing.CampaignPaused && reason == "" {
		reason = "user"
	}
	now := s.Now()
	if c.Status == marketing.CampaignPaused && to == marketing.CampaignRunning && c.StartedAt == "" && c.StartDate > now.Format(time.DateOnly) {
		// Paused before its first day: resuming schedules it again, and it
		// starts on its day, not today.
		return s.db.MoveCampaign(ctx, id, c.Status, marketing.CampaignScheduled, "", now)
	}
	return s.db.MoveCampaign(ctx, id, c.Status, to, reason, now)
}

// Released says which touches got their lists.
type Released struct {
	Touches []ReleasedTouch `json:"touches"`
}

// ReleasedTouch is one touch whose list was made.
type ReleasedTouch struct {
	CampaignID int64  `json:"campaignId"`
	TouchID    int64  `json:"touchId"`
	Channel    string `json:"channel"`
	Count      int    `json:"count"`   // people on the list
	Skipped    int    `json:"skipped"` // left out, with reasons
}

// ReleaseDue makes the lists of every touch that is due by now, in every
// running campaign (a scheduled campaign whose day came starts running).
// Email touches' lists go to the outbox; the caller starts sending them.
// Campaigns whose touches are all out and done are finished.
func (s *Service) ReleaseDue(ctx context.Context) (Released, error) {
	rel := Released{Touches: []ReleasedTouch{}}
	now := s.Now()
	today := now.Format(time.DateOnly)
	list, err := s.db.ActiveCampaigns(ctx)
	if err != nil {
		return rel, err
	}
	type due struct {
		day      string
		campaign int64
		touch    marketing.Touch
	}
	var todo []due
	for i := range list {
		c := &list[i]
		if c.Status == marketing.CampaignScheduled && c.StartDate != "" && c.StartDate <= today {
			err := s.db.MoveCampaign(ctx, c.ID, marketing.CampaignScheduled, marketing.CampaignRunning, "", now)
			if marketing.ErrorCode(err) == marketing.EConflict {
				// Started by a release running at the same time (which
				// makes its lists), or paused or unscheduled meanwhile.
				continue
			} else if err != nil {
				return rel, err
			}
			c.Status = marketing.CampaignRunning
		}
		if c.Status != marketing.CampaignRunning {
			continue
		}
		for _, t := range c.Touches {
			if d := t.Due(c.StartDate); t.ReleasedAt == "" && d != "" && d <= today {
				todo = append(todo, due{d, c.ID, t})
			}
		}
	}
	// Earlier touches first: under the pressure cap they come first.
	sort.SliceStable(todo, func(i, j int) bool {
		if todo[i].day != todo[j].day {
			return todo[i].day < todo[j].day
		}
		if todo[i].campaign != todo[j].campaign {
			return todo[i].campaign < todo[j].campaign
		}
		return todo[i].touch.Seq < todo[j].touch.Seq
	})
	paused := map[int64]bool{}
	for _, d := range todo {
		if paused[d.campaign] {
			continue
		}
		rt, err := s.release(ctx, d.touch.ID)
		var me *marketing.Error
		switch {
		case errors.As(err, &me) && me.Code == marketing.EConflict:
			continue // released or paused meanwhile
		case errors.As(err, &me) && me.Code != marketing.EInternal && me.Code != marketing.ECanceled:
			// One campaign's problem (its mail account is gone, ...) must
			// not hold up the others: it is paused with the reason, and
			// the home screen shows it.
			err := s.db.MoveCampaign(ctx, d.campaign, marketing.CampaignRunning, marketing.CampaignPaused, "error: "+me.Message, now)
			if err != nil && marketing.ErrorCode(err) != marketing.EConflict { // paused or finished meanwhile: fine
				return rel, err
			}
			paused[d.campaign] = true
			continue
		case err != nil:
			return rel, err
		}
		rel.Touches = append(rel.Touches, rt)
	}
	if _, err := s.db.FinishDoneTouches(ctx, now); err != nil {
		return rel, err
	}
	return rel, nil
}

// Release makes one touch's list now, before its day (the user asked).
func (s *Service) Release(ctx context.Context, touchID int64) (Released, error) {
	rt, err := s.release(ctx, touchID)
	if err != nil {
		return Released{Touches: []ReleasedTouch{}}, err
	}
	return Released{Touches: []ReleasedTouch{rt}}, nil
}

// release makes a touch's list in one store transaction (see decide).
func (s *Service) release(ctx context.Context, touchID int64) (ReleasedTouch, error) {
	c, t, err := s.Touch(ctx, touchID)
	if err != nil {
		return ReleasedTouch{}, err
	}
	rt := ReleasedTouch{CampaignID: c.ID, TouchID: t.ID, Channel: t.Channel}
	domain := ""
	if t.Channel == marketing.TouchEmail {
		a, err := s.db.MailAccount(ctx, t.AccountID)
		if err != nil {
			return rt, err
		}
		domain = mail.Domain(a.FromEmail)
	}
	now := s.Now()
	chk, err := s.checker(ctx, c.ID)
	if err != nil {
		return rt, err
	}
	seen := map[string]bool{} // email addresses on the list, over all pages
	res, err := s.db.ReleaseTouch(ctx, touchID, now, func(in *store.ReleaseInput) ([]store.ReleaseRow, error) {
		return decide(in, now, domain, seen, chk), nil
	})
	rt.Count, rt.Skipped = res.Count, res.Skipped
	return rt, err
}

// decide makes a touch's list: per target member, in order, the stop
// rules (the person is stopped), the channel (reachable, consent, one
// message per address: seen holds the addresses of earlier pages), then
// the contact-pressure cap across every campaign and mailing — a person
// left out for it gets a timeline note saying why.
func decide(in *store.ReleaseInput, now time.Time, domain string, seen map[string]bool, chk *privacy.Checker) []store.ReleaseRow {
	c, t := &in.Campaign, &in.Touch
	email := t.Channel == marketing.TouchEmail
	ts := marketing.Timestamp(now)
	out := make([]store.ReleaseRow, 0, len(in.Members))
	for i := range in.Members {
		m := &in.Members[i]
		r := store.ReleaseRow{ContactID: m.ID, Name: m.Name}
		fold := strings.ToLower(strings.TrimSpace(m.Email))
		if stop := stopReason(c, m); stop != "" {
			r.Reason, r.Stop = marketing.ExcludeStopped, stop
		} else if why := reachReason(m, t.Channel, chk); why != "" {
			r.Reason = why
		} else if email && seen[fold] {
			r.Reason = marketing.ExcludeDuplicate
		} else if c.PressureMax > 0 && m.Recent >= c.PressureMax {
			r.Reason = marketing.ExcludeRecent
			r.Event = &marketing.Event{ContactID: m.ID, At: ts, Kind: EventExcluded,
				Summary: fmt.Sprintf("Left out of touch %d (%s) of the campaign “%s”: contacted %d times in the last %d days already, and the campaign allows at most %d.",
					t.Seq, t.Channel, c.Name, m.Recent, c.PressureDays, c.PressureMax),
				Details: map[string]string{"reason": marketing.ExcludeRecent, "campaign_id": fmt.Sprint(c.ID), "touch_id": fmt.Sprint(t.ID),
					"campaign": c.Name, "seq": fmt.Sprint(t.Seq), "channel": t.Channel,
					"touches": fmt.Sprint(m.Recent), "max": fmt.Sprint(c.PressureMax), "days": fmt.Sprint(c.PressureDays)}}
		}
		if email {
			if r.Reason == "" {
				seen[fold] = true
			}
			r.Email, r.MessageID, r.Token = strings.TrimSpace(m.Email), mail.NewMessageID(domain), mail.NewToken()
		}
		if t.Channel == marketing.TouchPhone {
			r.Priority = phonePriority(m.OrderValueMinor)
		}
		out = append(out, r)
	}
	return out
}

// phonePriority is a person's place on the call list: their total order
// value in whole currency units, capped to 32 bits.
func phonePriority(orderValueMinor int64) int {
	return int(min(orderValueMinor/100, math.MaxInt32))
}

// Touch returns a touch with its campaign.
func (s *Service) Touch(ctx context.Context, touchID int64) (marketing.Campaign, marketing.Touch, error) {
	c, err := s.db.CampaignOfTouch(ctx, touchID)
	if err != nil {
		return c, marketing.Touch{}, err
	}
	for _, t := range c.Touches {
		if t.ID == touchID {
			return c, t, nil
		}
	}
	return c, marketing.Touch{}, marketing.FieldError(marketing.ENotFound, "touchId", "This touch no longer exists.", nil)
}

// Excluded pages the people a preflight of the campaign to ids leaves out
// (touch 0: out of the list; touch n: not reached by touch n), with the
// reason and a detail (the register's or the list supplier's name).
func (s *Service) Excluded(ctx context.Context, id int64, ids []int64, touch int, reason string, offset, limit int) (marketing.ExcludedPage, error) {
	page := marketing.ExcludedPage{Items: []marketing.ExcludedPerson{}}
	c, err := s.db.Campaign(ctx, id)
	if err != nil {
		return page, err
	}
	if len(c.Touches) == 0 {
		return page, nil
	}
	p, err := s.plan(ctx, &c, ids)
	if err != nil {
		return page, err
	}
	type hit struct {
		id     int64
		reason string
	}
	var hits []hit
	channel := c.Touches[0].Channel
	if touch <= 0 {
		for i, g := range p.group {
			if g == planExcluded {
				if r := p.excl.reasons[p.reason[i]-1]; reason == "" || r == reason {
					hits = append(hits, hit{p.ids[i], r})
				}
			}
		}
	} else {
		var t *marketing.Touch
		for i := range c.Touches {
			if c.Touches[i].Seq == touch {
				t = &c.Touches[i]
			}
		}
		if t == nil {
			return page, marketing.FieldError(marketing.ENotFound, "touch", "This touch no longer exists.", nil)
		}
		channel = t.Channel
		seen := map[uint64]struct{}{}
		err = s.targets(ctx, p, func(cs []store.CampaignContact) {
			for i := range cs {
				m := &cs[i]
				r := reachReason(m, channel, p.chk)
				if r == "" && channel == marketing.TouchEmail {
					h := fnv.New64a()
					h.Write([]byte(strings.ToLower(strings.TrimSpace(m.Email))))
					if _, dup := seen[h.Sum64()]; dup {
						r = marketing.ExcludeDuplicate
					}
					seen[h.Sum64()] = struct{}{}
				}
				if r != "" && (reason == "" || r == reason) {
					hits = append(hits, hit{m.ID, r})
				}
			}
		})
		if err != nil {
			return page, err
		}
	}
	page.Total = len(hits)
	hits = hits[min(len(hits), max(0, offset)):]
	hits = hits[:min(len(hits), max(1, min(limit, 500)))]
	pids := make([]int64, len(hits))
	for i, h := range hits {
		pids[i] = h.id
	}
	rows, err := s.db.CampaignContacts(ctx, pids, p.window)
	if err != nil {
		return page, err
	}
	byID := make(map[int64]*store.CampaignContact, len(rows))
	for i := range rows {
		byID[rows[i].ID] = &rows[i]
	}
	ch := marketing.ConsentChannel(channel)
	for _, h := range hits {
		e := marketing.ExcludedPerson{ContactID: h.id, Reason: h.reason}
		if m := byID[h.id]; m != nil {
			e.Name = m.Name
			if why, d := p.chk.Reason(ch, m.Consent(ch), false, m.Privacy); why == h.reason {
				e.Detail = d
			}
		}
		page.Items = append(page.Items, e)
	}
	return page, nil
}
