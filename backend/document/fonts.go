package document

import (
	"embed"
	"sync"

	"directdesk/backend/document/internal/fpdf"
)

// DejaVu Sans covers every letter our users write (æøå, äö, Cyrillic, ₽)
// and has an open licence (fonts/LICENSE-DejaVu.txt). It is embedded so a
// document looks the same on every machine, and fpdf subsets it: a letter
// carries only the glyphs it uses.
//
//go:embed fonts/*.ttf
var fontFS embed.FS

const family = "dejavu"

// style is a font style: regular, bold, italic, bold italic.
type style uint8

const (
	regular style = iota
	bold
	italic
	boldItalic
)

var styleNames = [4]string{"", "B", "I", "BI"}
var fontFiles = [4]string{"fonts/DejaVuSans.ttf", "fonts/DejaVuSans-Bold.ttf", "fonts/DejaVuSans-Oblique.ttf", "fonts/DejaVuSans-BoldOblique.ttf"}

// metricRunes is how far the width tables reach; Latin, Cyrillic and the
// punctuation and currency signs all sit below it.
const metricRunes = 0x2200

type fontMetrics struct {
	widths  [4][]uint16 // glyph widths in 1/1000 em
	missing [4]uint16
	bytes   [4][]byte
}

var (
	metricsOnce sync.Once
	metrics     fontMetrics
)

// loadMetrics reads the fonts once per process: measuring text is the
// hot path of layout and must not go through a PDF object.
func loadMetrics() *fontMetrics {
	metricsOnce.Do(func() {
		for s := range 4 {
			b, err := fontFS.ReadFile(fontFiles[s])
			if err != nil {
				panic(err) // embedded: cannot happen
			}
			metrics.bytes[s] = b
			p := fpdf.New("P", "mm", "A4", "")
			p.AddUTF8FontFromBytes(family, styleNames[s], b)
			p.SetFont(family, styleNames[s], 1000) // size 1000: width in mm*… is glyph units scaled; we read symbol widths
			w := make([]uint16, metricRunes)
			for r := rune(0); r < metricRunes; r++ {
				w[r] = uint16(p.GetStringSymbolWidth(string(r)))
			}
			metrics.widths[s] = w
			metrics.missing[s] = uint16(p.GetStringSymbolWidth("\uFFFD"))
		}
	})
	return &metrics
}

// textWidth is the width of s in millimetres at size points.
func textWidth(s string, st style, size float64) float64 {
	m := loadMetrics()
	w := m.widths[st]
	total := 0
	for _, r := range s {
		if r >= 0 && r < metricRunes {
			total += int(w[r])
		} else {
			total += int(m.missing[st])
		}
	}
	return float64(total) * size / 1000 * ptToMM
}

const ptToMM = 25.4 / 72
