package campaign

import (
	"context"
	"sort"
	"strings"
	"time"
	"unicode"

	"directdesk/backend/contacts"
	"directdesk/backend/importer"
	"directdesk/backend/marketing"
	"directdesk/backend/sheet"
	"directdesk/backend/store"
)

// responseStore is what responses, fulfilment and results need.
type responseStore interface {
	CodeOwner(ctx context.Context, code string) (contactID int64, campaign string, err error)
	CodeCampaign(ctx context.Context, code, key string) (int64, error)
	ResponsePerson(ctx context.Context, campaignID, contactID int64, at string) (store.ResponsePerson, error)
	ResponsesWithCode(ctx context.Context, code string) ([]marketing.Response, error)
	AddResponse(ctx context.Context, in store.ResponseInput) (marketing.Response, bool, error)
	Responses(ctx context.Context, campaignID, contactID int64, offset, limit int) ([]marketing.Response, int, error)
	EachCampaignResponse(ctx context.Context, campaignID int64, fn func(r *marketing.Response) error) error
	DeleteResponse(ctx context.Context, id int64) error
	Fulfilments(ctx context.Context, all bool, limit int) ([]marketing.FulfilmentTask, error)
	CompleteFulfilment(ctx context.Context, id int64, done bool) error
	ImportResponses(ctx context.Context, rows []store.ResponseRow, campaignID int64, progress func(done int)) ([]string, error)
	RecordWebHits(ctx context.Context, hits []store.WebHit) (matched, added int, err error)
	CampaignResultFacts(ctx context.Context, id int64, today time.Time) (store.ResultFacts, error)
	Settings(ctx context.Context, def marketing.Settings) (marketing.Settings, error)
}

// responseKinds are the kinds of response a user can record.
var responseKinds = []string{marketing.ResponseOrder, marketing.ResponseCoupon, marketing.ResponseInquiry, marketing.ResponseRequest,
	marketing.ResponseVisit, marketing.ResponseCall, marketing.ResponseReply, marketing.ResponseOptOut, marketing.ResponseNotBuyer}

var responseSources = []string{marketing.SourceRedeem, marketing.SourceImport, marketing.SourceInbox, marketing.SourceManual, marketing.SourcePhone}

var fulfilKinds = []string{marketing.FulfilCatalog, marketing.FulfilSample, marketing.FulfilCallBack, marketing.FulfilQuote}

// DefaultFulfilDays is how long a fulfilment task may take unless said.
const DefaultFulfilDays = 3

func oneOf(v string, list []string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// parseCode reads a typed code; an unknown one is not_found.
func (s *Service) lookupCode(ctx context.Context, typed string) (code string, contactID, campaignID int64, err error) {
	code, err = marketing.ParseResponseCode(typed)
	if err != nil {
		return "", 0, 0, err // invalid, field code, reason check / length / characters
	}
	contactID, key, err := s.db.CodeOwner(ctx, code)
	if marketing.ErrorCode(err) == marketing.ENotFound {
		return "", 0, 0, marketing.FieldError(marketing.ENotFound, "code",
			"No letter, email or coupon was given this response code. Check the code and type it again.",
			map[string]string{"reason": "unknown", "code": marketing.FormatResponseCode(code)})
	} else if err != nil {
		return "", 0, 0, err
	}
	campaignID, err = s.db.CodeCampaign(ctx, code, key)
	return code, contactID, campaignID, err
}

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
	code, contactID, campaignID, err := s.lookupCode(ctx, code)
	if err != nil {
		return Redemption{}, err
	}
	p, err := s.db.ResponsePerson(ctx, campaignID, contactID, marketing.Timestamp(s.Now()))
	if err != nil {
		return Redemption{}, err
	}
	prev, err := s.db.ResponsesWithCode(ctx, code)
	if err != nil {
		return Redemption{}, err
	}
	return Redemption{Code: marketing.FormatResponseCode(code), ContactID: contactID, ContactName: p.Name, City: p.City, Email: p.Email,
		CampaignID: campaignID, Campaign: p.Campaign, TouchID: p.TouchID, TouchSeq: p.TouchSeq, Channel: p.Channel, Group: p.Group,
		Previous: prev}, nil
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
	// TouchID is the touch the response came from when the caller knows
	// it (a call's outcome, recorded before the call is marked done); 0 =
	// the last touch the person got within the attribution window.
	TouchID int64 `json:"touchId"`
}

// AddResponse records a response: attributed to the last touch the person
// got within the campaign's window, the stop rules applied, a fulfilment
// task made when it asks for something, and a timeline event. A response
// with a Ref already recorded is returned as it was (idempotent).
func (s *Service) AddResponse(ctx context.Context, r NewResponse) (marketing.Response, error) {
	in, err := s.responseInput(ctx, r)
	if err != nil {
		return marketing.Response{}, err
	}
	out, _, err := s.db.AddResponse(ctx, in)
	return out, err
}

// responseInput checks a response and works out its campaign, contact,
// time and fulfilment due date.
func (s *Service) responseInput(ctx context.Context, r NewResponse) (store.ResponseInput, error) {
	now := s.Now()
	in := store.ResponseInput{CampaignID: r.CampaignID, ContactID: r.ContactID, TouchID: r.TouchID, Kind: strings.TrimSpace(r.Kind), Source: r.Source,
		Ref: clipText(strings.TrimSpace(r.Ref), 100), Detail: clipText(strings.TrimSpace(r.Detail), 1000), ValueMinor: r.ValueMinor}
	if !oneOf(in.Kind, responseKinds) {
		return in, marketing.FieldError(marketing.EInvalid, "kind", "Pick what kind of response it is.", map[string]string{"reason": "choice"})
	}
	if in.ValueMinor < 0 {
		return in, marketing.FieldError(marketing.EInvalid, "valueMinor", "The value cannot be negative.", map[string]string{"reason": "negative"})
	}
	if marketing.HasControlChars(in.Ref) {
		return in, marketing.FieldError(marketing.EInvalid, "ref", "The order number has characters that cannot be stored. Type it on one line.", map[string]string{"reason": "characters"})
	}
	if r.Code != "" {
		code, contactID, campaignID, err := s.lookupCode(ctx, r.Code)
		if err != nil {
			return in, err
		}
		if r.ContactID != 0 && r.ContactID != contactID {
			return in, marketing.FieldError(marketing.EInvalid, "code", "This response code belongs to someone else. Check the code.", map[string]string{"reason": "other_contact"})
		}
		in.Code, in.ContactID, in.CampaignID = code, contactID, campaignID
		if in.Source == "" {
			in.Source = marketing.SourceRedeem
		}
	} else if in.ContactID == 0 {
		return in, marketing.FieldError(marketing.EInvalid, "contactId", "Say who responded: type their response code or pick the contact.", map[string]string{"reason": "required"})
	}
	if in.Source == "" {
		in.Source = marketing.SourceManual
	}
	if !oneOf(in.Source, responseSources) {
		return in, marketing.FieldError(marketing.EInvalid, "source", "Unknown source of the response.", map[string]string{"reason": "choice"})
	}
	at, err := parseAt(r.At, now)
	if err != nil {
		return in, err
	}
	in.At = at
	if r.Fulfil != "" {
		if !oneOf(r.Fulfil, fulfilKinds) {
			return in, marketing.FieldError(marketing.EInvalid, "fulfil", "Pick what the person asked for: a catalog, a sample, a call back or a quote.", map[string]string{"reason": "choice"})
		}
		days := r.FulfilDays
		if days == 0 {
			days = DefaultFulfilDays
		}
		if days < 0 || days > 365 {
			return in, marketing.FieldError(marketing.EInvalid, "fulfilDays", "A task can be due 0 to 365 days after the response.", map[string]string{"reason": "range", "min": "0", "max": "365"})
		}
		d, _ := time.Parse(marketing.DateLayout, at[:len(marketing.DateLayout)])
		in.Fulfil, in.FulfilDue = r.Fulfil, d.AddDate(0, 0, days).Format(marketing.DateLayout)
	}
	return in, nil
}

// parseAt reads when a response came: "" is now; a date (YYYY-MM-DD) stays
// a date; a time with an offset (RFC 3339) or a local time
// ("2006-01-02T15:04", seconds optional) becomes a UTC timestamp. A time
// more than a day ahead is refused.
func parseAt(s string, now time.Time) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return marketing.Timestamp(now), nil
	}
	bad := marketing.FieldError(marketing.EInvalid, "at", "The date of the response is not a date. Type it as 2025-03-14.", map[string]string{"reason": "date"})
	var t time.Time
	var err error
	out := ""
	switch {
	case len(s) == len(marketing.DateLayout):
		t, err = time.Parse(marketing.DateLayout, s)
		out = s
	default:
		if t, err = time.Parse(time.RFC3339, s); err != nil {
			for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
				if t, err = time.ParseInLocation(layout, s, now.Location()); err == nil {
					break
				}
			}
		}
		if err == nil {
			out = marketing.Timestamp(t)
		}
	}
	if err != nil || t.Year() < 1900 {
		return "", bad
	}
	if t.After(now.AddDate(0, 0, 1)) {
		return "", marketing.FieldError(marketing.EInvalid, "at", "The date of the response is in the future. Check the date.", map[string]string{"reason": "future"})
	}
	return out, nil
}

func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
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
	if q.Limit <= 0 {
		q.Limit = 50
	}
	q.Limit, q.Offset = min(q.Limit, 500), max(q.Offset, 0)
	items, total, err := s.db.Responses(ctx, q.CampaignID, q.ContactID, q.Offset, q.Limit)
	if err != nil {
		return ResponsePage{Items: []marketing.Response{}}, err
	}
	return ResponsePage{Items: items, Total: total}, nil
}

// DeleteResponse removes a response recorded by mistake (and its task).
// A stop rule it set stays in force: the touches it skipped are not
// planned again (the person may have been told "no more mail").
func (s *Service) DeleteResponse(ctx context.Context, id int64) error {
	return s.db.DeleteResponse(ctx, id)
}

// Fulfilments lists tasks; open only by default.
func (s *Service) Fulfilments(ctx context.Context, all bool, limit int) ([]marketing.FulfilmentTask, error) {
	if limit <= 0 {
		limit = 100
	}
	out, err := s.db.Fulfilments(ctx, all, min(limit, 5000))
	if out == nil {
		out = []marketing.FulfilmentTask{}
	}
	return out, err
}

// CompleteFulfilment marks a task done (or open again).
func (s *Service) CompleteFulfilment(ctx context.Context, id int64, done bool) error {
	return s.db.CompleteFulfilment(ctx, id, done)
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
	return previewResponseFile(ctx, path)
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
	return s.importResponses(ctx, path, m, progress)
}

// ---------------------------------------------------------------- files

// Response and order files are read with the importer's reader and header
// guess (package sheet for the file, importer.Inspect for the sheet,
// header row and the order fields), plus the two columns an order file
// does not have: response codes and, by more names, the value.

// codeHeaders name a column of response codes or coupons (folded words).
var codeHeaders = map[string]bool{
	"code": true, "kode": true, "kod": true, "код": true, "kupon": true, "coupon": true, "kupong": true, "купон": true,
	"svarkode": true, "svarkod": true, "svarskod": true, "responskode": true, "responskod": true, "responsecode": true,
	"rabatkode": true, "rabattkod": true, "rabattkode": true, "promokode": true, "promokod": true, "promocode": true,
	"промокод": true, "кодответа": true, "kuponkode": true, "kupongkode": true, "kupongkod": true, "couponcode": true,
}

// valueHeaders name the value of a response beyond the amount names the
// order import knows.
var valueHeaders = map[string]bool{
	"value": true, "vaerdi": true, "værdi": true, "värde": true, "varde": true, "verdi": true, "стоимость": true,
	"ordervalue": true, "ordrevaerdi": true, "ordreværdi": true, "ordervärde": true, "ordrevearde": true, "ordreverdi": true,
	"сумма": true, "beløb": true, "beløp": true, "belopp": true, "sum": true, "total": true, "amount": true,
}

// headerCompact folds a header to lower-case letters and digits only:
// "Svar-kode:" -> "svarkode", "Код ответа" -> "кодответа".
func headerCompact(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// guessMapping proposes the columns from the headers, the order fields
// the importer's auto-mapping found (one per column, "" for none) and the
// first values of each column. Each column is used once.
func guessMapping(headers, fields []string, samples [][]string) ResponseMapping {
	m := ResponseMapping{Code: -1, Email: -1, Phone: -1, CustomerNo: -1, Value: -1, Date: -1, OrderNo: -1, Kind: marketing.ResponseOrder}
	used := map[int]bool{}
	take := func(dst *int, j int) {
		if *dst < 0 && !used[j] {
			*dst, used[j] = j, true
		}
	}
	for j, h := range headers {
		if codeHeaders[headerCompact(h)] {
			take(&m.Code, j)
		}
	}
	for j, f := range fields {
		switch f {
		case "orderNo":
			take(&m.OrderNo, j)
		case "customerNo":
			take(&m.CustomerNo, j)
		case "email":
			take(&m.Email, j)
		case "phone":
			take(&m.Phone, j)
		case "date":
			take(&m.Date, j)
		case "amount":
			take(&m.Value, j)
		}
	}
	for j, h := range headers {
		if valueHeaders[headerCompact(h)] {
			take(&m.Value, j)
		}
	}
	// A column without a known header full of response codes is the code
	// column.
	if m.Code < 0 {
		for j := range headers {
			if used[j] || j >= len(samples) || len(samples[j]) == 0 {
				continue
			}
			all := true
			for _, v := range samples[j] {
				if _, err := marketing.ParseResponseCode(v); err != nil {
					all = false
					break
				}
			}
			if all {
				take(&m.Code, j)
				break
			}
		}
	}
	return m
}

// previewRows is how many rows the preview shows under the header.
const previewRows = 10

func previewResponseFile(ctx context.Context, path string) (ResponseFilePreview, error) {
	p := ResponseFilePreview{Sheets: []string{}, Columns: []string{}, Sample: [][]string{}}
	var e importer.Engine
	in, err := e.Inspect(ctx, marketing.ImportOrders, importer.Source{Path: path})
	if err != nil {
		return p, err
	}
	for _, sh := range in.Sheets {
		p.Sheets = append(p.Sheets, sh.Name)
	}
	headers := make([]string, len(in.Columns))
	fields := make([]string, len(in.Columns))
	samples := make([][]string, len(in.Columns))
	for j, c := range in.Columns {
		headers[j], samples[j] = c.Header, c.Samples
	}
	for _, c := range in.Mapping.Columns {
		if c.Column >= 0 && c.Column < len(fields) {
			fields[c.Column] = c.Field
		}
	}
	p.Columns = headers
	if in.HeaderRow <= len(in.Top) {
		for _, r := range in.Top[in.HeaderRow:] {
			if len(p.Sample) == previewRows {
				break
			}
			p.Sample = append(p.Sample, r)
		}
	}
	p.Rows = in.Rows
	p.Mapping = guessMapping(headers, fields, samples)
	p.Mapping.Sheet, p.Mapping.HeaderRow = in.Sheet, in.HeaderRow
	return p, nil
}

// maxProblems is how many row problems an import lists.
const maxProblems = 200

var problemText = map[string]string{
	"no_match":   "Nobody in your contacts has this code, email address, phone number or customer number.",
	"bad_code":   "This is not a response code DirectDesk gave out; it may have a typing mistake.",
	"bad_value":  "The amount cannot be read as a number of 0 or more.",
	"bad_date":   "The date cannot be read.",
	"not_member": "This person is not in the campaign's target or control group.",
}

func rowProblem(row int, reason, value string) RowProblem {
	return RowProblem{Row: row, Reason: reason, Value: clipText(value, 60), Message: problemText[reason]}
}

// numberText is a cell's text for values that are codes, not amounts: a
// customer number or phone typed as a number is read without separators.
func numberText(c sheet.Cell) string {
	if c.Kind == sheet.KindNumber {
		return strings.TrimSuffix(c.Raw, ".0")
	}
	return strings.TrimSpace(c.Text)
}

// parseResponseRow reads one data row with the mapping: the keys that may
// find the person, the value, the date (the import's time when there is
// none) and the order number. A row it cannot use comes back with its
// problem; a row with no cells of the mapping at all is blank.
func parseResponseRow(cells []sheet.Cell, rowNo int, m ResponseMapping, country string, now time.Time) (row store.ResponseRow, problem *RowProblem, blank bool) {
	get := func(col int) sheet.Cell {
		if col >= 0 && col < len(cells) {
			return cells[col]
		}
		return sheet.Cell{}
	}
	row = store.ResponseRow{Row: rowNo, Kind: m.Kind, At: marketing.Timestamp(now)}
	fail := func(reason, value string) (store.ResponseRow, *RowProblem, bool) {
		p := rowProblem(rowNo, reason, value)
		return row, &p, false
	}
	code := strings.TrimSpace(get(m.Code).Text)
	email := strings.TrimSpace(get(m.Email).Text)
	phone := numberText(get(m.Phone))
	customer := clipText(numberText(get(m.CustomerNo)), 100)
	if code+email+phone+customer == "" {
		for _, col := range []int{m.Value, m.Date, m.OrderNo} {
			if strings.TrimSpace(get(col).Text) != "" {
				return fail("no_match", "")
			}
		}
		return row, nil, true
	}
	if code != "" {
		c, err := marketing.ParseResponseCode(code)
		if err != nil {
			return fail("bad_code", code)
		}
		row.Code = c
	}
	if strings.Contains(email, "@") {
		row.Email = email
	}
	if phone != "" {
		if e, err := contacts.NormalizePhone("phone", phone, country); err == nil {
			row.Phone = e
		}
	}
	row.CustomerNo = customer
	if row.Code+row.Email+row.Phone+row.CustomerNo == "" {
		return fail("no_match", firstNonEmpty(email, phone))
	}
	if c := get(m.Value); strings.TrimSpace(c.Text) != "" {
		v, _, err := importer.ParseMoney(c)
		if err != nil || v < 0 {
			return fail("bad_value", c.Text)
		}
		row.ValueMinor = v
	}
	if c := get(m.Date); strings.TrimSpace(c.Text) != "" {
		d, err := importer.ParseDate(c, now)
		if err != nil {
			return fail("bad_date", c.Text)
		}
		if d != "" {
			row.At = d
		}
	}
	row.Ref = clipText(numberText(get(m.OrderNo)), 100)
	if marketing.HasControlChars(row.Ref) {
		row.Ref = strings.Join(strings.Fields(row.Ref), " ")
	}
	return row, nil, false
}

func firstNonEmpty(v ...string) string {
	for _, s := range v {
		if s != "" {
			return s
		}
	}
	return ""
}

func (s *Service) importResponses(ctx context.Context, path string, m ResponseMapping, progress marketing.Progress) (ResponseImportResult, error) {
	res := ResponseImportResult{Problems: []RowProblem{}}
	if progress == nil {
		progress = func(int, int) {}
	}
	if m.Kind == "" {
		m.Kind = marketing.ResponseOrder
	}
	if !oneOf(m.Kind, responseKinds) {
		return res, marketing.FieldError(marketing.EInvalid, "kind", "Pick what kind of responses the file holds.", map[string]string{"reason": "choice"})
	}
	if m.Code < 0 && m.Email < 0 && m.Phone < 0 && m.CustomerNo < 0 {
		return res, marketing.FieldError(marketing.EInvalid, "mapping",
			"DirectDesk cannot tell who each row is about: pick the column with the response codes, email addresses, phone numbers or customer numbers.",
			map[string]string{"reason": "no_key_column"})
	}
	if m.Code < 0 && m.CampaignID == 0 {
		return res, marketing.FieldError(marketing.EInvalid, "campaignId", "The file has no response codes: pick the campaign the rows belong to.", map[string]string{"reason": "campaign_required"})
	}
	if m.HeaderRow < 0 {
		m.HeaderRow = 0
	}
	set, err := s.db.Settings(ctx, marketing.Settings{})
	if err != nil {
		return res, err
	}
	book, err := sheet.Open(path, sheet.Options{})
	if err != nil {
		return res, err
	}
	defer book.Close()
	name, est := m.Sheet, 0
	if name == "" {
		name = sheet.PickSheet(book)
	}
	found := false
	for _, sh := range book.Sheets() {
		if sh.Name == name {
			found, est = true, max(sh.Rows-m.HeaderRow, 0)
		}
	}
	if !found {
		return res, &marketing.Error{Code: marketing.ENotFound, Field: "sheet", Message: "The file has no sheet called " + name + ". Pick one from the list.", Details: map[string]string{"reason": "sheet", "sheet": name}}
	}
	it, err := book.Rows(name)
	if err != nil {
		return res, err
	}
	defer it.Close()
	now := s.Now()
	var rows []store.ResponseRow
	var problems []RowProblem
	canceled := marketing.Errorf(marketing.ECanceled, "Cancelled. No responses were recorded.")
	for it.Next() {
		n := it.RowNumber()
		if n <= m.HeaderRow {
			continue
		}
		row, problem, blank := parseResponseRow(it.Row(), n, m, set.Country, now)
		if blank {
			continue
		}
		res.Rows++
		if res.Rows%256 == 0 {
			if ctx.Err() != nil {
				return res, canceled
			}
			progress(res.Rows, 2*max(est, res.Rows))
		}
		if problem != nil {
			problems = append(problems, *problem)
			continue
		}
		rows = append(rows, row)
	}
	if err := it.Err(); err != nil {
		return res, err
	}
	if ctx.Err() != nil {
		return res, canceled
	}
	total := res.Rows
	outcomes, err := s.db.ImportResponses(ctx, rows, m.CampaignID, func(done int) { progress(total+done, total+len(rows)) })
	if err != nil {
		if ctx.Err() != nil {
			err = canceled // the transaction was rolled back
		}
		return ResponseImportResult{Problems: []RowProblem{}}, err
	}
	for i, o := range outcomes {
		switch o {
		case store.RowAdded:
			res.Added++
			res.ValueMinor += rows[i].ValueMinor
		case store.RowDuplicate:
			res.Duplicates++
		default:
			r := rows[i]
			problems = append(problems, rowProblem(r.Row, o, firstNonEmpty(marketing.FormatResponseCode(r.Code), r.Email, r.Phone, r.CustomerNo)))
		}
	}
	res.Unmatched = len(problems)
	sort.SliceStable(problems, func(i, j int) bool { return problems[i].Row < problems[j].Row })
	res.Problems = append(res.Problems, problems[:min(len(problems), maxProblems)]...)
	progress(total+len(rows), total+len(rows))
	return res, nil
}
