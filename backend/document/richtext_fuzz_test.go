package document

import (
	"strings"
	"testing"
	"time"

	"directdesk/backend/marketing"
)

// FuzzRichText feeds what a paste from Word or a broken editor may send
// through the sanitizer, the block parser and the letter layout: nothing
// may panic, and the sanitizer's output must be stable when cleaned again.
func FuzzRichText(f *testing.F) {
	for _, s := range []string{
		"<p>Kære {{first_name}},</p><ul><li>Æble</li><li><b>Øl</b></li></ul>",
		"<h1>Tilbud</h1><p style=\"text-align: center\">{{#if age &gt; 60}}Senior{{/if}}</p>",
		"<div><span style=\"font-family:Calibri\">Hej <o:p></o:p></span></div><script>x</script>",
		"<p>{{<b>first</b>_name}}</p><img src=\"media:img/abc\" data-width=\"40\">",
		"<ol><li>Один<li>Два</ol><br><br><h2>Äö",
		strings.Repeat("<b><i>", 50) + "x",
		"<p>" + strings.Repeat("Supercalifragilistic", 40) + "</p>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 1<<14 {
			return
		}
		clean := Sanitize(src)
		if again := Sanitize(clean); again != clean {
			t.Fatalf("sanitize is not stable:\n%q\n%q", clean, again)
		}
		_ = PlainText(clean)
		d := newDoc(paperA4, nil, "", time.Time{})
		d.drawLetter(marketing.LetterLayout{Paper: "A4", Envelope: "DL", Window: "left", Footer: true}, &Sender{Lang: "da"},
			&Letter{Address: []string{src}, Body: clean, Lang: "da"})
		if d.pdf.Err() {
			t.Fatal(d.pdf.Error())
		}
	})
}
