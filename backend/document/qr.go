package document

import (
	qrcode "github.com/skip2/go-qrcode"
)

// qr draws a QR code of text as vector squares (sharp at any print
// resolution, and no picture per recipient in the file) in a size×size box.
func (d *doc) qr(text string, x, y, size float64) bool {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return false
	}
	q.DisableBorder = true
	bits := q.Bitmap()
	n := len(bits)
	if n == 0 {
		return false
	}
	cell := size / float64(n)
	d.pdf.SetFillColor(0, 0, 0)
	for r, row := range bits {
		// Runs of dark cells become one rectangle: fewer drawing operators.
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			e := c
			for e < len(row) && row[e] {
				e++
			}
			d.pdf.Rect(x+float64(c)*cell, y+float64(r)*cell, float64(e-c)*cell+0.01, cell+0.01, "F")
			c = e
		}
	}
	return true
}
