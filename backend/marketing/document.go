package marketing

// TemplateKind says what a template makes.
type TemplateKind string

const (
	KindLetter  TemplateKind = "letter"
	KindLabels  TemplateKind = "labels"
	KindCatalog TemplateKind = "catalog"
	KindEmail   TemplateKind = "email"
)

// Template is a letter, label sheet or catalog with merge fields. Body is a
// small HTML subset (p, h1, h2, b/strong, i/em, ul/ol/li, br, img) with
// {{fields}} and {{#if}} blocks; for labels it is the label's text. Every
// save makes a new Version, and generated documents record the version.
type Template struct {
	ID        int64        `json:"id"`
	Name      string       `json:"name"` // stable key, e.g. "standard-letter"
	Kind      TemplateKind `json:"kind"`
	Title     string       `json:"title"`
	Lang      string       `json:"lang"` // the language it is written in
	Body      string       `json:"body"`
	Layout    Layout       `json:"layout"`
	Version   int          `json:"version"`
	Starter   string       `json:"starter"` // the starter it was made from, "" when written from scratch
	UpdatedAt string       `json:"updatedAt"`
}

// Layout holds the page settings of a template; only the part for its kind is used.
type Layout struct {
	Letter  LetterLayout  `json:"letter"`
	Labels  LabelLayout   `json:"labels"`
	Catalog CatalogLayout `json:"catalog"`
	Email   EmailLayout   `json:"email"`
}

// LetterLayout places a letter on the page so the address shows in the
// envelope's window.
type LetterLayout struct {
	Paper    string `json:"paper"`    // "A4" or "Letter"
	Envelope string `json:"envelope"` // "DL", "C5", "C6/5"
	Window   string `json:"window"`   // "left" or "right"
	// Nudges the address block (millimetres) for envelopes that differ from the norm.
	OffsetX float64 `json:"offsetX"`
	OffsetY float64 `json:"offsetY"`
	Sender  bool    `json:"sender"` // print the small return-address line above the address
	Logo    bool    `json:"logo"`
	Footer  bool    `json:"footer"` // business details at the foot of each page
}

// LabelLayout is a sheet of labels (or one envelope per page).
type LabelLayout struct {
	Sheet string `json:"sheet"` // "L7160", "L7163", "L7161", "L7162", "L7165", "custom", "DL", "C5"
	// Custom sheet geometry, millimetres (Sheet "custom").
	Columns   int     `json:"columns"`
	Rows      int     `json:"rows"`
	Width     float64 `json:"width"`
	Height    float64 `json:"height"`
	Top       float64 `json:"top"`
	Left      float64 `json:"left"`
	GapX      float64 `json:"gapX"`
	GapY      float64 `json:"gapY"`
	Start     int     `json:"start"` // first label to print on (1-based) for a partly used sheet
	Sender    bool    `json:"sender"`
	SortByZip bool    `json:"sortByZip"`
}

// CatalogLayout is a product catalog's structure.
type CatalogLayout struct {
	Title    string           `json:"title"`
	Season   string           `json:"season"`
	Grid     string           `json:"grid"` // "2x2", "2x3", "3x4"
	Contents bool             `json:"contents"`
	Intro    bool             `json:"intro"` // the personalised letter (Body) after the cover
	Reply    bool             `json:"reply"` // order form and reply card on the back page
	Variants []CatalogVariant `json:"variants"`
}

// CatalogVariant is what one segment's recipients get. Recipients take the
// first variant whose segment they are in; Segment "" matches everyone.
type CatalogVariant struct {
	Segment    string   `json:"segment"`
	Title      string   `json:"title"`      // overrides the catalog title, "" keeps it
	Categories []string `json:"categories"` // empty means all, in this order
	SKUs       []string `json:"skus"`       // empty means all products of the categories; otherwise these, in this order
	Discount   float64  `json:"discount"`   // percent off the list price (the segment's price list)
}

// DocumentOutput says how a run writes its PDFs.
type DocumentOutput string

const (
	OutputCombined  DocumentOutput = "combined" // one print file, sorted by postcode
	OutputPerPerson DocumentOutput = "folder"   // one PDF per recipient in a folder
)

// DocumentRun records one generation: what, for whom, when, which version.
type DocumentRun struct {
	ID              int64          `json:"id"`
	Kind            TemplateKind   `json:"kind"`
	TemplateID      int64          `json:"templateId"`
	TemplateName    string         `json:"templateName"`
	TemplateVersion int            `json:"templateVersion"`
	Campaign        string         `json:"campaign"`
	Selection       string         `json:"selection"` // the segment or filter in words
	Output          DocumentOutput `json:"output"`
	Path            string         `json:"path"`
	Recipients      int            `json:"recipients"`
	Pages           int            `json:"pages"`
	Skipped         int            `json:"skipped"` // recipients without a postal address
	CreatedAt       string         `json:"createdAt"`
}

// DocumentRecipient is one person a run made a document for.
type DocumentRecipient struct {
	ContactID    int64  `json:"contactId"`
	ResponseCode string `json:"responseCode"`
	Variant      string `json:"variant"`
}

// PurchaseSummary is what merge fields say about a contact's orders.
type PurchaseSummary struct {
	Orders     int    `json:"orders"`
	LastDate   string `json:"lastDate"`
	TotalMinor int64  `json:"totalMinor"`
}
