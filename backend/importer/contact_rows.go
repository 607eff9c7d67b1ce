package importer

import (
	"context"
	"hash/maphash"
	"slices"
	"strings"

	"directdesk/backend/contacts"
	"directdesk/backend/marketing"
	"directdesk/backend/sheet"
)

// contactText lists the contact fields that are plain text, with where each
// lives in a Contact. Gender and kind are typed strings: the pointer
// conversion is exact (same underlying type).
func contactText(c *marketing.Contact) map[string]*string {
	return map[string]*string{
		"customerNo": &c.CustomerNo, "firstName": &c.FirstName, "middleName": &c.MiddleName, "lastName": &c.LastName,
		"company": &c.Company, "jobTitle": &c.JobTitle, "gender": (*string)(&c.Gender), "birthDate": &c.BirthDate,
		"email": &c.Email, "phone": &c.Phone, "mobile": &c.Mobile, "street1": &c.Street1, "street2": &c.Street2,
		"postcode": &c.Postcode, "city": &c.City, "region": &c.Region, "country": &c.Country, "language": &c.Language,
		"customerSince": &c.CustomerSince, "kind": (*string)(&c.Kind), "notes": &c.Notes, "source": &c.Source,
	}
}

var consentFields = map[string]string{
	"consentEmail": marketing.ChannelEmail, "consentSms": marketing.ChannelSMS,
	"consentPost": marketing.ChannelPost, "consentPhone": marketing.ChannelPhone,
}

// numberText is a cell's value for fields that are codes, not amounts: a
// phone or postcode typed into Excel as a number is stored as one ("150"
// for Oslo's 0150); Raw has it without thousands separators or exponent.
func numberText(c sheet.Cell) string {
	if c.Kind == sheet.KindNumber {
		return strings.TrimSuffix(c.Raw, ".0")
	}
	return strings.TrimSpace(c.Text)
}

func (r *run) parseContact(rec *record) {
	c := &rec.contact
	c.Custom = map[string]string{}
	text := contactText(c)
	col := map[string]int{} // stored field -> the column its value came from
	var full, addr, pcCity string
	for _, m := range r.cols {
		cl := cell(rec.cells, m.col)
		v := strings.TrimSpace(cl.Text)
		if v == "" {
			continue
		}
		var err error
		switch f := m.field; f {
		case "fullName":
			full, col[f] = v, m.col
		case "address":
			addr, col[f] = v, m.col
		case "postcodeCity":
			pcCity, col[f] = v, m.col
		case "gender":
			var g marketing.Gender
			if g, err = ParseGender(v); err == nil {
				c.Gender = g
			}
		case "birthDate", "customerSince":
			*text[f], err = ParseDate(cl, r.today)
		case "phone", "mobile", "postcode", "customerNo":
			*text[f] = numberText(cl)
		case "country":
			c.Country, err = ParseCountry(v)
		case "language":
			c.Language, err = ParseLanguage(v)
		case "kind":
			c.Kind, err = parseKind(v)
		case "tags":
			c.Tags = splitTags(v)
		case "consentEmail", "consentSms", "consentPost", "consentPhone":
			var yes, given bool
			if yes, given, err = ParseYesNo(v); err == nil && given {
				status := marketing.ConsentRefused
				if yes {
					status = marketing.ConsentGranted
				}
				rec.consents = append(rec.consents, marketing.Consent{Channel: consentFields[f], Status: status,
					At: marketing.Timestamp(r.today), Method: "import", Evidence: r.evidence(rec.no)})
			}
		case "street1":
			// A two-line address cell: the second line is the floor or c/o.
			lines := splitLines(v)
			c.Street1 = lines[0]
			if len(lines) > 1 && !rec.set["street2"] {
				c.Street2 = strings.Join(lines[1:], ", ")
				rec.set["street2"] = true
			}
		case "notes":
			c.Notes = v
		default:
			if name, ok := strings.CutPrefix(f, marketing.CustomFieldPrefix); ok {
				c.Custom[strings.TrimSpace(name)] = oneLine(v)
			} else if p, ok := text[f]; ok {
				*p = oneLine(v)
			}
		}
		if err != nil {
			rec.fail(m.field, m.col, err)
			continue
		}
		col[m.field] = m.col
		rec.set[m.field] = true
	}
	// Compound cells fill what separate columns left empty.
	fill := func(field, v string, from int) {
		if v != "" && !rec.set[field] {
			*text[field] = v
			rec.set[field] = true
			col[field] = from
		}
	}
	if full != "" {
		first, middle, last := SplitFullName(full)
		fill("firstName", first, col["fullName"])
		fill("middleName", middle, col["fullName"])
		fill("lastName", last, col["fullName"])
	}
	if addr != "" {
		a, ok := SplitAddress(addr, firstNonEmpty(c.Country, r.settings.Country))
		if !ok {
			// Nothing to split on: the whole cell is the street, on one line.
			a = Address{Street1: firstNonEmpty(a.Street1, oneLine(addr))}
		}
		from := col["address"]
		fill("street1", a.Street1, from)
		fill("street2", a.Street2, from)
		fill("postcode", a.Postcode, from)
		fill("city", a.City, from)
		fill("region", a.Region, from)
		fill("country", a.Country, from)
	}
	if pcCity != "" {
		pc, city, country := SplitPostcodeCity(pcCity, firstNonEmpty(c.Country, r.settings.Country))
		from := col["postcodeCity"]
		fill("postcode", pc, from)
		fill("city", city, from)
		fill("country", country, from)
	}
	// The stored form: the same rules as a contact typed into the app.
	// Each value is checked even after an earlier one failed, so the
	// preview marks every bad cell of a row at once.
	if c.Country == "" && c.Postcode != "" {
		if cc := inferCountry(c.Postcode, r.settings.Country); cc != "" {
			c.Country = cc
			rec.set["country"] = true
		}
	}
	country := c.Country
	if country == "" {
		country = r.settings.Country
		if c.Postcode != "" || c.City != "" || c.Street1 != "" {
			c.Country = country
		}
	}
	// A value that fails keeps what the file said, for the preview.
	if v, err := contacts.NormalizeEmail(c.Email); err != nil {
		rec.fail("email", colOf(col, "email"), err)
	} else {
		c.Email = v
	}
	if v, err := contacts.NormalizePhone("phone", c.Phone, country); err != nil {
		rec.fail("phone", colOf(col, "phone"), err)
	} else {
		c.Phone = v
	}
	if v, err := contacts.NormalizePhone("mobile", c.Mobile, country); err != nil {
		rec.fail("mobile", colOf(col, "mobile"), err)
	} else {
		c.Mobile = v
	}
	if pc, err := marketing.NormalizePostcode(c.Country, c.Postcode); err != nil {
		rec.fail("postcode", colOf(col, "postcode"), err)
	} else {
		c.Postcode = pc
	}
	if rec.failed() {
		return
	}
	switch r.opt.ListKind {
	case "bought", "rented":
		c.Kind = marketing.KindProspect
		if c.Source == "" {
			c.Source = r.opt.ListKind + " list"
		}
	}
	if c.Source == "" {
		c.Source = "import"
	}
	if r.opt.Tag != "" {
		c.Tags = append(c.Tags, r.opt.Tag)
	}
	if err := marketing.ValidateContact(c, r.today); err != nil {
		e := marketing.AsError(err)
		rec.fail(e.Field, colOf(col, e.Field), err)
	}
}

// inferCountry finds the country of an address whose file gives none: the
// shop's own country when the postcode fits it, else the one other country
// whose postcodes look like this one (a Swedish "114 55", a Norwegian "0150",
// a Russian "125009" in a Danish shop's list). "" when none or several fit.
func inferCountry(postcode, home string) string {
	if _, err := marketing.NormalizePostcode(home, postcode); err == nil {
		return ""
	}
	found := ""
	for _, cc := range marketing.Countries {
		if cc == home {
			continue
		}
		if _, err := marketing.NormalizePostcode(cc, postcode); err == nil {
			if found != "" {
				return ""
			}
			found = cc
		}
	}
	return found
}

// splitLines splits a cell typed with line breaks (Alt+Enter) into its
// non-empty lines, each with its spaces collapsed.
func splitLines(v string) []string {
	var out []string
	for _, l := range strings.FieldsFunc(v, func(r rune) bool { return r == '\n' || r == '\r' || r == '\u2028' }) {
		if l = oneLine(l); l != "" {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return []string{""}
	}
	return out
}

// oneLine turns line breaks and tabs inside a cell into spaces and collapses
// runs of spaces: single-line fields accept what a spreadsheet cell holds.
func oneLine(v string) string {
	return strings.Join(strings.Fields(v), " ")
}

func colOf(col map[string]int, field string) int {
	if j, ok := col[field]; ok {
		return j
	}
	return -1
}

func firstNonEmpty(v ...string) string {
	for _, s := range v {
		if s != "" {
			return s
		}
	}
	return ""
}

func splitTags(v string) []string {
	return strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '|' || r == '\n' })
}

func parseKind(v string) (marketing.Kind, error) {
	switch marketing.Fold(strings.Trim(v, " .")) {
	case "customer", "kunde", "kund", "клиент", "покупатель", "c":
		return marketing.KindCustomer, nil
	case "prospect", "emne", "prospekt", "potentiel kunde", "potentiell kund", "potensiell kunde", "потенциальный клиент", "лид", "lead", "p":
		return marketing.KindProspect, nil
	}
	return "", marketing.FieldError(marketing.EInvalid, "kind", "Write customer or prospect.", map[string]string{"reason": "unknown", "value": clip(v, 40)})
}

// contactKeys are the in-file duplicate keys of a contact, strongest first.
func contactKeys(c *marketing.Contact) [][2]string {
	keys := [][2]string{{"c", c.CustomerNo}, {"e", strings.ToLower(c.Email)}}
	// A phone is shared by a household: with the first name it is a person.
	for _, p := range []string{c.Phone, c.Mobile} {
		if p != "" {
			keys = append(keys, [2]string{"p", p + "\x00" + marketing.Fold(c.FirstName)})
		}
	}
	// Name and postcode only tell people apart who have nothing better.
	if c.Email == "" && c.Phone == "" && c.Mobile == "" && c.Postcode != "" && (c.FirstName != "" || c.LastName != "") {
		keys = append(keys, [2]string{"n", c.Postcode + "\x00" + marketing.Fold(c.FirstName+" "+c.MiddleName+" "+c.LastName)})
	}
	return keys
}

func (r *run) storeContact(ctx context.Context, rec *record) (marketing.ImportRow, error) {
	c := &rec.contact
	row := marketing.ImportRow{Row: rec.no, Problems: nonNilProblems(rec.problems), Values: contactValues(c, rec.consents)}
	if rec.failed() {
		row.Status = marketing.RowInvalid
		return row, nil
	}
	if p, err := r.erasedProblem(ctx, c); err != nil {
		return row, err
	} else if p != nil {
		row.Status, row.Problems = marketing.RowInvalid, append(row.Problems, *p)
		return row, nil
	}
	keys := contactKeys(c)
	for _, k := range keys {
		if first := r.seenKey(k[0], k[1]); first != 0 {
			row.Status, row.DuplicateOf = marketing.RowDuplicate, first
			// The person said no further down the file: that still counts.
			return row, r.applyRefusals(ctx, r.inFileContact(ctx, c), rec)
		}
	}
	for _, k := range keys {
		r.key(k[0], k[1], rec.no)
	}
	id, by, err := r.matchContact(ctx, c)
	if err != nil {
		return row, err
	}
	if id != 0 && (by != "namePostcode" || r.opt.MatchNamePostcode) {
		// Two rows that are the same stored person by different keys (one
		// by email, one by phone): the first one counts.
		if first, ok := r.matched[id]; ok {
			row.Status, row.DuplicateOf = marketing.RowDuplicate, int(first)
			return row, r.applyRefusals(ctx, id, rec)
		}
		r.matched[id] = int32(rec.no)
	}
	// A row that matches one stored contact must not take a unique value
	// (customer number, email) that belongs to another.
	if id != 0 {
		for _, u := range []struct {
			field string
			find  func(context.Context, string) (int64, error)
			v     string
			kind  string
		}{{"customerNo", r.sess.ContactByCustomerNo, c.CustomerNo, "c"}, {"email", r.sess.ContactByEmail, strings.ToLower(c.Email), "e"}} {
			if u.v == "" || !r.stored(u.kind, u.v) {
				continue
			}
			other, err := u.find(ctx, u.v)
			if err != nil {
				return row, err
			}
			if other != 0 && other != id {
				row.Status = marketing.RowInvalid
				row.Problems = append(row.Problems, marketing.ImportProblem{Field: u.field, Column: -1, Code: marketing.EConflict,
					Message: "This value belongs to another contact in DirectDesk than the one this row matches. Check the row.",
					Details: map[string]string{"reason": "other_contact"}})
				return row, nil
			}
		}
	}
	summary := "Imported from " + r.evidence(rec.no)
	if id == 0 || (by == "namePostcode" && !r.opt.MatchNamePostcode) {
		row.Status = marketing.RowNew
		if id != 0 {
			row.Status, row.MatchID, row.MatchBy = marketing.RowSuggested, id, by
			if len(r.suggestions) < 50 && r.mode != modeCommit {
				existing, _, err := r.sess.Contact(ctx, id)
				if err != nil {
					return row, err
				}
				r.suggestions = append(r.suggestions, marketing.DuplicateSuggestion{Row: rec.no, Incoming: *c, Existing: existing, By: by})
			}
		}
		if c.Tags == nil {
			c.Tags = []string{}
		}
		return row, r.sess.CreateContact(ctx, c, rec.consents, summary)
	}
	row.MatchID, row.MatchBy = id, by
	if r.opt.Policy == marketing.PolicySkip {
		row.Status = marketing.RowSkipped
		return row, r.applyRefusals(ctx, id, rec)
	}
	before, beforeConsents, err := r.sess.Contact(ctx, id)
	if err != nil {
		return row, err
	}
	merged, consents := r.mergeContact(&before, beforeConsents, rec)
	if sameContact(&before, &merged) && sameConsents(beforeConsents, consents) {
		row.Status = marketing.RowUnchanged
		return row, nil
	}
	row.Status = marketing.RowUpdate
	row.Values = contactValues(&merged, consents)
	return row, r.sess.UpdateContact(ctx, &before, beforeConsents, &merged, consents, "Updated from "+r.evidence(rec.no))
}

// matchContact finds the stored contact a row is: by customer number, email,
// phone, then name and postcode.
func (r *run) matchContact(ctx context.Context, c *marketing.Contact) (int64, string, error) {
	if err := r.loadKeys(ctx); err != nil {
		return 0, "", err
	}
	for _, k := range []struct {
		by, kind string
		find     func(context.Context, string) (int64, error)
		v        string
	}{
		{"customerNo", "c", r.sess.ContactByCustomerNo, c.CustomerNo},
		{"email", "e", r.sess.ContactByEmail, strings.ToLower(c.Email)},
	} {
		if k.v == "" || !r.stored(k.kind, k.v) {
			continue
		}
		id, err := k.find(ctx, k.v)
		if err != nil || id != 0 {
			return id, k.by, err
		}
	}
	// A phone is shared by a household: among the contacts with the number,
	// the one person whose email and first name do not say otherwise.
	for _, p := range []string{c.Phone, c.Mobile} {
		if p == "" || !r.stored("p", p) {
			continue
		}
		ids, err := r.sess.ContactsByPhone(ctx, p)
		if err != nil {
			return 0, "", err
		}
		found := int64(0)
		for _, id := range ids {
			ok, err := r.samePerson(ctx, id, c)
			if err != nil {
				return 0, "", err
			}
			if ok && found != 0 {
				found = -1 // two fit: not a safe match
				break
			}
			if ok {
				found = id
			}
		}
		if found > 0 {
			return found, "phone", nil
		}
	}
	if !r.stored("n", r.sess.NameKey(c)) {
		return 0, "", nil
	}
	id, err := r.sess.ContactByNamePostcode(ctx, c)
	if err != nil || id == 0 {
		return 0, "", err
	}
	if c.Email != "" {
		// Same name and postcode but a different email: two people.
		existing, _, err := r.sess.Contact(ctx, id)
		if err != nil {
			return 0, "", err
		}
		if existing.Email != "" && !strings.EqualFold(existing.Email, c.Email) {
			return 0, "", nil
		}
	}
	return id, "namePostcode", nil
}

// samePerson reports whether stored contact id may be the person of row c:
// neither a different email nor a different first name says otherwise.
func (r *run) samePerson(ctx context.Context, id int64, c *marketing.Contact) (bool, error) {
	existing, _, err := r.sess.Contact(ctx, id)
	if err != nil {
		return false, err
	}
	if c.Email != "" && existing.Email != "" && !strings.EqualFold(c.Email, existing.Email) {
		return false, nil
	}
	if c.FirstName != "" && existing.FirstName != "" && marketing.Fold(c.FirstName) != marketing.Fold(existing.FirstName) {
		return false, nil
	}
	return true, nil
}

// inFileContact finds the contact an earlier row of this file stored for
// the person of c (commit only: a dry run stored nothing), or 0.
func (r *run) inFileContact(ctx context.Context, c *marketing.Contact) int64 {
	if r.mode != modeCommit {
		return 0
	}
	for _, k := range []struct {
		find func(context.Context, string) (int64, error)
		v    string
	}{{r.sess.ContactByCustomerNo, c.CustomerNo}, {r.sess.ContactByEmail, c.Email}, {r.sess.ContactByPhone, c.Phone}, {r.sess.ContactByPhone, c.Mobile}} {
		if k.v == "" {
			continue
		}
		if id, err := k.find(ctx, k.v); err == nil && id > 0 {
			return id
		}
	}
	return 0
}

// applyRefusals stores the "no" answers of a row that is otherwise not
// imported (a repeat, or skipped by the policy) on the contact it is: an
// opt-out must never be lost because the rest of the row was.
func (r *run) applyRefusals(ctx context.Context, id int64, rec *record) error {
	var no []marketing.Consent
	for _, cs := range rec.consents {
		if cs.Status == marketing.ConsentRefused {
			no = append(no, cs)
		}
	}
	if id <= 0 || len(no) == 0 || r.mode != modeCommit {
		return nil
	}
	before, beforeConsents, err := r.sess.Contact(ctx, id)
	if err != nil {
		return err
	}
	consents := mergeConsents(beforeConsents, no, marketing.PolicyUpdate)
	if sameConsents(beforeConsents, consents) {
		return nil
	}
	after := before
	return r.sess.UpdateContact(ctx, &before, beforeConsents, &after, consents, "Opt-out from "+r.evidence(rec.no))
}

// loadKeys reads the stored contacts' match keys once per run, hashed and
// sorted: 8 bytes a key, so a million contacts cost about 30 MB.
func (r *run) loadKeys(ctx context.Context) error {
	if r.keysLoaded {
		return nil
	}
	r.keysLoaded = true
	err := r.sess.ContactKeys(ctx, func(kind, value string) {
		r.stored_ = append(r.stored_, maphash.String(r.seed, kind+"\x00"+value))
	})
	slices.Sort(r.stored_)
	return err
}

// stored reports whether a stored contact may have this key (a hash
// collision only costs one query that finds nothing).
func (r *run) stored(kind, value string) bool {
	if value == "" {
		return false
	}
	_, ok := slices.BinarySearch(r.stored_, maphash.String(r.seed, kind+"\x00"+value))
	return ok
}

// mergeContact applies the row to the stored contact by the policy: update
// overwrites with the row's values, fill only fills empty fields.
func (r *run) mergeContact(before *marketing.Contact, beforeConsents []marketing.Consent, rec *record) (marketing.Contact, []marketing.Consent) {
	m := *before
	m.Tags = append([]string(nil), before.Tags...)
	m.Custom = map[string]string{}
	for k, v := range before.Custom {
		m.Custom[k] = v
	}
	dst, src := contactText(&m), contactText(&rec.contact)
	for f, p := range src {
		if !rec.set[f] && !(f == "country" && (rec.set["postcode"] || rec.set["city"])) {
			continue
		}
		if *p == "" {
			continue
		}
		if r.opt.Policy == marketing.PolicyFill && *dst[f] != "" {
			continue
		}
		*dst[f] = *p
	}
	for k, v := range rec.contact.Custom {
		if r.opt.Policy == marketing.PolicyFill && m.Custom[k] != "" {
			continue
		}
		m.Custom[k] = v
	}
	if r.opt.ListKind == marketing.ListBought || r.opt.ListKind == marketing.ListRented {
		// Someone already in DirectDesk stays who they were: a bought list
		// does not turn a customer into a prospect (nor move them to the list).
		m.Kind, m.Source = before.Kind, before.Source
	}
	tags, _ := marketing.NormalizeTags(append(m.Tags, rec.contact.Tags...))
	m.Tags = tags
	m.JobTitleNorm = marketing.NormalizeJobTitle(m.JobTitle)
	return m, mergeConsents(beforeConsents, rec.consents, r.opt.Policy)
}

// mergeConsents applies a file's consent answers. A refusal on file always
// wins; a "yes" in a file never overrides a stored refusal (the person said
// no, maybe after the file was made) and, with the fill policy, never
// replaces a stored answer.
func mergeConsents(before, in []marketing.Consent, policy marketing.DuplicatePolicy) []marketing.Consent {
	out := append([]marketing.Consent(nil), before...)
	for _, c := range in {
		i := -1
		for j := range out {
			if out[j].Channel == c.Channel {
				i = j
			}
		}
		switch {
		case i < 0:
			out = append(out, c)
		case out[i].Status == c.Status:
		case c.Status == marketing.ConsentRefused:
			out[i] = c
		case out[i].Status == marketing.ConsentRefused || policy == marketing.PolicyFill:
		default:
			out[i] = c
		}
	}
	return out
}

func sameConsents(a, b []marketing.Consent) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Channel != b[i].Channel || a[i].Status != b[i].Status {
			return false
		}
	}
	return true
}

func sameContact(a, b *marketing.Contact) bool {
	ta, tb := contactText(a), contactText(b)
	for f, p := range ta {
		if *p != *tb[f] {
			return false
		}
	}
	if len(a.Custom) != len(b.Custom) || len(a.Tags) != len(b.Tags) {
		return false
	}
	for k, v := range a.Custom {
		if b.Custom[k] != v {
			return false
		}
	}
	for i := range a.Tags {
		if marketing.Fold(a.Tags[i]) != marketing.Fold(b.Tags[i]) {
			return false
		}
	}
	return true
}

// contactValues is a contact as the preview shows it: field key -> value.
func contactValues(c *marketing.Contact, consents []marketing.Consent) map[string]string {
	v := map[string]string{}
	for f, p := range contactText(c) {
		if *p != "" {
			v[f] = *p
		}
	}
	if len(c.Tags) > 0 {
		v["tags"] = strings.Join(c.Tags, ", ")
	}
	for k, x := range c.Custom {
		v[marketing.CustomFieldPrefix+k] = x
	}
	for f, ch := range consentFields {
		for _, cs := range consents {
			if cs.Channel == ch {
				v[f] = cs.Status
			}
		}
	}
	return v
}
