package campaign

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"testing"

	"directdesk/backend/marketing"
)

// TestPlanHeap measures by hand what a plan keeps in memory; it reports
// numbers and asserts none (run with DD_PLAN_HEAP=100000 go test -run PlanHeap -v).
func TestPlanHeap(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("DD_PLAN_HEAP"))
	if n == 0 {
		t.Skip("set DD_PLAN_HEAP to the number of people")
	}
	f := newFixture(t)
	people := make([]person, n)
	for i := range people {
		c := addressed(fmt.Sprint("P", i))
		c.Email = fmt.Sprintf("p%d@example.dk", i)
		people[i] = person{c: c}
	}
	ids := f.add(people...)
	people = nil
	lt := f.template(marketing.KindLetter, "Letter", "")
	c := f.draft("Heap", letter(lt, 0))
	c.ControlPct = 10
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p, err := f.s.plan(f.ctx, &c, ids)
	if err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	peak := after.HeapInuse
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("%d people: HeapInuse before %.1f MB, right after plan %.1f MB, held by the plan (after GC) %.1f MB (+%.1f MB); HeapAlloc +%.2f MB; allocated during plan %.1f MB",
		n, mb(before.HeapInuse), mb(peak), mb(after.HeapInuse), mb(after.HeapInuse)-mb(before.HeapInuse), mb(after.HeapAlloc)-mb(before.HeapAlloc), mb(alloc))
	t.Logf("plan: %+v", planSize(p))
	runtime.KeepAlive(p)
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

// planSize is what the plan holds, whatever its shape (printed, not checked).
func planSize(p *launchPlan) string {
	return fmt.Sprintf("segment %d control %d", p.segment, len(p.control))
}
