package marketing

import (
	"strings"
	"time"
)

// Kind tells a customer (has bought or has a relationship) from a prospect.
type Kind string

const (
	KindCustomer Kind = "customer"
	KindProspect Kind = "prospect"
)

// Gender is recorded only when the user knows it; "" means unknown.
type Gender string

const (
	GenderUnknown Gender = ""
	GenderFemale  Gender = "female"
	GenderMale    Gender = "male"
	GenderOther   Gender = "other"
)

// Contact is a person (or a person at a company) the business talks to.
// Dates are ISO-8601 text; Phone and Mobile are E.164; Country is ISO 3166-1 alpha-2.
type Contact struct {
	ID            int64  `json:"id"`
	CustomerNo    string `json:"customerNo"`
	Kind          Kind   `json:"kind"`
	FirstName     string `json:"firstName"`
	MiddleName    string `json:"middleName"` // middle name or Russian patronymic
	LastName      string `json:"lastName"`
	Company       string `json:"company"`
	JobTitle      string `json:"jobTitle"`     // as typed
	JobTitleNorm  string `json:"jobTitleNorm"` // folded form for matching and grouping
	Gender        Gender `json:"gender"`
	BirthDate     string `json:"birthDate"` // YYYY-MM-DD or ""
	Email         string `json:"email"`
	Phone         string `json:"phone"`
	Mobile        string `json:"mobile"`
	Street1       string `json:"street1"`
	Street2       string `json:"street2"`
	Postcode      string `json:"postcode"`
	City          string `json:"city"`
	Region        string `json:"region"`
	Country       string `json:"country"`
	Language      string `json:"language"` // en, da, sv, nb, ru or ""
	CustomerSince string `json:"customerSince"`
	Source        string `json:"source"`
	// Origin is "own" (the business's own customers), "bought" or "rented"
	// (a list), set when the contact is created.
	Origin    string            `json:"origin"`
	Tags      []string          `json:"tags"`
	Custom    map[string]string `json:"custom"`
	Notes     string            `json:"notes"`
	CreatedAt string            `json:"createdAt"`
	UpdatedAt string            `json:"updatedAt"`
}

// DisplayName is the name as a shop owner would write it on a list.
func (c *Contact) DisplayName() string {
	parts := []string{}
	for _, p := range []string{c.FirstName, c.MiddleName, c.LastName} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return c.Company
	}
	return strings.Join(parts, " ")
}

// Languages DirectDesk speaks, in the order the UI lists them.
var Languages = []string{"en", "da", "sv", "nb", "ru"}

// Countries DirectDesk has rules for (postcodes, phones, registers).
var Countries = []string{"DK", "SE", "NO", "RU"}

// ContactSortFields lists the columns the contact list can be sorted by.
// Each has an index in the store; anything else is rejected.
var ContactSortFields = []string{"name", "email", "city", "postcode", "company", "customerNo", "country", "createdAt", "updatedAt"}

// ContactQuery asks for one page of contacts.
type ContactQuery struct {
	Search  string `json:"search"`
	Country string `json:"country"`
	Region  string `json:"region"`
	Tag     string `json:"tag"`
	Sort    string `json:"sort"` // one of ContactSortFields; "" = name
	Desc    bool   `json:"desc"`
	Offset  int    `json:"offset"`
	Limit   int    `json:"limit"` // 1..500, default 50
	// IDs, set by the backend only, asks for exactly these contacts (a
	// segment's): the other filters are then ignored. Used by exports.
	IDs []int64 `json:"-"`
}

// MaxPageSize bounds a page so one request can never load the whole table.
const MaxPageSize = 500

// Normalize clamps the paging values and rejects unknown sort fields.
func (q *ContactQuery) Normalize() error {
	q.Search = strings.TrimSpace(q.Search)
	if q.Sort == "" {
		q.Sort = "name"
	}
	ok := false
	for _, f := range ContactSortFields {
		ok = ok || f == q.Sort
	}
	if !ok {
		return FieldError(EInvalid, "sort", "The list cannot be sorted by that column.", map[string]string{"value": q.Sort})
	}
	if q.Limit <= 0 {
		q.Limit = 50
	}
	if q.Limit > MaxPageSize {
		q.Limit = MaxPageSize
	}
	if q.Offset < 0 {
		q.Offset = 0
	}
	return nil
}

// ContactPage is one page of a contact list plus the total that matched.
type ContactPage struct {
	Items  []Contact `json:"items"`
	Total  int       `json:"total"`
	Offset int       `json:"offset"`
	Limit  int       `json:"limit"`
}

// ValueCount is one value of a column and how many contacts have it.
type ValueCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
	// Group is the value's parent where there is one: a region's country.
	Group string `json:"group,omitempty"`
}

// ContactFacets are the values the contact filters offer, with counts.
type ContactFacets struct {
	Countries []ValueCount `json:"countries"`
	Regions   []ValueCount `json:"regions"`
	Tags      []ValueCount `json:"tags"`
}

// Event kinds on a contact's timeline. Later features add their own.
const (
	EventCreated  = "created"
	EventEdited   = "edited"
	EventImported = "imported"
	EventTagged   = "tagged"
	EventUntagged = "untagged"
)

// Event is one line on a contact's timeline.
type Event struct {
	ID        int64             `json:"id"`
	ContactID int64             `json:"contactId"`
	At        string            `json:"at"` // UTC timestamp
	Kind      string            `json:"kind"`
	Summary   string            `json:"summary"` // English fallback; the UI translates by Kind
	Details   map[string]string `json:"details"`
}

// Clock formats follow the data rules: dates YYYY-MM-DD, timestamps UTC with Z.
const (
	DateLayout      = "2006-01-02"
	TimestampLayout = "2006-01-02T15:04:05Z"
)

// Timestamp formats t as the DB stores it.
func Timestamp(t time.Time) string { return t.UTC().Format(TimestampLayout) }
