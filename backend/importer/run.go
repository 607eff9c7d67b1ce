package importer

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/sheet"
)

// mode says what a run of the row loop is for.
type mode uint8

const (
	modePreview mode = iota // the first rows, nothing stored
	modeAnalyze             // all rows, nothing stored, a summary and the rejects file
	modeCommit              // all rows, stored as one batch
)

// chunkRows is how many rows travel between the pipeline's stages at once.
const chunkRows = 256

// rawRow is one row of the sheet as read.
type rawRow struct {
	no    int
	cells []sheet.Cell
}

// record is one row parsed into what it will store, before matching.
type record struct {
	no       int
	cells    []sheet.Cell
	problems []marketing.ImportProblem
	contact  marketing.Contact
	consents []marketing.Consent
	order    orderRow
	product  marketing.Product
	set      map[string]bool // stored fields the row gives a value for
}

// run is the row loop shared by preview, analyze and commit. It reads,
// parses and stores in three stages that overlap: while the database takes
// one chunk of rows, the next is parsed and the one after is read.
type run struct {
	e        *Engine
	mode     mode
	src      Source
	opt      marketing.ImportOptions
	settings marketing.Settings
	today    time.Time
	fileName string
	headers  []string
	cols     []mapped // mapped columns
	sess     Session
	progress marketing.Progress
	total    int

	counts      marketing.ImportCounts
	reasons     map[string]*marketing.ReasonCount
	reasonOrder []string
	suggestions []marketing.DuplicateSuggestion
	rows        []marketing.ImportRow // preview output
	rejects     *sheet.Writer
	rejectCols  int
	rejectsPath string

	seed maphash.Seed
	seen map[uint64]int32 // in-file keys -> first row with it
	// stored_ holds the hashed match keys of the contacts stored before
	// the run (sorted); keysLoaded says whether they were read.
	stored_    []uint64
	keysLoaded bool
	// matched holds the stored contacts rows matched, with the first row.
	matched map[int64]int32
	orders  map[uint64]newOrder
	erased  erasedCheck // people erased earlier (erased.go)
}

// mapped is one column and the field it fills.
type mapped struct {
	col   int
	field string
}

// Preview returns the first rows as they would be stored.
func (e *Engine) Preview(ctx context.Context, src Source, opt marketing.ImportOptions) ([]marketing.ImportRow, error) {
	r, err := e.start(ctx, modePreview, src, opt, nil)
	if err != nil {
		return nil, err
	}
	if err := r.loop(ctx); err != nil {
		return nil, err
	}
	if r.rows == nil {
		r.rows = []marketing.ImportRow{}
	}
	return r.rows, nil
}

// Analyze reads the whole file against a snapshot of the workspace and says
// what committing would do; nothing is stored. Refused rows are written to a
// spreadsheet named in the summary.
func (e *Engine) Analyze(ctx context.Context, src Source, opt marketing.ImportOptions, progress marketing.Progress) (marketing.ImportSummary, error) {
	began := time.Now()
	var sum marketing.ImportSummary
	r, err := e.start(ctx, modeAnalyze, src, opt, progress)
	if err != nil {
		return sum, err
	}
	err = r.loop(ctx)
	if r.rejects != nil {
		if err == nil {
			err = r.rejects.Close()
		} else {
			r.rejects.Abort()
		}
	}
	if err != nil {
		return sum, err
	}
	sum.Counts, sum.Suggestions = r.counts, r.suggestions
	if sum.Suggestions == nil {
		sum.Suggestions = []marketing.DuplicateSuggestion{}
	}
	sum.Reasons = []marketing.ReasonCount{}
	for _, k := range r.reasonOrder {
		sum.Reasons = append(sum.Reasons, *r.reasons[k])
	}
	if r.rejects != nil {
		sum.Rejects = filepath.Base(r.rejectsPath)
	}
	sum.Seconds = time.Since(began).Seconds()
	return sum, nil
}

// Commit imports the whole file as one batch in one transaction: all rows
// or, on cancel, error or crash, none. The mapping is remembered for the next
// file with the same columns.
func (e *Engine) Commit(ctx context.Context, src Source, opt marketing.ImportOptions, progress marketing.Progress) (marketing.ImportBatch, error) {
	began := time.Now()
	r, err := e.start(ctx, modeCommit, src, opt, progress)
	if err != nil {
		return marketing.ImportBatch{}, err
	}
	b := r.batch
	if err := r.loop(ctx); err != nil {
		r.sess.Rollback()
		return marketing.ImportBatch{}, err
	}
	b.Counts = r.counts
	b.Seconds = time.Since(began).Seconds()
	if err := r.sess.Commit(ctx, b); err != nil {
		return marketing.ImportBatch{}, err
	}
	if e.Mappings != nil && opt.Mapping.HeaderRow > 0 {
		// Worth keeping, not worth failing a committed import over.
		_ = e.Mappings.RememberImportMapping(context.WithoutCancel(ctx), Shape(opt.Mapping.Kind, r.headers), opt.Mapping)
	}
	return *b, nil
}

// batchRun is a run plus the batch it records (commit only).
type batchRun struct {
	*run
	batch *marketing.ImportBatch
}

func (e *Engine) start(ctx context.Context, m mode, src Source, opt marketing.ImportOptions, progress marketing.Progress) (*batchRun, error) {
	if err := checkOptions(&opt); err != nil {
		return nil, err
	}
	settings, err := e.Settings(ctx)
	if err != nil {
		return nil, err
	}
	if opt.Currency == "" {
		opt.Currency = settings.Currency
	}
	now := time.Now
	if e.Now != nil {
		now = e.Now
	}
	if err := checkListTerms(&opt, m, now()); err != nil {
		return nil, err
	}
	r := &run{e: e, mode: m, src: src, opt: opt, settings: settings, today: now(), fileName: src.fileName(),
		progress: progress, reasons: map[string]*marketing.ReasonCount{}, seed: maphash.MakeSeed(),
		seen: map[uint64]int32{}, orders: map[uint64]newOrder{}, matched: map[int64]int32{}}
	for _, c := range opt.Mapping.Columns {
		if c.Field != "" {
			r.cols = append(r.cols, mapped{c.Column, c.Field})
		}
	}
	br := &batchRun{run: r}
	if m == modePreview {
		return br, nil
	}
	b := &marketing.ImportBatch{Kind: opt.Mapping.Kind, FileName: r.fileName, Mapping: opt.Mapping, Options: opt}
	if m == modeCommit {
		b.SHA256, b.Size = hashSource(src)
	}
	sess, err := e.Begin(ctx, b, m != modeCommit)
	if err != nil {
		return nil, err
	}
	r.sess, br.batch = sess, b
	return br, nil
}

// loop reads the sheet and handles each data row.
func (r *run) loop(ctx context.Context) (err error) {
	book, name, err := r.src.open()
	if err != nil {
		return err
	}
	defer book.Close()
	if r.opt.Mapping.Sheet != "" && r.opt.Mapping.Sheet != name {
		if !hasSheet(book, r.opt.Mapping.Sheet) {
			return &marketing.Error{Code: marketing.ENotFound, Field: "sheet", Message: "The file has no sheet called " + r.opt.Mapping.Sheet + ". Pick one from the list."}
		}
		name = r.opt.Mapping.Sheet
	}
	for _, s := range book.Sheets() {
		if s.Name == name && s.Rows > 0 {
			r.total = max(s.Rows-r.opt.Mapping.HeaderRow, 0)
		}
	}
	if r.mode != modePreview && r.total > 0 {
		// Sized once: a map that doubles while a million keys go in briefly
		// holds both copies.
		r.seen = make(map[uint64]int32, min(r.total, 4_000_000)*3)
	}
	it, err := book.Rows(name)
	if err != nil {
		return err
	}
	defer it.Close()
	if r.mode == modePreview && r.sess == nil && r.opt.Mapping.Kind != "" {
		// The preview matches against the workspace too, read-only.
		if r.sess, err = r.e.Begin(ctx, &marketing.ImportBatch{}, true); err != nil {
			return err
		}
		defer r.sess.Rollback()
	}
	if r.sess != nil && r.sess.Dry() && r.mode == modeAnalyze {
		defer r.sess.Rollback()
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rawCh := make(chan []rawRow, 4)
	recCh := make(chan []record, 4)
	var readErr, parseErr error
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { // stage 1: read
		defer wg.Done()
		defer close(rawCh)
		readErr = r.read(ctx, it, rawCh)
	}()
	go func() { // stage 2: parse
		defer wg.Done()
		defer close(recCh)
		defer func() {
			if p := recover(); p != nil {
				parseErr = fmt.Errorf("parsing rows: %v", p)
				cancel()
			}
		}()
		for chunk := range rawCh {
			recs := make([]record, len(chunk))
			for i, raw := range chunk {
				recs[i] = r.parse(raw)
			}
			select {
			case recCh <- recs:
			case <-ctx.Done():
				return
			}
		}
	}()
	// stage 3: match and store, one row at a time in file order.
	var loopErr error
	done := 0
	for recs := range recCh {
		if loopErr != nil {
			continue // drain
		}
		for i := range recs {
			if err := r.handle(ctx, &recs[i]); err != nil {
				loopErr = err
				cancel()
				break
			}
			done++
			if r.mode == modePreview && len(r.rows) >= PreviewRows {
				loopErr = errStop
				cancel()
				break
			}
		}
		if r.progress != nil && loopErr == nil {
			r.progress(done, max(r.total, done))
		}
		if loopErr == nil && ctx.Err() != nil {
			loopErr = ctx.Err()
		}
	}
	wg.Wait()
	if loopErr == nil && readErr == nil && parseErr == nil && ctx.Err() != nil {
		return marketing.ErrCanceled
	}
	switch {
	case errors.Is(loopErr, errStop):
		return nil
	case loopErr != nil && !errors.Is(loopErr, context.Canceled):
		return loopErr
	case readErr != nil && !errors.Is(readErr, context.Canceled):
		return readErr
	case parseErr != nil:
		return parseErr
	case loopErr != nil || readErr != nil:
		return marketing.ErrCanceled
	}
	if r.progress != nil {
		r.progress(done, done)
	}
	return nil
}

var errStop = errors.New("enough rows")

// read sends the data rows below the header, in chunks.
func (r *run) read(ctx context.Context, it sheet.RowIter, out chan<- []rawRow) error {
	header := r.opt.Mapping.HeaderRow
	chunk := make([]rawRow, 0, chunkRows)
	for it.Next() {
		n := it.RowNumber()
		if n <= header {
			if n == header {
				for _, c := range it.Row() {
					r.headers = append(r.headers, strings.TrimSpace(c.Text))
				}
			}
			continue
		}
		chunk = append(chunk, rawRow{no: n, cells: it.Row()})
		if len(chunk) == chunkRows {
			select {
			case out <- chunk:
			case <-ctx.Done():
				return ctx.Err()
			}
			chunk = make([]rawRow, 0, chunkRows)
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	if len(chunk) > 0 {
		select {
		case out <- chunk:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// cell returns the row's cell in column col (empty past the row's end).
func cell(cells []sheet.Cell, col int) sheet.Cell {
	if col < len(cells) {
		return cells[col]
	}
	return sheet.Cell{}
}

// blank reports whether none of the mapped columns has a value.
func (r *run) blank(cells []sheet.Cell) bool {
	for _, m := range r.cols {
		if strings.TrimSpace(cell(cells, m.col).Text) != "" {
			return false
		}
	}
	return true
}

func (r *run) parse(raw rawRow) record {
	rec := record{no: raw.no, cells: raw.cells, set: map[string]bool{}}
	for i := range raw.cells {
		unescapeFormula(&raw.cells[i])
	}
	if r.blank(raw.cells) {
		rec.no = -raw.no // skipped: nothing in the mapped columns
		return rec
	}
	switch r.opt.Mapping.Kind {
	case marketing.ImportContacts:
		r.parseContact(&rec)
	case marketing.ImportOrders:
		r.parseOrder(&rec)
	case marketing.ImportProducts:
		r.parseProduct(&rec)
	}
	return rec
}

func (r *run) handle(ctx context.Context, rec *record) error {
	if rec.no < 0 {
		return nil
	}
	r.counts.Rows++
	var row marketing.ImportRow
	var err error
	switch r.opt.Mapping.Kind {
	case marketing.ImportContacts:
		row, err = r.storeContact(ctx, rec)
	case marketing.ImportOrders:
		row, err = r.storeOrder(ctx, rec)
	case marketing.ImportProducts:
		row, err = r.storeProduct(ctx, rec)
	}
	if err != nil {
		return err
	}
	r.count(&row)
	if r.mode == modePreview {
		r.rows = append(r.rows, row)
	}
	if r.mode == modeAnalyze && (row.Status == marketing.RowInvalid || row.Status == marketing.RowDuplicate) {
		return r.reject(rec, &row)
	}
	return nil
}

func (r *run) count(row *marketing.ImportRow) {
	c := &r.counts
	switch row.Status {
	case marketing.RowNew:
		c.New++
	case marketing.RowSuggested:
		c.New++
		c.Suggested++
	case marketing.RowUpdate:
		c.Updated++
		c.DuplicatesExisting++
	case marketing.RowUnchanged:
		c.Unchanged++
		c.DuplicatesExisting++
	case marketing.RowSkipped:
		c.Skipped++
		c.DuplicatesExisting++
	case marketing.RowDuplicate:
		c.DuplicatesInFile++
	case marketing.RowInvalid:
		c.Invalid++
		for _, p := range row.Problems {
			if p.Warning {
				continue
			}
			reason := p.Details["reason"]
			k := p.Field + "\x00" + p.Code + "\x00" + reason
			rc, ok := r.reasons[k]
			if !ok {
				rc = &marketing.ReasonCount{Field: p.Field, Code: p.Code, Reason: reason, Message: p.Message}
				r.reasons[k] = rc
				r.reasonOrder = append(r.reasonOrder, k)
			}
			rc.Count++
			if len(rc.Rows) < 10 {
				rc.Rows = append(rc.Rows, row.Row)
			}
		}
	}
}

// reject writes a refused row with its reason to the rejects spreadsheet,
// in the file's own columns, so the user can fix it and import it again.
func (r *run) reject(rec *record, row *marketing.ImportRow) error {
	if r.rejects == nil {
		if r.e.RejectsDir == "" {
			return nil
		}
		if err := os.MkdirAll(r.e.RejectsDir, 0o700); err != nil {
			return err
		}
		width := max(len(r.headers), len(rec.cells))
		for _, m := range r.cols {
			width = max(width, m.col+1)
		}
		cols := []sheet.Column{{Header: "Problem", Width: 50}, {Header: "Row", Kind: sheet.ColInteger, Width: 8}}
		for j := 0; j < width; j++ {
			h := ""
			if j < len(r.headers) {
				h = r.headers[j]
			}
			if h == "" {
				h = columnName(j)
			}
			cols = append(cols, sheet.Column{Header: h})
		}
		r.rejectsPath = filepath.Join(r.e.RejectsDir, fmt.Sprintf("rejects-%d.xlsx", time.Now().UnixNano()))
		w, err := sheet.Create(r.rejectsPath, cols, sheet.WriteOptions{Format: "xlsx", SheetName: "Rejected rows"})
		if err != nil {
			return err
		}
		r.rejects, r.rejectCols = w, len(cols)
	}
	var msgs []string
	if row.Status == marketing.RowDuplicate {
		msgs = append(msgs, fmt.Sprintf("Same person as row %d", row.DuplicateOf))
	}
	for _, p := range row.Problems {
		if !p.Warning {
			msgs = append(msgs, p.Message)
		}
	}
	vals := []string{strings.Join(msgs, " "), fmt.Sprint(row.Row)}
	for _, c := range rec.cells {
		vals = append(vals, c.Text)
	}
	// The sheet's columns were fixed by the header and the first refused
	// row; cells further right go into the last column, not lost.
	if n := r.rejectCols; len(vals) > n {
		vals = append(vals[:n-1], strings.Join(vals[n-1:], " | "))
	}
	return r.rejects.Write(vals)
}

// columnName is the spreadsheet's letter name of column j (0 = A).
func columnName(j int) string {
	s := ""
	for j++; j > 0; j = (j - 1) / 26 {
		s = string(rune('A'+(j-1)%26)) + s
	}
	return s
}

// key registers an in-file key for row no and returns the earlier row that
// had it (0 if none). Keys are hashed: a million rows cost a few MB.
func (r *run) key(kind, value string, no int) int {
	if value == "" {
		return 0
	}
	h := maphash.String(r.seed, kind+"\x00"+value)
	if first, ok := r.seen[h]; ok {
		return int(first)
	}
	r.seen[h] = int32(no)
	return 0
}

// seenKey returns the earlier row with this key without registering it.
func (r *run) seenKey(kind, value string) int {
	if value == "" {
		return 0
	}
	return int(r.seen[maphash.String(r.seed, kind+"\x00"+value)])
}

// problem builds a row problem from a parser's error.
func problem(field string, col int, err error) marketing.ImportProblem {
	e := marketing.AsError(err)
	p := marketing.ImportProblem{Field: field, Column: col, Code: e.Code, Message: e.Message, Details: e.Details}
	if e.Field != "" && field == "" {
		p.Field = e.Field
	}
	return p
}

func (rec *record) fail(field string, col int, err error) {
	rec.problems = append(rec.problems, problem(field, col, err))
}

func (rec *record) failed() bool {
	for _, p := range rec.problems {
		if !p.Warning {
			return true
		}
	}
	return false
}

func (r *run) evidence(no int) string {
	return fmt.Sprintf("%s, row %d", r.fileName, no)
}

func nonNilProblems(p []marketing.ImportProblem) []marketing.ImportProblem {
	if p == nil {
		return []marketing.ImportProblem{}
	}
	return p
}

// unescapeFormula drops the apostrophe exports put before values that look
// like formulas ("'+4520123456"), so an export imports back unchanged.
func unescapeFormula(c *sheet.Cell) {
	t := c.Text
	if len(t) > 1 && t[0] == '\'' && strings.IndexByte("=+-@\t\r", t[1]) >= 0 {
		c.Text = t[1:]
		if c.Raw == t {
			c.Raw = c.Text
		}
	}
}
