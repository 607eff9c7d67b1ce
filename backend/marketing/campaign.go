package marketing

import (
	"fmt"
	"strings"
	"time"
)

// Campaign statuses added by the campaigns issue (draft, running, paused
// and finished are in email.go).
const (
	CampaignScheduled = "scheduled"
	CampaignArchived  = "archived"
)

// Campaign kinds: a mailing is the email screen's one-touch campaign.
const (
	CampaignKindMailing  = "mailing"
	CampaignKindCampaign = "campaign"
)

// Touch channels.
const (
	TouchEmail   = "email"
	TouchLetter  = "letter"
	TouchCatalog = "catalog"
	TouchSMS     = "sms"
	TouchPhone   = "phone"
)

// TouchChannels lists the channels in the order the wizard offers them.
var TouchChannels = []string{TouchLetter, TouchCatalog, TouchEmail, TouchSMS, TouchPhone}

// ConsentChannel is the consent a touch channel needs.
func ConsentChannel(touch string) string {
	switch touch {
	case TouchLetter, TouchCatalog:
		return ChannelPost
	case TouchSMS:
		return ChannelSMS
	case TouchPhone:
		return ChannelPhone
	}
	return ChannelEmail
}

// KPIs a campaign is judged by.
const (
	KPIResponseRate = "response_rate"
	KPIOrders       = "orders"
	KPIRevenue      = "revenue"
	KPIROI          = "roi"
	KPICostPerResp  = "cost_per_response"
)

// Stop rules: what ends the sequence for a person.
const (
	StopResponse = "response"
	StopPurchase = "purchase"
	StopOptOut   = "optout"
)

// Member groups.
const (
	GroupTarget   = "target"
	GroupControl  = "control"
	GroupExcluded = "excluded"
)

// Why a person of the segment is left out (at launch, or of one touch when
// its list is made).
const (
	ExcludeNoConsent   = "no_consent"
	ExcludeSuppressed  = "suppressed"
	ExcludeRegister    = "register" // national do-not-contact register (issue 9)
	ExcludeRecent      = "recently_contacted"
	ExcludeNoAddress   = "missing_address"
	ExcludeStopped     = "stopped" // a stop rule: responded, bought or opted out
	ExcludeDuplicate   = "duplicate"
	ExcludeInvalid     = "invalid"
	ExcludeControl     = "control_group"
	ExcludeNotInTarget = "not_in_target"
)

// Work states of a released non-email touch (table touch_work).
const (
	WorkDue       = "due"
	WorkDone      = "done"
	WorkSkipped   = "skipped"
	WorkCancelled = "cancelled"
)

// Phone call outcomes.
const (
	CallReached    = "reached"
	CallNoAnswer   = "no_answer"
	CallBack       = "call_back"
	CallInterested = "interested"
	CallOrder      = "order"
	CallRefused    = "refused" // -> phone consent refused (an opt-out)
)

// CallOutcomes lists the outcome buttons in order.
var CallOutcomes = []string{CallReached, CallNoAnswer, CallBack, CallInterested, CallOrder, CallRefused}

// Response kinds.
const (
	ResponseReply    = "reply" // an email reply (inbox)
	ResponseCoupon   = "coupon"
	ResponseOrder    = "order"
	ResponseInquiry  = "inquiry"
	ResponseRequest  = "request" // asks for something: a fulfilment task follows
	ResponseVisit    = "visit"
	ResponseCall     = "call" // interested on the phone
	ResponseOptOut   = "optout"
	ResponseNotBuyer = "no"
)

// Response sources.
const (
	SourceRedeem = "redeem"
	SourceImport = "import"
	SourceInbox  = "inbox"
	SourceManual = "manual"
	SourcePhone  = "phone"
)

// Fulfilment kinds: what a response asked for.
const (
	FulfilCatalog  = "catalog"
	FulfilSample   = "sample"
	FulfilCallBack = "call_back"
	FulfilQuote    = "quote"
)

// MaxTouches is the longest sequence a campaign may plan.
const MaxTouches = 12

// DefaultTouchInterval is the textbook rhythm: a touch every 14 days.
const DefaultTouchInterval = 14

// Campaign is the plan of a direct-marketing campaign, the eight steps'
// answers. Money is in minor units of Currency.
type Campaign struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Status string `json:"status"`
	// Step 1: goal, KPI, budget and the economics behind break-even.
	Goal            string `json:"goal"`
	KPI             string `json:"kpi"`
	BudgetMinor     int64  `json:"budgetMinor"`
	Currency        string `json:"currency"`
	OrderValueMinor int64  `json:"orderValueMinor"` // expected average order of a response
	MarginPct       int    `json:"marginPct"`       // gross margin on it, 0-100
	// Step 2: target group and control group.
	SegmentID  int64  `json:"segmentId"`
	Selection  string `json:"selection"` // words for who (the segment's name)
	ControlPct int    `json:"controlPct"`
	// Step 6: the rules of the sequence.
	StopOn          []string `json:"stopOn"`
	PressureMax     int      `json:"pressureMax"` // at most N touches per person ...
	PressureDays    int      `json:"pressureDays"`
	AttributionDays int      `json:"attributionDays"` // a response counts for the last touch within this many days
	StartDate       string   `json:"startDate"`       // YYYY-MM-DD of the first touch; "" = launch day
	Notes           string   `json:"notes"`

	Touches []Touch `json:"touches"`

	PauseReason string `json:"pauseReason"`
	CodeKey     string `json:"-"` // response_codes.campaign of this campaign
	CreatedAt   string `json:"createdAt"`
	UpdatedAt   string `json:"updatedAt"`
	LaunchedAt  string `json:"launchedAt"`
	StartedAt   string `json:"startedAt"`
	FinishedAt  string `json:"finishedAt"`
}

// Touch is one step of the sequence: a channel, its content and its date.
type Touch struct {
	ID         int64  `json:"id"`
	CampaignID int64  `json:"campaignId"`
	Seq        int    `json:"seq"` // 1-based, in date order
	Name       string `json:"name"`
	Channel    string `json:"channel"`
	// Step 5: the message. Letters, catalogs and emails use a template
	// (frozen at its version when the campaign launches); SMS has its text
	// with fields; phone has a script.
	TemplateID      int64  `json:"templateId"`
	TemplateVersion int    `json:"templateVersion"`
	LabelTemplateID int64  `json:"labelTemplateId"` // letters and catalogs: labels to print with them (0 = none)
	AccountID       int64  `json:"accountId"`       // email: the mail account
	SMSText         string `json:"smsText"`
	Script          string `json:"script"`
	// Step 6: when. DueDate wins; otherwise start + OffsetDays.
	DueDate    string `json:"dueDate"`
	OffsetDays int    `json:"offsetDays"`
	// Step 3: cost per recipient (print + postage, per email, per SMS
	// segment times segments, per call) and expected response rate.
	UnitCostMinor int64   `json:"unitCostMinor"`
	ExpectedRate  float64 `json:"expectedRate"`

	ReleasedAt string `json:"releasedAt"` // the touch's list was made
	FinishedAt string `json:"finishedAt"`
}

// Due is the day the touch is due, given the campaign's start.
func (t Touch) Due(start string) string {
	if t.DueDate != "" {
		return t.DueDate
	}
	d, err := time.Parse(time.DateOnly, start)
	if err != nil {
		return ""
	}
	return d.AddDate(0, 0, t.OffsetDays).Format(time.DateOnly)
}

// campaignMoves is the state machine: from -> allowed next states.
var campaignMoves = map[string][]string{
	CampaignDraft:     {CampaignScheduled, CampaignRunning, CampaignArchived},
	CampaignScheduled: {CampaignDraft, CampaignRunning, CampaignPaused, CampaignFinished},
	CampaignRunning:   {CampaignPaused, CampaignFinished},
	CampaignPaused:    {CampaignRunning, CampaignFinished},
	CampaignFinished:  {CampaignArchived},
	CampaignArchived:  {CampaignFinished},
}

// CanMove says whether a campaign may go from one status to another.
func CanMove(from, to string) bool {
	for _, s := range campaignMoves[from] {
		if s == to {
			return true
		}
	}
	return false
}

// MoveError is the error for a forbidden status change.
func MoveError(from, to string) error {
	return &Error{Code: EConflict, Field: "status",
		Message: fmt.Sprintf("A %s campaign cannot become %s.", from, to),
		Details: map[string]string{"reason": "status", "from": from, "to": to}}
}

// Frozen says whether the campaign's list and content may no longer change.
func (c *Campaign) Frozen() bool {
	return c.Status != CampaignDraft
}

// Stops says whether a stop rule is on.
func (c *Campaign) Stops(rule string) bool {
	for _, s := range c.StopOn {
		if s == rule {
			return true
		}
	}
	return false
}

// ValidateCampaign checks a plan before it is saved (a draft may be
// incomplete: no segment, no template yet) or launched (launch=true: all
// that is needed to run it). It normalises text fields.
func ValidateCampaign(c *Campaign, launch bool) error {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" {
		return FieldError(EInvalid, "name", "Give the campaign a name.", map[string]string{"reason": "required"})
	}
	if len([]rune(c.Name)) > 120 {
		return FieldError(EInvalid, "name", "The name is too long. Keep it under 120 characters.", map[string]string{"reason": "too_long", "max": "120"})
	}
	if c.KPI == "" {
		c.KPI = KPIResponseRate
	}
	switch c.KPI {
	case KPIResponseRate, KPIOrders, KPIRevenue, KPIROI, KPICostPerResp:
	default:
		return FieldError(EInvalid, "kpi", "Pick what the campaign is measured by.", map[string]string{"reason": "choice"})
	}
	if c.BudgetMinor < 0 || c.OrderValueMinor < 0 {
		return FieldError(EInvalid, "budget", "Amounts cannot be negative.", map[string]string{"reason": "negative"})
	}
	if c.MarginPct < 0 || c.MarginPct > 100 {
		return FieldError(EInvalid, "marginPct", "The margin is a percentage between 0 and 100.", map[string]string{"reason": "range", "min": "0", "max": "100"})
	}
	if c.ControlPct < 0 || c.ControlPct > 50 {
		return FieldError(EInvalid, "controlPct", "The control group can be 0 to 50 percent of the target group.", map[string]string{"reason": "range", "min": "0", "max": "50"})
	}
	for _, s := range c.StopOn {
		if s != StopResponse && s != StopPurchase && s != StopOptOut {
			return FieldError(EInvalid, "stopOn", "Unknown stop rule.", map[string]string{"reason": "choice"})
		}
	}
	if c.PressureMax < 0 || c.PressureMax > 100 || c.PressureDays < 0 || c.PressureDays > 366 {
		return FieldError(EInvalid, "pressureMax", "The contact cap is at most 100 touches within at most 366 days.", map[string]string{"reason": "range"})
	}
	if c.PressureMax > 0 && c.PressureDays == 0 {
		return FieldError(EInvalid, "pressureDays", "Say over how many days the contact cap counts.", map[string]string{"reason": "required"})
	}
	if c.AttributionDays == 0 {
		c.AttributionDays = 30
	}
	if c.AttributionDays < 1 || c.AttributionDays > 365 {
		return FieldError(EInvalid, "attributionDays", "Responses can be counted for 1 to 365 days after a touch.", map[string]string{"reason": "range", "min": "1", "max": "365"})
	}
	if c.StartDate != "" {
		if _, err := time.Parse(time.DateOnly, c.StartDate); err != nil {
			return FieldError(EInvalid, "startDate", "The start date is not a date.", map[string]string{"reason": "date"})
		}
	}
	if len(c.Touches) > MaxTouches {
		return FieldError(EInvalid, "touches", fmt.Sprintf("A campaign can have at most %d touches.", MaxTouches), map[string]string{"reason": "too_many", "max": fmt.Sprint(MaxTouches)})
	}
	for i := range c.Touches {
		t := &c.Touches[i]
		t.Name = strings.TrimSpace(t.Name)
		field := fmt.Sprintf("touches.%d", i)
		if !validChannel(t.Channel) {
			return FieldError(EInvalid, field+".channel", "Pick a channel for every touch.", map[string]string{"reason": "choice", "touch": fmt.Sprint(i + 1)})
		}
		if t.DueDate != "" {
			if _, err := time.Parse(time.DateOnly, t.DueDate); err != nil {
				return FieldError(EInvalid, field+".dueDate", "A touch's date is not a date.", map[string]string{"reason": "date", "touch": fmt.Sprint(i + 1)})
			}
		}
		if t.OffsetDays < 0 || t.OffsetDays > 730 {
			return FieldError(EInvalid, field+".offsetDays", "A touch can come 0 to 730 days after the start.", map[string]string{"reason": "range", "touch": fmt.Sprint(i + 1)})
		}
		if t.UnitCostMinor < 0 || t.ExpectedRate < 0 || t.ExpectedRate > 1 {
			return FieldError(EInvalid, field+".unitCostMinor", "Costs cannot be negative and a response rate is between 0 and 100 %.", map[string]string{"reason": "range", "touch": fmt.Sprint(i + 1)})
		}
		if !launch {
			continue
		}
		switch t.Channel {
		case TouchLetter, TouchCatalog, TouchEmail:
			if t.TemplateID == 0 {
				return FieldError(EInvalid, field+".templateId", fmt.Sprintf("Touch %d has no message yet. Pick or write one.", i+1), map[string]string{"reason": "required", "touch": fmt.Sprint(i + 1)})
			}
		case TouchSMS:
			if strings.TrimSpace(t.SMSText) == "" {
				return FieldError(EInvalid, field+".smsText", fmt.Sprintf("Touch %d has no SMS text yet.", i+1), map[string]string{"reason": "required", "touch": fmt.Sprint(i + 1)})
			}
		case TouchPhone:
			if strings.TrimSpace(t.Script) == "" {
				return FieldError(EInvalid, field+".script", fmt.Sprintf("Touch %d has no call script yet.", i+1), map[string]string{"reason": "required", "touch": fmt.Sprint(i + 1)})
			}
		}
		if t.Channel == TouchEmail && t.AccountID == 0 {
			return FieldError(EInvalid, field+".accountId", fmt.Sprintf("Touch %d needs the mail account to send from.", i+1), map[string]string{"reason": "required", "touch": fmt.Sprint(i + 1)})
		}
	}
	if launch {
		if c.SegmentID == 0 {
			return FieldError(EInvalid, "segmentId", "Pick the target group: a saved segment.", map[string]string{"reason": "required"})
		}
		if len(c.Touches) == 0 {
			return FieldError(EInvalid, "touches", "Plan at least one touch.", map[string]string{"reason": "required"})
		}
	}
	return nil
}

func validChannel(ch string) bool {
	for _, c := range TouchChannels {
		if c == ch {
			return true
		}
	}
	return false
}

// Exclusion counts one reason people were left out.
type Exclusion struct {
	Reason   string       `json:"reason"`
	Count    int          `json:"count"`
	Contacts []ContactRef `json:"contacts"` // the first 100
}

// ContactRef names a contact in a list.
type ContactRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// CampaignPreflight is what launching would do: step 4 and step 7.
type CampaignPreflight struct {
	Segment    int         `json:"segment"` // people in the segment now
	Target     int         `json:"target"`  // will get the touches
	Control    int         `json:"control"` // held back to measure uplift
	Exclusions []Exclusion `json:"exclusions"`
	// Per touch: how many it will reach (as of today) and what it costs.
	Touches []TouchForecast `json:"touches"`
	// CostMinor is the whole plan; BreakEvenRate the share of the target
	// group that must respond for the margin to pay for it (0-1, 0 when
	// the margin is unknown).
	CostMinor      int64    `json:"costMinor"`
	BreakEvenRate  float64  `json:"breakEvenRate"`
	ExpectedResp   float64  `json:"expectedResponses"`
	ExpectedProfit int64    `json:"expectedProfitMinor"`
	OverBudget     bool     `json:"overBudget"`
	Warnings       []string `json:"warnings"` // codes: over_budget, no_margin, small_control, control_too_small_for_significance, ...
	Problems       []*Error `json:"problems"` // what blocks the launch
}

// TouchForecast is one touch in the preflight.
type TouchForecast struct {
	Seq        int         `json:"seq"`
	Channel    string      `json:"channel"`
	Due        string      `json:"due"`
	Reach      int         `json:"reach"`
	CostMinor  int64       `json:"costMinor"`
	Exclusions []Exclusion `json:"exclusions"`
	SMSParts   int         `json:"smsParts"` // SMS: segments of the longest message
}

// Response is one reaction to a campaign.
type Response struct {
	ID          int64  `json:"id"`
	CampaignID  int64  `json:"campaignId"`
	Campaign    string `json:"campaign"`
	TouchID     int64  `json:"touchId"`
	TouchSeq    int    `json:"touchSeq"`
	ContactID   int64  `json:"contactId"`
	ContactName string `json:"contactName"`
	Kind        string `json:"kind"`
	Source      string `json:"source"`
	Code        string `json:"code"`
	Ref         string `json:"ref"` // an order number: imports are idempotent by it
	Group       string `json:"group"`
	At          string `json:"at"`
	Detail      string `json:"detail"`
	ValueMinor  int64  `json:"valueMinor"`
}

// FulfilmentTask is something a response asked for.
type FulfilmentTask struct {
	ID          int64  `json:"id"`
	ResponseID  int64  `json:"responseId"`
	CampaignID  int64  `json:"campaignId"`
	Campaign    string `json:"campaign"`
	ContactID   int64  `json:"contactId"`
	ContactName string `json:"contactName"`
	Kind        string `json:"kind"`
	DueDate     string `json:"dueDate"`
	Note        string `json:"note"`
	CreatedAt   string `json:"createdAt"`
	DoneAt      string `json:"doneAt"`
}

// WorkItem is one person on a released non-email touch: a letter to
// print, an SMS to export, a call to make.
type WorkItem struct {
	ID           int64  `json:"id"`
	TouchID      int64  `json:"touchId"`
	ContactID    int64  `json:"contactId"`
	Name         string `json:"name"`
	Phone        string `json:"phone"`
	Country      string `json:"country"`
	City         string `json:"city"`
	State        string `json:"state"`
	Reason       string `json:"reason"`
	Outcome      string `json:"outcome"`
	CallbackAt   string `json:"callbackAt"`
	Attempts     int    `json:"attempts"`
	Priority     int    `json:"priority"`
	PrintedAt    string `json:"printedAt"`
	DoneAt       string `json:"doneAt"`
	ResponseCode string `json:"responseCode"`
	// Phone touches: whether the person may be called now, and today's
	// calling hours in their country ("09:00–21:00"; "" = not today).
	CallableNow bool   `json:"callableNow"`
	CallHours   string `json:"callHours"`
}
