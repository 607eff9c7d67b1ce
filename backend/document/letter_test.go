package document

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"directdesk/backend/marketing"
)

var testSender = &Sender{Lang: "da", Business: marketing.BusinessProfile{Name: "Nørrebro Cykler ApS", Street: "Nørrebrogade 12", Postcode: "2200", City: "København N", Country: "DK", Phone: "+45 33 12 34 56", Email: "hej@example.dk", Website: "noerrebrocykler.example.dk", RegNo: "CVR 12345678"}}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestALetterCarriesTheAddressAndBodyWithNordicAndCyrillicLetters(t *testing.T) {
	d := newDoc(paperA4, nil, "Test", time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))
	layout := marketing.LetterLayout{Paper: "A4", Envelope: "DL", Window: "left", Sender: true, Footer: true}
	body := "<h1>Vinterudsalg</h1><p>Kære Søren Ærø,</p><p>Vi har <b>fået nye cykler</b> hjem, og <i>du</i> får 15 % rabat. Привет, Анна Петровна! Åsa Öberg läser också.</p><ul><li>Gratis eftersyn</li><li>Kaffe på huset</li></ul>" + strings.Repeat("<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>", 12)
	pages, problems := d.drawLetter(layout, testSender, &Letter{Address: []string{"Søren Ærø", "Vestergade 12, 2. th", "2100 København Ø"}, Date: "København, 2. december 2026", Body: body, Lang: "da"})
	if len(problems) != 0 {
		t.Errorf("problems: %v", problems)
	}
	path := t.TempDir() + "/letter.pdf"
	f, _ := os.Create(path)
	if err := d.output(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if os.Getenv("DD_KEEP") != "" {
		exec.Command("cp", path, os.Getenv("DD_KEEP")).Run()
	}
	text := pdfText(t, path)
	for _, want := range []string{"Søren Ærø", "2100 København Ø", "Привет, Анна Петровна", "Åsa Öberg", "Side 1 af 2"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if pages != 2 {
		t.Errorf("pages = %d, want 2", pages)
	}
}
