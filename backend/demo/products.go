package demo

import (
	"strings"

	"directdesk/backend/marketing"
)

// The demo catalogue is a Nordic home-and-gift shop of the kind that sells
// in a high street shop, online and by catalogue: English names with a local
// flavour, prices set in DKK at typical shop price points and converted to
// the workspace currency with "charm" rounding (149 kr, 1 190 ₽, 19.95 €).

type catalogueItem struct {
	sku, name, desc, category string
	dkkOre                    int64
	discontinued              bool
}

var catalogue = []catalogueItem{
	{"COF-001", "Morgenkaffe coffee beans, 500 g", "Medium roast, Danish breakfast blend.", "Coffee & tea", 8900, false},
	{"COF-002", "Espresso Mørk coffee beans, 1 kg", "Dark roast for espresso machines.", "Coffee & tea", 17900, false},
	{"COF-003", "Fika filter coffee, 400 g", "Light Swedish roast for the afternoon break.", "Coffee & tea", 6900, false},
	{"COF-004", "Earl Grey loose tea, 100 g", "Black tea with bergamot.", "Coffee & tea", 5900, false},
	{"COF-005", "Nordic berry tea, 75 g", "Lingonberry, blueberry and rose hip.", "Coffee & tea", 4900, false},
	{"COF-006", "Coffee lover's gift box", "Two coffees, a mug and biscuits.", "Coffee & tea", 29900, false},

	{"KIT-001", "Stoneware mug Hygge, 35 cl", "Hand-glazed, dishwasher safe.", "Kitchen", 11900, false},
	{"KIT-002", "Enamel coffee pot, 1.5 l", "For the stove and the campfire.", "Kitchen", 34900, false},
	{"KIT-003", "Oak cutting board", "Solid Danish oak, oiled.", "Kitchen", 24900, false},
	{"KIT-004", "Cast iron frying pan, 28 cm", "Pre-seasoned, for all hobs.", "Kitchen", 44900, false},
	{"KIT-005", "Linen tea towels, 2-pack", "Washed linen, natural colour.", "Kitchen", 9900, false},
	{"KIT-006", "Rugbrød baking kit", "Sourdough starter, flour mix and tin.", "Kitchen", 14900, false},

	{"TEX-001", "Wool blanket Fjord, 130x180 cm", "Norwegian wool, woven stripes.", "Home textiles", 79900, false},
	{"TEX-002", "Sheepskin rug", "Natural Icelandic sheepskin.", "Home textiles", 89900, false},
	{"TEX-003", "Cushion cover Lyng, 50x50 cm", "Heather-coloured cotton.", "Home textiles", 19900, false},
	{"TEX-004", "Linen tablecloth, 145x250 cm", "Stonewashed linen.", "Home textiles", 44900, false},
	{"TEX-005", "Knitted throw Mormor", "Chunky hand-knitted look.", "Home textiles", 59900, false},
	{"TEX-006", "Bath towel Bastu, 70x140 cm", "Organic cotton terry.", "Home textiles", 14900, true},

	{"LIG-001", "Stearin candles, 10-pack", "Dripless dinner candles.", "Candles & lighting", 6900, false},
	{"LIG-002", "Advent calendar candle", "Burn one day each December morning.", "Candles & lighting", 4900, false},
	{"LIG-003", "Brass candle holder", "Solid brass, classic shape.", "Candles & lighting", 24900, false},
	{"LIG-004", "Paper star lamp Julestjerne", "Folded paper star with cord.", "Candles & lighting", 29900, false},
	{"LIG-005", "Table lamp Nordlys", "Opal glass shade, oak base.", "Candles & lighting", 99900, false},
	{"LIG-006", "Scented candle Skov, 200 g", "Pine and moss, 40 hours.", "Candles & lighting", 17900, false},

	{"GAR-001", "Bird feeder Mejse", "For tits and sparrows, oiled pine.", "Garden", 17900, false},
	{"GAR-002", "Herb seed set", "Dill, chives, parsley and thyme.", "Garden", 7900, false},
	{"GAR-003", "Leather garden gloves", "Goatskin, sizes S-XL.", "Garden", 12900, false},
	{"GAR-004", "Terracotta pot, 25 cm", "Frost-proof.", "Garden", 14900, false},
	{"GAR-005", "Wooden deck chair Sommer", "Folding, FSC beech and canvas.", "Garden", 129900, false},
	{"GAR-006", "Zinc watering can, 5 l", "Galvanised, with rose.", "Garden", 27900, false},

	{"GIF-001", "Greeting cards, 8-pack", "Nordic motifs, with envelopes.", "Gifts", 5900, false},
	{"GIF-002", "Dala horse, hand painted", "The classic from Dalarna, 10 cm.", "Gifts", 19900, false},
	{"GIF-003", "Troll figure", "Hand-carved Norwegian troll.", "Gifts", 14900, false},
	{"GIF-004", "Matryoshka doll, 5 pieces", "Hand-painted nesting doll.", "Gifts", 24900, false},
	{"GIF-005", "Christmas elf Nisse", "Felt nisse with red cap.", "Gifts", 12900, false},
	{"GIF-006", "Photo wall calendar", "A3, with holidays for the Nordics.", "Gifts", 19900, true},

	{"CLO-001", "Wool socks, 2-pack", "Warm socks in merino wool.", "Clothing", 14900, false},
	{"CLO-002", "Knitted hat Vinter", "Lambswool with pompom.", "Clothing", 24900, false},
	{"CLO-003", "Lusekofte wool sweater", "Traditional Norwegian pattern.", "Clothing", 149900, false},
	{"CLO-004", "Rain jacket Regn", "Waterproof, taped seams.", "Clothing", 89900, false},
	{"CLO-005", "Leather gloves", "Lined with wool.", "Clothing", 49900, false},
	{"CLO-006", "Canvas tote bag", "Heavy cotton canvas.", "Clothing", 9900, false},
}

// perMilleOfDKK is roughly what 1 DKK buys in each currency, times 1000.
var perMilleOfDKK = map[string]int64{
	"DKK": 1000, "SEK": 1470, "NOK": 1550, "RUB": 12500,
	"EUR": 134, "USD": 150, "GBP": 115,
}

// Products returns the product catalogue (42 products in 7 categories) with
// prices in minor units of currency. IDs are 0; the store assigns them.
// An unknown currency is priced like EUR.
func (g *Generator) Products(currency string) []marketing.Product {
	currency = strings.ToUpper(strings.TrimSpace(currency))
	if currency == "" {
		currency = "DKK"
	}
	rate, ok := perMilleOfDKK[currency]
	if !ok {
		rate = perMilleOfDKK["EUR"]
	}
	out := make([]marketing.Product, len(catalogue))
	for i, it := range catalogue {
		out[i] = marketing.Product{
			SKU: it.sku, Name: it.name, Description: it.desc, Category: it.category,
			Price:  marketing.Money{Minor: charmPrice(it.dkkOre*rate/1000, currency), Currency: currency},
			Active: !it.discontinued,
		}
	}
	return out
}

// charmPrice rounds a converted price to a shop price point: whole kroner
// ending in 9, roubles ending in 90 or 9, and .95 for euro-like currencies.
func charmPrice(minor int64, currency string) int64 {
	major := (minor + 50) / 100
	switch currency {
	case "DKK", "SEK", "NOK":
		return (ceilTo(major, 10) - 1) * 100
	case "RUB":
		if major >= 1000 {
			return (ceilTo(major, 100) - 10) * 100
		}
		return (ceilTo(major, 10) - 1) * 100
	}
	return ceilTo(max(major, 1), 1)*100 - 5
}

func ceilTo(v, step int64) int64 {
	if v <= 0 {
		return step
	}
	return (v + step - 1) / step * step
}
