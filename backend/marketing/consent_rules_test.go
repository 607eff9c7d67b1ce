package marketing

import (
	"strings"
	"testing"
	"time"
)

func TestValidateConsentEvent(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	ok := func() ConsentEvent {
		return ConsentEvent{Channel: " phone ", Status: "granted", At: "2026-11-23T10:59:00+01:00", Method: "phone", Wording: " May we call you? ", By: "Mette"}
	}
	ev := ok()
	if err := ValidateConsentEvent(&ev, now); err != nil {
		t.Fatal(err)
	}
	if ev.Channel != "phone" || ev.At != "2026-11-23T09:59:00Z" || ev.Wording != "May we call you?" {
		t.Fatalf("not normalised: %+v", ev)
	}
	for _, tc := range []struct {
		name   string
		edit   func(*ConsentEvent)
		field  string
		reason string
	}{
		{"no channel", func(e *ConsentEvent) { e.Channel = "" }, "channel", "required"},
		{"fax", func(e *ConsentEvent) { e.Channel = "fax" }, "channel", "channel"},
		{"no answer", func(e *ConsentEvent) { e.Status = "" }, "status", "required"},
		{"maybe", func(e *ConsentEvent) { e.Status = "maybe" }, "status", "status"},
		{"no method", func(e *ConsentEvent) { e.Method = "" }, "method", "required"},
		{"import by hand", func(e *ConsentEvent) { e.Method = MethodImport }, "method", "method"},
		{"no date", func(e *ConsentEvent) { e.At = "" }, "at", "date"},
		{"garbage date", func(e *ConsentEvent) { e.At = "23/11/2026" }, "at", "date"},
		{"tomorrow", func(e *ConsentEvent) { e.At = "2026-11-24T10:00:00Z" }, "at", "future"},
		{"ten minutes ahead", func(e *ConsentEvent) { e.At = "2026-11-23T10:10:00Z" }, "at", "future"},
		{"long wording", func(e *ConsentEvent) { e.Wording = strings.Repeat("ø", 2001) }, "wording", "too_long"},
		{"long by", func(e *ConsentEvent) { e.By = strings.Repeat("a", 201) }, "by", "too_long"},
		{"long source", func(e *ConsentEvent) { e.Source = strings.Repeat("a", 201) }, "source", "too_long"},
	} {
		ev := ok()
		tc.edit(&ev)
		err := AsError(ValidateConsentEvent(&ev, now))
		if err == nil || err.Field != tc.field || err.Details["reason"] != tc.reason {
			t.Errorf("%s: %v, want %s/%s", tc.name, err, tc.field, tc.reason)
		}
	}
	// A clock a little ahead, a date alone and exactly 2000 characters are fine.
	for _, edit := range []func(*ConsentEvent){
		func(e *ConsentEvent) { e.At = "2026-11-23T10:03:00Z" },
		func(e *ConsentEvent) { e.At = "2026-11-20" },
		func(e *ConsentEvent) { e.Wording = strings.Repeat("ж", 2000) },
	} {
		ev := ok()
		edit(&ev)
		if err := ValidateConsentEvent(&ev, now); err != nil {
			t.Errorf("%+v: %v", ev, err)
		}
	}
}

func TestExplainConsent(t *testing.T) {
	hist := []ConsentEvent{{Channel: ChannelPhone, Status: ConsentGranted, At: "2026-11-01T10:00:00Z"}}
	got := ExplainConsent(ConsentFacts{Country: "", DefaultCountry: "dk", Kind: "customer", Register: RegisterRobinson},
		[]Consent{{Channel: ChannelPhone, Status: ConsentGranted, At: "2026-11-01T10:00:00Z"}}, hist)
	if got.Country != "DK" || !got.CountryFromWorkspace || len(got.Channels) != 4 || len(got.History) != 1 {
		t.Fatalf("%+v", got)
	}
	want := map[string][2]string{
		ChannelPost:  {ExcludeRegister, ""}, // on Robinson, no yes for letters
		ChannelEmail: {"", "customer"},      // the registers cover letters and calls only
		ChannelSMS:   {"", "customer"},      //
		ChannelPhone: {"", BasisConsent},    // their own yes overrides the register
	}
	for _, c := range got.Channels {
		if w := want[c.Channel]; c.Reason != w[0] || c.Basis != w[1] {
			t.Errorf("%s: %q %q, want %q %q", c.Channel, c.Reason, c.Basis, w[0], w[1])
		}
	}
	if c := ExplainConsent(ConsentFacts{Country: "SE", Kind: "customer", EmailSuppressed: true}, nil, nil).Channels[1]; c.Reason != ExcludeSuppressed {
		t.Errorf("suppressed email: %+v", c)
	}
}
