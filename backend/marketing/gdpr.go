package marketing

// GDPR tools: what DirectDesk holds about one person (the export and the
// summary before an erasure), the erasure's result, the retention rule and
// the audit log pages.

// PersonArea is one area of a person's data (a table and the rows about
// them): the export writes one sheet (and one JSON array) per area.
type PersonArea struct {
	Key     string   `json:"key"`     // contact, tags, consent, consent_history, timeline, orders, ...
	Columns []string `json:"columns"` // stored column names
	Rows    [][]any  `json:"rows"`    // values: string, int64, float64 or nil
}

// PersonData is everything DirectDesk holds about one person.
type PersonData struct {
	ContactID  int64        `json:"contactId"`
	Name       string       `json:"name"`
	ExportedAt string       `json:"exportedAt"`
	Areas      []PersonArea `json:"areas"`
}

// Area returns the area named key (empty when there is none).
func (d PersonData) Area(key string) PersonArea {
	for _, a := range d.Areas {
		if a.Key == key {
			return a
		}
	}
	return PersonArea{Key: key}
}

// AreaCount is how many rows an area holds about the person.
type AreaCount struct {
	Key   string `json:"key"`
	Count int    `json:"count"`
}

// PersonSummary is what the GDPR tab shows before an export or erasure.
type PersonSummary struct {
	ContactID int64       `json:"contactId"`
	Name      string      `json:"name"`
	Email     string      `json:"email"`
	Phone     string      `json:"phone"`
	City      string      `json:"city"`
	Areas     []AreaCount `json:"areas"` // areas with at least one row
	// Files are the per-person document files on disk (one PDF per
	// recipient) an erasure deletes; SharedDocuments the combined print
	// files that also hold others (not changed by an erasure).
	Files           int `json:"files"`
	SharedDocuments int `json:"sharedDocuments"`
}

// ErasureResult says what an erasure removed (no personal data).
type ErasureResult struct {
	ContactID int64          `json:"contactId"`
	Counts    map[string]int `json:"counts"` // rows removed or made anonymous per area
	Hashes    int            `json:"hashes"` // suppression hashes kept
	Files     int            `json:"files"`  // document files deleted
	// Backup is the before_erase backup made just before: it still holds
	// the person until the user deletes it.
	Backup string `json:"backup"`
	// ScrubPending: the erasure stands, but the file was busy and its
	// cleaning finishes when DirectDesk closes.
	ScrubPending bool `json:"scrubPending"`
}

// Retention limits: "erase contacts inactive for N years".
const (
	RetentionMinYears = 1
	RetentionMaxYears = 20
)

// RetentionSetting is the stored retention rule; Years 0 = off.
type RetentionSetting struct {
	Years int `json:"years"`
}

// RetentionPerson is one contact the retention rule would erase.
type RetentionPerson struct {
	ContactID    int64  `json:"contactId"`
	Name         string `json:"name"`
	City         string `json:"city"`
	LastActivity string `json:"lastActivity"` // the newest of created, updated, order, response, consent, touch
}

// RetentionPreview is who the rule would erase now.
type RetentionPreview struct {
	Years  int               `json:"years"`
	Cutoff string            `json:"cutoff"` // YYYY-MM-DD: no activity on or after it
	Total  int               `json:"total"`
	People []RetentionPerson `json:"people"`
}

// RetentionResult is what a retention run erased.
type RetentionResult struct {
	Erased       int    `json:"erased"`
	Backup       string `json:"backup"`       // the before_erase backup made first
	ScrubPending bool   `json:"scrubPending"` // as in ErasureResult
}

// AuditPage is one page of the audit log, newest first.
type AuditPage struct {
	Total int          `json:"total"`
	Items []AuditEntry `json:"items"`
}

// ValidRetentionYears checks a retention period.
func ValidRetentionYears(years int) error {
	if years < RetentionMinYears || years > RetentionMaxYears {
		return &Error{Code: EInvalid, Field: "years", Message: "Choose between 1 and 20 years.",
			Details: map[string]string{"reason": "range", "min": "1", "max": "20"}}
	}
	return nil
}
