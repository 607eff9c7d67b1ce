package campaign

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"directdesk/backend/contacts"
	"directdesk/backend/marketing"
	"directdesk/backend/sheet"
	"directdesk/backend/store"
)

// Today is the home screen's work list.
type Today struct {
	Date        string                     `json:"date"`
	Due         []DueTouch                 `json:"due"`
	Fulfilments []marketing.FulfilmentTask `json:"fulfilments"` // open, earliest due first
	// NewResponses counts responses of the last 7 days.
	NewResponses int       `json:"newResponses"`
	Warnings     []Warning `json:"warnings"`
}

// DueTouch is a touch with work waiting: a list to print, post, export or
// call, or an email touch that is due and not yet sent.
type DueTouch struct {
	CampaignID int64  `json:"campaignId"`
	Campaign   string `json:"campaign"`
	TouchID    int64  `json:"touchId"`
	Seq        int    `json:"seq"`
	Channel    string `json:"channel"`
	Due        string `json:"due"`
	Released   bool   `json:"released"`
	Count      int    `json:"count"`   // open items (due), or the expected list when not released
	Printed    int    `json:"printed"` // letters and catalogs printed, not yet posted
	Labels     bool   `json:"labels"`  // labels are printed with it
	Callbacks  int    `json:"callbacks"`
}

// Warning is something the user should look at.
type Warning struct {
	Code       string            `json:"code"` // campaign_paused, touch_overdue, template_changed, no_account, ...
	CampaignID int64             `json:"campaignId"`
	Campaign   string            `json:"campaign"`
	Params     map[string]string `json:"params"`
}

// overdueDays: due work this many days past its date is a warning.
const overdueDays = 3

// Today lists the work due by today across campaigns: touches whose day
// came and whose list is not made yet, letters to print or post, SMS to
// export, calls to make (with the call-backs due), email still sending;
// the open fulfilment tasks, the responses of the last 7 days and
// warnings (paused campaigns, overdue work, campaigns starting soon).
func (s *Service) Today(ctx context.Context) (Today, error) {
	now := s.Now()
	today := now.Format(time.DateOnly)
	out := Today{Date: today, Due: []DueTouch{}, Fulfilments: []marketing.FulfilmentTask{}, Warnings: []Warning{}}
	list, err := s.db.ActiveCampaigns(ctx)
	if err != nil {
		return out, err
	}
	var running []int64
	for _, c := range list {
		if c.Status == marketing.CampaignRunning {
			running = append(running, c.ID)
		}
	}
	counts, err := s.db.OpenTouchWork(ctx, running, now.Format(localMinute))
	if err != nil {
		return out, err
	}
	open, err := s.db.OpenMembers(ctx, running)
	if err != nil {
		return out, err
	}
	late := now.AddDate(0, 0, -overdueDays).Format(time.DateOnly)
	soon := now.AddDate(0, 0, overdueDays).Format(time.DateOnly)
	for _, c := range list {
		switch c.Status {
		case marketing.CampaignPaused:
			out.Warnings = append(out.Warnings, Warning{Code: "campaign_paused", CampaignID: c.ID, Campaign: c.Name,
				Params: map[string]string{"reason": c.PauseReason}})
			continue
		case marketing.CampaignScheduled:
			// One whose day came starts with the next release: its due
			// touches are listed as not released yet.
			if c.StartDate > today {
				if c.StartDate <= soon {
					out.Warnings = append(out.Warnings, Warning{Code: "campaign_scheduled_soon", CampaignID: c.ID, Campaign: c.Name,
						Params: map[string]string{"start": c.StartDate}})
				}
				continue
			}
			if open[c.ID] == 0 {
				if n, err := s.db.OpenMembers(ctx, []int64{c.ID}); err == nil {
					open[c.ID] = n[c.ID]
				}
			}
		}
		for _, t := range c.Touches {
			due := t.Due(c.StartDate)
			d := DueTouch{CampaignID: c.ID, Campaign: c.Name, TouchID: t.ID, Seq: t.Seq, Channel: t.Channel, Due: due, Released: t.ReleasedAt != ""}
			if !d.Released {
				if due != "" && due <= today {
					d.Count = open[c.ID]
					out.Due = append(out.Due, d)
				}
				continue
			}
			k := counts[t.ID]
			switch t.Channel {
			case marketing.TouchLetter, marketing.TouchCatalog:
				d.Count, d.Printed, d.Labels = k.Due, k.Printed, t.LabelTemplateID != 0
			case marketing.TouchSMS:
				d.Count = k.Due
			case marketing.TouchPhone:
				d.Count, d.Callbacks = k.Due+k.Printed, k.Callbacks
			case marketing.TouchEmail:
				d.Count = k.Sending
			}
			if d.Count+d.Printed == 0 {
				continue
			}
			out.Due = append(out.Due, d)
			if t.Channel != marketing.TouchEmail && due != "" && due < late {
				out.Warnings = append(out.Warnings, Warning{Code: "touch_overdue", CampaignID: c.ID, Campaign: c.Name,
					Params: map[string]string{"touchId": fmt.Sprint(t.ID), "seq": fmt.Sprint(t.Seq), "channel": t.Channel, "due": due,
						"count": fmt.Sprint(d.Count + d.Printed)}})
			}
		}
	}
	sort.SliceStable(out.Due, func(i, j int) bool {
		a, b := out.Due[i], out.Due[j]
		if a.Due != b.Due {
			return a.Due < b.Due
		}
		if a.CampaignID != b.CampaignID {
			return a.CampaignID < b.CampaignID
		}
		return a.Seq < b.Seq
	})
	if out.Fulfilments, err = s.db.OpenFulfilmentTasks(ctx, 200); err != nil {
		return out, err
	}
	out.NewResponses, err = s.db.CountResponsesSince(ctx, marketing.Timestamp(now.AddDate(0, 0, -7)))
	return out, err
}

// WorkQuery pages one touch's work.
type WorkQuery struct {
	TouchID int64  `json:"touchId"`
	State   string `json:"state"` // "" = all
	Query   string `json:"query"`
	Offset  int    `json:"offset"`
	Limit   int    `json:"limit"`
}

// WorkPage is one page of a touch's work.
type WorkPage struct {
	Items  []marketing.WorkItem `json:"items"`
	Total  int                  `json:"total"`
	Counts map[string]int       `json:"counts"` // per state, and "printed": due letters printed, not posted
}

// Work pages a touch's list. Phone touches come in call order: call-backs
// that are due first, then by priority; each says whether the person may
// be called now and today's calling hours in their country.
func (s *Service) Work(ctx context.Context, q WorkQuery) (WorkPage, error) {
	page := WorkPage{Items: []marketing.WorkItem{}, Counts: map[string]int{}}
	_, t, err := s.Touch(ctx, q.TouchID)
	if err != nil {
		return page, err
	}
	if t.Channel == marketing.TouchEmail {
		return page, marketing.FieldError(marketing.EInvalid, "touchId", "Email touches are followed on the Email screen.", map[string]string{"reason": "email"})
	}
	switch q.State {
	case "", marketing.WorkDue, marketing.WorkDone, marketing.WorkSkipped, marketing.WorkCancelled:
	default:
		return page, marketing.FieldError(marketing.EInvalid, "state", "Unknown state.", map[string]string{"reason": "choice"})
	}
	now := s.Now()
	items, total, counts, err := s.blockedOffPage(ctx, t, q, now)
	if err != nil {
		return page, err
	}
	st, err := s.settings(ctx)
	if err != nil {
		return page, err
	}
	for i := range items {
		it := &items[i]
		if strings.HasPrefix(it.Phone, "+") {
			it.Phone = contacts.FormatPhone(it.Phone)
		}
		if t.Channel == marketing.TouchPhone {
			country := it.Country
			if country == "" {
				country = st.Country
			}
			it.CallableNow, it.CallHours = marketing.CanCall(country, now), marketing.CallHours(country, now)
		}
	}
	page.Items, page.Total, page.Counts = items, total, counts
	return page, nil
}

// blockedOffPage reads one page of a touch's list after taking off it
// whoever on that page may no longer be contacted on the channel (said no,
// erased, on a register, licence ran out): above all the call list, where
// the list is the work. Only the page's due rows are checked, and the page
// read again when some were taken off; printing and exporting check the
// whole list (skipBlocked). After a few pages' worth of take-offs in a row
// the whole list is checked once, so the loop always ends.
func (s *Service) blockedOffPage(ctx context.Context, t marketing.Touch, q WorkQuery, now time.Time) ([]marketing.WorkItem, int, map[string]int, error) {
	channel := marketing.ConsentChannel(t.Channel)
	chk, err := s.checker(ctx, t.CampaignID)
	if err != nil {
		return nil, 0, nil, err
	}
	check := chk.Check(channel)
	f := store.WorkFilter{TouchID: t.ID, Channel: t.Channel, State: q.State,
		Query: marketing.Fold(q.Query), Offset: q.Offset, Limit: q.Limit, LocalNow: now.Format(localMinute)}
	for round := 0; ; round++ {
		items, total, counts, err := s.db.WorkPage(ctx, f)
		if err != nil {
			return nil, 0, nil, err
		}
		var due []int64
		for _, it := range items {
			if it.State == marketing.WorkDue {
				due = append(due, it.ID)
			}
		}
		var skipped map[string]int
		if round < 3 {
			skipped, err = s.db.SkipBlockedWorkItems(ctx, t.ID, due, channel, now, check)
		} else {
			skipped, err = s.db.SkipBlockedWork(ctx, t.ID, channel, now, check)
		}
		if err != nil {
			return nil, 0, nil, err
		}
		if len(skipped) == 0 {
			return items, total, counts, nil
		}
		if round >= 3 {
			items, total, counts, err = s.db.WorkPage(ctx, f)
			return items, total, counts, err
		}
	}
}

func (s *Service) printTouch(ctx context.Context, touchID int64) (marketing.Campaign, marketing.Touch, error) {
	c, t, err := s.Touch(ctx, touchID)
	if err == nil && t.Channel != marketing.TouchLetter && t.Channel != marketing.TouchCatalog {
		err = marketing.FieldError(marketing.EInvalid, "touchId", "Only letter and catalog touches are printed and posted.", map[string]string{"reason": "channel"})
	}
	return c, t, err
}

// DueIDs are the contacts of a letter or catalog touch still to print
// (printed=false) or printed and not posted (printed=true), in the order
// the post wants bulk mail. People who refused post since the list was
// made are taken off it first (also before printing again). Only a running
// campaign prints: a paused one sends nothing, as its SMS and emails.
func (s *Service) DueIDs(ctx context.Context, touchID int64, printed bool) ([]int64, error) {
	c, _, err := s.printTouch(ctx, touchID)
	if err != nil {
		return nil, err
	}
	if c.Status != marketing.CampaignRunning {
		return nil, marketing.FieldError(marketing.EConflict, "status", "The campaign is not running, so its letters are not printed. Resume it first.", map[string]string{"reason": "not_running", "status": c.Status})
	}
	if _, err := s.skipBlocked(ctx, c.ID, touchID, marketing.ChannelPost, s.Now()); err != nil {
		return nil, err
	}
	ids, err := s.db.TouchDueIDs(ctx, touchID, printed)
	if err != nil || len(ids) == 0 {
		return ids, err
	}
	st, err := s.settings(ctx)
	if err != nil {
		return nil, err
	}
	return s.db.PostalOrder(ctx, ids, st.Country)
}

// MarkPrinted records that these people's letters were printed.
func (s *Service) MarkPrinted(ctx context.Context, touchID int64, ids []int64) error {
	if _, _, err := s.printTouch(ctx, touchID); err != nil {
		return err
	}
	_, err := s.db.MarkTouchPrinted(ctx, touchID, ids, s.Now())
	return err
}

// MarkPosted marks printed letters as posted (done, at the touch's unit
// cost); nil ids = all printed. Returns how many.
func (s *Service) MarkPosted(ctx context.Context, touchID int64, ids []int64) (int, error) {
	if _, _, err := s.printTouch(ctx, touchID); err != nil {
		return 0, err
	}
	return s.db.MarkTouchPosted(ctx, touchID, ids, s.Now())
}

// CallOutcome is what happened on a call.
type CallOutcome struct {
	WorkID     int64  `json:"workId"`
	Outcome    string `json:"outcome"` // marketing.CallOutcomes
	Note       string `json:"note"`
	CallbackAt string `json:"callbackAt"` // call_back: when (YYYY-MM-DDTHH:MM)
	ValueMinor int64  `json:"valueMinor"` // order: its value
}

// RecordCall stores a call's outcome: interested and order become
// responses, refused is an opt-out of the phone channel, call back keeps
// the person on the list until then, no answer keeps them on it.
func (s *Service) RecordCall(ctx context.Context, o CallOutcome) error {
	if !slices.Contains(marketing.CallOutcomes, o.Outcome) {
		return marketing.FieldError(marketing.EInvalid, "outcome", "Pick what happened on the call.", map[string]string{"reason": "choice"})
	}
	if o.ValueMinor < 0 {
		return marketing.FieldError(marketing.EInvalid, "valueMinor", "The value cannot be negative.", map[string]string{"reason": "negative"})
	}
	w, err := s.db.TouchWork(ctx, o.WorkID)
	if err != nil {
		return err
	}
	if w.Channel != marketing.TouchPhone {
		return marketing.FieldError(marketing.EInvalid, "workId", "Only calls have call outcomes.", map[string]string{"reason": "channel"})
	}
	if w.State != marketing.WorkDue {
		return marketing.FieldError(marketing.EConflict, "workId", "This call was recorded already.", map[string]string{"reason": "not_due", "state": w.State})
	}
	now := s.Now()
	rec := store.CallRecord{WorkID: w.ID, Outcome: o.Outcome, Now: now}
	switch o.Outcome {
	case marketing.CallNoAnswer:
	case marketing.CallBack:
		at, err := time.ParseInLocation(localMinute, strings.TrimSpace(o.CallbackAt), now.Location())
		if err != nil {
			return marketing.FieldError(marketing.EInvalid, "callbackAt", "Say when to call back: a date and a time.", map[string]string{"reason": "format"})
		}
		if !at.After(now) {
			return marketing.FieldError(marketing.EInvalid, "callbackAt", "The time to call back has passed. Pick a time later than now.", map[string]string{"reason": "past"})
		}
		rec.CallbackAt = at.Format(localMinute)
	default:
		rec.Done = true
	}
	note := strings.TrimSpace(o.Note)
	if marketing.HasControlChars(strings.ReplaceAll(note, "\n", " ")) || len([]rune(note)) > 1000 {
		return marketing.FieldError(marketing.EInvalid, "note", "The note is too long or has characters that cannot be stored. Keep it under 1,000 characters.", map[string]string{"reason": "note"})
	}
	summary := fmt.Sprintf("Call for the campaign “%s” (touch %d): %s", w.Campaign, w.Seq, strings.ReplaceAll(o.Outcome, "_", " "))
	if rec.CallbackAt != "" {
		summary += " at " + strings.Replace(rec.CallbackAt, "T", " ", 1)
	}
	if note != "" {
		summary += ". " + note
	}
	rec.Event = marketing.Event{At: marketing.Timestamp(now), Kind: EventCall, Summary: summary,
		Details: map[string]string{"campaign_id": fmt.Sprint(w.CampaignID), "touch_id": fmt.Sprint(w.TouchID), "campaign": w.Campaign,
			"outcome": o.Outcome, "callback_at": rec.CallbackAt, "note": note}}
	if o.Outcome == marketing.CallRefused {
		rec.Refused = true
		rec.Evidence = fmt.Sprintf("Said no on a call for the campaign “%s” (touch %d)", w.Campaign, w.Seq)
	}
	if o.Outcome == marketing.CallInterested || o.Outcome == marketing.CallOrder {
		// The response is recorded with the call, in one transaction, and
		// counts for this call. Its reference records it once per call;
		// when it cannot be recorded, neither is the call, so the user can
		// record it again.
		kind := marketing.ResponseCall
		if o.Outcome == marketing.CallOrder {
			kind = marketing.ResponseOrder
		}
		in, err := s.responseInput(ctx, NewResponse{CampaignID: w.CampaignID, ContactID: w.ContactID, TouchID: w.TouchID, Kind: kind, Source: marketing.SourcePhone,
			At: marketing.Timestamp(now), Detail: note, Ref: fmt.Sprintf("call:%d", w.ID), ValueMinor: o.ValueMinor})
		if err != nil {
			return err
		}
		rec.Response = &in
	}
	return s.db.RecordCallOutcome(ctx, rec)
}

// SMSResult is what an SMS export wrote.
type SMSResult struct {
	Rows      int   `json:"rows"`
	Parts     int   `json:"parts"` // SMS segments in all
	CostMinor int64 `json:"costMinor"`
	// Skipped counts by reason the people taken off the list by this
	// export (consent, registers, erasure, licences; no usable number).
	Skipped map[string]int `json:"skipped"`
}

// ExportSMS writes the touch's due messages as CSV for the user's SMS
// provider (comma separated, UTF-8; phone,message,name,code: the phone in
// international E.164 form, the message merged for the person) and then
// marks them done with their parts and cost, in one transaction after the
// whole file was written. People who refused SMS since the list was made
// are left out; a number that is not valid is skipped as invalid.
func (s *Service) ExportSMS(ctx context.Context, touchID int64, w io.Writer) (SMSResult, error) {
	return s.ExportSMSThen(ctx, touchID, w, nil)
}

// ExportSMSThen is ExportSMS with a step between writing and marking:
// written (when not nil) puts the file in its place (flush, close,
// rename). Only when it succeeds are the messages marked as sent, so a
// file that could not be saved never leaves them marked; when marking
// fails the caller removes the file. Exports of one workspace run one at
// a time, so two at once never write the same people twice.
func (s *Service) ExportSMSThen(ctx context.Context, touchID int64, w io.Writer, written func() error) (SMSResult, error) {
	s.exportMu.Lock()
	defer s.exportMu.Unlock()
	var res SMSResult
	c, t, err := s.Touch(ctx, touchID)
	if err != nil {
		return res, err
	}
	if t.Channel != marketing.TouchSMS {
		return res, marketing.FieldError(marketing.EInvalid, "touchId", "Only SMS touches are exported for an SMS provider.", map[string]string{"reason": "channel"})
	}
	if c.Status != marketing.CampaignRunning {
		return res, marketing.FieldError(marketing.EConflict, "status", "The campaign is not running, so its SMS cannot go out. Resume it first.", map[string]string{"reason": "not_running", "status": c.Status})
	}
	now := s.Now()
	blocked, err := s.skipBlocked(ctx, c.ID, touchID, marketing.ChannelSMS, now)
	if err != nil {
		return res, err
	}
	res.Skipped = blocked
	due, err := s.db.DueSMS(ctx, touchID)
	if err != nil {
		return res, err
	}
	if len(due) == 0 {
		return res, marketing.FieldError(marketing.EInvalid, "touchId", "There are no messages left to export for this touch.", map[string]string{"reason": "nothing_due"})
	}
	ids := make([]int64, len(due))
	for i, d := range due {
		ids[i] = d.ContactID
	}
	people, err := s.db.ContactsInOrder(ctx, ids)
	if err != nil {
		return res, err
	}
	byID := make(map[int64]*marketing.Contact, len(people))
	for i := range people {
		byID[people[i].ID] = &people[i]
	}
	buys, err := s.db.PurchaseSummaries(ctx, ids)
	if err != nil {
		return res, err
	}
	codes, err := s.db.ResponseCodes(ctx, c.CodeKey, ids)
	if err != nil {
		return res, err
	}
	r, err := s.newSMSRender(ctx, t.SMSText, c.Name, c.Currency)
	if err != nil {
		return res, err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"phone", "message", "name", "code"}); err != nil {
		return res, err
	}
	done := make([]store.SMSDone, 0, len(due))
	for i, d := range due {
		if i%256 == 0 && ctx.Err() != nil {
			return res, marketing.Errorf(marketing.ECanceled, "Cancelled. No message was marked as sent.")
		}
		ct := byID[d.ContactID]
		if ct == nil {
			continue // deleted meanwhile: its work went with it
		}
		number := smsNumber(d.Mobile, d.Phone)
		if number == "" {
			done = append(done, store.SMSDone{WorkID: d.WorkID, Reason: marketing.ExcludeNoAddress})
			res.Skipped[marketing.ExcludeNoAddress]++
			continue
		}
		country := d.Country
		if country == "" {
			country = r.st.Country
		}
		e164, err := contacts.NormalizePhone("mobile", number, country)
		if err != nil || e164 == "" {
			done = append(done, store.SMSDone{WorkID: d.WorkID, Reason: marketing.ExcludeInvalid})
			res.Skipped[marketing.ExcludeInvalid]++
			continue
		}
		b, ok := buys[d.ContactID]
		text := r.render(r.env(ct, codes[d.ContactID], b, ok))
		parts := marketing.CountSMS(text).Parts
		cost := t.UnitCostMinor * int64(parts)
		// The message goes to the provider as written (an apostrophe would
		// reach the phone); the name is only for the user's eyes, so it is
		// escaped against spreadsheet formulas.
		if err := cw.Write([]string{e164, text, sheet.EscapeFormula(ct.DisplayName()), marketing.FormatResponseCode(codes[d.ContactID])}); err != nil {
			return SMSResult{}, err
		}
		done = append(done, store.SMSDone{WorkID: d.WorkID, Parts: parts, CostMinor: cost})
		res.Rows++
		res.Parts += parts
		res.CostMinor += cost
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return SMSResult{}, &marketing.Error{Code: marketing.EInvalid, Message: "DirectDesk could not write the SMS file. Nothing was marked as sent; try again or pick another folder.",
			Details: map[string]string{"reason": "write"}, Err: err}
	}
	if written != nil {
		if err := written(); err != nil {
			return SMSResult{}, &marketing.Error{Code: marketing.EInvalid, Message: "DirectDesk could not save the SMS file. Nothing was marked as sent; try again or pick another folder.",
				Details: map[string]string{"reason": "write"}, Err: err}
		}
	}
	if err := s.db.FinishSMSExport(ctx, touchID, done, now); err != nil {
		return SMSResult{}, err
	}
	return res, nil
}

// SMSPreview is one person's message with its length.
type SMSPreview struct {
	Text     string   `json:"text"`
	Encoding string   `json:"encoding"` // gsm7 or ucs2
	Chars    int      `json:"chars"`
	Parts    int      `json:"parts"`
	Missing  []string `json:"missing"`
}

// PreviewSMS renders an SMS text for one contact (0: no one, every field
// empty) with a sample response code, and counts its length.
func (s *Service) PreviewSMS(ctx context.Context, text string, contactID int64) (SMSPreview, error) {
	return s.preview(ctx, text, "", "", contactID, smsSampleCode)
}

// PreviewTouch renders an SMS touch's text, or a phone touch's call
// script, for one person of its list, with the person's own response code
// and the campaign's name.
func (s *Service) PreviewTouch(ctx context.Context, touchID, contactID int64) (SMSPreview, error) {
	c, t, err := s.Touch(ctx, touchID)
	if err != nil {
		return SMSPreview{}, err
	}
	text := t.SMSText
	if t.Channel == marketing.TouchPhone {
		text = t.Script
	} else if t.Channel != marketing.TouchSMS {
		return SMSPreview{}, marketing.FieldError(marketing.EInvalid, "touchId", "Only SMS and phone touches have a text to preview here.", map[string]string{"reason": "channel"})
	}
	code := smsSampleCode
	if c.CodeKey != "" && contactID != 0 {
		// The same code the person's letters and emails of this campaign carry.
		codes, err := s.db.ResponseCodes(ctx, c.CodeKey, []int64{contactID})
		if err != nil {
			return SMSPreview{}, err
		}
		code = codes[contactID]
	}
	return s.preview(ctx, text, c.Name, c.Currency, contactID, code)
}

func (s *Service) preview(ctx context.Context, text, campaign, currency string, contactID int64, code string) (SMSPreview, error) {
	p := SMSPreview{Missing: []string{}}
	r, err := s.newSMSRender(ctx, text, campaign, currency)
	if err != nil {
		return p, err
	}
	ct := &marketing.Contact{}
	var buy marketing.PurchaseSummary
	bought := false
	if contactID != 0 {
		c, err := s.db.GetContact(ctx, contactID)
		if err != nil {
			return p, err
		}
		ct = &c
		buys, err := s.db.PurchaseSummaries(ctx, []int64{contactID})
		if err != nil {
			return p, err
		}
		buy, bought = buys[contactID]
	}
	e := r.env(ct, code, buy, bought)
	p.Text = r.render(e)
	if m := r.tpl.Missing(e); m != nil {
		p.Missing = m
	}
	n := marketing.CountSMS(p.Text)
	p.Encoding, p.Chars, p.Parts = "gsm7", utf8.RuneCountInString(p.Text), n.Parts
	if n.Encoding == "UCS-2" {
		p.Encoding = "ucs2"
	}
	return p, nil
}

// skipBlocked takes off a touch's due list whoever may no longer be
// contacted on the channel since the list was made: they said no, were
// erased, turned up on a register, their list's licence ran out
// (privacy.Checker). It runs before the list is shown, printed or exported.
func (s *Service) skipBlocked(ctx context.Context, campaignID, touchID int64, channel string, now time.Time) (map[string]int, error) {
	chk, err := s.checker(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	return s.db.SkipBlockedWork(ctx, touchID, channel, now, chk.Check(channel))
}
