// Package stats holds the arithmetic of campaign results: whether a
// treated group responded better than its control group (a two-proportion
// test, Fisher's exact test for small counts, a confidence interval), in
// words a shop owner can act on, and return on investment and break-even.
// Standard library only.
package stats

import (
	"math"
)

// Comparison is the response of a treated group (A) against a control
// group (B) that got nothing.
type Comparison struct {
	A, NA, B, NB int     // responses and group sizes
	RateA, RateB float64 // response rates (0..1)
	Uplift       float64 // RateA - RateB
	// Low and High bound the uplift with 95 % confidence (Wald).
	Low, High float64
	// P is the two-sided p-value of "no difference".
	P float64
	// Test is "z" (two-proportion test) or "fisher" (exact, small counts).
	Test string
	// Verdict: very_likely (p < 0.01), likely (p < 0.05), perhaps
	// (p < 0.10), not_shown, or no_data (a group is empty).
	Verdict string
}

// Compare tests a treated group against its control group. Fisher's exact
// test is used when any expected count is under 5, where the normal
// approximation of the two-proportion test is poor.
func Compare(a, na, b, nb int) Comparison {
	c := Comparison{A: a, NA: na, B: b, NB: nb, P: 1, Test: "z"}
	if na <= 0 || nb <= 0 || a < 0 || b < 0 || a > na || b > nb {
		c.Verdict = "no_data"
		return c
	}
	c.RateA, c.RateB = float64(a)/float64(na), float64(b)/float64(nb)
	c.Uplift = c.RateA - c.RateB
	se := math.Sqrt(c.RateA*(1-c.RateA)/float64(na) + c.RateB*(1-c.RateB)/float64(nb))
	c.Low, c.High = c.Uplift-z975*se, c.Uplift+z975*se
	if smallCounts(a, na, b, nb) {
		c.Test, c.P = "fisher", FisherExact(a, na, b, nb)
	} else {
		_, c.P = TwoProportionZ(a, na, b, nb)
	}
	switch {
	case c.P < 0.01:
		c.Verdict = "very_likely"
	case c.P < 0.05:
		c.Verdict = "likely"
	case c.P < 0.10:
		c.Verdict = "perhaps"
	default:
		c.Verdict = "not_shown"
	}
	return c
}

// z975 is the 97.5 % point of the standard normal distribution.
const z975 = 1.959963984540054

func smallCounts(a, na, b, nb int) bool {
	n := float64(na + nb)
	yes := float64(a + b)
	no := n - yes
	for _, e := range []float64{yes * float64(na) / n, no * float64(na) / n, yes * float64(nb) / n, no * float64(nb) / n} {
		if e < 5 {
			return true
		}
	}
	return false
}

// TwoProportionZ is the pooled two-proportion z-test: z and the two-sided
// p-value (the same p as a chi-square test without continuity correction).
func TwoProportionZ(a, na, b, nb int) (z, p float64) {
	p1, p2 := float64(a)/float64(na), float64(b)/float64(nb)
	pool := float64(a+b) / float64(na+nb)
	se := math.Sqrt(pool * (1 - pool) * (1/float64(na) + 1/float64(nb)))
	if se == 0 {
		return 0, 1
	}
	z = (p1 - p2) / se
	return z, math.Erfc(math.Abs(z) / math.Sqrt2)
}

// FisherExact is the two-sided p-value of Fisher's exact test for the
// table [[a, na-a], [b, nb-b]]: the probability of every table with the
// same margins that is no more likely than the one seen.
func FisherExact(a, na, b, nb int) float64 {
	k := a + b // responses in all
	n := na + nb
	lo, hi := max(0, k-nb), min(k, na)
	logp := func(x int) float64 { // hypergeometric P(A = x)
		return lchoose(na, x) + lchoose(nb, k-x) - lchoose(n, k)
	}
	obs := logp(a)
	sum := 0.0
	for x := lo; x <= hi; x++ {
		// The relative tolerance treats tables as likely as the observed
		// one alike despite rounding (as R and SciPy do).
		if lp := logp(x); lp <= obs+1e-7 {
			sum += math.Exp(lp)
		}
	}
	return min(1, sum)
}

func lchoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}

// ROI is (revenue - cost) / cost; 0 when nothing was spent.
func ROI(revenueMinor, costMinor int64) float64 {
	if costMinor <= 0 {
		return 0
	}
	return float64(revenueMinor-costMinor) / float64(costMinor)
}

// BreakEvenRate is the response rate at which a campaign pays for itself:
// the cost per contact divided by the margin one response brings (0..1,
// or more than 1 when even everyone answering would not pay).
func BreakEvenRate(costPerContactMinor, marginPerResponseMinor int64) float64 {
	if marginPerResponseMinor <= 0 {
		return math.Inf(1)
	}
	return float64(costPerContactMinor) / float64(marginPerResponseMinor)
}
