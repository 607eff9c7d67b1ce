// Package importer turns spreadsheets into contacts, orders and products:
// one engine for all three. It reads with package sheet, maps columns to
// fields (auto-mapped from header names in five languages, remembered per
// file shape), parses values the way Nordic and Russian spreadsheets write
// them, finds duplicates in the file and against the workspace, and stores
// a whole file as one batch in one transaction that can be undone later.
//
// The same row loop serves the live preview (the first rows), the dry run
// (the summary before committing, over a read snapshot) and the commit, so
// what the summary promises is what the commit does.
package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/sheet"
)

// Session is what one import needs from the workspace database: lookups and
// writes inside one transaction (store.ImportSession satisfies it).
type Session interface {
	Dry() bool
	ContactByCustomerNo(ctx context.Context, no string) (int64, error)
	ContactByEmail(ctx context.Context, email string) (int64, error)
	ContactByPhone(ctx context.Context, e164 string) (int64, error)
	ContactsByPhone(ctx context.Context, e164 string) ([]int64, error)
	ContactByNamePostcode(ctx context.Context, c *marketing.Contact) (int64, error)
	// ContactKeys lists the match keys of all stored contacts (kinds c, e,
	// p, n); NameKey gives a contact's n key.
	ContactKeys(ctx context.Context, fn func(kind, value string)) error
	NameKey(c *marketing.Contact) string
	Contact(ctx context.Context, id int64) (marketing.Contact, []marketing.Consent, error)
	CreateContact(ctx context.Context, c *marketing.Contact, consents []marketing.Consent, summary string) error
	UpdateContact(ctx context.Context, before *marketing.Contact, beforeConsents []marketing.Consent, c *marketing.Contact, consents []marketing.Consent, summary string) error
	OrderByNo(ctx context.Context, no string) (int64, error)
	CreateOrder(ctx context.Context, o *marketing.Order) error
	AddOrderLines(ctx context.Context, orderID int64, after int, lines []marketing.OrderLine, addTotal int64) error
	OrderLineState(ctx context.Context, orderID int64, l marketing.OrderLine) (contactID int64, has bool, err error)
	AddLineToStoredOrder(ctx context.Context, orderID int64, l marketing.OrderLine, amount int64) error
	ProductBySKU(ctx context.Context, sku string) (marketing.Product, bool, error)
	SaveProduct(ctx context.Context, before *marketing.Product, p *marketing.Product) error
	// PutMedia stores a product picture in the workspace (once per content).
	PutMedia(ctx context.Context, name, mime string, data []byte) error
	Commit(ctx context.Context, b *marketing.ImportBatch) error
	Rollback()
}

// Mappings remembers the mapping used for files of the same shape.
type Mappings interface {
	ImportMappingFor(ctx context.Context, shape string) (marketing.ImportMapping, bool, error)
	RememberImportMapping(ctx context.Context, shape string, m marketing.ImportMapping) error
}

// Engine runs imports against one workspace.
type Engine struct {
	// Begin starts a session: a write transaction recording b as a batch,
	// or (dry) a read snapshot.
	Begin    func(ctx context.Context, b *marketing.ImportBatch, dry bool) (Session, error)
	Mappings Mappings
	// Settings gives the shop's country (phones without a country code,
	// addresses without a country) and currency.
	Settings func(ctx context.Context) (marketing.Settings, error)
	Now      func() time.Time
	// RejectsDir is where the spreadsheets of refused rows are written.
	RejectsDir string
}

// Source is the file (Path) or paste (ImportSource.Paste) to read.
type Source struct {
	Path string
	marketing.ImportSource
}

// PreviewRows is how many rows the live preview shows.
const PreviewRows = 50

// topRows is how many rows Inspect shows so the user can see the header.
const topRows = 30

// open opens the source as a book and picks its sheet.
func (src Source) open() (sheet.Book, string, error) {
	var book sheet.Book
	var err error
	if src.Path == "" {
		if strings.TrimSpace(src.Paste) == "" {
			return nil, "", marketing.FieldError(marketing.EInvalid, "paste", "Paste rows copied from Excel or LibreOffice, or choose a file.", map[string]string{"reason": "empty"})
		}
		book, err = sheet.ReadPaste(src.Paste)
	} else {
		opt := sheet.Options{Encoding: src.Encoding}
		if src.Delimiter != "" {
			opt.Delimiter = []rune(src.Delimiter)[0]
		}
		book, err = sheet.Open(src.Path, opt)
	}
	if err != nil {
		return nil, "", err
	}
	name := src.Sheet
	if name == "" {
		name = sheet.PickSheet(book)
	} else if !hasSheet(book, name) {
		book.Close()
		return nil, "", &marketing.Error{Code: marketing.ENotFound, Field: "sheet", Message: "The file has no sheet called " + name + ". Pick one from the list.", Details: map[string]string{"sheet": name}}
	}
	return book, name, nil
}

func hasSheet(b sheet.Book, name string) bool {
	for _, s := range b.Sheets() {
		if s.Name == name {
			return true
		}
	}
	return false
}

func (src Source) fileName() string {
	if src.FileName != "" {
		return filepath.Base(src.FileName)
	}
	if src.Path == "" {
		return "pasted rows"
	}
	return filepath.Base(src.Path)
}

// Inspect opens the file, finds the sheet and header row and proposes a
// mapping: the remembered one for a file with the same columns, else one
// from the header names and the values under them.
func (e *Engine) Inspect(ctx context.Context, kind marketing.ImportKind, src Source) (marketing.ImportInspection, error) {
	var in marketing.ImportInspection
	if !validKind(kind) {
		return in, marketing.FieldError(marketing.EInvalid, "kind", "Choose what the file holds: customers, orders or products.", nil)
	}
	book, name, err := src.open()
	if err != nil {
		return in, err
	}
	defer book.Close()
	in.FileName, in.Format, in.Sheet = src.fileName(), book.Format(), name
	if src.Path != "" {
		if st, err := os.Stat(src.Path); err == nil {
			in.Size = st.Size()
		}
	} else {
		in.Size = int64(len(src.Paste))
	}
	if tb, ok := book.(sheet.TextBook); ok {
		in.Encoding, in.Delimiter = tb.Encoding(), string(tb.Delimiter())
	}
	in.Rows = -1
	for _, s := range book.Sheets() {
		in.Sheets = append(in.Sheets, marketing.ImportSheet{Name: s.Name, Rows: s.Rows, Cols: s.Cols, Hidden: s.Hidden})
		if s.Name == name && s.Rows >= 0 {
			in.Rows = s.Rows
		}
	}
	it, err := book.Rows(name)
	if err != nil {
		return in, err
	}
	var rows [][]sheet.Cell
	for len(rows) < topRows && it.Next() {
		rows = append(rows, it.Row())
	}
	if err := it.Err(); err != nil {
		it.Close()
		return in, err
	}
	it.Close()
	header := max(src.HeaderRow, 0)
	if src.HeaderRow == 0 {
		header = findHeader(kind, rows)
	}
	if header > len(rows) {
		return in, marketing.FieldError(marketing.EInvalid, "headerRow", "The header row must be one of the first rows of the sheet.", map[string]string{"max": strconv.Itoa(len(rows))})
	}
	in.HeaderRow = header
	if in.Rows >= 0 {
		in.Rows = max(in.Rows-header, 0)
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	var headers []string
	if header > 0 {
		for _, c := range rows[header-1] {
			headers = append(headers, strings.TrimSpace(c.Text))
		}
	}
	for len(headers) < width {
		headers = append(headers, "")
	}
	samples := make([][]string, width)
	for _, r := range rows[header:] {
		for j := 0; j < width && j < len(r); j++ {
			if v := strings.TrimSpace(r[j].Text); v != "" && len(samples[j]) < 3 {
				samples[j] = append(samples[j], clip(v, 80))
			}
		}
	}
	for _, r := range rows {
		line := make([]string, 0, min(len(r), 40))
		for j := 0; j < len(r) && j < 40; j++ {
			line = append(line, clip(r[j].Text, 60))
		}
		in.Top = append(in.Top, line)
	}
	fields := AutoMap(kind, headers, samples)
	splitMergedName(headers, fields, samples)
	for j, h := range headers {
		// Our own exports name custom fields "custom:<name>".
		if name, ok := strings.CutPrefix(h, marketing.CustomFieldPrefix); ok && fields[j] == "" && ValidField(kind, h) && kind == marketing.ImportContacts {
			fields[j] = marketing.CustomFieldPrefix + strings.TrimSpace(name)
		}
	}
	in.Mapping = marketing.ImportMapping{Kind: kind, Sheet: name, HeaderRow: header}
	for j := 0; j < width; j++ {
		in.Columns = append(in.Columns, marketing.ImportColumn{Index: j, Header: headers[j], Samples: nonNil(samples[j])})
		in.Mapping.Columns = append(in.Mapping.Columns, marketing.ColumnMapping{Column: j, Header: headers[j], Field: fields[j]})
	}
	if header > 0 && e.Mappings != nil {
		if m, ok, err := e.Mappings.ImportMappingFor(ctx, Shape(kind, headers)); err == nil && ok && len(m.Columns) == width {
			m.Sheet, m.HeaderRow, m.Kind = name, header, kind
			in.Mapping, in.Remembered = m, true
		}
	}
	in.Fields = Fields(kind)
	return in, nil
}

// splitMergedName maps a name header merged over two or three columns
// ("Navn" over first and last name, "ФИО" over surname, name, patronymic)
// to the parts, in the order people of that language write them. A CSV
// keeps the header only over the first column: the next is headless but
// holds values.
func splitMergedName(headers, fields []string, samples [][]string) {
	same := func(j, i int) bool {
		return i < len(headers) && fields[i] == "" && (headers[i] == headers[j] || headers[i] == "" && len(samples[i]) > 0)
	}
	for j := 0; j+1 < len(headers); j++ {
		if headers[j] == "" || fields[j] != "fullName" || !same(j, j+1) {
			continue
		}
		k := 2
		if same(j, j+2) {
			k = 3
		}
		cyrillic := strings.ContainsFunc(headers[j], func(r rune) bool { return r >= 0x400 && r <= 0x4FF })
		parts := map[bool][]string{false: {"firstName", "lastName"}, true: {"lastName", "firstName"}}[cyrillic]
		if k == 3 {
			parts = map[bool][]string{false: {"firstName", "middleName", "lastName"}, true: {"lastName", "firstName", "middleName"}}[cyrillic]
		}
		copy(fields[j:], parts)
		j += k - 1
	}
}

// findHeader returns the 1-based header row, 0 if there is none. A row
// whose cells are header names we know ("Postnr.", "E-mail", "Имя") wins;
// text files carry no cell types, so the shape of the rows alone can take a
// first data row for the header. Without known names, the shape decides.
func findHeader(kind marketing.ImportKind, rows [][]sheet.Cell) int {
	best, bestHits := 0, 0
	for i, r := range rows {
		texts := make([]string, len(r))
		for j, c := range r {
			if c.Kind == sheet.KindString {
				texts[j] = strings.TrimSpace(c.Text)
			}
		}
		hits := 0
		for _, f := range AutoMap(kind, texts, nil) {
			if f != "" {
				hits++
			}
		}
		if hits > bestHits {
			best, bestHits = i+1, hits
		}
	}
	if bestHits >= 2 {
		return best
	}
	if i, ok := sheet.DetectHeader(rows); ok {
		return i + 1
	}
	return best
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func validKind(k marketing.ImportKind) bool {
	for _, v := range marketing.ImportKinds {
		if v == k {
			return true
		}
	}
	return false
}

// checkOptions validates what the user chose before a run.
func checkOptions(opt *marketing.ImportOptions) error {
	m := &opt.Mapping
	if !validKind(m.Kind) {
		return marketing.FieldError(marketing.EInvalid, "kind", "Choose what the file holds: customers, orders or products.", nil)
	}
	switch opt.Policy {
	case "":
		opt.Policy = marketing.PolicyUpdate
	case marketing.PolicySkip, marketing.PolicyUpdate, marketing.PolicyFill:
	default:
		return marketing.FieldError(marketing.EInvalid, "policy", "Choose what to do with people who are already in DirectDesk.", nil)
	}
	switch opt.ListKind {
	case "", "own", "bought", "rented":
	default:
		return marketing.FieldError(marketing.EInvalid, "listKind", "Choose whether this is your own customer list or a bought or rented list.", nil)
	}
	if opt.Tag != "" {
		tags, err := marketing.NormalizeTags([]string{opt.Tag})
		if err != nil {
			return err
		}
		if len(tags) > 0 {
			opt.Tag = tags[0]
		}
	}
	seen := map[string]bool{}
	mapped := 0
	for _, c := range m.Columns {
		if c.Field == "" {
			continue
		}
		if c.Column < 0 || c.Column >= 1000 {
			return marketing.FieldError(marketing.EInvalid, "mapping", "The column mapping is out of date. Choose the file again.", nil)
		}
		if !ValidField(m.Kind, c.Field) {
			return marketing.FieldError(marketing.EInvalid, "mapping", "A column is mapped to a field DirectDesk does not know: "+c.Field+".", map[string]string{"field": c.Field, "reason": "unknown_field"})
		}
		if seen[c.Field] {
			return marketing.FieldError(marketing.EInvalid, "mapping", "Two columns are mapped to the same field. Map each field once.", map[string]string{"field": c.Field, "reason": "twice"})
		}
		seen[c.Field] = true
		mapped++
	}
	if mapped == 0 {
		return marketing.FieldError(marketing.EInvalid, "mapping", "No column is mapped to a field. Choose what at least one column holds.", map[string]string{"reason": "none"})
	}
	need := map[marketing.ImportKind][][]string{
		marketing.ImportContacts: {{"fullName", "firstName", "lastName", "company", "email"}},
		marketing.ImportOrders:   {{"customerNo", "email", "phone"}, {"date"}, {"amount", "unitPrice"}},
		marketing.ImportProducts: {{"sku"}, {"name"}},
	}
	for _, any := range need[m.Kind] {
		ok := false
		for _, f := range any {
			ok = ok || seen[f]
		}
		if !ok {
			return marketing.FieldError(marketing.EInvalid, "mapping", "Map a column to "+strings.Join(any, " or ")+".", map[string]string{"reason": "required", "fields": strings.Join(any, ",")})
		}
	}
	return nil
}

// checkListTerms asks for the terms of a bought or rented list before the
// file is analysed or committed (the live preview runs while the user is
// still typing them). An own list carries none.
func checkListTerms(opt *marketing.ImportOptions, m mode, now time.Time) error {
	if opt.ListKind != marketing.ListBought && opt.ListKind != marketing.ListRented {
		opt.List = nil
		return nil
	}
	if m == modePreview {
		return nil
	}
	if opt.List == nil {
		return marketing.FieldError(marketing.EInvalid, "list.supplier", "Write who you bought or rented the list from, and its terms.", map[string]string{"reason": "required"})
	}
	t := *opt.List
	if err := marketing.ValidateListTerms(&t, now); err != nil {
		return err
	}
	opt.List = &t
	return nil
}

// hashSource returns the SHA-256 of the file (or paste) the batch came from.
func hashSource(src Source) (string, int64) {
	h := sha256.New()
	if src.Path == "" {
		io.WriteString(h, src.Paste)
		return hex.EncodeToString(h.Sum(nil)), int64(len(src.Paste))
	}
	f, err := os.Open(src.Path)
	if err != nil {
		return "", 0
	}
	defer f.Close()
	n, _ := io.Copy(h, f)
	return hex.EncodeToString(h.Sum(nil)), n
}
