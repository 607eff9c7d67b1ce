package document

import (
	"context"
	"math"
	"strings"

	"directdesk/backend/marketing"
)

// catalogVariants resolves which catalog each recipient gets: the first
// variant whose segment holds them (a variant without a segment takes
// everyone), with its categories, products, order and price list.
type catalogVariants struct {
	layout   marketing.CatalogLayout
	sections [][]CatalogSection // per variant; the last entry is "everyone else"
	segments map[string]map[int64]bool
}

func newCatalogVariants(ctx context.Context, st Store, req *Request) (*catalogVariants, error) {
	products, err := st.Products(ctx)
	if err != nil {
		return nil, err
	}
	active := products[:0:0]
	for _, p := range products {
		if p.Active {
			active = append(active, p)
		}
	}
	if len(active) == 0 {
		return nil, marketing.Errorf(marketing.EInvalid, "There are no products to show. Add products (or import them) before making a catalog.")
	}
	cv := &catalogVariants{layout: req.Template.Layout.Catalog, segments: req.Segments}
	variants := append(append([]marketing.CatalogVariant(nil), cv.layout.Variants...), marketing.CatalogVariant{})
	for _, v := range variants {
		cv.sections = append(cv.sections, sectionsFor(active, v))
	}
	return cv, nil
}

// sectionsFor groups a variant's products by category in the variant's order.
func sectionsFor(products []marketing.Product, v marketing.CatalogVariant) []CatalogSection {
	pick := products
	if len(v.SKUs) > 0 {
		bySKU := make(map[string]marketing.Product, len(products))
		for _, p := range products {
			bySKU[strings.ToLower(p.SKU)] = p
		}
		pick = nil
		for _, s := range v.SKUs {
			if p, ok := bySKU[strings.ToLower(strings.TrimSpace(s))]; ok {
				pick = append(pick, p)
			}
		}
	}
	var order []string
	byCat := map[string][]CatalogItem{}
	allowed := map[string]bool{}
	for _, c := range v.Categories {
		allowed[strings.ToLower(c)] = true
		order = append(order, c)
	}
	for _, p := range pick {
		cat := p.Category
		key := strings.ToLower(cat)
		if len(allowed) > 0 && !allowed[key] {
			continue
		}
		if len(allowed) == 0 && byCat[key] == nil {
			order = append(order, cat)
		}
		item := CatalogItem{Product: p, ListMinor: p.Price.Minor}
		if v.Discount > 0 {
			item.Price.Minor = discounted(p.Price.Minor, v.Discount)
		}
		byCat[key] = append(byCat[key], item)
	}
	var out []CatalogSection
	for _, cat := range order {
		if items := byCat[strings.ToLower(cat)]; len(items) > 0 {
			name := cat
			if name == "" {
				name = "—"
			}
			out = append(out, CatalogSection{Category: name, Items: items})
			delete(byCat, strings.ToLower(cat)) // a category named twice is shown once
		}
	}
	return out
}

// variantFor is the index of the recipient's variant.
func (cv *catalogVariants) variantFor(id int64) int {
	for i, v := range cv.layout.Variants {
		if v.Segment == "" || cv.segments[v.Segment][id] {
			return i
		}
	}
	return len(cv.layout.Variants)
}

func (cv *catalogVariants) forContact(ct *marketing.Contact, c *compiled, code string, buys map[int64]marketing.PurchaseSummary, lang string) (*Catalog, string) {
	i := cv.variantFor(ct.ID)
	l := cv.layout
	title, name := l.Title, ""
	if i < len(l.Variants) {
		name = l.Variants[i].Segment
		if l.Variants[i].Title != "" {
			title = l.Variants[i].Title
		}
		if name == "" {
			name = "*"
		}
	}
	cat := &Catalog{
		Title: title, Season: l.Season, Recipient: ct.DisplayName(), Address: c.address(ct), Code: code,
		Lang: lang, Grid: l.Grid, Contents: l.Contents, Reply: l.Reply, Sections: cv.sections[i],
		Money: func(minor int64, cur string) string { return moneyIn(lang, minor, cur) },
	}
	if l.Intro && strings.TrimSpace(c.req.Template.Body) != "" {
		cat.Intro = c.merged(c.env(ct, code, buys))
	}
	return cat, name
}

// discounted takes percent off a price and rounds down to a whole unit:
// 10 % off 179,00 kr. is 161,00 kr. (not 161,10), and the customer never
// gets less off than the discount promises. Prices under one unit keep
// their øre; nothing goes below one unit.
func discounted(minor int64, percent float64) int64 {
	const unit = 100
	raw := float64(minor) * (100 - percent) / 100
	if minor < unit {
		return int64(math.Round(raw))
	}
	return max(unit, int64(math.Floor(raw/unit))*unit)
}
