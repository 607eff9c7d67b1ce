package merge

import (
	"strconv"
	"strings"
	"time"

	"directdesk/backend/marketing"
)

// Env is everything one recipient's copy is merged from.
type Env struct {
	// Lang is the recipient's language (en, da, sv, nb, ru) for the
	// salutation, dates, money, country and language names; when it is ""
	// (or unknown) DefaultLang, the template's language, is used, then English.
	Lang         string
	DefaultLang  string
	Today        time.Time
	Contact      *marketing.Contact // nil: all contact fields are empty
	Business     marketing.BusinessProfile
	Campaign     string
	ResponseCode string
	Currency     string // of money values, e.g. "DKK"
	// InSegment answers segment = "Name"; nil means in no segment.
	InSegment func(name string) bool
	// Extra holds the purchase fields computed by the caller: orders_count,
	// last_order_date (YYYY-MM-DD) and total_spent (minor units).
	Extra map[string]string
}

var (
	noContact marketing.Contact // read only: stands in for a nil Contact
	noEnv     Env
)

// renderer is one Render or Missing call; it lives on the stack.
type renderer struct {
	t    *Template
	env  *Env
	c    *marketing.Contact
	lang lang
}

func newRenderer(t *Template, env *Env) renderer {
	if env == nil {
		env = &noEnv
	}
	r := renderer{t: t, env: env, c: env.Contact}
	if r.c == nil {
		r.c = &noContact
	}
	l, ok := parseLang(env.Lang)
	if !ok {
		l, _ = parseLang(env.DefaultLang)
	}
	r.lang = l
	return r
}

// Render appends the template merged with env to b. esc escapes merged
// values (html.EscapeString for HTML); template text, including fallback
// texts and quoted literals, is the author's and is copied as it is. A nil
// esc escapes nothing. Empty values without a fallback write nothing.
func (t *Template) Render(b *strings.Builder, env *Env, esc func(string) string) {
	r := newRenderer(t, env)
	r.render(b, t.nodes, esc)
}

func (r *renderer) render(b *strings.Builder, nodes []node, esc func(string) string) {
	for i := range nodes {
		n := &nodes[i]
		switch n.kind {
		case nText:
			b.WriteString(n.text)
		case nField:
			v := r.value(n.ref, true)
			if isBlank(v) {
				if n.fallback {
					b.WriteString(n.text)
				}
				continue
			}
			if esc != nil {
				v = esc(v)
			}
			b.WriteString(v)
		case nIf:
			if body, ok := r.branch(n.ifn); ok {
				r.render(b, body, esc)
			}
		}
	}
}

// branch picks the body of an {{#if}} that applies, if any.
func (r *renderer) branch(n *ifNode) ([]node, bool) {
	for i, c := range n.conds {
		if c.eval(r) {
			return n.bodies[i], true
		}
	}
	if len(n.bodies) > len(n.conds) {
		return n.bodies[len(n.conds)], true
	}
	return nil, false
}

// Missing lists the fields that would be merged empty for env, in
// first-use order: fields written without a fallback, in the parts of the
// template env actually reaches. A field guarded by {{#if field}}, used with
// a fallback, or used only in conditions is not missing.
func (t *Template) Missing(env *Env) []string {
	r := newRenderer(t, env)
	var seen []bool
	r.missing(t.nodes, &seen)
	var out []string
	for i, s := range seen {
		if s {
			out = append(out, t.refs[i].name)
		}
	}
	return out
}

func (r *renderer) missing(nodes []node, seen *[]bool) {
	for i := range nodes {
		n := &nodes[i]
		switch n.kind {
		case nField:
			if !n.fallback && isBlank(r.value(n.ref, false)) {
				if *seen == nil {
					*seen = make([]bool, len(r.t.refs))
				}
				(*seen)[n.ref] = true
			}
		case nIf:
			if body, ok := r.branch(n.ifn); ok {
				r.missing(body, seen)
			}
		}
	}
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// raw is a field's value for conditions: dates as YYYY-MM-DD, money as a
// number of major units, codes (country, language, gender) as codes.
func (r *renderer) raw(i int) string { return r.value(i, false) }

// value returns field i as text; display formats it for the recipient.
func (r *renderer) value(i int, display bool) string {
	f := &r.t.refs[i]
	c, e := r.c, r.env
	switch f.id {
	case fSalutation:
		return salutation(r.lang, c.Gender, c.FirstName, c.MiddleName)
	case fFirstName:
		return c.FirstName
	case fMiddleName:
		return c.MiddleName
	case fLastName:
		return c.LastName
	case fFullName:
		return c.DisplayName()
	case fCompany:
		return c.Company
	case fJobTitle:
		return c.JobTitle
	case fEmail:
		return c.Email
	case fPhone:
		return c.Phone
	case fMobile:
		return c.Mobile
	case fCustomerNo:
		return c.CustomerNo
	case fGender:
		if display {
			return genderName(r.lang, string(c.Gender))
		}
		return string(c.Gender)
	case fLanguage:
		if display {
			return languageName(r.lang, c.Language)
		}
		return c.Language
	case fBirthDate:
		return r.date(c.BirthDate, display)
	case fAge:
		return ageAt(c.BirthDate, e.Today)
	case fCustomerSince:
		return r.date(c.CustomerSince, display)
	case fStreet1:
		return c.Street1
	case fStreet2:
		return c.Street2
	case fPostcode:
		return c.Postcode
	case fCity:
		return c.City
	case fRegion:
		return c.Region
	case fCountry:
		if display {
			return countryName(r.lang, c.Country)
		}
		return c.Country
	case fOrdersCount:
		return e.Extra["orders_count"]
	case fLastOrderDate:
		return r.date(e.Extra["last_order_date"], display)
	case fTotalSpent:
		v := e.Extra["total_spent"]
		minor, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil {
			return v
		}
		if display {
			return FormatMoney(r.lang.code(), minor, e.Currency)
		}
		return majorUnits(minor, e.Currency)
	case fBusinessName:
		return e.Business.Name
	case fBusinessStreet:
		return e.Business.Street
	case fBusinessPostcode:
		return e.Business.Postcode
	case fBusinessCity:
		return e.Business.City
	case fBusinessCountry:
		if display {
			return countryName(r.lang, e.Business.Country)
		}
		return e.Business.Country
	case fBusinessRegNo:
		return e.Business.RegNo
	case fBusinessEmail:
		return e.Business.Email
	case fBusinessPhone:
		return e.Business.Phone
	case fBusinessWebsite:
		return e.Business.Website
	case fCampaignName:
		return e.Campaign
	case fResponseCode:
		return e.ResponseCode
	case fToday:
		if e.Today.IsZero() {
			return ""
		}
		if display {
			return FormatDate(r.lang.code(), e.Today)
		}
		return e.Today.Format(marketing.DateLayout)
	case fCustom:
		return c.Custom[f.custom]
	}
	return ""
}

// date formats a stored date for display; a timestamp counts by its date.
func (r *renderer) date(s string, display bool) string {
	s = dateOnly(s)
	if display {
		return formatISODate(r.lang, s)
	}
	return s
}

func dateOnly(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 10 && s[10] == 'T' {
		return s[:10]
	}
	return s
}

// ageAt is the age in whole years on today's calendar date; someone born on
// 29 February turns a year older on 1 March in other years.
func ageAt(birth string, today time.Time) string {
	y, m, d, ok := parseISODate(dateOnly(birth))
	if !ok || today.IsZero() {
		return ""
	}
	ty, tm, td := today.Date()
	a := ty - y
	if int(tm) < m || (int(tm) == m && td < d) {
		a--
	}
	if a < 0 {
		return ""
	}
	return strconv.Itoa(a)
}
