package campaign

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/stats"
	"directdesk/backend/store"
)

// Results measures a campaign: step 8. The counts come from the store in
// grouped queries; here they become rates, money and plain words.
//
// Definitions (per touch): Recipients are the list rows not skipped or
// cancelled; Sent the rows done (letters posted, SMS exported, calls with
// an outcome; emails sent, bounced or refused by the server); Bounced the
// emails bounced or refused; Delivered = Sent - Bounced; Cost what the
// done rows cost (emails: unit cost x sent); Responses the distinct
// target-group people with a response attributed to the touch that is not
// an opt-out or a no; Orders the order responses; Revenue their value.
// Segment, channel and total lines count people for Recipients and
// Delivered (the total's Recipients are the target group).
func (s *Service) Results(ctx context.Context, id int64) (marketing.CampaignResults, error) {
	now := s.Now()
	f, err := s.db.CampaignResultFacts(ctx, id, now)
	if err != nil {
		return emptyResults(), err
	}
	return buildResults(&f, now), nil
}

func emptyResults() marketing.CampaignResults {
	return marketing.CampaignResults{Touches: []marketing.ResultLine{}, Segments: []marketing.ResultLine{}, Channels: []marketing.ResultLine{},
		FollowUp: []marketing.FollowUpPoint{}, Daily: []marketing.DailyPoint{}, Lifecycle: []marketing.LifecycleMove{}, Findings: []marketing.Finding{}}
}

// economics is what turns counts into money: the margin in percent (0 =
// unknown: profit is then revenue - cost) and the value of one order.
type economics struct {
	marginPct  int64
	orderValue int64
}

func buildResults(f *store.ResultFacts, now time.Time) marketing.CampaignResults {
	c := f.Campaign
	r := emptyResults()
	r.CampaignID, r.Name, r.Status, r.Currency, r.AsOf = c.ID, c.Name, c.Status, c.Currency, marketing.Timestamp(now)
	r.Daily, r.Lifecycle = f.Daily, f.Lifecycle
	r.OpenFulfilments, r.FulfilmentDays = f.OpenFulfilments, math.Round(f.FulfilmentDays*10)/10

	// Break-even rests on the planned order value, or what orders really
	// brought when the plan has none.
	econ := economics{marginPct: int64(c.MarginPct), orderValue: c.OrderValueMinor}
	if econ.orderValue == 0 && f.Total.Orders > 0 {
		econ.orderValue = int64(math.Round(float64(f.Total.RevenueMinor) / float64(f.Total.Orders)))
	}
	start := c.StartDate
	if start == "" {
		start = c.LaunchDay()
	}

	for _, t := range f.Touches {
		n := counts(f.ByTouch[t.ID])
		l := marketing.ResultLine{Key: "touch:" + strconv.Itoa(t.Seq), Label: fmt.Sprintf("Touch %d (%s)", t.Seq, t.Channel), Channel: t.Channel, Seq: t.Seq,
			Due: marketing.Touch{DueDate: t.DueDate, OffsetDays: t.OffsetDays}.Due(start)}
		fill(&l, n, n.Listed, n.Sent-n.Bounced, econ)
		r.Touches = append(r.Touches, l)
	}
	for _, ch := range marketing.TouchChannels {
		n, ok := f.ByChannel[ch]
		if !ok {
			continue
		}
		l := marketing.ResultLine{Key: "channel:" + ch, Label: channelLabel[ch], Channel: ch}
		fill(&l, *n, n.People, n.Delivered, econ)
		r.Channels = append(r.Channels, l)
	}
	for _, st := range lifecycleOrder(f.BySegment) {
		n := f.BySegment[st]
		key := st
		if key == "" {
			key = "unknown"
		}
		l := marketing.ResultLine{Key: "segment:" + key, Label: lifecycleLabel(key)}
		fill(&l, *n, n.Members, n.Delivered, econ)
		r.Segments = append(r.Segments, l)
	}
	recipients := f.Total.Members
	if recipients == 0 {
		recipients = f.Total.People // a mailing has no frozen members: its list
	}
	r.Totals = marketing.ResultLine{Key: "total", Label: "Total"}
	fill(&r.Totals, f.Total, recipients, f.Total.Delivered, econ)

	r.FollowUp = followUp(r.Touches)
	r.Uplift = uplift(f)
	r.LTV = ltv(f, now)
	r.Findings = findings(&r)
	return r
}

func counts(n *store.ResultCounts) store.ResultCounts {
	if n == nil {
		return store.ResultCounts{}
	}
	return *n
}

// fill sets a line's counts and works out its rates and money.
func fill(l *marketing.ResultLine, n store.ResultCounts, recipients, delivered int, e economics) {
	l.Recipients, l.Sent, l.Bounced, l.Delivered = recipients, n.Sent, n.Bounced, max(delivered, 0)
	l.Responses, l.Orders, l.Clicks, l.Opens = n.Responders, n.Orders, n.Clicks, n.Opens
	l.RevenueMinor, l.CostMinor = n.RevenueMinor, n.CostMinor
	l.ResponseRate, l.OrderRate = ratio(l.Responses, l.Delivered), ratio(l.Orders, l.Delivered)
	l.CostPerResponseMinor, l.CostPerOrderMinor = perUnit(l.CostMinor, l.Responses), perUnit(l.CostMinor, l.Orders)
	gross := l.RevenueMinor
	if e.marginPct > 0 {
		gross = int64(math.Round(float64(l.RevenueMinor) * float64(e.marginPct) / 100))
	}
	l.ProfitMinor = gross - l.CostMinor
	l.ROI = stats.ROI(gross, l.CostMinor)
	if e.marginPct > 0 && e.orderValue > 0 && l.Delivered > 0 && l.CostMinor > 0 {
		perResponse := int64(math.Round(float64(e.orderValue) * float64(e.marginPct) / 100))
		l.BreakEvenRate = stats.BreakEvenRate(perUnit(l.CostMinor, l.Delivered), perResponse)
		if math.IsInf(l.BreakEvenRate, 0) || math.IsNaN(l.BreakEvenRate) {
			l.BreakEvenRate = 0
		}
	}
}

func ratio(a, b int) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func perUnit(v int64, n int) int64 {
	if n <= 0 {
		return 0
	}
	return int64(math.Round(float64(v) / float64(n)))
}

// followUp is the follow-up curve: what each touch number brought and the
// cumulative share of all attributed orders (of revenue when no order was
// recorded) up to it.
func followUp(touches []marketing.ResultLine) []marketing.FollowUpPoint {
	out := []marketing.FollowUpPoint{}
	var orders int
	var revenue int64
	for _, t := range touches {
		orders += t.Orders
		revenue += t.RevenueMinor
	}
	var cumOrders int
	var cumRevenue int64
	for _, t := range touches {
		cumOrders += t.Orders
		cumRevenue += t.RevenueMinor
		p := marketing.FollowUpPoint{Seq: t.Seq, Channel: t.Channel, Responses: t.Responses, Orders: t.Orders, RevenueMinor: t.RevenueMinor}
		switch {
		case orders > 0:
			p.CumulativeShare = float64(cumOrders) / float64(orders)
		case revenue > 0:
			p.CumulativeShare = float64(cumRevenue) / float64(revenue)
		}
		out = append(out, p)
	}
	return out
}

// uplift compares who bought in the target group and the control group
// since the launch.
func uplift(f *store.ResultFacts) marketing.Uplift {
	u := marketing.Uplift{TargetN: f.TargetN, TargetBuyers: f.TargetBuyers, ControlN: f.ControlN, ControlBuyers: f.ControlBuyers, Verdict: "no_data", P: 1}
	u.TargetRate, u.ControlRate = ratio(f.TargetBuyers, f.TargetN), ratio(f.ControlBuyers, f.ControlN)
	u.Uplift = u.TargetRate - u.ControlRate
	u.TargetRevenuePerPersonMinor, u.ControlRevenuePerPersonMinor = perUnit(f.TargetRevenue, f.TargetN), perUnit(f.ControlRevenue, f.ControlN)
	if f.ControlN == 0 || f.TargetN == 0 {
		return u
	}
	u.Measured = true
	cmp := stats.Compare(f.TargetBuyers, f.TargetN, f.ControlBuyers, f.ControlN)
	u.Low, u.High, u.P, u.Test, u.Verdict = cmp.Low, cmp.High, cmp.P, cmp.Test, cmp.Verdict
	perTarget := float64(f.TargetRevenue) / float64(f.TargetN)
	perControl := float64(f.ControlRevenue) / float64(f.ControlN)
	u.IncrementalRevenueMinor = int64(math.Round((perTarget - perControl) * float64(f.TargetN)))
	return u
}

func ltv(f *store.ResultFacts, now time.Time) marketing.LTVMovement {
	l := marketing.LTVMovement{
		TargetBeforeMinor: perUnit(f.TargetBefore, f.TargetN), TargetSinceMinor: perUnit(f.TargetRevenue, f.TargetN),
		ControlBeforeMinor: perUnit(f.ControlBefore, f.ControlN), ControlSinceMinor: perUnit(f.ControlRevenue, f.ControlN),
		TargetLifetimeMinor: perUnit(f.TargetLifetime, f.TargetN),
	}
	if d, err := time.Parse(marketing.DateLayout, f.Campaign.LaunchDay()); err == nil {
		today, _ := time.Parse(marketing.DateLayout, now.Format(marketing.DateLayout))
		l.SinceDays = max(int(today.Sub(d).Hours()/24), 0)
	}
	return l
}

var channelLabel = map[string]string{marketing.TouchLetter: "Letter", marketing.TouchCatalog: "Catalog", marketing.TouchEmail: "Email",
	marketing.TouchSMS: "SMS", marketing.TouchPhone: "Phone"}

// lifecycleStages orders the segment lines as the customer's life goes.
var lifecycleStages = []string{"new", "firstTime", "repeat", "active", "loyal", "lapsing", "lost", "prospect"}

func lifecycleOrder(m map[string]*store.ResultCounts) []string {
	rank := map[string]int{}
	for i, s := range lifecycleStages {
		rank[s] = i + 1
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := rank[keys[i]], rank[keys[j]]
		if a == 0 {
			a = 1000
		}
		if b == 0 {
			b = 1000
		}
		if a != b {
			return a < b
		}
		return keys[i] < keys[j]
	})
	return keys
}

func lifecycleLabel(s string) string {
	switch s {
	case "firstTime":
		return "First-time buyers"
	case "repeat":
		return "Repeat buyers"
	case "loyal":
		return "Loyal"
	case "lapsing":
		return "Lapsing"
	case "lost":
		return "Lost"
	case "prospect":
		return "Prospects"
	case "new":
		return "New"
	case "active":
		return "Active"
	case "unknown":
		return "Unknown"
	}
	return s
}

// pct writes a rate as a percentage with one decimal ("4.1 %").
func pct(v float64) string { return strconv.FormatFloat(v*100, 'f', 1, 64) + " %" }

// pText writes a p-value the way a report says it.
func pText(p float64) string {
	switch {
	case p < 0.001:
		return "p < 0.001"
	case p < 0.01:
		return "p = " + strconv.FormatFloat(p, 'f', 3, 64)
	}
	return "p = " + strconv.FormatFloat(p, 'f', 2, 64)
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// findings are the plain-words summary: a few sentences, each with a code
// and parameters (numbers as plain decimals; rates 0..1) for the UI to
// translate, and the English text.
func findings(r *marketing.CampaignResults) []marketing.Finding {
	out := []marketing.Finding{}
	add := func(code string, params map[string]string, text string) {
		out = append(out, marketing.Finding{Code: code, Params: params, Text: text})
	}
	t := r.Totals
	if t.Delivered > 0 && t.Responses == 0 {
		add("no_responses", map[string]string{"delivered": strconv.Itoa(t.Delivered)},
			fmt.Sprintf("No responses yet from the %d people reached.", t.Delivered))
	}
	if u := r.Uplift; u.Measured && u.Verdict != "no_data" {
		add("uplift", map[string]string{"targetRate": num(u.TargetRate), "controlRate": num(u.ControlRate), "p": num(u.P),
			"verdict": u.Verdict, "test": u.Test, "low": num(u.Low), "high": num(u.High)},
			fmt.Sprintf("%s against %s: %s, %s.", pct(u.TargetRate), pct(u.ControlRate), reportLang("en").verdict(u.Verdict, u.Uplift), pText(u.P)))
	}
	if len(r.FollowUp) > 5 {
		share := 1 - r.FollowUp[4].CumulativeShare
		if r.FollowUp[len(r.FollowUp)-1].CumulativeShare > 0 {
			basis := "orders"
			if t.Orders == 0 {
				basis = "revenue"
			}
			add("after_fifth", map[string]string{"share": num(share), "basis": basis, "touches": strconv.Itoa(len(r.FollowUp))},
				fmt.Sprintf("%s of the %s came after the 5th touch.", pct(share), basis))
		}
	}
	if t.BreakEvenRate > 0 {
		state, text := "not_yet", "Break-even not reached yet: %s responded, %s are needed."
		if t.ResponseRate >= t.BreakEvenRate {
			state, text = "reached", "Break-even reached: %s responded, %s were needed."
		}
		add("break_even", map[string]string{"state": state, "rate": num(t.ResponseRate), "breakEven": num(t.BreakEvenRate)},
			fmt.Sprintf(text, pct(t.ResponseRate), pct(t.BreakEvenRate)))
	}
	if len(r.Touches) > 1 {
		if best, ok := bestLine(r.Touches); ok {
			add("best_touch", map[string]string{"seq": strconv.Itoa(best.Seq), "channel": best.Channel, "rate": num(best.ResponseRate)},
				fmt.Sprintf("Touch %d (%s) worked best: %s responded.", best.Seq, best.Channel, pct(best.ResponseRate)))
		}
	}
	if len(r.Segments) > 1 {
		if best, ok := bestLine(r.Segments); ok {
			seg := best.Key[len("segment:"):]
			add("best_segment", map[string]string{"segment": seg, "rate": num(best.ResponseRate)},
				fmt.Sprintf("%s responded best: %s.", best.Label, pct(best.ResponseRate)))
		}
	}
	return out
}

// bestLine is the line with the highest response rate that has responses.
func bestLine(lines []marketing.ResultLine) (marketing.ResultLine, bool) {
	var best marketing.ResultLine
	found := false
	for _, l := range lines {
		if l.Responses > 0 && (!found || l.ResponseRate > best.ResponseRate) {
			best, found = l, true
		}
	}
	return best, found
}
