package campaign

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/segment"
)

// A plan reads the segment a page at a time and keeps a few bytes per
// person; over 20,000 generated people the launched list, the preflight
// and the control group equal a straightforward recount over all of them
// at once.
func TestLaunchLargeSegmentMatchesRecount(t *testing.T) {
	f := newFixture(t)
	const n = 20000
	people := make([]person, n)
	for i := range people {
		var c marketing.Contact
		switch i % 10 {
		case 0: // nothing to reach them by
			c = marketing.Contact{FirstName: fmt.Sprint("Nobody", i)}
		case 1, 2: // email only
			c = marketing.Contact{FirstName: fmt.Sprint("Mail", i), Email: fmt.Sprintf("M%d@Example.dk", i)}
		case 3: // post, but said no to letters
			c = addressed(fmt.Sprint("Refused", i))
		default:
			c = addressed(fmt.Sprint("P", i))
			if i%3 == 0 {
				c.Email = fmt.Sprintf("p%d@example.dk", i)
			}
		}
		people[i] = person{c: c}
		if i%10 == 3 {
			people[i].consent = map[string]string{marketing.ChannelPost: marketing.ConsentRefused, marketing.ChannelEmail: marketing.ConsentRefused}
		}
		if i%7 == 0 {
			people[i].orders = []int64{10000}
		}
	}
	ids := f.add(people...)
	// The segment comes in any order, with repeats.
	seg := slices.Clone(ids)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(seg), func(i, j int) { seg[i], seg[j] = seg[j], seg[i] })
	seg = append(seg, ids[:50]...)

	lt := f.template(marketing.KindLetter, "Letter", "")
	et := f.template(marketing.KindEmail, "Mail", "")
	a := f.account()
	c := f.draft("Large", letter(lt, 0), marketing.Touch{Channel: marketing.TouchEmail, TemplateID: et.ID, AccountID: a.ID, OffsetDays: 7})
	c.ControlPct = 10
	c.StartDate = f.now.AddDate(0, 0, 1).Format(time.DateOnly) // scheduled: nothing released
	if err := f.s.Save(f.ctx, &c); err != nil {
		t.Fatal(err)
	}

	// The recount: everyone read at once, decided one by one.
	chk, err := f.s.checker(f.ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	all, err := f.db.CampaignContacts(f.ctx, ids, "")
	if err != nil || len(all) != n {
		t.Fatalf("%d %v", len(all), err)
	}
	bounds := segment.PurchaseBounds{Rules: segment.DefaultPurchaseRules}
	want := map[string]int{}
	var eligible []int64
	isEligible := map[int64]bool{}
	for i := range all {
		m := &all[i]
		want["lifecycle/"+bounds.Lifecycle(uint32(m.Orders), ymd(m.LastOrder), f.now)]++
		letterWhy, emailWhy := reachReason(m, marketing.TouchLetter, chk), reachReason(m, marketing.TouchEmail, chk)
		if letterWhy != "" && emailWhy != "" {
			want["excluded"]++
			want["excluded/"+letterWhy]++
			continue
		}
		eligible = append(eligible, m.ID)
		isEligible[m.ID] = true
	}
	slices.Sort(eligible)
	k := int(math.Round(float64(len(eligible)) / 10))
	shuffled := slices.Clone(eligible)
	r := rand.New(rand.NewPCG(uint64(c.ID), 0x636f6e74726f6c))
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	wantControl := slices.Clone(shuffled[:k])
	slices.Sort(wantControl)
	want["control"], want["target"] = k, len(eligible)-k
	inControl := map[int64]bool{}
	for _, id := range wantControl {
		inControl[id] = true
	}
	reach := map[string]int{}
	seenEmail := map[string]bool{}
	for i := range all {
		m := &all[i]
		if !isEligible[m.ID] || inControl[m.ID] {
			continue
		}
		if reachReason(m, marketing.TouchLetter, chk) == "" {
			reach["letter"]++
		}
		if reachReason(m, marketing.TouchEmail, chk) == "" {
			fold := strings.ToLower(m.Email)
			if seenEmail[fold] {
				reach["email/duplicate"]++
			} else {
				reach["email"]++
			}
			seenEmail[fold] = true
		}
	}
	if want["excluded"] == 0 || want["control"] == 0 {
		t.Fatalf("the generated people do not cover the cases: %v %v", want, reach)
	}

	pf, err := f.s.Preflight(f.ctx, c.ID, seg)
	if err != nil {
		t.Fatal(err)
	}
	if pf.Segment != n || pf.Target != want["target"] || pf.Control != want["control"] {
		t.Fatalf("preflight segment %d target %d control %d, recount %v", pf.Segment, pf.Target, pf.Control, want)
	}
	excluded := 0
	for _, e := range pf.Exclusions {
		excluded += e.Count
		if e.Count != want["excluded/"+e.Reason] || len(e.Contacts) != min(e.Count, 100) {
			t.Errorf("exclusion %s: %d (%d shown), recount %d", e.Reason, e.Count, len(e.Contacts), want["excluded/"+e.Reason])
		}
	}
	if excluded != want["excluded"] {
		t.Errorf("excluded %d, recount %d", excluded, want["excluded"])
	}
	if pf.Touches[0].Reach != reach["letter"] || pf.Touches[1].Reach != reach["email"] {
		t.Errorf("reach %d/%d, recount %v", pf.Touches[0].Reach, pf.Touches[1].Reach, reach)
	}
	dup := 0
	for _, e := range pf.Touches[1].Exclusions {
		if e.Reason == marketing.ExcludeDuplicate {
			dup = e.Count
		}
	}
	if dup != reach["email/duplicate"] {
		t.Errorf("duplicates %d, recount %d", dup, reach["email/duplicate"])
	}

	p, err := f.s.plan(f.ctx, &c, seg)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(p.control, wantControl) {
		t.Errorf("the control group differs from the recount's")
	}

	f.launch(c, seg)
	got := f.members(c.ID)
	total := got["target"] + got["control"] + got["excluded"]
	if total != n {
		t.Errorf("%d members, want %d", total, n)
	}
	for key, w := range want {
		if got[key] != w {
			t.Errorf("%s: %d members, recount %d", key, got[key], w)
		}
	}
	list, err := f.db.CampaignMembers(f.ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var control []int64
	for _, m := range list {
		if m.Group == marketing.GroupControl {
			control = append(control, m.ContactID)
		}
	}
	slices.Sort(control)
	if !slices.Equal(control, wantControl) {
		t.Errorf("the launched control group differs from the recount's")
	}
}
