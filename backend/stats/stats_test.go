package stats

import (
	"math"
	"testing"
)

// Reference values from SciPy 1.10.1 (Debian 12, python3-scipy):
// p_z = scipy.stats.chi2_contingency(table, correction=False)[1] (equal to
// the pooled two-proportion z-test), p_fisher = scipy.stats.fisher_exact(
// table)[1], and the Wald interval p1-p2 ± norm.ppf(0.975)*se.
var reference = []struct {
	a, na, b, nb           int
	pZ, pFisher, low, high float64
}{
	{41, 1000, 29, 1000, 0.14427555602805964, 0.1803954314952879, -0.00410012292818903, 0.02810012292818903},
	{123, 2000, 45, 1000, 0.06389282602052067, 0.06437814791704634, -0.00011164870635630916, 0.033111648706356314},
	{5, 50, 1, 50, 0.09212296325765287, 0.20440158503099357, -0.011763161099438604, 0.17176316109943862},
	{3, 12, 0, 10, 0.08886928647264535, 0.22077922077922077, 0.005004501932493244, 0.49499549806750676},
	{60, 400, 40, 400, 0.032509444645719456, 0.04182228020201972, 0.004296682464481505, 0.09570331753551847},
	{250, 10000, 200, 10000, 0.017125828872195024, 0.01937866544708717, 0.0008899129980008439, 0.009110087001999157},
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b)) }

func TestAgainstSciPy(t *testing.T) {
	for _, r := range reference {
		if _, p := TwoProportionZ(r.a, r.na, r.b, r.nb); !near(p, r.pZ, 1e-9) {
			t.Errorf("%v: z-test p = %v, want %v", r, p, r.pZ)
		}
		if p := FisherExact(r.a, r.na, r.b, r.nb); !near(p, r.pFisher, 1e-9) {
			t.Errorf("%v: Fisher p = %v, want %v", r, p, r.pFisher)
		}
		c := Compare(r.a, r.na, r.b, r.nb)
		if !near(c.Low, r.low, 1e-9) || !near(c.High, r.high, 1e-9) {
			t.Errorf("%v: interval %v..%v, want %v..%v", r, c.Low, c.High, r.low, r.high)
		}
	}
}

func TestCompareChoosesTheTestAndSaysSo(t *testing.T) {
	big := Compare(250, 10000, 200, 10000)
	if big.Test != "z" || big.Verdict != "likely" || !near(big.Uplift, 0.005, 1e-12) {
		t.Errorf("big groups: %+v", big)
	}
	small := Compare(3, 12, 0, 10) // expected counts under 5: Fisher
	if small.Test != "fisher" || !near(small.P, 0.22077922077922077, 1e-9) || small.Verdict != "not_shown" {
		t.Errorf("small groups: %+v", small)
	}
	if c := Compare(60, 400, 40, 400); c.Verdict != "likely" {
		t.Errorf("60/400 vs 40/400: %+v", c)
	}
	if c := Compare(90, 400, 40, 400); c.Verdict != "very_likely" {
		t.Errorf("90/400 vs 40/400: %+v", c)
	}
	if c := Compare(0, 20, 0, 20); c.P != 1 || c.Verdict != "not_shown" {
		t.Errorf("nobody answered: %+v", c)
	}
	if c := Compare(1, 0, 0, 10); c.Verdict != "no_data" {
		t.Errorf("empty group: %+v", c)
	}
}

// ROI and break-even, worked by hand: 1,000 letters at 12.50 kr (print
// and postage) cost 12,500 kr; 38 orders of 900 kr bring 34,200 kr:
// ROI = (34,200 - 12,500) / 12,500 = 1.736. With a margin of 400 kr per
// order, break-even is 12.50 / 400 = 3.125 % response.
func TestROIAndBreakEvenByHand(t *testing.T) {
	if r := ROI(3420000, 1250000); !near(r, 1.736, 1e-12) {
		t.Errorf("ROI %v", r)
	}
	if r := ROI(100, 0); r != 0 {
		t.Errorf("ROI without cost %v", r)
	}
	if b := BreakEvenRate(1250, 40000); !near(b, 0.03125, 1e-12) {
		t.Errorf("break-even %v", b)
	}
	if b := BreakEvenRate(1250, 0); !math.IsInf(b, 1) {
		t.Errorf("break-even without margin %v", b)
	}
}
