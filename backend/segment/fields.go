package segment

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"directdesk/backend/marketing"
)

// Kind says how a field's values are read and compared.
type Kind string

const (
	KindAge      Kind = "age"      // whole years from the birth date
	KindBirthday Kind = "birthday" // month and day of the birth date
	KindEnum     Kind = "enum"     // one of a fixed list (gender, kind, consent)
	KindText     Kind = "text"     // compared folded (Unicode lower case, single spaces)
	KindPostcode Kind = "postcode" // text, plus number ranges for all-digit postcodes
	KindDate     Kind = "date"     // YYYY-MM-DD
	KindFlag     Kind = "flag"     // has email, has a postal address...
	KindTag      Kind = "tag"
	KindCustom   Kind = "custom" // a custom field from an import, "custom:<name>"
	KindNumber   Kind = "number" // a whole number (orders), optionally over the last Days days
	KindMoney    Kind = "money"  // an amount in whole currency units, optionally over the last Days days
	KindScore    Kind = "score"  // an RFM score, 1 (lowest) to 5 (best)
	KindList     Kind = "list"   // bought one of these categories or products, optionally in the last Days days
)

// Field is one entry of the whitelist: the only names a filter may use.
type Field struct {
	Name string   `json:"name"`
	Kind Kind     `json:"kind"`
	Ops  []string `json:"ops"`
	Enum []string `json:"enum,omitempty"`
	// Days: the condition can be limited to the last N days (node.days).
	Days bool `json:"days,omitempty"`
	// Values: Segments.Values(name) lists the values to pick from.
	Values bool `json:"values,omitempty"`
	// Min and Max bound the numbers a condition takes (0, 0: no numbers).
	Min int `json:"min,omitempty"`
	Max int `json:"max,omitempty"`
}

// Operators.
const (
	OpBetween    = "between"    // two values, both included
	OpAtLeast    = "atLeast"    // one value
	OpAtMost     = "atMost"     // one value
	OpKnown      = "known"      // no values
	OpUnknown    = "unknown"    // no values
	OpInMonth    = "inMonth"    // months 1-12
	OpWithinDays = "withinDays" // one value: birthdays in the next N days, dates in the last N days
	OpIn         = "in"         // any of the values
	OpNotIn      = "notIn"      // none of the values
	OpContains   = "contains"   // contains any of the values
	OpStartsWith = "startsWith" // starts with any of the values
	OpEmpty      = "empty"
	OpNotEmpty   = "notEmpty"
	OpBefore     = "before" // one date, not included
	OpAfter      = "after"  // one date, not included
	OpIs         = "is"     // "true" or "false"
	OpAnyOf      = "anyOf"  // tags
	OpAllOf      = "allOf"
	OpNoneOf     = "noneOf"
	// OpNotWithinDays: a date more than N days ago ("bought before, nothing
	// in the last N days": lost customers). Empty dates do not match.
	OpNotWithinDays = "notWithinDays"
)

// Consent states a condition can ask for; "none" is neither granted nor refused.
const ConsentNone = "none"

// GenderUnknown is how a filter names the empty gender.
const GenderUnknown = "unknown"

var (
	textOps = []string{OpIn, OpNotIn, OpContains, OpEmpty, OpNotEmpty}
	dateOps = []string{OpBefore, OpAfter, OpBetween, OpWithinDays, OpEmpty, OpNotEmpty}
)

// Fields is the whitelist, in the order the segment editor offers them.
var Fields = []Field{
	{Name: "age", Kind: KindAge, Ops: []string{OpBetween, OpAtLeast, OpAtMost, OpKnown, OpUnknown}, Max: 150},
	{Name: "birthday", Kind: KindBirthday, Ops: []string{OpInMonth, OpWithinDays}, Max: 366},
	{Name: "gender", Kind: KindEnum, Ops: []string{OpIn, OpNotIn}, Enum: []string{string(marketing.GenderFemale), string(marketing.GenderMale), string(marketing.GenderOther), GenderUnknown}},
	{Name: "region", Kind: KindText, Values: true, Ops: textOps},
	{Name: "postcode", Kind: KindPostcode, Values: true, Max: 99_999_999, Ops: []string{OpIn, OpNotIn, OpBetween, OpStartsWith, OpEmpty, OpNotEmpty}},
	{Name: "city", Kind: KindText, Values: true, Ops: textOps},
	{Name: "country", Kind: KindText, Values: true, Ops: []string{OpIn, OpNotIn, OpEmpty, OpNotEmpty}},
	{Name: "jobTitle", Kind: KindText, Values: true, Ops: append(append([]string{}, textOps...), OpInGroup)},
	{Name: "company", Kind: KindText, Values: true, Ops: textOps},
	{Name: "language", Kind: KindText, Values: true, Ops: []string{OpIn, OpNotIn, OpEmpty, OpNotEmpty}},
	{Name: "tag", Kind: KindTag, Values: true, Ops: []string{OpAnyOf, OpAllOf, OpNoneOf}},
	{Name: "source", Kind: KindText, Values: true, Ops: textOps},
	{Name: "kind", Kind: KindEnum, Ops: []string{OpIn}, Enum: []string{string(marketing.KindCustomer), string(marketing.KindProspect)}},
	{Name: "customerSince", Kind: KindDate, Ops: dateOps},
	{Name: "origin", Kind: KindEnum, Ops: []string{OpIn}, Enum: Origins},
	{Name: "hasEmail", Kind: KindFlag, Ops: []string{OpIs}},
	{Name: "hasMobile", Kind: KindFlag, Ops: []string{OpIs}},
	{Name: "hasPhone", Kind: KindFlag, Ops: []string{OpIs}},
	{Name: "hasAddress", Kind: KindFlag, Ops: []string{OpIs}},
	{Name: "consentEmail", Kind: KindEnum, Ops: []string{OpIn}, Enum: consentStates},
	{Name: "consentSms", Kind: KindEnum, Ops: []string{OpIn}, Enum: consentStates},
	{Name: "consentPost", Kind: KindEnum, Ops: []string{OpIn}, Enum: consentStates},
	{Name: "consentPhone", Kind: KindEnum, Ops: []string{OpIn}, Enum: consentStates},
	// Purchase behaviour, from the imported orders.
	{Name: "orderCount", Kind: KindNumber, Ops: numberOps, Days: true, Max: 1_000_000_000},
	{Name: "orderAmount", Kind: KindMoney, Ops: numberOps, Days: true, Max: 1_000_000_000},
	{Name: "lifetimeValue", Kind: KindMoney, Ops: numberOps, Max: 1_000_000_000}, // all the money a customer has spent
	{Name: "lastOrder", Kind: KindDate, Ops: append(append([]string{}, dateOps...), OpNotWithinDays)},
	{Name: "firstOrder", Kind: KindDate, Ops: dateOps},
	{Name: "boughtCategory", Kind: KindList, Ops: []string{OpAnyOf, OpNoneOf}, Days: true, Values: true},
	{Name: "boughtProduct", Kind: KindList, Ops: []string{OpAnyOf, OpNoneOf}, Days: true, Values: true},
	{Name: "rfmRecency", Kind: KindScore, Ops: []string{OpIn}, Min: 1, Max: 5},
	{Name: "rfmFrequency", Kind: KindScore, Ops: []string{OpIn}, Min: 1, Max: 5},
	{Name: "rfmMonetary", Kind: KindScore, Ops: []string{OpIn}, Min: 1, Max: 5},
	{Name: "valueTier", Kind: KindEnum, Ops: []string{OpIn}, Enum: []string{TierA, TierB, TierC, TierNone}},
	{Name: "lifecycle", Kind: KindEnum, Ops: []string{OpIn}, Enum: Lifecycles},
}

var numberOps = []string{OpBetween, OpAtLeast, OpAtMost}

// Value tiers: the customers who bring the first 80 % of the revenue (A),
// the next 15 % (B), the last 5 % (C); "none" have not bought.
const (
	TierA    = "A"
	TierB    = "B"
	TierC    = "C"
	TierNone = "none"
)

// Origins: the business's own customer file, or a bought or rented list
// (the list kind of the import that created the contact).
var Origins = []string{"own", "bought", "rented"}

// Lifecycle stages, from the orders (see PurchaseRules).
var Lifecycles = []string{"prospect", "firstTime", "repeat", "loyal", "lapsing", "lost"}

var consentStates = []string{marketing.ConsentGranted, marketing.ConsentRefused, ConsentNone}

// ConsentChannel maps a consent field to its channel.
var ConsentChannel = map[string]string{
	"consentEmail": marketing.ChannelEmail, "consentSms": marketing.ChannelSMS,
	"consentPost": marketing.ChannelPost, "consentPhone": marketing.ChannelPhone,
}

// CustomPrefix starts the name of a custom-field condition: "custom:Kundetype".
const CustomPrefix = "custom:"

var customField = Field{Kind: KindCustom, Values: true, Ops: []string{OpIn, OpNotIn, OpContains, OpEmpty, OpNotEmpty}}

// Lookup returns the field a condition names.
func Lookup(name string) (Field, bool) {
	if rest, ok := strings.CutPrefix(name, CustomPrefix); ok {
		if rest == "" || utf8.RuneCountInString(rest) > MaxValueLen || marketing.HasControlChars(rest) {
			return Field{}, false
		}
		f := customField
		f.Name = name
		return f, true
	}
	for _, f := range Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// validateCondition checks a condition against its field and normalises its
// values: text folded the way the store folds it, numbers and dates checked,
// lists de-duplicated.
func validateCondition(n *Node, today time.Time) error {
	f, ok := Lookup(n.Field)
	if !ok {
		return invalid(n.Field, "field", "The segment uses a field DirectDesk does not know. Remove that condition.", map[string]string{"name": n.Field})
	}
	if !slices.Contains(f.Ops, n.Op) {
		return invalid(n.Field, "op", "A condition on "+n.Field+" asks for something that cannot be checked. Pick the condition again.", map[string]string{"op": n.Op})
	}
	if len(n.Values) > MaxValues {
		return invalid(n.Field, "values", "A condition lists more than "+strconv.Itoa(MaxValues)+" values. Use a range or split the segment.", map[string]string{"limit": strconv.Itoa(MaxValues)})
	}
	for i, v := range n.Values {
		if utf8.RuneCountInString(v) > MaxValueLen || len(v) > 4*MaxValueLen || marketing.HasControlChars(v) {
			return invalid(n.Field, "value", "A value in a condition on "+n.Field+" is too long or holds invisible characters.", nil)
		}
		n.Values[i] = strings.TrimSpace(v)
	}
	if n.AsOf != "" && f.Kind != KindAge {
		return invalid(n.Field, "asOf", "Only ages can be counted at another date.", nil)
	}
	if n.Days != 0 && !f.Days {
		return invalid(n.Field, "days", "Only purchases can be counted over the last days.", nil)
	}
	if n.Days < 0 || n.Days > 100*366 {
		return invalid(n.Field, "days", "The number of days must be from 1 to 36600.", nil)
	}
	switch n.Op {
	case OpKnown, OpUnknown, OpEmpty, OpNotEmpty:
		return count(n, 0)
	}
	switch f.Kind {
	case KindAge:
		if n.AsOf != "" {
			if _, err := time.Parse(marketing.DateLayout, n.AsOf); err != nil {
				return invalid(n.Field, "date", "The date to count ages at is not a date. Use the calendar to pick it.", map[string]string{"value": n.AsOf})
			}
		}
		want := 1
		if n.Op == OpBetween {
			want = 2
		}
		if err := count(n, want); err != nil {
			return err
		}
		if err := numbers(n, 0, 150); err != nil {
			return err
		}
		return ordered(n)
	case KindBirthday:
		if n.Op == OpWithinDays {
			if err := count(n, 1); err != nil {
				return err
			}
			return numbers(n, 0, 366)
		}
		if err := some(n); err != nil {
			return err
		}
		if err := numbers(n, 1, 12); err != nil {
			return err
		}
	case KindEnum:
		if err := some(n); err != nil {
			return err
		}
		for _, v := range n.Values {
			if !slices.Contains(f.Enum, v) {
				return invalid(n.Field, "value", "A condition on "+n.Field+" has a value DirectDesk does not know. Pick it again from the list.", map[string]string{"value": v})
			}
		}
	case KindNumber, KindMoney:
		want := 1
		if n.Op == OpBetween {
			want = 2
		}
		if err := count(n, want); err != nil {
			return err
		}
		if err := numbers(n, 0, 1_000_000_000); err != nil {
			return err
		}
		return ordered(n)
	case KindScore:
		if err := some(n); err != nil {
			return err
		}
		if err := numbers(n, 1, 5); err != nil {
			return err
		}
	case KindList:
		if err := some(n); err != nil {
			return err
		}
		for i, v := range n.Values {
			if n.Field == "boughtCategory" {
				n.Values[i] = marketing.Fold(v)
			}
		}
	case KindFlag:
		if err := count(n, 1); err != nil {
			return err
		}
		if v := n.Values[0]; v != "true" && v != "false" {
			return invalid(n.Field, "value", "A yes/no condition must be yes or no.", map[string]string{"value": v})
		}
	case KindDate:
		switch n.Op {
		case OpWithinDays, OpNotWithinDays:
			if err := count(n, 1); err != nil {
				return err
			}
			return numbers(n, 0, 100*366)
		case OpBetween:
			if err := count(n, 2); err != nil {
				return err
			}
		default:
			if err := count(n, 1); err != nil {
				return err
			}
		}
		for _, v := range n.Values {
			if _, err := time.Parse(marketing.DateLayout, v); err != nil {
				return invalid(n.Field, "date", "A date in a condition is not a date. Use the calendar to pick it.", map[string]string{"value": v})
			}
		}
		if n.Op == OpBetween && n.Values[0] > n.Values[1] {
			n.Values[0], n.Values[1] = n.Values[1], n.Values[0]
		}
	case KindPostcode:
		if n.Op == OpBetween {
			if err := count(n, 2); err != nil {
				return err
			}
			if err := numbers(n, 0, 99_999_999); err != nil {
				return err
			}
			return ordered(n)
		}
		if err := some(n); err != nil {
			return err
		}
		for i, v := range n.Values {
			n.Values[i] = FoldPostcode(v)
		}
	case KindText, KindCustom, KindTag:
		if err := some(n); err != nil {
			return err
		}
		for i, v := range n.Values {
			if n.Op == OpInGroup {
				n.Values[i] = strings.Join(strings.Fields(v), " ") // a group's name, as the user wrote it
				continue
			}
			n.Values[i] = FoldText(n.Field, v)
		}
	}
	if n.Op != OpBetween {
		n.Values = dedupe(n.Values)
	}
	if slices.Contains(n.Values, "") {
		return invalid(n.Field, "value", "A condition on "+n.Field+" has an empty value. Type the text to look for, or use \"is empty\".", nil)
	}
	return nil
}

// FoldText folds a text value the way the store folds the field it is
// compared with (job titles also lose punctuation at the ends; country
// codes are upper case).
func FoldText(field, v string) string {
	switch field {
	case "jobTitle":
		return marketing.NormalizeJobTitle(v)
	case "country":
		return strings.ToUpper(strings.TrimSpace(v))
	}
	return marketing.Fold(v)
}

// FoldPostcode compares postcodes without spaces and in upper case ("114 55"
// is "11455", "sw1a 1aa" is "SW1A1AA").
func FoldPostcode(v string) string {
	return strings.ToUpper(strings.Join(strings.Fields(v), ""))
}

// PostcodeNumber is an all-digit postcode as a number, or -1.
func PostcodeNumber(folded string) int {
	if folded == "" || len(folded) > 8 {
		return -1
	}
	n := 0
	for i := 0; i < len(folded); i++ {
		c := folded[i]
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func count(n *Node, want int) error {
	if len(n.Values) != want {
		return invalid(n.Field, "count", "A condition on "+n.Field+" is missing a value. Fill it in or remove the condition.", map[string]string{"want": strconv.Itoa(want)})
	}
	return nil
}

func some(n *Node) error {
	if len(n.Values) == 0 {
		return invalid(n.Field, "count", "A condition on "+n.Field+" has no values. Pick at least one or remove the condition.", nil)
	}
	return nil
}

func numbers(n *Node, lo, hi int) error {
	for i, v := range n.Values {
		x, err := strconv.Atoi(v)
		if err != nil || x < lo || x > hi {
			return invalid(n.Field, "number", "A condition on "+n.Field+" needs a whole number from "+strconv.Itoa(lo)+" to "+strconv.Itoa(hi)+".",
				map[string]string{"value": v, "min": strconv.Itoa(lo), "max": strconv.Itoa(hi)})
		}
		n.Values[i] = strconv.Itoa(x)
	}
	return nil
}

// ordered swaps a range typed backwards ("45 to 30").
func ordered(n *Node) error {
	if len(n.Values) == 2 {
		a, _ := strconv.Atoi(n.Values[0])
		b, _ := strconv.Atoi(n.Values[1])
		if a > b {
			n.Values[0], n.Values[1] = n.Values[1], n.Values[0]
		}
	}
	return nil
}

func dedupe(vs []string) []string {
	seen := make(map[string]bool, len(vs))
	out := vs[:0]
	for _, v := range vs {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// Int reads a value validated as a whole number.
func Int(v string) int {
	n, _ := strconv.Atoi(v)
	return n
}
