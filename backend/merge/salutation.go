package merge

import (
	"strings"

	"directdesk/backend/marketing"
)

// Salutation is the opening of a letter to a person, without the comma:
//
//	da  Kære Anna      / Kære kunde
//	sv  Hej Anna       / Hej
//	nb  Kjære Anna     / Kjære kunde
//	en  Dear Anna      / Dear customer
//	ru  Уважаемая Анна Петровна / Уважаемый Иван Петрович / Уважаемый клиент
//
// Only Russian agrees with the gender: when it is unknown it is read from
// the patronymic, then from the first name (see ruGender); GenderOther and
// names that tell nothing get the neutral "Уважаемый(ая)". Unknown
// languages get English.
func Salutation(lang string, gender marketing.Gender, first, middle, last string) string {
	return salutation(langOf(lang), gender, first, middle)
}

// salutation does not need the last name: no language here greets with it.
func salutation(l lang, gender marketing.Gender, first, middle string) string {
	first = strings.TrimSpace(first)
	switch l {
	case langDA:
		return greet("Kære ", first, "Kære kunde")
	case langSV:
		return greet("Hej ", first, "Hej")
	case langNB:
		return greet("Kjære ", first, "Kjære kunde")
	case langRU:
		return ruSalutation(gender, first, strings.TrimSpace(middle))
	}
	return greet("Dear ", first, "Dear customer")
}

func greet(prefix, name, none string) string {
	if name == "" {
		return none
	}
	return prefix + name
}

func ruSalutation(g marketing.Gender, first, patronymic string) string {
	if first == "" {
		return "Уважаемый клиент"
	}
	name := first
	if patronymic != "" {
		name += " " + patronymic
	}
	if g == marketing.GenderUnknown {
		g = ruGender(first, patronymic)
	}
	switch g {
	case marketing.GenderFemale:
		return "Уважаемая " + name
	case marketing.GenderMale:
		return "Уважаемый " + name
	}
	return "Уважаемый(ая) " + name
}

// ruMaleInA are men's names (and the usual short forms) that end in -а/-я
// like women's names do. Саша, Женя, Валя, Слава are both, so they are not here.
var ruMaleInA = map[string]bool{
	"никита": true, "илья": true, "кузьма": true, "фома": true, "лука": true, "савва": true,
	"данила": true, "гаврила": true, "фока": true, "иона": true,
	"миша": true, "петя": true, "ваня": true, "дима": true, "коля": true, "вова": true,
	"лёша": true, "леша": true, "алёша": true, "алеша": true, "серёжа": true, "сережа": true,
	"гриша": true, "паша": true, "толя": true, "федя": true, "юра": true, "боря": true,
	"гена": true, "витя": true, "костя": true, "рома": true, "лёва": true, "лева": true,
	"стёпа": true, "степа": true, "митя": true, "гоша": true,
}

// ruUnisex are short forms used by men and women alike.
var ruUnisex = map[string]bool{"саша": true, "женя": true, "валя": true, "слава": true, "шура": true}

// ruGender guesses the gender of a Russian name: the patronymic decides
// (-вна, -чна, -кызы: female; -ич, -оглы: male), else a first name in -а/-я
// is a woman's unless it is a known man's name. Anything else is unknown,
// because a consonant ending does not rule out a woman (Любовь, foreign names).
func ruGender(first, patronymic string) marketing.Gender {
	p := strings.ToLower(patronymic)
	switch {
	case strings.HasSuffix(p, "вна"), strings.HasSuffix(p, "чна"), strings.HasSuffix(p, "кызы"):
		return marketing.GenderFemale
	case strings.HasSuffix(p, "ич"), strings.HasSuffix(p, "оглы"):
		return marketing.GenderMale
	}
	f := strings.ToLower(first)
	if i := strings.IndexAny(f, " -"); i >= 0 {
		f = f[:i] // "Анна-Мария": the first part tells
	}
	switch {
	case ruMaleInA[f]:
		return marketing.GenderMale
	case ruUnisex[f]:
		return marketing.GenderUnknown
	case strings.HasSuffix(f, "а"), strings.HasSuffix(f, "я"):
		return marketing.GenderFemale
	}
	return marketing.GenderUnknown
}
