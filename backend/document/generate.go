package document

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"html"
	"image"
	_ "image/jpeg" // picture sizes for layout
	_ "image/png"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"directdesk/backend/marketing"
	"directdesk/backend/merge"
)

// Store is what document generation needs from the workspace.
type Store interface {
	ContactsInOrder(ctx context.Context, ids []int64) ([]marketing.Contact, error)
	PostalOrder(ctx context.Context, ids []int64, home string) ([]int64, error)
	ResponseCodes(ctx context.Context, campaign string, ids []int64) (map[int64]string, error)
	RecordDocumentRun(ctx context.Context, r *marketing.DocumentRun, rec []marketing.DocumentRecipient) error
	PurchaseSummaries(ctx context.Context, ids []int64) (map[int64]marketing.PurchaseSummary, error)
	Products(ctx context.Context) ([]marketing.Product, error)
	Media(ctx context.Context, name string) (string, []byte, error)
}

// Request is one generation (or preview, or preflight) of a template for
// a selection of contacts.
type Request struct {
	Template  marketing.Template
	IDs       []int64
	Selection string // the selection in words, for the record
	Campaign  string // response codes are unique per recipient per campaign
	Output    marketing.DocumentOutput
	Path      string // the file (combined) or folder (one PDF per recipient)
	Sender    Sender
	Country   string // the workspace's country: addresses abroad get a country line
	Currency  string
	Today     time.Time
	// Segments holds the members of the segments the template's conditions
	// and catalog variants name.
	Segments map[string]map[int64]bool
	Known    merge.Known
	// Zip packs one-PDF-per-recipient output into Path + ".zip" (browser
	// mode downloads one file).
	Zip bool
	// Excluded counts by reason the people of the selection who may not
	// get post (consent, registers, erasure, licences: privacy.Checker);
	// they are not in IDs.
	Excluded map[string]int
}

// Result is a finished run.
type Result struct {
	marketing.DocumentRun
	Files    []string         `json:"files"`
	Problems []ContactProblem `json:"problems"` // recipients whose document needed shrinking or was left out
}

// ContactProblem is a preflight or generation finding for one contact.
type ContactProblem struct {
	ContactID int64  `json:"contactId"`
	Name      string `json:"name"`
	Reason    string `json:"reason"`
	Detail    string `json:"detail"`
}

// chunk is how many recipients are read from the store at a time.
const chunk = 500

// partPages caps the pages of one combined file: the PDF library holds a
// document in memory until it is written, so very large runs are written
// as numbered parts (each still sorted, each a complete print file).
var partPages = 20000

// compiled is a request's template, parsed and checked.
type compiled struct {
	req  *Request
	body *merge.Template
	lang string
}

func compile(req *Request) (*compiled, error) {
	t := &req.Template
	body, err := merge.Parse(t.Body)
	if err != nil {
		return nil, err
	}
	if err := body.Check(req.Known); err != nil {
		return nil, err
	}
	if t.Kind == marketing.KindLabels {
		if _, err := sheetFor(t.Layout.Labels); err != nil {
			return nil, err
		}
	}
	lang := t.Lang
	if lang == "" {
		lang = req.Sender.Lang
	}
	if req.Today.IsZero() {
		req.Today = time.Now()
	}
	return &compiled{req: req, body: body, lang: lang}, nil
}

// CheckTemplate parses a template body and checks every field and segment
// it names; the save dialog shows the error with the field named.
func CheckTemplate(t *marketing.Template, known merge.Known) error {
	body, err := merge.Parse(t.Body)
	if err == nil {
		err = body.Check(known)
	}
	if err == nil && t.Kind == marketing.KindLabels {
		_, err = newLabelRun(t.Layout.Labels, nil)
	}
	if err == nil && t.Kind == marketing.KindCatalog {
		for _, v := range t.Layout.Catalog.Variants {
			if v.Segment != "" && !slices.Contains(known.Segments, v.Segment) {
				return marketing.FieldError(marketing.EInvalid, "variants", "The catalog variant names a segment that does not exist: "+v.Segment+". Pick one from the list.", map[string]string{"reason": "unknown_segment", "name": v.Segment})
			}
			if v.Discount < 0 || v.Discount >= 100 {
				return marketing.FieldError(marketing.EInvalid, "variants", "A discount is a percentage from 0 to 99.", map[string]string{"reason": "discount"})
			}
		}
	}
	return err
}

// env builds the merge environment of one recipient.
func (c *compiled) env(ct *marketing.Contact, code string, buys map[int64]marketing.PurchaseSummary) *merge.Env {
	// One document speaks one language, the template's: a Danish letter
	// greets a Swedish customer "Kære Åsa", and its dates and amounts read
	// the Danish way. Mixed lists get a template per language, or blocks
	// such as {{#if language = "sv"}}.
	e := &merge.Env{
		Lang: c.lang, DefaultLang: c.lang, Today: c.req.Today, Contact: ct,
		Business: c.req.Sender.Business, Campaign: c.req.Campaign, ResponseCode: marketing.FormatResponseCode(code),
		Currency: c.req.Currency,
		InSegment: func(name string) bool {
			return c.req.Segments[name][ct.ID]
		},
	}
	if p, ok := buys[ct.ID]; ok {
		e.Extra = map[string]string{"orders_count": strconv.Itoa(p.Orders), "last_order_date": p.LastDate, "total_spent": strconv.FormatInt(p.TotalMinor, 10)}
	} else {
		e.Extra = map[string]string{"orders_count": "0"}
	}
	return e
}

// recipientLang is the language printed words take for a contact: the
// template's (see env).
func (c *compiled) recipientLang(*marketing.Contact) string { return c.lang }

func (c *compiled) merged(e *merge.Env) string {
	var b strings.Builder
	c.body.Render(&b, e, html.EscapeString)
	return b.String()
}

func (c *compiled) dateLine(lang string) string {
	d := merge.FormatDate(lang, c.req.Today)
	if city := strings.TrimSpace(c.req.Sender.Business.City); city != "" {
		return city + ", " + d
	}
	return d
}

// hasPostalAddress tells whether a letter can be posted to the contact.
func hasPostalAddress(ct *marketing.Contact) bool {
	return strings.TrimSpace(ct.Street1+ct.Street2) != "" && strings.TrimSpace(ct.Postcode+ct.City) != ""
}

func (c *compiled) address(ct *marketing.Contact) []string {
	return marketing.AddressLines(ct, c.req.Country, c.lang)
}

// Generate makes the documents, records the run and each recipient, and
// returns where the files are. On cancel or error nothing is recorded and
// the files it began are removed.
func Generate(ctx context.Context, st Store, req Request, progress marketing.Progress) (res Result, err error) {
	defer func() {
		// A cancel that lands inside a query comes back as a raw context
		// error: say "stopped", not "something went wrong".
		if err != nil && ctx.Err() != nil {
			err = errStopped
		}
	}()
	c, err := compile(&req)
	if err != nil {
		return res, err
	}
	if req.Output == marketing.OutputPerPerson {
		// Each run gets its own new folder inside the chosen one: an earlier
		// run's letters are neither overwritten nor mixed in, and a cancel
		// removes only what this run made.
		req.Path = filepath.Join(req.Path, fileSafe(req.Template.Title)+"-"+time.Now().Format("2006-01-02-150405"))
		if _, err := os.Stat(req.Path); err == nil {
			req.Path += "-" + strconv.FormatInt(time.Now().UnixNano()%1000, 10)
		}
	}
	t := req.Template
	if progress == nil {
		progress = func(int, int) {}
	}
	ids := req.IDs
	if t.Kind != marketing.KindLabels || t.Layout.Labels.SortByZip {
		if ids, err = st.PostalOrder(ctx, ids, req.Country); err != nil {
			return res, err
		}
	}
	if len(ids) == 0 {
		return res, marketing.FieldError(marketing.EInvalid, "selection", "The selection has no contacts. Pick a segment with people in it.", map[string]string{"reason": "empty"})
	}
	if req.Campaign == "" {
		req.Campaign = t.Title + " " + req.Today.Format("2006-01-02")
	}
	var codes map[int64]string
	if t.Kind != marketing.KindLabels {
		if codes, err = st.ResponseCodes(ctx, req.Campaign, ids); err != nil {
			return res, err
		}
	}
	w := newWriter(ctx, st, &req)
	defer func() {
		if err != nil {
			w.discard()
		}
	}()
	var catalogs *catalogVariants
	if t.Kind == marketing.KindCatalog {
		if catalogs, err = newCatalogVariants(ctx, st, &req); err != nil {
			return res, err
		}
	}
	var labels *labelRun
	recipients := make([]marketing.DocumentRecipient, 0, len(ids))
	done := 0
	// Reading and merging run one chunk ahead of drawing, on the other core.
	pctx, stopPrep := context.WithCancel(ctx)
	defer stopPrep()
	for b := range prepareAhead(pctx, st, c, ids, codes, catalogs) {
		if b.err != nil {
			return res, b.err
		}
		for i := range b.items {
			if ctx.Err() != nil {
				return res, errStopped
			}
			it := &b.items[i]
			ct := &it.ct
			done++
			progress(done, len(ids))
			if !it.postal {
				res.Skipped++
				res.Problems = appendProblem(res.Problems, ct, Problem{Reason: "address_missing"})
				continue
			}
			d, first, err := w.docFor(ct, done)
			if err != nil {
				return res, err
			}
			var probs []Problem
			switch t.Kind {
			case marketing.KindLetter:
				_, probs = d.drawLetter(t.Layout.Letter, &req.Sender, &it.letter)
			case marketing.KindLabels:
				if labels == nil || first {
					l := t.Layout.Labels
					if labels != nil {
						l.Start = 1 // only the first sheet of the run was partly used
					}
					if labels, err = newLabelRun(l, &req.Sender); err != nil {
						return res, err
					}
				}
				probs = labels.add(d, it.letter.Address, first)
			case marketing.KindCatalog:
				_, probs = d.drawCatalog(it.catalog, &req.Sender)
			}
			for _, p := range probs {
				res.Problems = appendProblem(res.Problems, ct, p)
			}
			recipients = append(recipients, marketing.DocumentRecipient{ContactID: ct.ID, ResponseCode: codes[ct.ID], Variant: it.variant})
			if err := w.after(ct, done); err != nil {
				return res, err
			}
		}
	}
	if ctx.Err() != nil {
		return res, errStopped
	}
	if len(recipients) == 0 {
		return res, marketing.FieldError(marketing.EInvalid, "selection", "None of the selected contacts has a postal address. Add addresses or pick another segment.", map[string]string{"reason": "no_address"})
	}
	files, pages, err := w.finish()
	if err != nil {
		return res, err
	}
	res.Files = files
	res.DocumentRun = marketing.DocumentRun{
		Kind: t.Kind, TemplateID: t.ID, TemplateName: t.Title, TemplateVersion: t.Version,
		Campaign: req.Campaign, Selection: req.Selection, Output: req.Output, Path: req.Path,
		Recipients: len(recipients), Pages: pages, Skipped: res.Skipped,
	}
	if err := st.RecordDocumentRun(ctx, &res.DocumentRun, recipients); err != nil {
		return res, err
	}
	return res, nil
}

// item is one recipient read and merged, ready to draw.
type item struct {
	ct      marketing.Contact
	postal  bool
	letter  Letter // address and, for letters, date and merged body
	catalog *Catalog
	variant string
}

type batch struct {
	items []item
	err   error
}

// prepareAhead reads recipients in chunks and merges their documents,
// sending each chunk when ready; it stops when ctx ends.
func prepareAhead(ctx context.Context, st Store, c *compiled, ids []int64, codes map[int64]string, catalogs *catalogVariants) <-chan batch {
	out := make(chan batch, 1)
	kind := c.req.Template.Kind
	width := bodyWidth(c.req.Template.Layout.Letter)
	aspects := &aspectCache{ctx: ctx, st: st, seen: map[string]float64{}}
	go func() {
		defer close(out)
		send := func(b batch) bool {
			select {
			case out <- b:
				return true
			case <-ctx.Done():
				return false
			}
		}
		for rest := ids; len(rest) > 0; {
			part := rest[:min(len(rest), chunk)]
			rest = rest[len(part):]
			contacts, err := st.ContactsInOrder(ctx, part)
			if err != nil {
				send(batch{err: err})
				return
			}
			var buys map[int64]marketing.PurchaseSummary
			if kind != marketing.KindLabels {
				if buys, err = st.PurchaseSummaries(ctx, part); err != nil {
					send(batch{err: err})
					return
				}
			}
			items := make([]item, len(contacts))
			for i := range contacts {
				it := &items[i]
				it.ct = contacts[i]
				ct := &it.ct
				if it.postal = hasPostalAddress(ct); !it.postal {
					continue
				}
				lang := c.recipientLang(ct)
				it.letter = Letter{Address: c.address(ct), Lang: lang}
				switch kind {
				case marketing.KindLetter:
					it.letter.Date = c.dateLine(lang)
					it.letter.Body = c.merged(c.env(ct, codes[ct.ID], buys))
					// Laying out here too keeps the drawing core for drawing.
					it.letter.lines = layoutBlocks(parseRich(it.letter.Body), width, 1, aspects.of)
				case marketing.KindCatalog:
					it.catalog, it.variant = catalogs.forContact(ct, c, codes[ct.ID], buys, lang)
				}
			}
			if !send(batch{items: items}) {
				return
			}
		}
	}()
	return out
}

// aspectCache answers pictures' height/width for layout away from the
// document (whose own registry is not safe to share).
type aspectCache struct {
	ctx  context.Context
	st   Store
	seen map[string]float64
}

func (a *aspectCache) of(name string) float64 {
	if v, ok := a.seen[name]; ok {
		return v
	}
	v := 0.0
	if _, data, err := a.st.Media(a.ctx, strings.TrimPrefix(name, "media:")); err == nil {
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil && cfg.Width > 0 {
			v = float64(cfg.Height) / float64(cfg.Width)
		}
	}
	a.seen[name] = v
	return v
}

func appendProblem(list []ContactProblem, ct *marketing.Contact, p Problem) []ContactProblem {
	return append(list, ContactProblem{ContactID: ct.ID, Name: ct.DisplayName(), Reason: p.Reason, Detail: p.Detail})
}

// writer owns the output: one combined file (in parts when huge) or one
// file per recipient; files are written as .part and renamed when whole.
type writer struct {
	ctx     context.Context
	req     *Request
	media   MediaSource
	cur     *doc
	written []string // finished files
	pages   int
	part    int
}

func newWriter(ctx context.Context, st Store, req *Request) *writer {
	return &writer{ctx: ctx, req: req, media: mediaOf(ctx, st)}
}

type storeMedia struct {
	ctx context.Context
	st  Store
}

func (m storeMedia) Image(name string) (string, []byte, error) { return m.st.Media(m.ctx, name) }

func mediaOf(ctx context.Context, st Store) MediaSource { return storeMedia{ctx, st} }

func (w *writer) newDoc() *doc {
	return newDoc(paperA4, w.media, w.req.Template.Title, w.req.Today)
}

// docFor returns the document the next recipient goes into; first is true
// when it is a fresh document (labels restart their sheet then).
func (w *writer) docFor(ct *marketing.Contact, n int) (*doc, bool, error) {
	if w.cur == nil {
		w.cur = w.newDoc()
		return w.cur, true, nil
	}
	return w.cur, false, nil
}

// after closes per-recipient files and combined parts that are full.
func (w *writer) after(ct *marketing.Contact, n int) error {
	if w.req.Output == marketing.OutputPerPerson {
		if err := os.MkdirAll(w.req.Path, 0o755); err != nil {
			return writeError(err)
		}
		// Numbered by file, not by recipient: skipped contacts leave no gaps.
		return w.flush(filepath.Join(w.req.Path, fmt.Sprintf("%05d-%s.pdf", len(w.written)+1, fileSafe(ct.DisplayName()))))
	}
	if w.cur.pages >= partPages {
		w.part++
		return w.flush(partName(w.req.Path, w.part))
	}
	return nil
}

func partName(path string, part int) string {
	if part <= 1 {
		return path
	}
	ext := filepath.Ext(path)
	return strings.TrimSuffix(path, ext) + "-" + strconv.Itoa(part) + ext
}

func (w *writer) flush(path string) error {
	if w.cur == nil {
		return nil
	}
	d := w.cur
	w.cur = nil
	w.pages += d.pages
	tmp := path + ".part"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return writeError(err)
	}
	if err := d.output(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return writeError(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return writeError(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return writeError(err)
	}
	w.written = append(w.written, path)
	return nil
}

func (w *writer) finish() ([]string, int, error) {
	if w.cur != nil {
		path := w.req.Path
		if w.part > 0 {
			w.part++
			path = partName(w.req.Path, w.part)
		}
		if err := w.flush(path); err != nil {
			return nil, 0, err
		}
	}
	if w.req.Output == marketing.OutputPerPerson && w.req.Zip {
		zip := w.req.Path + ".zip"
		if err := zipFiles(w.written, zip); err != nil {
			os.Remove(zip)
			return nil, 0, writeError(err)
		}
		w.discard()
		w.written = []string{zip}
		w.req.Path = zip
	}
	return w.written, w.pages, nil
}

// discard removes what a failed or cancelled run wrote (with the run's own
// folder when it wrote one PDF per recipient).
func (w *writer) discard() {
	for _, f := range w.written {
		os.Remove(f)
	}
	if w.req.Output == marketing.OutputPerPerson {
		os.Remove(w.req.Path) // only when empty: never anything the user put there
	}
	w.written = nil
	w.cur = nil
}

// zipFiles packs PDFs into one file (browser mode downloads one file).
func zipFiles(files []string, dest string) error {
	out, err := os.Create(dest)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(out)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: filepath.Base(f), Method: zip.Store})
		if err == nil {
			var in *os.File
			if in, err = os.Open(f); err == nil {
				_, err = io.Copy(w, in)
				in.Close()
			}
		}
		if err != nil {
			out.Close()
			return err
		}
	}
	if err := zw.Close(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func writeError(err error) error {
	return &marketing.Error{Code: marketing.EInvalid, Field: "path", Message: "The document could not be written there. Pick another folder, or check that the disk is not full.", Details: map[string]string{"reason": "write"}, Err: err}
}

// fileSafe makes a name usable as a file name on every system.
func fileSafe(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return r
		case r == ' ' || r == '-' || r == '_' || r == '.':
			return '-'
		}
		return -1
	}, s)
	s = strings.Trim(s, "-.")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60])
	}
	if s == "" {
		s = "contact"
	}
	return s
}

// errStopped is a cancelled run. The response codes reserved for the
// campaign stay (a later run for it reuses them); nothing else is kept.
var errStopped = marketing.Errorf(marketing.ECanceled, "Stopped. No documents were kept and no run was recorded.")

func moneyIn(lang string, minor int64, currency string) string {
	return merge.FormatMoney(lang, minor, currency)
}
