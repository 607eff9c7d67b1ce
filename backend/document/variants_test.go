package document

import "testing"

func TestDiscountsRoundDownToWholeUnits(t *testing.T) {
	for _, c := range []struct {
		minor   int64
		percent float64
		want    int64
	}{
		{17900, 10, 16100}, // 161,10 kr. would look odd in a catalog
		{7900, 15, 6700},
		{999, 33.3, 600},
		{50, 10, 45},        // under one unit the øre stay
		{150, 99, 100},      // never below one unit
		{17900, 0.1, 17800}, // never less off than promised
		{4900, 15, 4100},
	} {
		if got := discounted(c.minor, c.percent); got != c.want {
			t.Errorf("discounted(%d, %v) = %d, want %d", c.minor, c.percent, got, c.want)
		}
	}
}
