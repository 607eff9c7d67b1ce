package segment

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Bucket is one bar of a breakdown: a value, how it is shown, how many.
type Bucket struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Breakdown describes the contacts a filter selects, for the bars and the
// histogram beside the segment editor.
type Breakdown struct {
	Count     int      `json:"count"`
	Total     int      `json:"total"`
	Ages      []Bucket `json:"ages"`
	Genders   []Bucket `json:"genders"`
	Regions   []Bucket `json:"regions"`
	JobTitles []Bucket `json:"jobTitles"`
	Countries []Bucket `json:"countries"`
}

// AgeBands are the histogram's bands; Value "" collects unknown ages.
var AgeBands = []struct {
	Value    string
	Min, Max int
}{{"0-19", 0, 19}, {"20-29", 20, 29}, {"30-39", 30, 39}, {"40-49", 40, 49}, {"50-59", 50, 59}, {"60-69", 60, 69}, {"70+", 70, 1000}}

// topValues is how many regions and job titles a breakdown names; the rest
// is one "other" bucket (Value "*").
const topValues = 12

// Age is the age in whole years on today of someone born on b (YYYYMMDD).
func Age(b int32, today time.Time) int {
	y, m, d := today.Date()
	age := y - int(b/10000)
	if int32(int(m)*100+d) < b%10000 {
		age--
	}
	return age
}

// Breakdown counts the contacts in sel by age band, gender, region, job
// title and country.
func (c *Columns) Breakdown(sel *Bitset, today time.Time) Breakdown {
	out := Breakdown{Count: sel.Count(), Total: c.Contacts()}
	ages := make([]int, len(AgeBands)+1)
	var genderN [4]int
	region := make([]int, len(c.text["region"].dict))
	title := make([]int, len(c.text["jobTitle"].dict))
	country := make([]int, len(c.text["country"].dict))
	rc, tc, cc := c.text["region"].codes, c.text["jobTitle"].codes, c.text["country"].codes
	sel.Each(func(i int) bool {
		if b := c.birth[i]; b == 0 {
			ages[len(AgeBands)]++
		} else {
			a := Age(b, today)
			for k, band := range AgeBands {
				if a >= band.Min && a <= band.Max {
					ages[k]++
					break
				}
			}
		}
		genderN[c.gender[i]]++
		region[rc[i]]++
		title[tc[i]]++
		country[cc[i]]++
		return true
	})
	for k, band := range AgeBands {
		out.Ages = append(out.Ages, Bucket{Value: band.Value, Label: band.Value, Count: ages[k]})
	}
	out.Ages = append(out.Ages, Bucket{Value: "", Count: ages[len(AgeBands)]})
	for k, g := range genders {
		v := g
		if v == "" {
			v = GenderUnknown
		}
		out.Genders = append(out.Genders, Bucket{Value: v, Count: genderN[k]})
	}
	out.Regions = top(c.text["region"], region, topValues)
	out.JobTitles = top(c.text["jobTitle"], title, topValues)
	out.Countries = top(c.text["country"], country, topValues)
	return out
}

// top turns per-code counts into the n biggest buckets, then one "*"
// bucket for the rest and one "" bucket for empty values.
func top(col *textColumn, counts []int, n int) []Bucket {
	var out []Bucket
	for code := 1; code < len(counts); code++ {
		if counts[code] > 0 {
			out = append(out, Bucket{Value: col.dict[code], Label: col.shown[code], Count: counts[code]})
		}
	}
	slices.SortStableFunc(out, func(a, b Bucket) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
	})
	if n > 0 && len(out) > n {
		rest := 0
		for _, b := range out[n:] {
			rest += b.Count
		}
		out = append(out[:n:n], Bucket{Value: "*", Label: strconv.Itoa(len(out) - n), Count: rest})
	}
	if counts[0] > 0 {
		out = append(out, Bucket{Value: "", Count: counts[0]})
	}
	return out
}

// ValueCounts lists every value of a text field with how many contacts
// have it, biggest first, for the lists the editor offers ("Region
// Hovedstaden 41,203"). Empty values are left out.
func (c *Columns) ValueCounts(field string) ([]Bucket, bool) {
	col := c.text[field]
	if field == "postcode" {
		col = c.postcodes
	}
	if name, ok := strings.CutPrefix(field, CustomPrefix); ok {
		col = c.custom[name]
		if col == nil {
			return []Bucket{}, true
		}
	}
	if col == nil {
		return nil, false
	}
	counts := make([]int, len(col.dict))
	for i, code := range col.codes {
		if !c.dead.Has(i) {
			counts[code]++
		}
	}
	counts[0] = 0
	return top(col, counts, 0), true
}

// TagCounts lists the tags with how many contacts have each.
func (c *Columns) TagCounts() []Bucket {
	var out []Bucket
	for t, bs := range c.tags {
		n := bs.Count()
		if c.dead != nil {
			x := bs.Clone()
			x.AndNot(c.dead)
			n = x.Count()
		}
		if n > 0 {
			out = append(out, Bucket{Value: t, Label: c.tagShown[t], Count: n})
		}
	}
	slices.SortFunc(out, func(a, b Bucket) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value)) })
	return out
}
