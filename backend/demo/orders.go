package demo

import "directdesk/backend/marketing"

// Shape of the purchase histories, chosen so RFM segmentation has something
// to find: most buyers bought once or a few times, a loyal tail buys often,
// and a share of customers have lapsed.
const (
	buyersPct   = 70  // customers with at least one order
	loyalPct    = 12  // buyers with 10-25 orders
	lostPct     = 25  // buyers (with enough history) whose last order is 18+ months old
	lostDays    = 548 // 18 months
	maxOrders   = 25
	maxLines    = 4
	recentDays  = 540 // active repeat buyers ordered within this many days
	favouritePc = 60  // lines picked near the buyer's favourite product
)

// channels with their shares; each buyer mostly sticks to one.
var (
	channels = [...]string{"shop", "web", "phone", "mail"}
	channelW = newWeights([]int{45, 35, 12, 8})
	// fewOrders is the count for ordinary buyers, 1-9, heavily skewed to 1-3.
	fewOrdersW = newWeights([]int{38, 22, 14, 9, 6, 4, 3, 2, 2})
	linesW     = newWeights([]int{50, 30, 14, 6})
)

// Orders returns the purchase history for contact i, deterministic in
// (seed, i) and c's CustomerSince. ContactID is left 0 for the caller. The
// first order is on CustomerSince, the rest between it and today; totals are
// the sums of their lines. Prospects, customers without a CustomerSince and
// an empty catalogue give no orders. If c is nil, Contact(i) is used.
// OrderNo is "O" + the 7-digit contact number + "-" + the order number
// ("O0000042-03"), unique per (i, k).
func (g *Generator) Orders(i int, c *marketing.Contact, products []marketing.Product) []marketing.Order {
	if c == nil {
		cc := g.Contact(i)
		c = &cc
	}
	if c.Kind == marketing.KindProspect || len(products) == 0 {
		return nil
	}
	start, ok := parseDate(c.CustomerSince)
	if !ok || start > g.today {
		return nil
	}
	r := g.rngFor(i, streamOrders)
	if !r.chance(buyersPct) {
		return nil
	}

	n := 1 + fewOrdersW.pick(&r)
	loyal := r.chance(loyalPct)
	if loyal {
		n = 10 + r.intn(maxOrders-9)
	}
	end := g.today
	lostCut := g.today - lostDays
	if !loyal && start < lostCut-60 && r.chance(lostPct) {
		// Lapsed: the last order falls somewhere in the second half of the
		// time between the first order and 18 months ago.
		end = lostCut - r.intn((lostCut-start)/2+1)
	} else if n > 1 && end-start > recentDays {
		// Active repeat buyers have bought recently.
		end = g.today - r.intn(recentDays)
	}

	// Dates: the first is CustomerSince, the last is end, the rest in between.
	var days [maxOrders]int
	days[0] = start
	if n > 1 {
		days[n-1] = end
		for k := 1; k < n-1; k++ {
			days[k] = start + r.intn(end-start+1)
		}
		insertionSort(days[1 : n-1])
	}

	currency := products[0].Price.Currency
	prefChannel := channelW.pick(&r)
	fav := r.intn(len(products))

	orders := make([]marketing.Order, n)
	lines := make([]marketing.OrderLine, 0, n*maxLines)
	// OrderNo and Date of every order share one string.
	buf := make([]byte, 0, n*(len("O0000000-00")+10))
	type pos struct{ no, date span }
	var at [maxOrders]pos
	for k := 0; k < n; k++ {
		s := len(buf)
		buf = append(buf, 'O')
		buf = appendPadded(buf, i+1, 7)
		buf = append(buf, '-')
		buf = appendPadded(buf, k+1, 2)
		at[k].no = mark(buf, s)
		s = len(buf)
		buf = appendDate(buf, days[k])
		at[k].date = mark(buf, s)

		ch := prefChannel
		if !r.chance(70) {
			ch = channelW.pick(&r)
		}
		first := len(lines)
		nl := min(1+linesW.pick(&r), len(products))
		var total int64
		for len(lines)-first < nl {
			p := r.intn(len(products))
			if r.chance(favouritePc) {
				// Near the favourite: the catalogue lists a category together.
				p = (fav + r.intn(6)) % len(products)
			}
			dup := false
			for _, l := range lines[first:] {
				dup = dup || l.SKU == products[p].SKU
			}
			if dup {
				continue
			}
			q := 1
			if x := r.intn(100); x >= 90 {
				q = 3 + r.intn(4)
			} else if x >= 70 {
				q = 2
			}
			unit := products[p].Price.Minor
			lines = append(lines, marketing.OrderLine{SKU: products[p].SKU, Quantity: q, UnitMinor: unit})
			total += int64(q) * unit
		}
		orders[k] = marketing.Order{
			Channel: channels[ch],
			Total:   marketing.Money{Minor: total, Currency: currency},
			// Full slice expression: appending to one order's lines must not
			// overwrite the next order's.
			Lines: lines[first:len(lines):len(lines)],
		}
	}
	str := string(buf)
	for k := range orders {
		orders[k].OrderNo = at[k].no.of(str)
		orders[k].Date = at[k].date.of(str)
	}
	return orders
}

func insertionSort(a []int) {
	for k := 1; k < len(a); k++ {
		for j := k; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}
