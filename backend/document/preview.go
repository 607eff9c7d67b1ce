package document

import (
	"context"
	"strings"

	"directdesk/backend/marketing"
)

// Preview is one recipient's document as the editor shows it.
type Preview struct {
	ContactID int64    `json:"contactId"`
	Name      string   `json:"name"`
	Index     int      `json:"index"`
	Total     int      `json:"total"`
	HTML      string   `json:"html"` // merged body (sanitised subset)
	Address   []string `json:"address"`
	Date      string   `json:"date"`
	Variant   string   `json:"variant"`
	// VariantIndex is the catalog variant the contact gets (its position in
	// the layout's list), -1 for the built-in "everyone else".
	VariantIndex int       `json:"variantIndex"`
	Missing      []string  `json:"missing"` // fields the body uses that are empty for this contact
	Problems     []Problem `json:"problems"`
}

// PreviewAt merges the template for the recipient at index (0-based, in the
// order of req.IDs, clamped to the list).
func PreviewAt(ctx context.Context, st Store, req Request, index int) (Preview, error) {
	var p Preview
	c, err := compile(&req)
	if err != nil {
		return p, err
	}
	p.Total = len(req.IDs)
	if p.Total == 0 {
		return p, marketing.FieldError(marketing.EInvalid, "selection", "The selection has no contacts. Pick a segment with people in it.", map[string]string{"reason": "empty"})
	}
	index = max(0, min(index, p.Total-1))
	contacts, err := st.ContactsInOrder(ctx, req.IDs[index:index+1])
	if err != nil {
		return p, err
	}
	if len(contacts) == 0 {
		return p, marketing.Errorf(marketing.ENotFound, "This contact has been deleted.")
	}
	ct := &contacts[0]
	buys, err := st.PurchaseSummaries(ctx, []int64{ct.ID})
	if err != nil {
		return p, err
	}
	// The real code is made when the documents are; the preview shows its shape.
	env := c.env(ct, "XXXXXXX", buys)
	lang := c.recipientLang(ct)
	p.ContactID, p.Name, p.Index = ct.ID, ct.DisplayName(), index
	p.HTML = c.merged(env)
	p.Address = c.address(ct)
	p.Date = c.dateLine(lang)
	p.Missing = c.body.Missing(env)
	if p.Missing == nil {
		p.Missing = []string{}
	}
	p.Problems = c.addressProblems(ct, p.Address)
	if req.Template.Kind == marketing.KindCatalog {
		cv := &catalogVariants{layout: req.Template.Layout.Catalog, segments: req.Segments}
		p.VariantIndex = -1
		if i := cv.variantFor(ct.ID); i < len(cv.layout.Variants) {
			p.Variant, p.VariantIndex = cv.layout.Variants[i].Segment, i
		}
	}
	return p, nil
}

// addressProblems says whether the address is missing or will not fit the
// window (or label) even at the smallest size.
func (c *compiled) addressProblems(ct *marketing.Contact, lines []string) []Problem {
	out := []Problem{}
	if !hasPostalAddress(ct) {
		return append(out, Problem{Reason: "address_missing"})
	}
	box := frame{w: 77, h: 30}
	if c.req.Template.Kind == marketing.KindLabels {
		if s, err := sheetFor(c.req.Template.Layout.Labels); err == nil && !s.envelope {
			pad := min(5.0, s.w*0.07)
			box = frame{w: s.w - 2*pad, h: s.h - 5}
		}
	}
	if !addressFits(lines, box, 7) {
		out = append(out, Problem{Reason: "address_too_long"})
	}
	return out
}

// ContactRef names a contact in a preflight list.
type ContactRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Gap is one preflight finding: a field some recipients lack, or an
// address problem, with how many and which (the first ones).
type Gap struct {
	Key      string       `json:"key"`  // field name, or address_missing / address_too_long
	Kind     string       `json:"kind"` // "field" or "address"
	Count    int          `json:"count"`
	Contacts []ContactRef `json:"contacts"`
}

// PreflightReport covers a whole selection before anything is made.
type PreflightReport struct {
	Recipients int   `json:"recipients"`
	Ready      int   `json:"ready"` // recipients with nothing to report
	Gaps       []Gap `json:"gaps"`
	// Warnings are about the document itself, not a recipient:
	// "business_address_missing" when the return line or the reply card
	// would print no address of the business.
	Warnings []string `json:"warnings"`
	// Excluded counts by reason the people left out because they may not
	// get post (no consent, on a register, erased, a list's licence);
	// Recipients counts them too.
	Excluded map[string]int `json:"excluded"`
}

// listedPerGap caps the contacts listed per finding.
const listedPerGap = 100

// Preflight checks every recipient: which fields the template uses are
// empty for whom, and whose address is missing or too long.
func Preflight(ctx context.Context, st Store, req Request, progress marketing.Progress) (PreflightReport, error) {
	var rep PreflightReport
	c, err := compile(&req)
	if err != nil {
		return rep, err
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	rep.Recipients = len(req.IDs)
	rep.Warnings = []string{}
	rep.Excluded = map[string]int{}
	for r, n := range req.Excluded {
		rep.Excluded[r] = n
		rep.Recipients += n
	}
	b := req.Sender.Business
	needsSender := req.Template.Kind == marketing.KindLetter && req.Template.Layout.Letter.Sender ||
		req.Template.Kind == marketing.KindCatalog && req.Template.Layout.Catalog.Reply ||
		req.Template.Kind == marketing.KindLabels && req.Template.Layout.Labels.Sender
	if needsSender && (strings.TrimSpace(b.Name) == "" || strings.TrimSpace(b.Street) == "" || strings.TrimSpace(b.Postcode+b.City) == "") {
		rep.Warnings = append(rep.Warnings, "business_address_missing")
	}
	gaps := map[string]*Gap{}
	var order []string
	note := func(key, kind string, ct *marketing.Contact) {
		g := gaps[key]
		if g == nil {
			g = &Gap{Key: key, Kind: kind, Contacts: []ContactRef{}}
			gaps[key] = g
			order = append(order, key)
		}
		g.Count++
		if len(g.Contacts) < listedPerGap {
			g.Contacts = append(g.Contacts, ContactRef{ID: ct.ID, Name: ct.DisplayName()})
		}
	}
	done := 0
	for rest := req.IDs; len(rest) > 0; {
		part := rest[:min(len(rest), chunk)]
		rest = rest[len(part):]
		contacts, err := st.ContactsInOrder(ctx, part)
		if err != nil {
			return rep, err
		}
		buys, err := st.PurchaseSummaries(ctx, part)
		if err != nil {
			return rep, err
		}
		for i := range contacts {
			if ctx.Err() != nil {
				return rep, marketing.ErrCanceled
			}
			ct := &contacts[i]
			clean := true
			for _, f := range c.body.Missing(c.env(ct, "X", buys)) {
				note(f, "field", ct)
				clean = false
			}
			for _, p := range c.addressProblems(ct, c.address(ct)) {
				note(p.Reason, "address", ct)
				clean = false
			}
			if clean {
				rep.Ready++
			}
		}
		done += len(part)
		progress(done, rep.Recipients)
	}
	rep.Gaps = make([]Gap, 0, len(order))
	for _, k := range order {
		rep.Gaps = append(rep.Gaps, *gaps[k])
	}
	return rep, nil
}
