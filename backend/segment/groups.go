package segment

import (
	"slices"
	"strings"
	"unicode/utf8"

	"directdesk/backend/marketing"
)

// OpInGroup matches job titles in a group the user defines ("decision
// makers" = Direktør, Indehaver, CEO, Генеральный директор...). The filter
// keeps the group's name, so editing the group changes every segment that
// uses it; Expand replaces it with the titles just before evaluation.
const OpInGroup = "inGroup"

// TitleGroup is a named set of job titles.
type TitleGroup struct {
	Name   string   `json:"name"`
	Titles []string `json:"titles"`
}

// DefaultTitleGroups are offered until the user saves their own: decision
// makers and buyers, with titles in the five languages DirectDesk speaks.
// Their names are in English here; DefaultTitleGroupsIn names them in the
// workspace's language.
var DefaultTitleGroups = []TitleGroup{
	{Name: "Decision makers", Titles: []string{
		"Direktør", "Adm. direktør", "Administrerende direktør", "Direktør/ejer", "Daglig leder",
		"Indehaver", "Ejer", "Eier", "Partner", "CEO", "Managing Director", "Owner", "Founder",
		"VD", "Verkställande direktör", "Ägare", "Grundare",
		"Генеральный директор", "Директор", "Владелец", "Учредитель",
	}},
	{Name: "Buyers and purchasing", Titles: []string{
		"Indkøber", "Indkøbschef", "Innkjøper", "Innkjøpssjef", "Inköpare", "Inköpschef", "Buyer", "Purchasing Manager",
		"Закупщик", "Менеджер по закупкам",
	}},
}

// CheckTitleGroups validates and normalises groups: names unique ignoring
// case, titles folded like stored job titles, no empty groups.
func CheckTitleGroups(groups []TitleGroup) ([]TitleGroup, error) {
	seen := map[string]bool{}
	out := make([]TitleGroup, 0, len(groups))
	for _, g := range groups {
		name := strings.Join(strings.Fields(g.Name), " ")
		if name == "" || utf8.RuneCountInString(name) > 100 || marketing.HasControlChars(name) {
			return nil, marketing.FieldError(marketing.EInvalid, "titleGroups", "Give every group of job titles a short name.", nil)
		}
		if seen[marketing.Fold(name)] {
			return nil, marketing.FieldError(marketing.EConflict, "titleGroups", "Two groups of job titles are called \""+name+"\".", map[string]string{"name": name})
		}
		seen[marketing.Fold(name)] = true
		var titles []string
		for _, t := range g.Titles {
			if t = strings.Join(strings.Fields(t), " "); marketing.NormalizeJobTitle(t) != "" && !marketing.HasControlChars(t) && utf8.RuneCountInString(t) <= MaxValueLen &&
				!slices.ContainsFunc(titles, func(x string) bool { return marketing.NormalizeJobTitle(x) == marketing.NormalizeJobTitle(t) }) {
				titles = append(titles, t)
			}
		}
		if len(titles) == 0 {
			return nil, marketing.FieldError(marketing.EInvalid, "titleGroups", "The group \""+name+"\" has no job titles.", map[string]string{"name": name})
		}
		out = append(out, TitleGroup{Name: name, Titles: titles})
	}
	return out, nil
}

// Expand returns a copy of f with every inGroup condition replaced by the
// group's titles. A group that no longer exists is an error that names it.
func Expand(f Filter, groups []TitleGroup) (Filter, error) {
	var err error
	f.Root = mapNodes(f.Root, func(n Node) Node {
		if n.Op != OpInGroup {
			return n
		}
		var titles []string
		for _, name := range n.Values {
			k := slices.IndexFunc(groups, func(g TitleGroup) bool { return marketing.Fold(g.Name) == marketing.Fold(name) })
			if k < 0 {
				if err == nil {
					err = invalid(n.Field, "group", "There is no group of job titles called \""+name+"\" any more. Pick another group.", map[string]string{"name": name})
				}
				continue
			}
			for _, t := range groups[k].Titles {
				if norm := marketing.NormalizeJobTitle(t); norm != "" { // "-" is no title
					titles = append(titles, norm)
				}
			}
		}
		n.Op, n.Values = OpIn, dedupe(titles)
		if len(n.Values) == 0 {
			n.Values = []string{"\x00"} // matches nobody; the error says why
		}
		return n
	})
	return f, err
}

var defaultGroupNames = map[string][2]string{
	"da": {"Beslutningstagere", "Indkøbere"},
	"sv": {"Beslutsfattare", "Inköpare"},
	"nb": {"Beslutningstakere", "Innkjøpere"},
	"ru": {"Руководители", "Закупщики"},
}

// DefaultTitleGroupsIn returns the default groups named in language lang.
func DefaultTitleGroupsIn(lang string) []TitleGroup {
	out := make([]TitleGroup, len(DefaultTitleGroups))
	copy(out, DefaultTitleGroups)
	if names, ok := defaultGroupNames[lang]; ok {
		out[0].Name, out[1].Name = names[0], names[1]
	}
	return out
}
