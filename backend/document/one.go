package document

import (
	"bytes"
	"context"

	"directdesk/backend/marketing"
)

// RenderOne makes the letter or catalog of one contact as PDF bytes in
// memory (an email attachment); nothing is written or recorded.
//
// The document is drawn the way Generate draws that contact's file in
// one-PDF-per-recipient mode: the same merge, language, response code,
// catalog variant, layout, fonts and pictures. It differs where an
// attachment differs from a posted document:
//   - the response code comes from req.Campaign, and only when it is set
//     (Generate makes up a campaign from the title and date; an attachment
//     without a campaign carries no code);
//   - a contact without a postal address still gets the document, with the
//     address left out (an empty envelope window, no address on the
//     catalog's cover and reply card); a partial address counts as none,
//     as it does for Generate;
//   - what Generate reports as a problem (an address or body shortened to
//     fit) is drawn the same way but not reported.
//
// Each call has its own PDF and picture cache, so calls may run at once.
func RenderOne(ctx context.Context, st Store, req Request, contactID int64) (out []byte, err error) {
	defer func() {
		// A cancel that lands inside a query comes back as a raw context error.
		if err != nil && ctx.Err() != nil {
			out, err = nil, marketing.Errorf(marketing.ECanceled, "Stopped. The document was not made.")
		}
	}()
	t := &req.Template
	switch t.Kind {
	case marketing.KindLetter, marketing.KindCatalog:
	case marketing.KindLabels:
		return nil, marketing.FieldError(marketing.EInvalid, "template", "Labels cannot be attached to an email. Pick a letter or a catalog.", map[string]string{"reason": "labels"})
	default:
		return nil, marketing.FieldError(marketing.EInvalid, "template", "Only a letter or a catalog can be attached to an email. Pick a letter or a catalog.", map[string]string{"reason": "kind", "kind": string(t.Kind)})
	}
	c, err := compile(&req)
	if err != nil {
		return nil, err
	}
	contacts, err := st.ContactsInOrder(ctx, []int64{contactID})
	if err != nil {
		return nil, err
	}
	if len(contacts) == 0 {
		return nil, marketing.Errorf(marketing.ENotFound, "This contact no longer exists. It may have been deleted.")
	}
	ct := &contacts[0]
	// Looked up only once the contact is known to exist: a code is reserved
	// (and kept) the first time it is asked for.
	var code string
	if req.Campaign != "" {
		codes, err := st.ResponseCodes(ctx, req.Campaign, []int64{ct.ID})
		if err != nil {
			return nil, err
		}
		code = codes[ct.ID]
	}
	buys, err := st.PurchaseSummaries(ctx, []int64{ct.ID})
	if err != nil {
		return nil, err
	}
	lang := c.recipientLang(ct)
	var address []string
	if hasPostalAddress(ct) {
		address = c.address(ct)
	}
	d := newDoc(paperA4, mediaOf(ctx, st), t.Title, req.Today)
	switch t.Kind {
	case marketing.KindLetter:
		lt := Letter{Address: address, Lang: lang, Date: c.dateLine(lang), Body: c.merged(c.env(ct, code, buys))}
		// Laid out as prepareAhead does, with pictures measured from the store.
		aspects := &aspectCache{ctx: ctx, st: st, seen: map[string]float64{}}
		lt.lines = layoutBlocks(parseRich(lt.Body), bodyWidth(t.Layout.Letter), 1, aspects.of)
		d.drawLetter(t.Layout.Letter, &req.Sender, &lt)
	case marketing.KindCatalog:
		cv, err := newCatalogVariants(ctx, st, &req)
		if err != nil {
			return nil, err
		}
		cat, _ := cv.forContact(ct, c, code, buys, lang)
		cat.Address = address
		d.drawCatalog(cat, &req.Sender)
	}
	if ctx.Err() != nil {
		// Pictures read after a cancel are left out silently: do not hand
		// back a document that may lack them.
		return nil, ctx.Err()
	}
	var buf bytes.Buffer
	if err := d.output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
