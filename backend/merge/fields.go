package merge

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fieldID names a built-in field. It is resolved once at parse time so that
// Render picks a value with a switch instead of comparing strings.
type fieldID uint8

const (
	fUnknown fieldID = iota // a name that is no field; Check reports it
	fCustom                 // custom.<name>: Contact.Custom[name]

	fSalutation
	fFirstName
	fMiddleName
	fLastName
	fFullName
	fCompany
	fJobTitle
	fEmail
	fPhone
	fMobile
	fCustomerNo
	fGender
	fLanguage
	fBirthDate
	fAge
	fCustomerSince

	fStreet1
	fStreet2
	fPostcode
	fCity
	fRegion
	fCountry

	fOrdersCount
	fLastOrderDate
	fTotalSpent

	fBusinessName
	fBusinessStreet
	fBusinessPostcode
	fBusinessCity
	fBusinessCountry
	fBusinessRegNo
	fBusinessEmail
	fBusinessPhone
	fBusinessWebsite

	fCampaignName
	fResponseCode

	fToday

	fieldCount
)

// Groups of the "Insert field" menu.
const (
	GroupContact  = "contact"
	GroupAddress  = "address"
	GroupPurchase = "purchase"
	GroupBusiness = "business"
	GroupCampaign = "campaign"
	GroupOther    = "other"
)

// Kinds tell how a value is written when merged: dates and money follow the
// recipient's language; in conditions the raw value is compared.
const (
	KindText   = "text"
	KindDate   = "date"
	KindMoney  = "money"
	KindNumber = "number"
)

// CustomPrefix starts the name of a custom field in a template.
const CustomPrefix = "custom."

type builtinField struct {
	name, group, kind string
}

// builtins is indexed by fieldID and is also the order of the menu.
var builtins = [fieldCount]builtinField{
	fSalutation:    {"salutation", GroupContact, KindText},
	fFirstName:     {"first_name", GroupContact, KindText},
	fMiddleName:    {"middle_name", GroupContact, KindText},
	fLastName:      {"last_name", GroupContact, KindText},
	fFullName:      {"full_name", GroupContact, KindText},
	fCompany:       {"company", GroupContact, KindText},
	fJobTitle:      {"job_title", GroupContact, KindText},
	fEmail:         {"email", GroupContact, KindText},
	fPhone:         {"phone", GroupContact, KindText},
	fMobile:        {"mobile", GroupContact, KindText},
	fCustomerNo:    {"customer_no", GroupContact, KindText},
	fGender:        {"gender", GroupContact, KindText},
	fLanguage:      {"language", GroupContact, KindText},
	fBirthDate:     {"birth_date", GroupContact, KindDate},
	fAge:           {"age", GroupContact, KindNumber},
	fCustomerSince: {"customer_since", GroupContact, KindDate},

	fStreet1:  {"street1", GroupAddress, KindText},
	fStreet2:  {"street2", GroupAddress, KindText},
	fPostcode: {"postcode", GroupAddress, KindText},
	fCity:     {"city", GroupAddress, KindText},
	fRegion:   {"region", GroupAddress, KindText},
	fCountry:  {"country", GroupAddress, KindText},

	fOrdersCount:   {"orders_count", GroupPurchase, KindNumber},
	fLastOrderDate: {"last_order_date", GroupPurchase, KindDate},
	fTotalSpent:    {"total_spent", GroupPurchase, KindMoney},

	fBusinessName:     {"business.name", GroupBusiness, KindText},
	fBusinessStreet:   {"business.street", GroupBusiness, KindText},
	fBusinessPostcode: {"business.postcode", GroupBusiness, KindText},
	fBusinessCity:     {"business.city", GroupBusiness, KindText},
	fBusinessCountry:  {"business.country", GroupBusiness, KindText},
	fBusinessRegNo:    {"business.reg_no", GroupBusiness, KindText},
	fBusinessEmail:    {"business.email", GroupBusiness, KindText},
	fBusinessPhone:    {"business.phone", GroupBusiness, KindText},
	fBusinessWebsite:  {"business.website", GroupBusiness, KindText},

	fCampaignName: {"campaign.name", GroupCampaign, KindText},
	fResponseCode: {"response_code", GroupCampaign, KindText},

	fToday: {"today", GroupOther, KindDate},
}

var builtinByName = func() map[string]fieldID {
	m := make(map[string]fieldID, fieldCount)
	for id := fSalutation; id < fieldCount; id++ {
		m[builtins[id].name] = id
	}
	return m
}()

// FieldInfo describes one entry of the editor's "Insert field" menu.
type FieldInfo struct {
	Name  string `json:"name"`  // as Template.Fields reports it: "first_name", "custom.Shoe size"
	Group string `json:"group"` // contact, address, purchase, business, campaign, other
	Kind  string `json:"kind"`  // text, date, money, number
	// Token is the exact text to insert, braces included; custom names that
	// are not a single word need quotes: {{custom."Shoe size"}}.
	Token string `json:"token"`
}

// Fields lists every field a template may use, built-in ones first in menu
// order, then the workspace's custom fields in the order given (duplicates
// and blank names dropped).
func Fields(custom []string) []FieldInfo {
	out := make([]FieldInfo, 0, int(fieldCount)+len(custom))
	for id := fSalutation; id < fieldCount; id++ {
		f := builtins[id]
		out = append(out, FieldInfo{Name: f.name, Group: f.group, Kind: f.kind, Token: "{{" + f.name + "}}"})
	}
	seen := make(map[string]bool, len(custom))
	for _, c := range custom {
		if strings.TrimSpace(c) == "" || seen[c] {
			continue
		}
		seen[c] = true
		out = append(out, FieldInfo{Name: CustomPrefix + c, Group: GroupOther, Kind: KindText, Token: "{{" + customRef(c) + "}}"})
	}
	return out
}

// customRef writes a custom field reference the parser reads back as name:
// the bare form when name is one word, the quoted form otherwise.
func customRef(name string) string {
	if isSimpleCustomName(name) {
		return CustomPrefix + name
	}
	var b strings.Builder
	b.WriteString(CustomPrefix)
	b.WriteByte('"')
	for i := 0; i < len(name); i++ { // bytewise: invalid UTF-8 must survive the round trip
		if name[i] == '"' || name[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(name[i])
	}
	b.WriteByte('"')
	return b.String()
}

func isSimpleCustomName(name string) bool {
	if name == "" {
		return false
	}
	for i, r := range name {
		if !isNameRune(r) || (i == 0 && !isNameStart(r)) || r == '.' {
			return false
		}
	}
	return true
}

// Name characters: letters and digits of any script, '_' and '.', so that
// a Danish or Russian custom field name needs no quotes.
func isNameStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }

func isNameRune(r rune) bool {
	return r == '_' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// fieldRef is one distinct field a template refers to.
type fieldRef struct {
	name   string // canonical: "first_name", "custom.Shoe size", or the unknown name as written
	id     fieldID
	custom string // the custom field's name, for fCustom
	line   int    // of the first use, for Check's error
}

func resolveField(name string) fieldRef {
	if id, ok := builtinByName[name]; ok {
		return fieldRef{name: name, id: id}
	}
	if c, ok := strings.CutPrefix(name, CustomPrefix); ok && c != "" {
		return fieldRef{name: name, id: fCustom, custom: c}
	}
	return fieldRef{name: name, id: fUnknown}
}

// display is how a field is shown to the user in a message: as written.
func (f *fieldRef) display() string {
	if f.id == fCustom {
		return "{{" + customRef(f.custom) + "}}"
	}
	return "{{" + f.name + "}}"
}

// shorten keeps an error message's quote of the template readable.
func shorten(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
