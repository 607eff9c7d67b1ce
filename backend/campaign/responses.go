package campaign

import (
	"context"

	"directdesk/backend/marketing"
)

// responseStore is what responses, fulfilment and results need.
type responseStore interface{}

// Redemption is what a typed or scanned code belongs to.
type Redemption struct {
	Code        string               `json:"code"` // formatted, K7MQ-X9A
	ContactID   int64                `json:"contactId"`
	ContactName string               `json:"contactName"`
	City        string               `json:"city"`
	Email       string               `json:"email"`
	CampaignID  int64                `json:"campaignId"` // 0: a code of documents printed outside a campaign
	Campaign    string               `json:"campaign"`
	TouchID     int64                `json:"touchId"` // the touch the response would be attributed to
	TouchSeq    int                  `json:"touchSeq"`
	Channel     string               `json:"channel"`
	Group       string               `json:"group"`
	Previous    []marketing.Response `json:"previous"` // responses already recorded with this code
}

// Redeem looks a response code up. A mistyped code is an invalid error
// with details reason "check" (the check character caught it) or
// "length"/"characters"; an unknown one is not_found.
func (s *Service) Redeem(ctx context.Context, code string) (Redemption, error) {
	return Redemption{}, errNotYet
}

// NewResponse is a response to record.
type NewResponse struct {
	Code       string `json:"code"`       // response code, or
	CampaignID int64  `json:"campaignId"` // with ContactID
	ContactID  int64  `json:"contactId"`
	Kind       string `json:"kind"`
	Source     string `json:"source"`
	At         string `json:"at"` // "" = now
	Detail     string `json:"detail"`
	Ref        string `json:"ref"`
	ValueMinor int64  `json:"valueMinor"`
	// Fulfil: what the response asks for ("" = nothing), due in FulfilDays.
	Fulfil     string `json:"fulfil"`
	FulfilDays int    `json:"fulfilDays"`
}

// AddResponse records a response: attributed to the last touch the person
// got within the campaign's window, the stop rules applied, a fulfilment
// task made when it asks for something, and a timeline event. A response
// with a Ref already recorded is returned as it was (idempotent).
func (s *Service) AddResponse(ctx context.Context, r NewResponse) (marketing.Response, error) {
	return marketing.Response{}, errNotYet
}

// ResponseQuery pages responses.
type ResponseQuery struct {
	CampaignID int64 `json:"campaignId"` // 0 = all
	ContactID  int64 `json:"contactId"`
	Offset     int   `json:"offset"`
	Limit      int   `json:"limit"`
}

// ResponsePage is one page of responses.
type ResponsePage struct {
	Items []marketing.Response `json:"items"`
	Total int                  `json:"total"`
}

// Responses pages responses, newest first.
func (s *Service) Responses(ctx context.Context, q ResponseQuery) (ResponsePage, error) {
	return ResponsePage{}, errNotYet
}

// DeleteResponse removes a response recorded by mistake (and its task).
func (s *Service) DeleteResponse(ctx context.Context, id int64) error { return errNotYet }

// Fulfilments lists tasks; open only by default.
func (s *Service) Fulfilments(ctx context.Context, all bool, limit int) ([]marketing.FulfilmentTask, error) {
	return nil, errNotYet
}

// CompleteFulfilment marks a task done (or open again).
func (s *Service) CompleteFulfilment(ctx context.Context, id int64, done bool) error {
	return errNotYet
}

// ResponseMapping says which column holds what (-1 = none).
type ResponseMapping struct {
	Code       int    `json:"code"`
	Email      int    `json:"email"`
	Phone      int    `json:"phone"`
	CustomerNo int    `json:"customerNo"`
	Value      int    `json:"value"`
	Date       int    `json:"date"`
	OrderNo    int    `json:"orderNo"`
	Sheet      string `json:"sheet"`
	HeaderRow  int    `json:"headerRow"`
	// CampaignID: rows without a code count for this campaign (0 = only
	// rows with a code are matched).
	CampaignID int64  `json:"campaignId"`
	Kind       string `json:"kind"` // order (default) or another response kind
}

// ResponseFilePreview shows a response or order file before import.
type ResponseFilePreview struct {
	Sheets  []string        `json:"sheets"`
	Columns []string        `json:"columns"`
	Sample  [][]string      `json:"sample"`
	Rows    int             `json:"rows"`
	Mapping ResponseMapping `json:"mapping"` // guessed from the headers
}

// PreviewResponseFile reads the header and first rows of a file.
func (s *Service) PreviewResponseFile(ctx context.Context, path string) (ResponseFilePreview, error) {
	return ResponseFilePreview{}, errNotYet
}

// RowProblem is a row that could not be used.
type RowProblem struct {
	Row     int    `json:"row"`
	Reason  string `json:"reason"` // no_match, bad_code, bad_value, bad_date, not_member
	Value   string `json:"value"`
	Message string `json:"message"`
}

// ResponseImportResult is what an import did.
type ResponseImportResult struct {
	Rows       int          `json:"rows"`
	Added      int          `json:"added"`
	Duplicates int          `json:"duplicates"` // already imported (same order number)
	Unmatched  int          `json:"unmatched"`
	ValueMinor int64        `json:"valueMinor"`
	Problems   []RowProblem `json:"problems"` // the first 200
}

// ImportResponses matches rows by code, email, phone or customer number
// and records them in one transaction (all or nothing).
func (s *Service) ImportResponses(ctx context.Context, path string, m ResponseMapping, progress marketing.Progress) (ResponseImportResult, error) {
	return ResponseImportResult{}, errNotYet
}
