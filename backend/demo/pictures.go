package demo

import (
	"bytes"
	"hash/fnv"
	"image"
	"image/color"
	"image/jpeg"
	"math"
)

// Demo products get simple flat pictures (a cup, a candle, a plant ...),
// drawn here so the demo catalog looks like a catalog without shipping
// photos. Each SKU gets its own shade, so the pictures differ.

const picW, picH = 600, 450

// Picture draws the demo picture of a product as a JPEG.
func Picture(sku, category string) []byte {
	h := fnv.New32a()
	h.Write([]byte(sku))
	seed := h.Sum32()
	p := &painter{img: image.NewRGBA(image.Rect(0, 0, picW, picH))}
	base := categoryColours[category]
	if base == (color.RGBA{}) {
		base = color.RGBA{120, 140, 150, 255}
	}
	shade := func(c color.RGBA, by int) color.RGBA {
		adj := func(v uint8) uint8 { return uint8(max(0, min(255, int(v)+by))) }
		return color.RGBA{adj(c.R), adj(c.G), adj(c.B), 255}
	}
	tint := int(seed%40) - 20
	bg := shade(color.RGBA{246, 242, 236, 255}, tint/4)
	main := shade(base, tint)
	dark := shade(main, -50)
	p.rect(0, 0, picW, picH, bg)
	p.ellipse(300, 395, 190, 22, shade(bg, -18)) // shadow
	switch category {
	case "Coffee & tea":
		p.rect(210, 190, 180, 190, main)
		p.ellipse(300, 380, 90, 14, main)
		p.ring(400, 270, 45, 18, main)
		for i := range 3 {
			p.rect(250+i*40, 110+(i%2)*12, 8, 55, shade(bg, -35))
		}
	case "Kitchen":
		p.rect(170, 200, 260, 170, main)
		p.ellipse(300, 200, 130, 26, dark)
		p.rect(285, 160, 30, 30, dark)
		p.rect(120, 240, 50, 18, dark)
		p.rect(430, 240, 50, 18, dark)
	case "Candles & lighting":
		for i, x := range []int{220, 300, 380} {
			top := 170 + i%2*40
			p.rect(x-28, top, 56, 380-top, shade(main, i*15))
			p.ellipse(x, top-30, 14, 28, color.RGBA{250, 190, 60, 255})
			p.ellipse(x, top-24, 6, 14, color.RGBA{255, 240, 180, 255})
		}
	case "Garden":
		p.rect(230, 290, 140, 95, color.RGBA{190, 110, 70, 255})
		for i := range 5 {
			a := -math.Pi/2 + float64(i-2)*0.55
			p.ellipse(300+int(95*math.Cos(a)), 270+int(110*math.Sin(a)), 38, 70, shade(main, i*8))
		}
	case "Gifts":
		p.rect(190, 210, 220, 170, main)
		p.rect(180, 180, 240, 50, dark)
		p.rect(288, 180, 24, 200, color.RGBA{240, 220, 120, 255})
		p.ellipse(270, 165, 35, 20, color.RGBA{240, 220, 120, 255})
		p.ellipse(330, 165, 35, 20, color.RGBA{240, 220, 120, 255})
	case "Home textiles":
		for i := range 5 {
			p.rect(160+i*6, 170+i*42, 280, 38, shade(main, (i%2)*40-20))
		}
	default: // Clothing
		p.rect(220, 160, 160, 220, main)
		p.rect(150, 160, 80, 60, main)
		p.rect(370, 160, 80, 60, main)
		p.ellipse(300, 160, 40, 20, bg)
	}
	var b bytes.Buffer
	jpeg.Encode(&b, p.img, &jpeg.Options{Quality: 82})
	return b.Bytes()
}

var categoryColours = map[string]color.RGBA{
	"Coffee & tea":       {150, 100, 70, 255},
	"Kitchen":            {70, 110, 140, 255},
	"Candles & lighting": {230, 225, 210, 255},
	"Garden":             {80, 150, 90, 255},
	"Gifts":              {190, 60, 60, 255},
	"Home textiles":      {120, 150, 170, 255},
	"Clothing":           {60, 90, 120, 255},
}

type painter struct{ img *image.RGBA }

func (p *painter) rect(x, y, w, h int, c color.RGBA) {
	for j := max(0, y); j < min(picH, y+h); j++ {
		for i := max(0, x); i < min(picW, x+w); i++ {
			p.img.SetRGBA(i, j, c)
		}
	}
}

func (p *painter) ellipse(cx, cy, rx, ry int, c color.RGBA) {
	for j := max(0, cy-ry); j <= min(picH-1, cy+ry); j++ {
		for i := max(0, cx-rx); i <= min(picW-1, cx+rx); i++ {
			dx, dy := float64(i-cx)/float64(rx), float64(j-cy)/float64(ry)
			if dx*dx+dy*dy <= 1 {
				p.img.SetRGBA(i, j, c)
			}
		}
	}
}

// ring is a circle outline of the given thickness (a cup's handle).
func (p *painter) ring(cx, cy, r, thick int, c color.RGBA) {
	for j := max(0, cy-r); j <= min(picH-1, cy+r); j++ {
		for i := max(0, cx-r); i <= min(picW-1, cx+r); i++ {
			d := math.Hypot(float64(i-cx), float64(j-cy))
			if d <= float64(r) && d >= float64(r-thick) {
				p.img.SetRGBA(i, j, c)
			}
		}
	}
}
