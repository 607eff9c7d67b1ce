package privacy_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"directdesk/backend/campaign"
	"directdesk/backend/importer"
	"directdesk/backend/marketing"
	"directdesk/backend/privacy"
	ddsecrets "directdesk/backend/secrets"
	"directdesk/backend/segment"
	"directdesk/backend/store"
	"directdesk/backend/workspace"
)

// The check: for random sequences of consent changes, opt-outs and
// imports, nobody who said no, or who lacks the consent their country's
// rule requires, is ever in a list the product sends to: the call list, the
// letters to print, the SMS file for the provider and the email batch the
// runner reserves (each as the product builds it, through its own code).
//
// The oracle below is written from the rules in plain words, not from
// marketing.Reach:
//   - the answer that stands is the one given last; at the same moment a
//     "no" beats a "yes"; a "yes" in an imported file does not undo a "no"
//     the shop already holds; undoing an import takes its "yes" answers back;
//   - an unsubscribe is a "no" to email, a refused call a "no" to calls, an
//     opt-out response a "no" to everything, each from that moment;
//   - anybody who said no to a channel gets nothing on it;
//   - letters: allowed unless they said no (no register in this test);
//   - Denmark, Sweden, Norway: email and SMS need a "yes", except for
//     existing customers (not prospects); calls likewise in Sweden and
//     Norway, while Denmark needs a "yes" for calls from customers too;
//   - Russia: email, SMS and calls need a "yes", customers too;
//   - a contact without a country follows the shop's country.

type answer struct {
	at     string
	status string
	batch  int64
}

type person struct {
	id      int64
	first   string
	email   string
	mobile  string // E.164
	country string // as stored ("" = the shop's)
	kind    string
	answers map[string][]answer
}

// standing is the answer that stands for a channel ("" never asked).
func (p *person) standing(ch string) string {
	best := answer{}
	for _, a := range p.answers[ch] {
		if best.at == "" || a.at > best.at || (a.at == best.at && a.status == marketing.ConsentRefused) {
			best = a
		}
	}
	return best.status
}

func (p *person) say(ch, status, at string, batch int64) {
	p.answers[ch] = append(p.answers[ch], answer{at: at, status: status, batch: batch})
}

// mayReceive is the oracle.
func (w *world) mayReceive(p *person, ch string) bool {
	said := p.standing(ch)
	if said == marketing.ConsentRefused {
		return false
	}
	if said == marketing.ConsentGranted || ch == marketing.ChannelPost {
		return true
	}
	country := p.country
	if country == "" {
		country = w.country
	}
	if country == "RU" {
		return false
	}
	if ch == marketing.ChannelPhone && country != "SE" && country != "NO" {
		return false // Denmark (and the fallback): sales calls need a yes, customers too
	}
	return p.kind == "customer"
}

type launched struct {
	id                        int64
	letter, email, sms, phone int64
}

type world struct {
	t        *testing.T
	ws       *workspace.Workspace
	emailTpl marketing.Template
	mailings []launched // mailings made on the Email screen (email touch only)
	ctx      context.Context
	rnd      *rand.Rand
	db       *store.DB
	svc      *campaign.Service
	imp      *importer.Engine
	now      time.Time
	country  string
	people   []*person
	byID     map[int64]*person
	byMobile map[string]*person
	next     int
	segment  int64
	letterT  int64
	emailT   int64
	account  int64
	running  []launched
	batches  []int64 // re-import batches not undone, newest last
	// seen counts people found in lists, so a test that never fills a list fails.
	seen map[string]int
}

func (w *world) clock() time.Time { return w.now }
func (w *world) ts() string       { return marketing.Timestamp(w.now) }

func newWorld(t *testing.T, seed uint64) *world {
	ctx := context.Background()
	ws, err := workspace.Open(ctx, t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	ws.Secrets = ddsecrets.NewMemory()
	t.Cleanup(func() { ws.Close() })
	db := ws.DB
	w := &world{t: t, ctx: ctx, rnd: rand.New(rand.NewPCG(seed, 0x636f6e73656e74)), db: db, ws: ws,
		now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), byID: map[int64]*person{}, byMobile: map[string]*person{}, seen: map[string]int{}}
	db.Now = w.clock
	w.country = []string{"DK", "SE", "NO", "RU"}[w.rnd.IntN(4)]
	st, err := db.Settings(ctx, marketing.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	st.Country, st.Currency, st.Language = w.country, "DKK", "da"
	st.Business.Name, st.Business.Street, st.Business.Postcode, st.Business.City = "Blomster ApS", "Torvet 1", "8000", "Aarhus"
	if err := db.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	w.svc = campaign.New(db)
	w.svc.Now = w.clock
	w.imp = &importer.Engine{
		Begin: func(ctx context.Context, b *marketing.ImportBatch, dry bool) (importer.Session, error) {
			s, err := db.BeginImport(ctx, b, dry)
			if err != nil {
				return nil, err
			}
			return s, nil
		},
		Mappings: db,
		Settings: func(ctx context.Context) (marketing.Settings, error) { return db.Settings(ctx, marketing.Settings{}) },
		Now:      w.clock,
	}
	seg := segment.Saved{Name: "Everyone", Kind: segment.Dynamic, Filter: segment.Filter{Version: 1, Root: segment.Node{All: []segment.Node{{Field: "kind", Op: "in", Values: []string{"customer", "prospect"}}}}}}
	if err := db.SaveSegment(ctx, &seg); err != nil {
		t.Fatal(err)
	}
	w.segment = seg.ID
	lt := marketing.Template{Kind: marketing.KindLetter, Title: "Brev", Lang: "da", Body: "<p>Kære {{first_name}}</p>"}
	if err := db.SaveTemplate(ctx, &lt); err != nil {
		t.Fatal(err)
	}
	et := marketing.Template{Kind: marketing.KindEmail, Title: "Nyhed", Lang: "da"}
	et.Layout.Email.Subject = "Hej {{first_name}}"
	et.Layout.Email.Blocks = []marketing.EmailBlock{{Kind: marketing.BlockText, Text: "<p>Hej {{first_name}}</p>"}}
	if err := db.SaveTemplate(ctx, &et); err != nil {
		t.Fatal(err)
	}
	a, err := ws.SaveMailAccount(ctx, marketing.MailAccount{Name: "Shop", FromEmail: "shop@blomster.example.dk", SMTPHost: "127.0.0.1", SMTPPort: 2525,
		SMTPSecurity: marketing.SecurityPlain}, "secret")
	if err != nil {
		t.Fatal(err)
	}
	w.letterT, w.emailT, w.account, w.emailTpl = lt.ID, et.ID, a.ID, et
	return w
}

var mobiles = map[string]string{"DK": "+4528%06d", "SE": "+4670%07d", "NO": "+4741%06d", "RU": "+7916%07d"}
var postcodes = map[string][2]string{"DK": {"8000", "Aarhus"}, "SE": {"11122", "Stockholm"}, "NO": {"0150", "Oslo"}, "RU": {"101000", "Москва"}}

func yesNo(r *rand.Rand) string { return []string{"", "", "ja", "nej"}[r.IntN(4)] }

var consentCols = []string{marketing.ChannelEmail, marketing.ChannelSMS, marketing.ChannelPost, marketing.ChannelPhone}

// importNew imports 1-3 new people through the real importer, from pasted
// rows, with a random kind, country and consent answers.
func (w *world) importNew() {
	header := []string{"Fornavn", "Efternavn", "E-mail", "Mobil", "Adresse", "Postnr", "By", "Land", "Type", "Samtykke e-mail", "SMS-samtykke", "Samtykke post", "Samtykke telefon"}
	fields := []string{"firstName", "lastName", "email", "mobile", "street1", "postcode", "city", "country", "kind", "consentEmail", "consentSms", "consentPost", "consentPhone"}
	var b strings.Builder
	b.WriteString(strings.Join(header, "\t") + "\n")
	type row struct {
		email, mobile string
		yes           map[string]string
	}
	var rows []row
	for n := 1 + w.rnd.IntN(3); n > 0; n-- {
		w.next++
		country := []string{"DK", "SE", "NO", "RU", ""}[w.rnd.IntN(5)]
		numCountry := country
		if numCountry == "" {
			numCountry = w.country
		}
		pc := postcodes[numCountry]
		r := row{email: fmt.Sprintf("p%d@example.com", w.next), mobile: fmt.Sprintf(mobiles[numCountry], 234000+w.next), yes: map[string]string{}}
		kind := []string{"kunde", "emne"}[w.rnd.IntN(2)]
		cells := []string{fmt.Sprintf("Person%d", w.next), "Test", r.email, r.mobile, fmt.Sprintf("Testvej %d", w.next), pc[0], pc[1], country, kind}
		for _, ch := range consentCols {
			r.yes[ch] = yesNo(w.rnd)
			cells = append(cells, r.yes[ch])
		}
		rows = append(rows, r)
		b.WriteString(strings.Join(cells, "\t") + "\n")
	}
	batch := w.commit(b.String(), header, fields)
	at := w.ts()
	for _, r := range rows {
		id := w.lookup(r.email)
		c, err := w.db.GetContact(w.ctx, id)
		if err != nil {
			w.t.Fatal(err)
		}
		p := &person{id: id, first: c.FirstName, email: r.email, mobile: c.Mobile, country: c.Country, kind: string(c.Kind), answers: map[string][]answer{}}
		for _, ch := range consentCols {
			switch r.yes[ch] {
			case "ja":
				p.say(ch, marketing.ConsentGranted, at, batch)
			case "nej":
				p.say(ch, marketing.ConsentRefused, at, batch)
			}
		}
		w.people = append(w.people, p)
		w.byID[id], w.byMobile[c.Mobile] = p, p
	}
}

// reimport sends consent answers for 1-3 stored people in a file matched by email.
func (w *world) reimport() {
	if len(w.people) == 0 {
		return
	}
	header := []string{"Fornavn", "Efternavn", "E-mail", "Samtykke e-mail", "SMS-samtykke", "Samtykke post", "Samtykke telefon"}
	fields := []string{"firstName", "lastName", "email", "consentEmail", "consentSms", "consentPost", "consentPhone"}
	var b strings.Builder
	b.WriteString(strings.Join(header, "\t") + "\n")
	type row struct {
		p   *person
		yes map[string]string
	}
	var rows []row
	used := map[*person]bool{}
	for n := 1 + w.rnd.IntN(3); n > 0; n-- {
		p := w.people[w.rnd.IntN(len(w.people))]
		if used[p] {
			continue
		}
		used[p] = true
		r := row{p: p, yes: map[string]string{}}
		cells := []string{p.first, "Test", p.email}
		for _, ch := range consentCols {
			r.yes[ch] = yesNo(w.rnd)
			cells = append(cells, r.yes[ch])
		}
		rows = append(rows, r)
		b.WriteString(strings.Join(cells, "\t") + "\n")
	}
	batch := w.commit(b.String(), header, fields)
	at := w.ts()
	for _, r := range rows {
		for _, ch := range consentCols {
			cur := r.p.standing(ch)
			switch {
			case r.yes[ch] == "nej" && cur != marketing.ConsentRefused:
				r.p.say(ch, marketing.ConsentRefused, at, batch)
			case r.yes[ch] == "ja" && cur == "":
				// A file's yes never undoes a no the shop holds.
				r.p.say(ch, marketing.ConsentGranted, at, batch)
			}
		}
	}
	w.batches = append(w.batches, batch)
}

func (w *world) commit(paste string, header, fields []string) int64 {
	m := marketing.ImportMapping{Kind: marketing.ImportContacts, HeaderRow: 1}
	for i := range header {
		m.Columns = append(m.Columns, marketing.ColumnMapping{Column: i, Header: header[i], Field: fields[i]})
	}
	src := importer.Source{ImportSource: marketing.ImportSource{Paste: paste, HeaderRow: 1}}
	opt := marketing.ImportOptions{Mapping: m, Policy: marketing.PolicyUpdate, ListKind: "own"}
	b, err := w.imp.Commit(w.ctx, src, opt, nil)
	if err != nil {
		w.t.Fatalf("import: %v\n%s", err, paste)
	}
	if b.Counts.Invalid > 0 || b.Counts.Skipped > 0 {
		rows, _ := w.imp.Preview(w.ctx, src, opt)
		w.t.Fatalf("import rejected rows: %+v %+v\n%s", b.Counts, rows, paste)
	}
	return b.ID
}

func (w *world) lookup(email string) int64 {
	page, err := w.db.ListContacts(w.ctx, marketing.ContactQuery{Search: email, Limit: 5})
	if err != nil || len(page.Items) != 1 {
		w.t.Fatalf("find %s: %+v %v", email, page.Items, err)
	}
	return page.Items[0].ID
}

// undoLast undoes the newest re-import: its "yes" answers go, its "no" answers stay.
func (w *world) undoLast() {
	if len(w.batches) == 0 {
		return
	}
	id := w.batches[len(w.batches)-1]
	w.batches = w.batches[:len(w.batches)-1]
	if _, err := w.db.UndoImport(w.ctx, id, nil); err != nil {
		w.t.Fatalf("undo %d: %v", id, err)
	}
	for _, p := range w.people {
		for ch, as := range p.answers {
			p.answers[ch] = slices.DeleteFunc(as, func(a answer) bool { return a.batch == id && a.status == marketing.ConsentGranted })
		}
	}
}

func (w *world) pick() *person { return w.people[w.rnd.IntN(len(w.people))] }

// byHand records an answer given by phone, form or letter, sometimes
// dated before answers already held.
func (w *world) byHand() {
	p := w.pick()
	ch := consentCols[w.rnd.IntN(4)]
	status := []string{marketing.ConsentGranted, marketing.ConsentRefused}[w.rnd.IntN(2)]
	at := marketing.Timestamp(w.now.Add(-time.Duration(w.rnd.IntN(3*24*60)) * time.Minute))
	if w.rnd.IntN(4) == 0 {
		at = w.ts()
	}
	if _, err := w.db.RecordConsent(w.ctx, p.id, marketing.ConsentEvent{Channel: ch, Status: status, At: at,
		Method: marketing.ConsentMethods[w.rnd.IntN(len(marketing.ConsentMethods))], Wording: "Må vi sende dig tilbud?", By: "test"}); err != nil {
		w.t.Fatal(err)
	}
	p.say(ch, status, at, 0)
}

func (w *world) unsubscribe() {
	p := w.pick()
	w.next++
	if _, err := w.db.RecordInbox(w.ctx, marketing.InboxEvent{AccountID: w.account, UID: uint32(w.next), MessageID: fmt.Sprintf("u%d@mx", w.next),
		Kind: marketing.InboxUnsubscribe, From: p.email, Recipient: p.email, Subject: "unsubscribe", ContactID: p.id, ReceivedAt: w.ts()}); err != nil {
		w.t.Fatal(err)
	}
	p.say(marketing.ChannelEmail, marketing.ConsentRefused, w.ts(), 0)
}

func (w *world) optOutResponse() {
	p := w.pick()
	if _, err := w.svc.AddResponse(w.ctx, campaign.NewResponse{ContactID: p.id, Kind: marketing.ResponseOptOut, Source: marketing.SourceManual}); err != nil {
		w.t.Fatal(err)
	}
	for _, ch := range consentCols {
		p.say(ch, marketing.ConsentRefused, w.ts(), 0)
	}
}

// refuseCall records "refused" for someone on a call list (the caller's path).
func (w *world) refuseCall() {
	if len(w.running) == 0 {
		return
	}
	l := w.running[w.rnd.IntN(len(w.running))]
	page, err := w.svc.Work(w.ctx, campaign.WorkQuery{TouchID: l.phone, State: marketing.WorkDue, Limit: 500})
	if err != nil || len(page.Items) == 0 {
		return
	}
	it := page.Items[w.rnd.IntN(len(page.Items))]
	if err := w.svc.RecordCall(w.ctx, campaign.CallOutcome{WorkID: it.ID, Outcome: marketing.CallRefused, Note: "vil ikke ringes op"}); err != nil {
		w.t.Fatal(err)
	}
	w.byID[it.ContactID].say(marketing.ChannelPhone, marketing.ConsentRefused, w.ts(), 0)
	// The refusal is in the person's history as evidence, not only in the standing answer.
	h, err := w.db.ConsentHistory(w.ctx, it.ContactID)
	if err != nil {
		w.t.Fatal(err)
	}
	if i := slices.IndexFunc(h, func(e marketing.ConsentEvent) bool { return e.Channel == marketing.ChannelPhone }); i < 0 ||
		h[i].Status != marketing.ConsentRefused || h[i].Method != marketing.MethodPhone || h[i].At != w.ts() {
		w.t.Fatalf("a refused call left no history: %+v", h)
	}
}

// launch runs a campaign with a letter, an email, an SMS and a call today
// to everyone; its preflight may promise no more than the oracle allows.
func (w *world) launch() {
	w.next++
	c := marketing.Campaign{Name: fmt.Sprintf("Kampagne %d", w.next), SegmentID: w.segment, Selection: "Everyone", PressureDays: 30, Touches: []marketing.Touch{
		{Channel: marketing.TouchLetter, TemplateID: w.letterT, UnitCostMinor: 1000},
		{Channel: marketing.TouchEmail, TemplateID: w.emailT, AccountID: w.account, UnitCostMinor: 10},
		{Channel: marketing.TouchSMS, SMSText: "Hej {{first_name}}. Afmeld: svar STOP", UnitCostMinor: 50},
		{Channel: marketing.TouchPhone, Script: "Ring og fortæl om tilbuddet", UnitCostMinor: 2000},
	}}
	if err := w.svc.Save(w.ctx, &c); err != nil {
		w.t.Fatal(err)
	}
	ids := make([]int64, 0, len(w.people))
	for _, p := range w.people {
		ids = append(ids, p.id)
	}
	pf, err := w.svc.Preflight(w.ctx, c.ID, ids)
	if err != nil {
		w.t.Fatal(err)
	}
	for _, fc := range pf.Touches {
		ch := marketing.ConsentChannel(fc.Channel)
		allowed := 0
		for _, p := range w.people {
			if w.mayReceive(p, ch) {
				allowed++
			}
		}
		if fc.Reach > allowed {
			w.t.Fatalf("preflight of %s promises %d people, the rules allow %d", fc.Channel, fc.Reach, allowed)
		}
	}
	if pf.Target == 0 {
		return
	}
	if _, err := w.svc.Launch(w.ctx, c.ID, ids); err != nil {
		w.t.Fatal(err)
	}
	got, err := w.svc.Get(w.ctx, c.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	l := launched{id: c.ID}
	for _, t := range got.Touches {
		switch t.Channel {
		case marketing.TouchLetter:
			l.letter = t.ID
		case marketing.TouchEmail:
			l.email = t.ID
		case marketing.TouchSMS:
			l.sms = t.ID
		case marketing.TouchPhone:
			l.phone = t.ID
		}
	}
	w.running = append(w.running, l)
	if len(w.running) > 3 {
		// Keep the checks bounded: the oldest campaign is finished.
		if err := w.svc.SetStatus(w.ctx, w.running[0].id, marketing.CampaignFinished, ""); err != nil {
			w.t.Fatal(err)
		}
		w.running = w.running[1:]
	}
}

// mailing makes a mailing to everyone on the Email screen: its frozen list
// (the queued outbox) is what will be sent; its preflight may promise no
// more than the oracle allows.
func (w *world) mailing() {
	ids := make([]int64, 0, len(w.people))
	allowed := 0
	for _, p := range w.people {
		ids = append(ids, p.id)
		if w.mayReceive(p, marketing.ChannelEmail) {
			allowed++
		}
	}
	pf, err := w.ws.EmailPreflight(w.ctx, w.emailTpl, w.account, ids, "Everyone")
	if err != nil {
		w.t.Fatal(err)
	}
	if pf.WillSend > allowed {
		w.t.Fatalf("email preflight promises %d people, the rules allow %d", pf.WillSend, allowed)
	}
	w.next++
	m, err := w.ws.CreateMailing(w.ctx, workspace.MailingRequest{TemplateID: w.emailT, AccountID: w.account, IDs: ids, Selection: "Everyone", Name: fmt.Sprintf("Nyhedsbrev %d", w.next)}, nil)
	if marketing.ErrorCode(err) == marketing.EInvalid && pf.WillSend == 0 {
		return // nobody may be mailed: refused, as it should be
	}
	if err != nil {
		w.t.Fatal(err)
	}
	entries, _, err := w.db.OutboxPage(w.ctx, m.TouchID, "", marketing.OutboxQueued, 0, 1000)
	if err != nil {
		w.t.Fatal(err)
	}
	if len(entries) == 0 {
		w.t.Fatalf("mailing %d has nobody queued", m.TouchID)
	}
	for _, e := range entries {
		w.assert("mailing", marketing.ChannelEmail, e.ContactID, -1)
	}
	// As Sending.Start does, without a mail server: the batches the runner
	// would reserve are checked at every later step.
	if err := w.db.SetCampaignStatus(w.ctx, m.CampaignID, marketing.CampaignRunning, ""); err != nil {
		w.t.Fatal(err)
	}
	w.mailings = append(w.mailings, launched{id: m.CampaignID, email: m.TouchID})
	if len(w.mailings) > 2 {
		w.mailings = w.mailings[1:]
	}
}

func (w *world) reserve(l launched, step int) {
	w.t.Helper()
	guard := privacy.SendGuard{DB: w.db, Campaign: l.id, Country: w.country, Now: w.clock}
	batch, err := guard.ReserveBatch(w.ctx, l.email, w.now, 1000, "prop")
	if err != nil {
		w.t.Fatal(err)
	}
	for _, e := range batch {
		w.assert("email", marketing.ChannelEmail, e.ContactID, step)
		// The last look before each message.
		if no, why, err := guard.Blocked(w.ctx, e.ContactID, e.Email); err != nil || no {
			w.t.Fatalf("step %d: reserved %d but Blocked says %v %q %v", step, e.ContactID, no, why, err)
		}
	}
	if err := w.db.ReleaseReserved(w.ctx, l.email); err != nil {
		w.t.Fatal(err)
	}
}

func (w *world) assert(list string, ch string, contactID int64, step int) {
	w.t.Helper()
	p := w.byID[contactID]
	if p == nil {
		w.t.Fatalf("step %d: %s list holds unknown contact %d", step, list, contactID)
	}
	w.seen[list]++
	if !w.mayReceive(p, ch) {
		w.t.Fatalf("step %d: %s list holds contact %d (%s, country %q/%s, %s) who may not get %s: answers %+v",
			step, list, p.id, p.email, p.country, w.country, p.kind, ch, p.answers[ch])
	}
}

// check builds every send list of every running campaign now and holds it
// against the oracle.
func (w *world) check(step int, exportSMS bool) {
	w.t.Helper()
	for _, l := range w.mailings {
		w.reserve(l, step)
	}
	live := w.running[:0]
	for _, l := range w.running {
		// A campaign whose touches are all done finishes by itself.
		if c, err := w.svc.Get(w.ctx, l.id); err != nil {
			w.t.Fatal(err)
		} else if c.Status == marketing.CampaignRunning {
			live = append(live, l)
		}
	}
	w.running = live
	for _, l := range w.running {
		page, err := w.svc.Work(w.ctx, campaign.WorkQuery{TouchID: l.phone, State: marketing.WorkDue, Limit: 500})
		if err != nil {
			w.t.Fatal(err)
		}
		for _, it := range page.Items {
			w.assert("call", marketing.ChannelPhone, it.ContactID, step)
		}
		ids, err := w.svc.DueIDs(w.ctx, l.letter, false)
		if err != nil {
			w.t.Fatal(err)
		}
		for _, id := range ids {
			w.assert("print", marketing.ChannelPost, id, step)
		}
		w.reserve(l, step)
		if exportSMS {
			var buf bytes.Buffer
			_, err := w.svc.ExportSMS(w.ctx, l.sms, &buf)
			if marketing.ErrorCode(err) == marketing.EInvalid && strings.Contains(err.Error(), "no messages left") {
				continue
			}
			if err != nil {
				w.t.Fatal(err)
			}
			recs, err := csv.NewReader(&buf).ReadAll()
			if err != nil {
				w.t.Fatal(err)
			}
			for _, r := range recs[1:] {
				p := w.byMobile[r[0]]
				if p == nil {
					w.t.Fatalf("step %d: SMS file has a number of nobody: %q", step, r[0])
				}
				w.assert("sms", marketing.ChannelSMS, p.id, step)
			}
		}
	}
}

func TestNobodyWhoSaidNoOrLacksConsentIsInASendList(t *testing.T) {
	steps := 80
	seeds := []uint64{1, 2, 3, 4}
	if testing.Short() {
		steps, seeds = 40, seeds[:1]
	}
	total := map[string]int{}
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			w := newWorld(t, seed)
			w.importNew()
			w.importNew()
			for step := 0; step < steps; step++ {
				w.now = w.now.Add(time.Duration(1+w.rnd.IntN(90)) * time.Minute)
				switch n := w.rnd.IntN(100); {
				case n < 30:
					w.byHand()
				case n < 38:
					w.unsubscribe()
				case n < 46:
					w.optOutResponse()
				case n < 56:
					w.refuseCall()
				case n < 66:
					w.importNew()
				case n < 76:
					w.reimport()
				case n < 80:
					w.undoLast()
				case n < 88:
					w.mailing()
				default:
					w.launch()
				}
				w.check(step, w.rnd.IntN(8) == 0)
			}
			for k, v := range w.seen {
				total[k] += v
			}
		})
	}
	// The lists were not empty all along: the property was really tested.
	for _, list := range []string{"call", "print", "email", "sms", "mailing"} {
		if total[list] == 0 {
			t.Errorf("the %s list never held anybody: the test proves nothing about it (%v)", list, total)
		}
	}
	t.Logf("people checked in lists: %v", total)
}
