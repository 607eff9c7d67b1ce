package marketing

// Excluded sources: which preflight a "see who" list belongs to.
const (
	ExcludedCampaign = "campaign" // a campaign draft's preflight: Touch 0 = left out of the list, n = touch n's reach
	ExcludedEmail    = "email"    // the Email screen's preflight of a selection
	ExcludedPrint    = "print"    // the Documents screen's print of a selection
	ExcludedAudience = "audience" // an ad audience file of a selection
	ExcludedTouch    = "touch"    // a released touch's list (SMS export, call list, print queue)
	ExcludedExport   = "export"   // a contacts file of a selection for sending on Channel (segment export)
)

// ExcludedQuery asks who a preflight left out and why. The selection (for
// email, print and audience) travels beside it.
type ExcludedQuery struct {
	Source     string `json:"source"`
	CampaignID int64  `json:"campaignId"`
	Touch      int    `json:"touch"`   // campaign: 0 = the list, n = touch n (its number in the plan)
	TouchID    int64  `json:"touchId"` // touch: a released touch
	Channel    string `json:"channel"` // export: the consent channel the file is for
	Reason     string `json:"reason"`  // "" = every reason
	Offset     int    `json:"offset"`
	Limit      int    `json:"limit"`
}

// ExcludedPage is one page of a "see who" list.
type ExcludedPage struct {
	Items []ExcludedPerson `json:"items"`
	Total int              `json:"total"`
}

// RegisterPreview is what a register file holds, before it is imported.
type RegisterPreview struct {
	Register string   `json:"register"`
	FileName string   `json:"fileName"`
	Columns  []string `json:"columns"` // what each column was read as: first_name, last_name, name, street, postcode, city, phone, "" ignored
	Headers  []string `json:"headers"` // the file's header row ("" when it has none)
	Rows     int      `json:"rows"`
	Usable   int      `json:"usable"`
	Unusable int      `json:"unusable"`
	// UnusableRows are the first 20 unusable rows' numbers (1-based, as a
	// spreadsheet shows them).
	UnusableRows []int    `json:"unusableRows"`
	Sample       []string `json:"sample"` // the first few people read, in words
}

// RegisterImport is a finished register import.
type RegisterImport struct {
	RegisterPreview
	Entries int `json:"entries"` // distinct keys stored
	Matches int `json:"matches"` // stored contacts on the register now
}
