package app_test

import (
	"testing"

	"directdesk/backend/marketing"
)

func TestConsentThroughTheBoundMethods(t *testing.T) {
	a, _ := newApp(t)
	s, err := a.Workspace.Settings()
	if err != nil {
		t.Fatal(err)
	}
	s.Country = "NO"
	if _, err := a.Workspace.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	info, err := a.Privacy.Rules()
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, c := range info.Countries {
		order = append(order, c.Country)
	}
	if info.Country != "NO" || len(order) != 4 || order[0] != "NO" || order[1] != "DK" || order[3] != "RU" || info.Countries[0].Register != marketing.RegisterReservasjon {
		t.Fatalf("rules: %s %v", info.Country, order)
	}

	c, err := a.Contacts.Create(marketing.Contact{FirstName: "Ola", LastName: "Nordmann", Phone: "+47 41 23 45 67", Country: "NO", Kind: marketing.KindCustomer})
	if err != nil {
		t.Fatal(err)
	}
	cur, err := a.Contacts.RecordConsent(c.ID, marketing.ConsentEvent{Channel: "phone", Status: "refused", At: "2026-01-05T10:00:00Z", Method: "phone", Wording: "Kan vi ringe deg?", By: "Kari"})
	if err != nil || len(cur) != 1 || cur[0].Status != "refused" {
		t.Fatalf("record: %+v %v", cur, err)
	}
	if _, err := a.Contacts.RecordConsent(c.ID, marketing.ConsentEvent{Channel: "phone", Status: "granted", Method: "fax"}); marketing.ErrorCode(err) != marketing.EInvalid {
		t.Fatalf("a bad answer: %v", err)
	}
	cc, err := a.Contacts.Consent(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(cc.Channels) != 4 || len(cc.History) != 1 || cc.History[0].By != "Kari" {
		t.Fatalf("consent: %+v", cc)
	}
	for _, ch := range cc.Channels {
		if ch.Channel == "phone" && ch.Reason != marketing.ExcludeNoConsent {
			t.Fatalf("phone after a no: %+v", ch)
		}
	}
	h, err := a.Contacts.ConsentHistory(c.ID)
	if err != nil || len(h) != 1 || h[0].Wording != "Kan vi ringe deg?" {
		t.Fatalf("history: %+v %v", h, err)
	}
}
