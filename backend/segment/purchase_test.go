package segment

import (
	"testing"
	"time"
)

func TestValueTiersRFMAndLifecycleByHand(t *testing.T) {
	// Five buyers and one prospect. Revenue 100+50 is 75 % of 200, so the
	// third (30) is needed to reach 80 %: A = 100, 50, 30; 15 reaches 97.5 %: B; 5 is C.
	orders := []uint32{5, 2, 1, 1, 3, 0}
	revenue := []int64{100, 50, 30, 15, 5, 0}
	last := []int32{20260301, 20250101, 20240201, 20251201, 20260215, 0}
	b := ComputeBounds(orders, revenue, last, func(int) bool { return true }, DefaultPurchaseRules)
	if b.Buyers != 5 || b.TierA != 30 || b.TierB != 15 {
		t.Fatalf("bounds %+v", b)
	}
	for i, want := range []string{TierA, TierA, TierA, TierB, TierC, TierNone} {
		if got := b.Tier(orders[i], revenue[i]); got != want {
			t.Errorf("contact %d: tier %s, want %s", i, got, want)
		}
	}
	// Quintile bounds at index k*5/5 = k of the sorted values: frequency
	// 1,1,2,3,5 -> bounds 1,2,3,5; a score counts the bounds reached.
	if b.Frequency != [4]int64{1, 2, 3, 5} {
		t.Fatalf("frequency bounds %v", b.Frequency)
	}
	for v, want := range map[int64]int{1: 2, 2: 3, 3: 4, 5: 5, 0: 1} {
		if got := Score(v, b.Frequency); got != want {
			t.Errorf("frequency %d scores %d, want %d", v, got, want)
		}
	}
	today := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for i, want := range []string{"loyal", "lapsing", "lost", "firstTime", "repeat", "prospect"} {
		if got := b.Lifecycle(orders[i], last[i], today); got != want {
			t.Errorf("contact %d: %s, want %s", i, got, want)
		}
	}
	// Nobody bought, or all revenue is zero: no A or B.
	z := ComputeBounds([]uint32{1}, []int64{0}, []int32{20260101}, func(int) bool { return true }, DefaultPurchaseRules)
	if z.Tier(1, 0) != TierC {
		t.Errorf("zero revenue: %s", z.Tier(1, 0))
	}
}

func TestStratifiedSplitsKeepTheirShares(t *testing.T) {
	b := NewBuilder()
	for i := 0; i < 70; i++ {
		b.Add(&Row{ID: int64(i + 1), Region: "r" + string(rune('a'+i%17))})
	}
	c := b.Columns()
	all := NewFull(c.Len())
	today := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		percents []int
		want     []int
	}{{[]int{90, 10}, []int{63, 7}}, {[]int{50, 50}, []int{35, 35}}, {[]int{34, 33, 33}, []int{24, 23, 23}}} {
		for _, stratum := range []string{"", "region"} {
			groups, ok := c.Split(all, tc.percents, 9, stratum, today)
			if !ok {
				t.Fatal("refused")
			}
			for g, want := range tc.want {
				if len(groups[g]) != want {
					t.Errorf("%v by %q: group %d has %d, want %d", tc.percents, stratum, g, len(groups[g]), want)
				}
			}
		}
	}
}

func TestTitleGroupsIgnoreTitlesThatAreOnlyPunctuation(t *testing.T) {
	groups, err := CheckTitleGroups([]TitleGroup{{Name: "Chefer", Titles: []string{"CEO", "-", " . "}}})
	if err != nil || len(groups[0].Titles) != 1 {
		t.Fatalf("%+v %v", groups, err)
	}
	f, err := Expand(Filter{Root: Node{Field: "jobTitle", Op: OpInGroup, Values: []string{"chefer"}}},
		[]TitleGroup{{Name: "Chefer", Titles: []string{"CEO", "-"}}})
	if err != nil || len(f.Root.Values) != 1 || f.Root.Values[0] != "ceo" {
		t.Fatalf("%+v %v", f.Root, err)
	}
}
