package marketing

import (
	"testing"
	"time"
)

func TestReachFollowsTheCountryRules(t *testing.T) {
	cases := []struct {
		name string
		f    ReachFacts
		want string
	}{
		{"a Danish customer may get email without a yes (existing customer)", ReachFacts{Channel: ChannelEmail, Country: "DK", Kind: "customer"}, ""},
		{"a Danish prospect needs a yes for email", ReachFacts{Channel: ChannelEmail, Country: "DK", Kind: "prospect"}, ExcludeNoConsent},
		{"a Swedish prospect with a yes may get SMS", ReachFacts{Channel: ChannelSMS, Country: "SE", Kind: "prospect", Consent: ConsentGranted}, ""},
		{"a Russian customer needs a yes for email", ReachFacts{Channel: ChannelEmail, Country: "RU", Kind: "customer"}, ExcludeNoConsent},
		{"a Russian customer needs a yes for calls", ReachFacts{Channel: ChannelPhone, Country: "ru", Kind: "customer"}, ExcludeNoConsent},
		{"a Russian customer may get letters", ReachFacts{Channel: ChannelPost, Country: "RU", Kind: "customer"}, ""},
		{"a Norwegian prospect may get letters", ReachFacts{Channel: ChannelPost, Country: "NO", Kind: "prospect"}, ""},
		{"a refusal wins over everything", ReachFacts{Channel: ChannelPost, Country: "NO", Kind: "customer", Consent: ConsentRefused}, ExcludeNoConsent},
		{"a register match stops letters", ReachFacts{Channel: ChannelPost, Country: "DK", Kind: "customer", Register: RegisterRobinson}, ExcludeRegister},
		{"the person's own yes overrides the register", ReachFacts{Channel: ChannelPost, Country: "DK", Kind: "customer", Register: RegisterRobinson, Consent: ConsentGranted}, ""},
		{"a register match stops calls", ReachFacts{Channel: ChannelPhone, Country: "SE", Kind: "customer", Register: RegisterNIX}, ExcludeRegister},
		{"a Danish yes to calls overrides Robinson", ReachFacts{Channel: ChannelPhone, Country: "DK", Kind: "customer", Register: RegisterRobinson, Consent: ConsentGranted}, ""},
		{"a register does not cover email to an existing customer", ReachFacts{Channel: ChannelEmail, Country: "DK", Kind: "customer", Register: RegisterRobinson}, ""},
		{"an erased person is reported as erased", ReachFacts{Channel: ChannelEmail, Country: "DK", Kind: "customer", Consent: ConsentGranted, Erased: true}, ExcludeErased},
		{"a suppressed address stays out even with a yes", ReachFacts{Channel: ChannelEmail, Kind: "customer", Consent: ConsentGranted, Suppressed: true}, ExcludeSuppressed},
		{"a licence problem is reported as such", ReachFacts{Channel: ChannelPost, Kind: "prospect", Licence: ExcludeLicenceUsed}, ExcludeLicenceUsed},
		{"a Danish customer needs a yes for sales calls", ReachFacts{Channel: ChannelPhone, Country: "DK", Kind: "customer"}, ExcludeNoConsent},
		{"a Norwegian customer may be called", ReachFacts{Channel: ChannelPhone, Country: "NO", Kind: "customer"}, ""},
		{"an unknown country gets the strict Nordic rules", ReachFacts{Channel: ChannelSMS, Country: "DE", Kind: "prospect"}, ExcludeNoConsent},
	}
	for _, c := range cases {
		if got := Reach(c.f); got != c.want {
			t.Errorf("%s: Reach = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestCurrentConsentLetsARefusalWinOverOlderGrants(t *testing.T) {
	ev := []ConsentEvent{
		{ID: 1, Channel: ChannelEmail, Status: ConsentGranted, At: "2026-01-01T10:00:00Z"},
		{ID: 2, Channel: ChannelEmail, Status: ConsentRefused, At: "2026-03-01T10:00:00Z"},
		{ID: 3, Channel: ChannelEmail, Status: ConsentGranted, At: "2026-02-01T10:00:00Z"}, // recorded late, said earlier
		{ID: 4, Channel: ChannelSMS, Status: ConsentGranted, At: "2026-03-01T10:00:00Z"},
	}
	if cur, _ := CurrentConsent(ev, ChannelEmail); cur.ID != 2 {
		t.Fatalf("current email consent = event %d, want the refusal (2)", cur.ID)
	}
	ev = append(ev, ConsentEvent{ID: 5, Channel: ChannelEmail, Status: ConsentGranted, At: "2026-03-01T10:00:00Z"})
	if cur, _ := CurrentConsent(ev, ChannelEmail); cur.ID != 2 {
		t.Fatalf("a grant at the same instant as a refusal won (event %d)", cur.ID)
	}
	ev = append(ev, ConsentEvent{ID: 6, Channel: ChannelEmail, Status: ConsentGranted, At: "2026-04-01T10:00:00Z"})
	if cur, _ := CurrentConsent(ev, ChannelEmail); cur.ID != 6 {
		t.Fatalf("a newer grant did not stand (event %d)", cur.ID)
	}
	if _, ok := CurrentConsent(ev, ChannelPhone); ok {
		t.Fatal("a channel without answers has a current consent")
	}
}

func TestRegisterKeysMatchDifferentSpellings(t *testing.T) {
	a := RegisterNameKey("Søren ", "KIERKEGAARD", "Nørregade  12, 2. th.", "DK-1165")
	b := RegisterNameKey("søren", "Kierkegaard", "Nørregade 12 2 th", "1165")
	if a == "" || a != b {
		t.Fatalf("keys differ: %q vs %q", a, b)
	}
	if RegisterNameKey("Anna", "", "", "") != "" {
		t.Fatal("a name without any address made a key")
	}
	if RegisterNameKey("José", "Müller", "Straße 1", "8000") != RegisterNameKey("Jose", "Muller", "Strasse 1", "8000") {
		t.Fatal("accents and ß are not folded")
	}
	if RegisterPhoneKey(" +4512345678 ") != "p:+4512345678" || RegisterPhoneKey("") != "" {
		t.Fatal("phone keys")
	}
}

func TestRegisterStaleAfterItsRefreshPeriod(t *testing.T) {
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	if stale, age := RegisterStale(RegisterNIX, "2026-11-01", now); !stale || age != 31 {
		t.Fatalf("NIX from 31 days ago: stale=%v age=%d", stale, age)
	}
	if stale, _ := RegisterStale(RegisterRobinson, "2026-11-01", now); stale {
		t.Fatal("Robinson from 31 days ago is stale")
	}
	if stale, _ := RegisterStale(RegisterNIX, "not a date", now); !stale {
		t.Fatal("a register without a valid date is not stale")
	}
}

func TestLicenceReason(t *testing.T) {
	once := SupplierList{ID: 1, Licence: LicenceOnce, ExpiresOn: "2026-12-31"}
	if r := LicenceReason(once, nil, 7, "2026-12-01"); r != "" {
		t.Fatalf("unused list: %q", r)
	}
	if r := LicenceReason(once, []int64{7}, 7, "2026-12-01"); r != "" {
		t.Fatalf("the campaign that used it may go on: %q", r)
	}
	if r := LicenceReason(once, []int64{7}, 8, "2026-12-01"); r != ExcludeLicenceUsed {
		t.Fatalf("second campaign: %q", r)
	}
	if r := LicenceReason(once, nil, 8, "2027-01-01"); r != ExcludeLicenceExpired {
		t.Fatalf("after expiry: %q", r)
	}
	rep := SupplierList{ID: 2, Licence: LicenceRepeated}
	if r := LicenceReason(rep, []int64{1, 2, 3}, 9, "2030-01-01"); r != "" {
		t.Fatalf("repeated list: %q", r)
	}
}
