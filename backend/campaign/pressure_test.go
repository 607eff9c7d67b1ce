package campaign

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// TestPressureCap runs overlapping campaigns and mailings with random
// caps, dates and channels on a fake clock, then checks the promise of the
// contact-pressure cap: whenever a campaign gave a person a touch, the
// person had at most that campaign's cap of touches (any campaign or
// mailing) in the campaign's window up to then; and every person left out
// for it has a timeline note saying so.
func TestPressureCap(t *testing.T) {
	const seed, steps, people = 20260302, 240, 24
	f := newFixture(t)
	// The clock ticks a second per reading: each touch's list gets its own
	// time, so "up to then" is exact.
	tick := func() time.Time { f.now = f.now.Add(time.Second); return f.now }
	f.s.Now, f.db.Now = tick, tick
	r := rand.New(rand.NewPCG(seed, 7))
	acc := f.account()
	et := f.template(marketing.KindEmail, "Mail", "")
	lt := f.template(marketing.KindLetter, "Brev", "<p>Kære {{first_name}}</p>")
	var ps []person
	for i := range people {
		c := addressed(fmt.Sprintf("P%02d", i))
		c.Email, c.Mobile, c.Phone = fmt.Sprintf("p%02d@example.dk", i), fmt.Sprintf("+4520%06d", 100000+i), fmt.Sprintf("+4533%06d", 100000+i)
		ps = append(ps, person{c: c})
	}
	ids := f.add(ps...)
	subset := func() []int64 {
		var out []int64
		for _, id := range ids {
			if r.IntN(3) > 0 {
				out = append(out, id)
			}
		}
		return out
	}
	chans := []string{marketing.TouchLetter, marketing.TouchEmail, marketing.TouchSMS, marketing.TouchPhone}
	var campaigns []int64
	launched, mailings, early := 0, 0, 0
	for step := range steps {
		switch k := r.IntN(20); {
		case k < 7:
			var touches []marketing.Touch
			for range 1 + r.IntN(4) {
				tc := marketing.Touch{Channel: chans[r.IntN(len(chans))], OffsetDays: r.IntN(16)}
				switch tc.Channel {
				case marketing.TouchLetter:
					tc.TemplateID = lt.ID
				case marketing.TouchEmail:
					tc.TemplateID, tc.AccountID = et.ID, acc.ID
				case marketing.TouchSMS:
					tc.SMSText = "Hej {{first_name}}"
				case marketing.TouchPhone:
					tc.Script = "Ring"
				}
				touches = append(touches, tc)
			}
			c := f.draft(fmt.Sprintf("Step %d", step), touches...)
			c.PressureMax, c.PressureDays = r.IntN(5), 1+r.IntN(30)
			c.StartDate = f.now.AddDate(0, 0, r.IntN(6)).Format(time.DateOnly)
			if err := f.s.Save(f.ctx, &c); err != nil {
				t.Fatal(err)
			}
			if _, err := f.s.Launch(f.ctx, c.ID, subset()); err != nil {
				if reasonOf(err) == "invalid/nobody" {
					continue // everyone was capped already
				}
				t.Fatal(err)
			}
			launched++
			campaigns = append(campaigns, c.ID)
		case k < 9:
			// A mailing counts too, and it knows no cap.
			var rows []store.OutboxRow
			for _, id := range subset() {
				mailings++
				rows = append(rows, store.OutboxRow{ContactID: id, Email: fmt.Sprintf("x%d@example.dk", id), State: marketing.OutboxQueued,
					MessageID: fmt.Sprintf("<m%d-%d@x>", step, id), Token: fmt.Sprintf("t%d-%d", step, id)})
			}
			m := marketing.Mailing{Name: fmt.Sprintf("Mailing %d", step), AccountID: acc.ID, TemplateID: et.ID, TemplateVersion: et.Version}
			if err := f.db.CreateMailing(f.ctx, &m, rows); err != nil {
				t.Fatal(err)
			}
		case k < 11 && len(campaigns) > 0:
			// The user releases a touch before its day.
			c := f.get(campaigns[r.IntN(len(campaigns))])
			for _, tc := range c.Touches {
				if tc.ReleasedAt == "" && c.Status == marketing.CampaignRunning {
					if _, err := f.s.Release(f.ctx, tc.ID); err != nil {
						t.Fatal(err)
					}
					early++
					break
				}
			}
		case k < 12 && len(campaigns) > 0:
			c := f.get(campaigns[r.IntN(len(campaigns))])
			switch c.Status {
			case marketing.CampaignRunning:
				if err := f.s.SetStatus(f.ctx, c.ID, marketing.CampaignPaused, ""); err != nil {
					t.Fatal(err)
				}
			case marketing.CampaignPaused:
				if err := f.s.SetStatus(f.ctx, c.ID, marketing.CampaignRunning, ""); err != nil {
					t.Fatal(err)
				}
			}
		default:
			f.now = f.now.AddDate(0, 0, r.IntN(4))
			if _, err := f.s.ReleaseDue(f.ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, id := range campaigns {
		if c := f.get(id); c.Status == marketing.CampaignPaused {
			if err := f.s.SetStatus(f.ctx, id, marketing.CampaignRunning, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	for range 4 {
		f.now = f.now.AddDate(0, 0, 10)
		if _, err := f.s.ReleaseDue(f.ctx); err != nil {
			t.Fatal(err)
		}
	}

	caps := map[int64][2]int{} // campaign -> max, days
	for _, id := range campaigns {
		c := f.get(id)
		caps[id] = [2]int{c.PressureMax, c.PressureDays}
	}
	got, capped := 0, 0
	for _, id := range ids {
		list, err := f.db.ContactTouches(f.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		got += len(list)
		for i, ct := range list {
			limit, ok := caps[ct.CampaignID]
			if !ok || limit[0] == 0 {
				continue // a mailing, or a campaign without a cap
			}
			at, _ := time.Parse(time.RFC3339, ct.At)
			from := marketing.Timestamp(at.AddDate(0, 0, -limit[1]))
			n := 0
			for _, o := range list[:i+1] {
				if o.At >= from {
					n++
				}
			}
			if n > limit[0] {
				t.Errorf("contact %d had %d touches in the %d days up to %s; campaign %d allows %d", id, n, limit[1], ct.At, ct.CampaignID, limit[0])
			}
		}
		// Every exclusion for the cap is on the timeline.
		evs, err := f.db.ContactEvents(f.ctx, id, 10000)
		if err != nil {
			t.Fatal(err)
		}
		noted := map[string]bool{}
		for _, e := range evs {
			if e.Kind == EventExcluded && e.Details["reason"] == marketing.ExcludeRecent {
				noted[e.Details["campaign_id"]+"/"+e.Details["touch_id"]] = true
			}
		}
		for _, cid := range campaigns {
			m := f.member(cid, id)
			if m.Reason == marketing.ExcludeRecent {
				capped++
				if !noted[fmt.Sprint(cid)+"/"] {
					t.Errorf("contact %d left out of campaign %d at launch without a note", id, cid)
				}
			}
		}
		for _, cid := range campaigns {
			for _, tc := range f.get(cid).Touches {
				if tc.ReleasedAt == "" {
					continue
				}
				var skipped []string
				if tc.Channel == marketing.TouchEmail {
					page, _, err := f.db.OutboxPage(f.ctx, tc.ID, "", marketing.OutboxSkipped, 0, 500)
					if err != nil {
						t.Fatal(err)
					}
					for _, e := range page {
						if e.ContactID == id {
							skipped = append(skipped, e.Reason)
						}
					}
				} else {
					for _, it := range f.work(tc.ID) {
						if it.ContactID == id && it.State == marketing.WorkSkipped {
							skipped = append(skipped, it.Reason)
						}
					}
				}
				for _, reason := range skipped {
					if reason == marketing.ExcludeRecent {
						capped++
						if !noted[fmt.Sprintf("%d/%d", cid, tc.ID)] {
							t.Errorf("contact %d left out of touch %d without a note", id, tc.ID)
						}
					}
				}
			}
		}
	}
	t.Logf("%d campaigns launched, %d mailing recipients, %d early releases, %d contact touches, %d left out for the cap", launched, mailings, early, got, capped)
	// The run must have tested something.
	if launched < 20 || got < 200 || capped < 20 {
		t.Errorf("too little happened: %d campaigns, %d touches, %d capped", launched, got, capped)
	}
}
