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
	HasEmail      bool
	HasMobile     bool
	HasPhone      bool
	HasAddress    bool
	Consent       map[string]string // channel -> granted/refused
	Tags          []string          // folded
	Custom        map[string]string // name -> folded value
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
	since     []int32 // YYYYMMDD, 0 = unknown
	flags     []uint8
	consent   []uint8 // 2 bits per channel (see consentShift): 0 none, 1 granted, 2 refused
	postNum   []int32 // the postcode as a number, -1 if not all digits
	text      map[string]*textColumn
	tags      map[string]*Bitset // folded tag -> who has it
	custom    map[string]*textColumn
	postcodes *textColumn
}

// textColumn is a dictionary-encoded text column.
type textColumn struct {
	codes []uint32
	dict  []string          // code -> text; dict[0] = ""
	index map[string]uint32 // text -> code
}

func newTextColumn() *textColumn {
	return &textColumn{dict: []string{""}, index: map[string]uint32{"": 0}}
}

func (t *textColumn) add(n int, v string) {
	code, ok := t.index[v]
	if !ok {
		code = uint32(len(t.dict))
		t.dict = append(t.dict, strings.Clone(v))
		t.index[t.dict[code]] = code
	}
	for len(t.codes) < n {
		t.codes = append(t.codes, 0) // custom columns start late
	}
	t.codes = append(t.codes, code)
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
	c := &Columns{text: map[string]*textColumn{}, tags: map[string]*Bitset{}, custom: map[string]*textColumn{}, postcodes: newTextColumn()}
	for _, f := range textFields {
		c.text[f] = newTextColumn()
	}
	return &Builder{c: c}
}

// Add appends a row; rows must come in ascending id order.
func (b *Builder) Add(r *Row) {
	c := b.c
	i := len(c.IDs)
	c.IDs = append(c.IDs, r.ID)
	c.birth = append(c.birth, dateInt(r.BirthDate))
	c.since = append(c.since, dateInt(r.CustomerSince))
	c.gender = append(c.gender, uint8(max(slices.Index(genders, r.Gender), 0)))
	c.kind = append(c.kind, uint8(max(slices.Index(kinds, r.Kind), 0)))
	var fl uint8
	for _, x := range []struct {
		on  bool
		bit uint8
	}{{r.HasEmail, flagEmail}, {r.HasMobile, flagMobile}, {r.HasPhone, flagPhone}, {r.HasAddress, flagAddress}} {
		if x.on {
			fl |= x.bit
		}
	}
	c.flags = append(c.flags, fl)
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
	c.consent = append(c.consent, cs)
	c.postcodes.add(i, r.Postcode)
	c.postNum = append(c.postNum, int32(PostcodeNumber(r.Postcode)))
	for _, f := range textFields {
		c.text[f].add(i, rowText(r, f))
	}
	for _, t := range r.Tags {
		bs := c.tags[t]
		if bs == nil {
			bs = &Bitset{}
			c.tags[strings.Clone(t)] = bs
		}
		bs.Set(i)
	}
	for name, v := range r.Custom {
		col := c.custom[name]
		if col == nil {
			col = newTextColumn()
			c.custom[strings.Clone(name)] = col
		}
		col.add(i, v)
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
	for _, bs := range c.tags {
		bs.Grow(n)
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
	if !ok {
		return -1
	}
	return i
}
