package marketing

import (
	"strings"
	"testing"
)

// Part sizes from 3GPP TS 23.038 / 23.040: GSM-7 160 single, 153 per part
// of a long message (the rest is the user data header); UCS-2 70 and 67.
func TestCountSMS(t *testing.T) {
	cases := []struct {
		name, text string
		enc        string
		units      int
		parts      int
	}{
		{"empty", "", "GSM-7", 0, 0},
		{"danish fits GSM", "Hej Søren! Æbleskiver på Ærø til 49 kr.", "GSM-7", 39, 1},
		{"swedish and norwegian", "Åsa, Ölands bästa: Ærlig, ÆØÅ äö", "GSM-7", 32, 1},
		{"euro takes two", "Kun 10 €", "GSM-7", 9, 1},
		{"160 in one", strings.Repeat("a", 160), "GSM-7", 160, 1},
		{"161 needs two", strings.Repeat("a", 161), "GSM-7", 161, 2},
		{"306 in two", strings.Repeat("a", 306), "GSM-7", 306, 2},
		{"307 in three", strings.Repeat("a", 307), "GSM-7", 307, 3},
		{"russian is UCS-2", "Привет, Анна!", "UCS-2", 13, 1},
		{"70 russian in one", strings.Repeat("я", 70), "UCS-2", 70, 1},
		{"71 russian in two", strings.Repeat("я", 71), "UCS-2", 71, 2},
		{"134 russian in two", strings.Repeat("я", 134), "UCS-2", 134, 2},
		{"135 russian in three", strings.Repeat("я", 135), "UCS-2", 135, 3},
		{"an emoji forces UCS-2", "Hej 🌷", "UCS-2", 6, 1},
		{"ð is not GSM", "Góðan dag", "UCS-2", 9, 1},
	}
	for _, c := range cases {
		got := CountSMS(c.text)
		if got.Encoding != c.enc || got.Units != c.units || got.Parts != c.parts {
			t.Errorf("%s: %+v, want %s %d units %d parts", c.name, got, c.enc, c.units, c.parts)
		}
	}
	// An escape pair is not split: 152 letters and a euro sign do not fit
	// the first 153-septet part together, so the euro starts the second.
	if got := CountSMS(strings.Repeat("a", 152) + "€" + strings.Repeat("b", 152)); got.Parts != 3 {
		t.Errorf("escape split: %+v", got)
	}
	if got := CountSMS("Привет 😀"); got.NonGSM[0] != "П" || got.Left != 70-9 {
		t.Errorf("non-GSM list or left: %+v", got)
	}
}
