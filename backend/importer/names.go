package importer

import (
	"strings"
	"unicode"
)

// SplitFullName splits a name written in one cell into first, middle and
// last name. "Hansen, Anna" is last-comma-first; "Anna Marie Hansen" keeps
// every given name in first; particles stay with the last name ("Jan van der
// Berg"); Russian names are read by their patronymic ("Иванов Иван
// Петрович", "Иван Петрович Иванов") or, for two words, by the surname's
// ending ("Иванова Анна"). Nothing but white space and commas is dropped:
// titles and initials stay where they are, so no part of a name is lost.
func SplitFullName(s string) (first, middle, last string) {
	if i := strings.IndexByte(s, ','); i >= 0 {
		before := strings.Fields(s[:i])
		after := strings.Fields(strings.ReplaceAll(s[i+1:], ",", " "))
		switch {
		case len(before) == 0:
			return SplitFullName(strings.Join(after, " "))
		case len(after) == 0:
			return "", "", strings.Join(before, " ")
		}
		last = strings.Join(before, " ")
		// "Иванов, Иван Петрович": the patronymic after the given name.
		if n := len(after); n >= 2 && isCyrillicText(strings.Join(after, " ")) && isPatronymic(after[n-1]) {
			return strings.Join(after[:n-1], " "), after[n-1], last
		}
		return strings.Join(after, " "), "", last
	}
	w := strings.Fields(s)
	n := len(w)
	switch {
	case n == 0:
		return "", "", ""
	case n == 1:
		return w[0], "", ""
	}
	if isCyrillicText(s) {
		return splitRussian(w)
	}
	// The last name starts at the first particle that is neither the first
	// nor the last word: "Jan van der Berg", "Maria da Silva Santos".
	for i := 1; i < n-1; i++ {
		if nameParticles[strings.ToLower(w[i])] {
			return strings.Join(w[:i], " "), "", strings.Join(w[i:], " ")
		}
	}
	return strings.Join(w[:n-1], " "), "", w[n-1]
}

var nameParticles = map[string]bool{
	"van": true, "von": true, "der": true, "den": true, "de": true, "da": true, "di": true, "du": true,
	"le": true, "la": true, "af": true, "del": true, "della": true, "dos": true, "das": true, "ter": true, "ten": true, "zu": true,
}

func splitRussian(w []string) (first, middle, last string) {
	n := len(w)
	if n == 2 {
		// Russian lists often put the surname first ("Иванова Анна"); tell it
		// by its ending, unless the other word looks as much like a surname.
		if surnameLike(w[0]) && !knownGivenName(w[0]) && (!surnameLike(w[1]) || knownGivenName(w[1])) {
			return w[1], "", w[0]
		}
		return w[0], "", w[1]
	}
	// Given name, patronymic, surname: "Иван Петрович Иванов".
	for i := 1; i < n-1; i++ {
		if isPatronymic(w[i]) {
			return strings.Join(w[:i], " "), w[i], strings.Join(w[i+1:], " ")
		}
	}
	// Surname, given name, patronymic: "Иванов Иван Петрович".
	if isPatronymic(w[n-1]) {
		return strings.Join(w[1:n-1], " "), w[n-1], w[0]
	}
	if surnameLike(w[0]) && !surnameLike(w[n-1]) {
		return strings.Join(w[1:], " "), "", w[0]
	}
	return strings.Join(w[:n-1], " "), "", w[n-1]
}

// isCyrillicText reports whether most letters of s are Cyrillic.
func isCyrillicText(s string) bool {
	cyr, other := 0, 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.IsLetter(r):
			other++
		}
	}
	return cyr > other
}

func hasAnySuffix(w string, suffixes ...string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// isPatronymic: Петрович, Сергеевич, Ильич, Петровна, Сергеевна, Ильинична.
func isPatronymic(w string) bool {
	w = strings.ToLower(strings.TrimRight(w, "."))
	return len([]rune(w)) >= 4 && hasAnySuffix(w, "ович", "евич", "ич", "овна", "евна", "ична", "инична")
}

// surnameLike: the common endings of Russian surnames (the last part of a
// double-barrelled one).
func surnameLike(w string) bool {
	w = strings.ToLower(w)
	if i := strings.LastIndexByte(w, '-'); i >= 0 {
		w = w[i+1:]
	}
	return len([]rune(w)) >= 4 && hasAnySuffix(w, "ов", "ев", "ёв", "ин", "ын", "ова", "ева", "ёва", "ина", "ына", "ский", "ская", "цкий", "цкая", "ской")
}

// givenNames end like surnames but are given names.
var givenNames = map[string]bool{
	"ирина": true, "марина": true, "алина": true, "галина": true, "полина": true, "карина": true, "нина": true,
	"кристина": true, "валентина": true, "ангелина": true, "регина": true, "арина": true, "екатерина": true,
	"каролина": true, "зарина": true, "дина": true, "мальвина": true, "алевтина": true, "владислава": false,
	"вениамин": true, "яков": true, "лев": true, "мартин": true,
}

func knownGivenName(w string) bool { return givenNames[strings.ToLower(w)] }
