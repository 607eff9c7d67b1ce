package marketing

import "unicode/utf16"

// SMS length: a text that fits the GSM 03.38 alphabet (which has the
// Nordic Æ Ø Å Ä Ö and é, ü, ñ ...) is sent as GSM-7, 160 characters in one
// message or 153 per part when split; anything else (Cyrillic, emoji,
// the Icelandic Ð) makes the whole text UCS-2: 70 in one, 67 per part.
// Providers bill per part, so the composer shows the count as you type.

// gsmBasic is the GSM 03.38 default alphabet.
const gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"

// gsmExtended characters take two septets (an escape and the character).
const gsmExtended = "\f^{}\\[~]|€"

var gsmBasicSet, gsmExtendedSet = runeSet(gsmBasic), runeSet(gsmExtended)

func runeSet(s string) map[rune]bool {
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}

// SMSCount is how an SMS text will be sent.
type SMSCount struct {
	Encoding string `json:"encoding"` // "GSM-7" or "UCS-2"
	Units    int    `json:"units"`    // septets (GSM-7) or UTF-16 code units (UCS-2)
	Parts    int    `json:"parts"`    // messages billed
	PerPart  int    `json:"perPart"`  // units that fit one part at this length
	Left     int    `json:"left"`     // units left in the last part
	// NonGSM lists the characters that forced UCS-2 (at most 10).
	NonGSM []string `json:"nonGsm"`
}

// CountSMS counts an SMS text's parts.
func CountSMS(text string) SMSCount {
	c := SMSCount{Encoding: "GSM-7", NonGSM: []string{}}
	septets := 0
	seen := map[rune]bool{}
	for _, r := range text {
		switch {
		case gsmBasicSet[r]:
			septets++
		case gsmExtendedSet[r]:
			septets += 2
		default:
			c.Encoding = "UCS-2"
			if !seen[r] && len(c.NonGSM) < 10 {
				seen[r] = true
				c.NonGSM = append(c.NonGSM, string(r))
			}
		}
	}
	single, multi := 160, 153
	if c.Encoding == "UCS-2" {
		c.Units = len(utf16.Encode([]rune(text)))
		single, multi = 70, 67
		c.Parts = ucs2Parts(text, single, multi)
	} else {
		c.Units = septets
		c.Parts = gsmParts(text, single, multi)
	}
	c.PerPart = single
	if c.Units > single {
		c.PerPart = multi
	}
	if c.Units == 0 {
		c.Parts = 0
		c.Left = single
		return c
	}
	used := c.Units - (c.Parts-1)*c.PerPart
	if c.Parts > 1 {
		used = c.Units % multi
		if used == 0 {
			used = multi
		}
	}
	c.Left = max(0, c.PerPart-used)
	return c
}

// gsmParts splits like a phone does: an escape and its character are
// never split across two parts.
func gsmParts(text string, single, multi int) int {
	total := 0
	for _, r := range text {
		total += 1
		if gsmExtendedSet[r] {
			total++
		}
	}
	if total <= single {
		return min(1, total)
	}
	parts, used := 1, 0
	for _, r := range text {
		w := 1
		if gsmExtendedSet[r] {
			w = 2
		}
		if used+w > multi {
			parts++
			used = 0
		}
		used += w
	}
	return parts
}

// ucs2Parts never splits a surrogate pair (an emoji) across two parts.
func ucs2Parts(text string, single, multi int) int {
	units := utf16.Encode([]rune(text))
	if len(units) <= single {
		return min(1, len(units))
	}
	parts, used := 1, 0
	for _, r := range text {
		w := 1
		if r > 0xFFFF {
			w = 2
		}
		if used+w > multi {
			parts++
			used = 0
		}
		used += w
	}
	return parts
}
