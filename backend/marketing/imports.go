package marketing

// ImportKind says what a spreadsheet holds.
type ImportKind string

const (
	ImportContacts ImportKind = "contacts"
	ImportOrders   ImportKind = "orders"
	ImportProducts ImportKind = "products"
)

// ImportKinds lists the kinds in the order the UI offers them.
var ImportKinds = []ImportKind{ImportContacts, ImportOrders, ImportProducts}

// DuplicatePolicy says what an import does with a row that matches a
// contact (or product, or order) already in the workspace.
type DuplicatePolicy string

const (
	PolicySkip   DuplicatePolicy = "skip"   // keep the stored one as it is
	PolicyUpdate DuplicatePolicy = "update" // overwrite with the file's non-empty values
	PolicyFill   DuplicatePolicy = "fill"   // only fill fields that are empty in the workspace
)

// ImportField is one thing a column can be mapped to.
type ImportField struct {
	Key string `json:"key"` // "firstName", "postcodeCity", ...
	// Group orders the mapping menu: name, contact, address, person,
	// consent, order, product, other.
	Group string `json:"group"`
	// Compound fields are split into several stored fields (a full name,
	// an address with postcode and city in one cell).
	Compound bool `json:"compound,omitempty"`
}

// CustomFieldPrefix marks a mapping target that is a custom field:
// "custom:Shoe size" stores the column under the custom field "Shoe size".
const CustomFieldPrefix = "custom:"

// ColumnMapping maps one column of the file to a field.
type ColumnMapping struct {
	Column int    `json:"column"` // 0-based column index
	Header string `json:"header"`
	// Field is an ImportField key, CustomFieldPrefix+name, or "" to ignore
	// the column.
	Field string `json:"field"`
}

// ImportMapping is how a file's columns become stored values.
type ImportMapping struct {
	Kind  ImportKind `json:"kind"`
	Sheet string     `json:"sheet"`
	// HeaderRow is the 1-based row number of the header; data starts below
	// it. 0 means the file has no header row: data starts at row 1.
	HeaderRow int             `json:"headerRow"`
	Columns   []ColumnMapping `json:"columns"`
}

// ImportSource tells how to read the file: all fields optional.
type ImportSource struct {
	Paste     string `json:"paste"`     // rows pasted from a spreadsheet, instead of a file
	FileName  string `json:"fileName"`  // the name to record (browser uploads have temp names)
	Sheet     string `json:"sheet"`     // "" = the one with most data
	Encoding  string `json:"encoding"`  // text files: "" = detect
	Delimiter string `json:"delimiter"` // text files: "" = sniff; one of , ; \t |
	// HeaderRow is the 1-based row number of the header; 0 = find it;
	// -1 = the file has no header row.
	HeaderRow int `json:"headerRow"`
}

// ImportOptions are the choices the user makes before committing.
type ImportOptions struct {
	Mapping ImportMapping   `json:"mapping"`
	Policy  DuplicatePolicy `json:"policy"`
	// MatchNamePostcode treats a row with the same name and postcode as a
	// stored contact (and no email or phone telling them apart) as that
	// contact. Off: such rows are imported as new and listed as suggestions.
	MatchNamePostcode bool `json:"matchNamePostcode"`
	// Tag is added to every contact the import creates or updates ("" = none).
	Tag string `json:"tag"`
	// ListKind is "own" (the business's own customers, the default) or
	// "bought"/"rented" (a list from a supplier: contacts become prospects).
	ListKind string `json:"listKind"`
	// List holds the terms of a bought or rented list (required for one;
	// see ValidateListTerms). The commit stores them as a supplier list.
	List *ListTerms `json:"list,omitempty"`
	// Currency for amounts without one (orders, products); "" = the workspace's.
	Currency string `json:"currency"`
	// ImageFolder is where product image file names are looked up.
	ImageFolder string `json:"imageFolder"`
}

// ImportInspection is what the import screen shows after a file is picked.
type ImportInspection struct {
	FileName  string        `json:"fileName"`
	Size      int64         `json:"size"`
	Format    string        `json:"format"`    // xlsx, ods, csv, paste
	Encoding  string        `json:"encoding"`  // text files
	Delimiter string        `json:"delimiter"` // text files
	Sheets    []ImportSheet `json:"sheets"`
	Sheet     string        `json:"sheet"`
	HeaderRow int           `json:"headerRow"` // 1-based, 0 = none found
	// Rows is an estimate of the data rows below the header (-1 unknown).
	Rows    int            `json:"rows"`
	Columns []ImportColumn `json:"columns"`
	Mapping ImportMapping  `json:"mapping"`
	// Remembered is true when Mapping is the one used last time for a file
	// with the same columns.
	Remembered bool          `json:"remembered"`
	Fields     []ImportField `json:"fields"`
	// Top are the first rows of the sheet as text (up to 30), so the user
	// can see where the header is.
	Top [][]string `json:"top"`
}

// ImportSheet is one sheet of a workbook.
type ImportSheet struct {
	Name   string `json:"name"`
	Rows   int    `json:"rows"`
	Cols   int    `json:"cols"`
	Hidden bool   `json:"hidden"`
}

// ImportColumn is one column of the picked sheet.
type ImportColumn struct {
	Index   int      `json:"index"`
	Header  string   `json:"header"`
	Samples []string `json:"samples"` // the first few non-empty values
}

// ImportProblem is one thing wrong with a value of a row.
type ImportProblem struct {
	Field   string            `json:"field"`
	Column  int               `json:"column"` // -1 when not one column's fault
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Details map[string]string `json:"details,omitempty"`
	// Warning problems do not stop the row: the value is left out (a
	// product image that is not in the folder).
	Warning bool `json:"warning,omitempty"`
}

// Row outcomes of an import.
const (
	RowNew       = "new"
	RowUpdate    = "update"
	RowUnchanged = "unchanged"
	RowSkipped   = "skipped"   // matches a stored one and the policy is skip
	RowDuplicate = "duplicate" // repeats an earlier row of the same file
	RowInvalid   = "invalid"
	RowSuggested = "suggested" // new, but looks like a stored one (name + postcode)
)

// ImportRow is one row as it will be stored.
type ImportRow struct {
	Row      int               `json:"row"`    // the sheet's row number
	Status   string            `json:"status"` // one of the Row* constants
	Values   map[string]string `json:"values"` // field key -> stored value, as shown
	Problems []ImportProblem   `json:"problems"`
	// MatchID is the stored contact/product/order this row matched.
	MatchID int64 `json:"matchId,omitempty"`
	// MatchBy is email, phone, namePostcode, customerNo, sku or orderNo.
	MatchBy string `json:"matchBy,omitempty"`
	// DuplicateOf is the earlier row of the same file this row repeats.
	DuplicateOf int `json:"duplicateOf,omitempty"`
}

// ImportCounts add up the rows of an import.
type ImportCounts struct {
	Rows               int `json:"rows"` // data rows read (blank rows not counted)
	New                int `json:"new"`
	Updated            int `json:"updated"`
	Unchanged          int `json:"unchanged"`
	Skipped            int `json:"skipped"`
	DuplicatesInFile   int `json:"duplicatesInFile"`
	DuplicatesExisting int `json:"duplicatesExisting"` // rows that matched stored ones (updated + unchanged + skipped)
	Invalid            int `json:"invalid"`
	Suggested          int `json:"suggested"`
}

// ReasonCount is how many rows were refused for one reason.
type ReasonCount struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Reason  string `json:"reason"`  // Details["reason"], may be ""
	Message string `json:"message"` // the first row's message, in English
	Count   int    `json:"count"`
	Rows    []int  `json:"rows"` // the first few row numbers
}

// DuplicateSuggestion shows a row beside the stored contact it looks like.
type DuplicateSuggestion struct {
	Row      int     `json:"row"`
	Incoming Contact `json:"incoming"`
	Existing Contact `json:"existing"`
	By       string  `json:"by"`
}

// ImportSummary is the dry run of an import: what committing would do.
type ImportSummary struct {
	Counts      ImportCounts          `json:"counts"`
	Reasons     []ReasonCount         `json:"reasons"`
	Suggestions []DuplicateSuggestion `json:"suggestions"` // the first 50
	// Rejects names the spreadsheet of refused rows (with a reason column)
	// that SaveRejects can save; "" when every row is fine.
	Rejects string  `json:"rejects"`
	Seconds float64 `json:"seconds"`
}

// ImportBatch is one committed import, kept so it can be undone.
type ImportBatch struct {
	ID         int64         `json:"id"`
	Kind       ImportKind    `json:"kind"`
	FileName   string        `json:"fileName"`
	Size       int64         `json:"size"`
	SHA256     string        `json:"sha256"`
	StartedAt  string        `json:"startedAt"`
	FinishedAt string        `json:"finishedAt"`
	Mapping    ImportMapping `json:"mapping"`
	Options    ImportOptions `json:"options"`
	Counts     ImportCounts  `json:"counts"`
	UndoneAt   string        `json:"undoneAt"`
	// UndoKept counts the rows undo left as they were, because they were
	// changed after the import (edited, tagged, given orders).
	UndoKept int     `json:"undoKept"`
	Seconds  float64 `json:"seconds"`
}

// ExportResult says what an export wrote.
type ExportResult struct {
	Path string `json:"path"`
	// Name is the file name; in browser mode the file is fetched from
	// /bridge/download/<Name>.
	Name string `json:"name"`
	Rows int    `json:"rows"`
}
