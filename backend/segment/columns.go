package segment

import (
	"slices"
	"strings"
)

// Row is one contact as the segment columns need it. The store fills it in
// id order (see store.DB.EachSegmentRow); text is already folded the way
// filters compare it.
type Row struct {
	ID            int64
	BirthDate     string // YYYY-MM-DD or ""
	Gender        string // female, male, other or ""
	Kind          string
	Country       string // upper case
	Region        string // folded
	Postcode      string // FoldPostcode
	City          string // folded
	JobTitle      string // marketing.NormalizeJobTitle
	Company       string // folded
	Language      string
	Source        string // folded
	CustomerSince string
	Origin        string // own, bought or rented
	HasEmail      bool
	HasMobile     bool
	HasPhone      bool
	HasAddress    bool
	Consent       map[string]string // channel -> granted/refused
	Tags          []string          // folded
	TagLabels     []string          // the same tags as named (parallel to Tags)
	Custom        map[string]string // name -> folded value
	// Shown are the text fields as typed, for lists of values to pick
	// from ("Region Hovedstaden", not "region hovedstaden"): field -> text.
	Shown map[string]string
}

// Columns hold every contact of a workspace in compact, column-wise form:
// a filter over a million contacts is a few passes over arrays of small
// integers, not a million SQL row visits. Text columns are dictionary
// encoded (id 0 is the empty text).
type Columns struct {
	IDs       []int64 // ascending
	birth     []int32 // YYYYMMDD, 0 = unknown
	gender    []uint8 // index into genders
	kind      []uint8
	origin    []uint8 // index into Origins
	since     []int32 // YYYYMMDD, 0 = unknown
	flags     []uint8
	consent   []uint8 // 2 bits per channel (see consentShift): 0 none, 1 granted, 2 refused
	postNum   []int32 // the postcode as a number, -1 if not all digits
	text      map[string]*textColumn
	tags      map[string]*Bitset // folded tag -> who has it
	tagShown  map[string]string  // folded tag -> its name
	custom    map[string]*textColumn
	postcodes *textColumn

	dead    *Bitset // positions of contacts deleted since the build
	patched bool    // changed in place since the build

	// Purchases, from the orders (see purchase.go).
	orders     []uint32
	revenue    []int64 // minor units
	firstOrder []int32 // YYYYMMDD, 0 = never
	lastOrder  []int32
	Bounds     PurchaseBounds
}

// textColumn is a dictionary-encoded text column.
type textColumn struct {
	codes []uint32
	dict  []string          // code -> text; dict[0] = ""
	shown []string          // code -> the text as first typed
	index map[string]uint32 // text -> code
}

func newTextColumn() *textColumn {
	return &textColumn{dict: []string{""}, shown: []string{""}, index: map[string]uint32{"": 0}}
}

// set stores v at position i (growing the column: custom ones start
// late); shown is how the user typed it ("" = v).
func (t *textColumn) set(i int, v string, shown ...string) {
	code, ok := t.index[v]
	if !ok {
		code = uint32(len(t.dict))
		t.dict = append(t.dict, strings.Clone(v))
		sh := t.dict[code]
		if len(shown) > 0 && shown[0] != "" {
			sh = strings.Clone(shown[0])
		}
		t.shown = append(t.shown, sh)
		t.index[t.dict[code]] = code
	}
	for len(t.codes) <= i {
		t.codes = append(t.codes, 0)
	}
	t.codes[i] = code
}

// textFields are the Row fields kept as dictionary-encoded columns.
var textFields = []string{"country", "region", "city", "jobTitle", "company", "language", "source"}

const (
	flagEmail uint8 = 1 << iota
	flagMobile
	flagPhone
	flagAddress
)

var genders = []string{"", "female", "male", "other"}
var kinds = []string{"customer", "prospect"}

var consentShift = map[string]uint{"email": 0, "sms": 2, "post": 4, "phone": 6}

// Builder collects rows into Columns.
type Builder struct{ c *Columns }

func NewBuilder() *Builder {
	c := &Columns{text: map[string]*textColumn{}, tags: map[string]*Bitset{}, tagShown: map[string]string{}, custom: map[string]*textColumn{}, postcodes: newTextColumn()}
	for _, f := range textFields {
		c.text[f] = newTextColumn()
	}
	return &Builder{c: c}
}

// Add appends a row; rows must come in ascending id order.
func (b *Builder) Add(r *Row) { b.c.append(r) }

// append adds a contact at the end (its id is above every id held).
func (c *Columns) append(r *Row) {
	c.IDs = append(c.IDs, r.ID)
	c.orders = append(c.orders, 0) // orders arrive with their own note (see Cache)
	c.revenue = append(c.revenue, 0)
	c.firstOrder = append(c.firstOrder, 0)
	c.lastOrder = append(c.lastOrder, 0)
	c.birth = append(c.birth, 0)
	c.since = append(c.since, 0)
	c.gender = append(c.gender, 0)
	c.kind = append(c.kind, 0)
	c.origin = append(c.origin, 0)
	c.flags = append(c.flags, 0)
	c.consent = append(c.consent, 0)
	c.postNum = append(c.postNum, 0)
	c.postcodes.codes = append(c.postcodes.codes, 0)
	for _, f := range textFields {
		c.text[f].codes = append(c.text[f].codes, 0)
	}
	c.put(len(c.IDs)-1, r)
}

// put writes contact r at position i, over whatever was there.
func (c *Columns) put(i int, r *Row) {
	c.birth[i] = dateInt(r.BirthDate)
	c.since[i] = dateInt(r.CustomerSince)
	c.gender[i] = uint8(max(slices.Index(genders, r.Gender), 0))
	c.kind[i] = uint8(max(slices.Index(kinds, r.Kind), 0))
	c.origin[i] = uint8(max(slices.Index(Origins, r.Origin), 0))
	var fl uint8
	for _, x := range []struct {
		on  bool
		bit uint8
	}{{r.HasEmail, flagEmail}, {r.HasMobile, flagMobile}, {r.HasPhone, flagPhone}, {r.HasAddress, flagAddress}} {
		if x.on {
			fl |= x.bit
		}
	}
	c.flags[i] = fl
	var cs uint8
	for ch, st := range r.Consent {
		shift, ok := consentShift[ch]
		if !ok {
			continue
		}
		switch st {
		case "granted":
			cs |= 1 << shift
		case "refused":
			cs |= 2 << shift
		}
	}
	c.consent[i] = cs
	c.postcodes.set(i, r.Postcode)
	c.postNum[i] = int32(PostcodeNumber(r.Postcode))
	for _, f := range textFields {
		c.text[f].set(i, rowText(r, f), r.Shown[f])
	}
	if c.patched { // a fresh build has no bits to clear
		for _, bs := range c.tags {
			bs.Clear(i)
		}
	}
	for k, t := range r.Tags {
		bs := c.tags[t]
		if bs == nil {
			bs = &Bitset{}
			c.tags[strings.Clone(t)] = bs
			c.tagShown[t] = t
			if k < len(r.TagLabels) {
				c.tagShown[t] = strings.Clone(r.TagLabels[k])
			}
		}
		bs.Set(i)
	}
	if c.patched {
		for name, col := range c.custom {
			if _, ok := r.Custom[name]; !ok {
				col.set(i, "")
			}
		}
	}
	for name, v := range r.Custom {
		col := c.custom[name]
		if col == nil {
			col = newTextColumn()
			c.custom[strings.Clone(name)] = col
		}
		col.set(i, v)
	}
}

// Columns finishes the build.
func (b *Builder) Columns() *Columns {
	c := b.c
	n := len(c.IDs)
	for _, col := range c.custom {
		for len(col.codes) < n {
			col.codes = append(col.codes, 0)
		}
	}
	return c
}

func rowText(r *Row, field string) string {
	switch field {
	case "country":
		return r.Country
	case "region":
		return r.Region
	case "city":
		return r.City
	case "jobTitle":
		return r.JobTitle
	case "company":
		return r.Company
	case "language":
		return r.Language
	case "source":
		return r.Source
	}
	return ""
}

// dateInt turns YYYY-MM-DD into YYYYMMDD (0 for anything else).
func dateInt(s string) int32 {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0
	}
	var n int32
	for i := 0; i < 10; i++ {
		if i == 4 || i == 7 {
			continue
		}
		c := s[i]
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int32(c-'0')
	}
	return n
}

// Len is the number of contacts.
func (c *Columns) Len() int { return len(c.IDs) }

// Index returns the position of contact id, or -1.
func (c *Columns) Index(id int64) int {
	i, ok := slices.BinarySearch(c.IDs, id)
	if !ok || c.dead.Has(i) {
		return -1
	}
	return i
}

// Contacts is the number of contacts held (deleted ones excluded).
func (c *Columns) Contacts() int { return c.Len() - c.dead.Count() }

// apply brings the columns up to date with the rows read for the changed
// ids (a missing row is a deleted contact). It reports false when the
// columns should be rebuilt instead: a contact appeared below the highest
// id, or a quarter of the positions are dead.
func (c *Columns) apply(ids []int64, rows map[int64]*Row) bool {
	c.patched = true
	for _, id := range ids {
		r := rows[id]
		i, found := slices.BinarySearch(c.IDs, id)
		switch {
		case found && r != nil:
			c.put(i, r)
			if c.dead.Has(i) {
				c.dead.Clear(i)
			}
		case found:
			if c.dead == nil {
				c.dead = &Bitset{}
			}
			c.dead.Set(i)
		case r != nil && (len(c.IDs) == 0 || id > c.IDs[len(c.IDs)-1]):
			c.append(r)
		case r != nil:
			return false
		}
	}
	n := c.Len()
	for _, col := range c.custom {
		for len(col.codes) < n {
			col.codes = append(col.codes, 0)
		}
	}
	return c.dead.Count() <= n/4
}

// SetPurchases replaces every contact's order figures (each calls add with
// one contact's purchase until it returns false) and recomputes the bounds.
func (c *Columns) SetPurchases(each func(add func(p *Purchase)) error, rules PurchaseRules) error {
	clear(c.orders)
	clear(c.revenue)
	clear(c.firstOrder)
	clear(c.lastOrder)
	err := each(func(p *Purchase) {
		i, ok := slices.BinarySearch(c.IDs, p.ContactID)
		if !ok {
			return // a contact added after the columns were read: its own note follows
		}
		c.orders[i], c.revenue[i] = p.Orders, p.Revenue
		c.firstOrder[i], c.lastOrder[i] = dateInt(p.First), dateInt(p.Last)
	})
	if err != nil {
		return err
	}
	c.Bounds = ComputeBounds(c.orders, c.revenue, c.lastOrder, func(i int) bool { return !c.dead.Has(i) }, rules)
	return nil
}

// Positions is the set of positions of the given contacts (those not in
// the columns are left out).
func (c *Columns) Positions(ids []int64) *Bitset {
	b := &Bitset{}
	for _, id := range ids {
		if i := c.Index(id); i >= 0 {
			b.Set(i)
		}
	}
	return b
}
