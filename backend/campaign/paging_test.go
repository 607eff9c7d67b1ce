package campaign

import (
	"context"
	"fmt"
	"testing"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// pagesStore records how many members each call of a release's decide got.
type pagesStore struct {
	*store.DB
	pages []int
}

func (p *pagesStore) ReleaseTouch(ctx context.Context, touchID int64, now time.Time, decide func(in *store.ReleaseInput) ([]store.ReleaseRow, error)) (store.ReleaseResult, error) {
	return p.DB.ReleaseTouch(ctx, touchID, now, func(in *store.ReleaseInput) ([]store.ReleaseRow, error) {
		p.pages = append(p.pages, len(in.Members))
		return decide(in)
	})
}

// A touch's list is made a page of people at a time (a list of a million
// is never in memory at once), with the same outcome.
func TestReleaseReadsTheListInPages(t *testing.T) {
	f := newFixture(t)
	n := store.ReleasePage + 201
	people := make([]person, n)
	for i := range people {
		people[i] = person{c: marketing.Contact{FirstName: fmt.Sprint("P", i), Email: fmt.Sprintf("p%d@example.dk", i)}}
	}
	ids := f.add(people...)
	et := f.template(marketing.KindEmail, "Mail", "")
	a := f.account()
	c := f.draft("Paged", marketing.Touch{Channel: marketing.TouchEmail, TemplateID: et.ID, AccountID: a.ID})
	c.StartDate = f.now.AddDate(0, 0, 1).Format(time.DateOnly)
	if err := f.s.Save(f.ctx, &c); err != nil {
		t.Fatal(err)
	}
	f.launch(c, ids)
	// The last one says no before the day: stopped, on the last page.
	f.refuse(ids[n-1], marketing.ChannelEmail)
	f.advance(1)
	ps := &pagesStore{DB: f.db}
	s := New(ps)
	s.Now = f.s.Now
	rel, err := s.ReleaseDue(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rel.Touches) != 1 || rel.Touches[0].Count != n-1 || rel.Touches[0].Skipped != 1 {
		t.Fatalf("released %+v", rel)
	}
	if len(ps.pages) != 2 || ps.pages[0] != store.ReleasePage || ps.pages[1] != 201 {
		t.Fatalf("pages %v", ps.pages)
	}
	if m := f.member(c.ID, ids[n-1]); m.StopReason != marketing.StopOptOut {
		t.Errorf("the last one %+v", m)
	}
	if got := f.get(c.ID).Touches[0]; got.ReleasedAt == "" {
		t.Error("the touch is not marked released")
	}
}
