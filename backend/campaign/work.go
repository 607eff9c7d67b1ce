package campaign

import (
	"context"
	"io"

	"directdesk/backend/marketing"
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

// Today lists the work due by today across campaigns.
func (s *Service) Today(ctx context.Context) (Today, error) { return Today{}, errNotYet }

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
	Counts map[string]int       `json:"counts"` // per state
}

// Work pages a touch's list. Phone touches come in call order: call-backs
// that are due first, then by priority.
func (s *Service) Work(ctx context.Context, q WorkQuery) (WorkPage, error) {
	return WorkPage{}, errNotYet
}

// DueIDs are the contacts of a letter or catalog touch still to print
// (printed=false) or printed and not posted (printed=true).
func (s *Service) DueIDs(ctx context.Context, touchID int64, printed bool) ([]int64, error) {
	return nil, errNotYet
}

// MarkPrinted records that these people's letters were printed.
func (s *Service) MarkPrinted(ctx context.Context, touchID int64, ids []int64) error {
	return errNotYet
}

// MarkPosted marks printed letters as posted (done); nil ids = all printed.
func (s *Service) MarkPosted(ctx context.Context, touchID int64, ids []int64) (int, error) {
	return 0, errNotYet
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
// the person on the list until then.
func (s *Service) RecordCall(ctx context.Context, o CallOutcome) error { return errNotYet }

// SMSResult is what an SMS export wrote.
type SMSResult struct {
	Rows      int   `json:"rows"`
	Parts     int   `json:"parts"` // SMS segments in all
	CostMinor int64 `json:"costMinor"`
}

// ExportSMS writes the touch's due messages as CSV for the user's SMS
// provider (phone in international format; message) and marks them done.
func (s *Service) ExportSMS(ctx context.Context, touchID int64, w io.Writer) (SMSResult, error) {
	return SMSResult{}, errNotYet
}

// SMSPreview is one person's message with its length.
type SMSPreview struct {
	Text     string   `json:"text"`
	Encoding string   `json:"encoding"` // gsm7 or ucs2
	Chars    int      `json:"chars"`
	Parts    int      `json:"parts"`
	Missing  []string `json:"missing"`
}

// PreviewSMS renders an SMS text for one contact.
func (s *Service) PreviewSMS(ctx context.Context, text string, contactID int64) (SMSPreview, error) {
	return SMSPreview{}, errNotYet
}
