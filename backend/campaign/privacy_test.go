package campaign

import (
	"slices"
	"testing"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// A register imported after a letter touch's list was made takes the
// person on it off the list before it prints, with reason "register",
// and the "see who" list of the touch names them.
func TestPrintListIsCheckedAgainstARegisterImportedLater(t *testing.T) {
	f := newFixture(t)
	lt := f.template(marketing.KindLetter, "Brev", "<p>Kære {{first_name}}</p>")
	a, b := addressed("Anna"), addressed("Bo")
	b.Phone = "+4533123456"
	ids := f.add(person{c: a}, person{c: b})
	c := f.draft("Print", letter(lt, 0))
	rel := f.launch(c, ids)
	tid := rel.Touches[0].TouchID
	if _, err := f.db.ReplaceRegister(f.ctx, store.RegisterFile{Register: marketing.RegisterRobinson, FileName: "r.csv", ListDate: f.now.Format("2006-01-02")},
		func(yield func(string, error) bool) { yield(marketing.RegisterPhoneKey("+4533123456"), nil) }); err != nil {
		t.Fatal(err)
	}
	due, err := f.s.DueIDs(f.ctx, tid, false)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(due, []int64{ids[0]}) {
		t.Fatalf("due %v, want only Anna %d", due, ids[0])
	}
	who, total, err := f.db.SkippedWork(f.ctx, tid, "", 0, 10)
	if err != nil || total != 1 || who[0].ContactID != ids[1] || who[0].Reason != marketing.ExcludeRegister || who[0].Name != "Bo Hansen" {
		t.Fatalf("skipped %+v %d %v", who, total, err)
	}
}
