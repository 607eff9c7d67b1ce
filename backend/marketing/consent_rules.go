package marketing

import (
	"strings"
	"time"
	"unicode/utf8"
)

// ConsentClockSkew is how far in the future a hand-recorded answer may be
// dated: the PC's clock and the phone's clock rarely agree to the second.
const ConsentClockSkew = 5 * time.Minute

// ValidateConsentEvent checks one consent answer recorded by hand and
// rewrites it into its stored form (trimmed text, At as a UTC timestamp).
// Errors carry details.reason so the UI can say what to do.
func ValidateConsentEvent(ev *ConsentEvent, now time.Time) error {
	ev.Channel = strings.TrimSpace(ev.Channel)
	ev.Status = strings.TrimSpace(ev.Status)
	ev.Method = strings.TrimSpace(ev.Method)
	ev.Source = strings.TrimSpace(ev.Source)
	ev.Wording = strings.TrimSpace(ev.Wording)
	ev.By = strings.TrimSpace(ev.By)
	switch ev.Channel {
	case ChannelEmail, ChannelSMS, ChannelPost, ChannelPhone:
	case "":
		return FieldError(EInvalid, "channel", "Pick the channel the answer is about: letters, email, SMS or phone.", map[string]string{"reason": "required"})
	default:
		return FieldError(EInvalid, "channel", "This channel is not known. Pick letters, email, SMS or phone.", map[string]string{"reason": "channel"})
	}
	switch ev.Status {
	case ConsentGranted, ConsentRefused:
	case "":
		return FieldError(EInvalid, "status", "Say whether the person said yes or no.", map[string]string{"reason": "required"})
	default:
		return FieldError(EInvalid, "status", "The answer must be yes or no.", map[string]string{"reason": "status"})
	}
	if ev.Method == "" {
		return FieldError(EInvalid, "method", "Say how the person gave the answer: on the phone, in writing, on a web form or in person.", map[string]string{"reason": "required"})
	}
	known := false
	for _, m := range ConsentMethods {
		known = known || m == ev.Method
	}
	if !known {
		return FieldError(EInvalid, "method", "Pick how the person gave the answer from the list.", map[string]string{"reason": "method"})
	}
	at, err := parseConsentTime(ev.At)
	if err != nil {
		return FieldError(EInvalid, "at", "Give the date and time the person gave the answer.", map[string]string{"reason": "date"})
	}
	if at.After(now.Add(ConsentClockSkew)) {
		return FieldError(EInvalid, "at", "The answer cannot be dated in the future. Give the date and time the person gave it.", map[string]string{"reason": "future"})
	}
	ev.At = Timestamp(at)
	if utf8.RuneCountInString(ev.Wording) > 2000 {
		return FieldError(EInvalid, "wording", "The wording is too long: keep it under 2000 characters.", map[string]string{"reason": "too_long", "max": "2000"})
	}
	for field, v := range map[string]string{"source": ev.Source, "by": ev.By} {
		if utf8.RuneCountInString(v) > 200 {
			return FieldError(EInvalid, field, "This text is too long: keep it under 200 characters.", map[string]string{"reason": "too_long", "max": "200"})
		}
	}
	if strings.ContainsRune(ev.Source+ev.By, 0) || strings.ContainsRune(ev.Wording, 0) {
		return FieldError(EInvalid, "wording", "The text holds a character that cannot be stored. Type it again.", map[string]string{"reason": "invalid"})
	}
	return nil
}

// parseConsentTime accepts a UTC timestamp, an RFC 3339 time with an
// offset (what a browser's date picker sends) or a date alone (noon UTC,
// so it stays on its day in every European time zone).
func parseConsentTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(DateLayout, s); err == nil {
		return t.Add(12 * time.Hour), nil
	}
	return time.Parse(TimestampLayout, s)
}

// ConsentFacts is what explaining a contact's consent needs besides the
// answers themselves.
type ConsentFacts struct {
	ContactID       int64
	Country         string // the contact's, "" = the workspace's
	DefaultCountry  string
	Kind            string
	Register        string
	Erased          bool
	EmailSuppressed bool
	PhoneSuppressed bool
	FromList        bool // came from a bought or rented list
}

// ChannelConsent is one channel as the contact drawer shows it: the answer
// that stands, the country's rule, and whether the person may be reached.
type ChannelConsent struct {
	Channel string      `json:"channel"`
	Current *Consent    `json:"current"` // nil: never asked
	Rule    ChannelRule `json:"rule"`
	// Reason is why they may not be reached ("" = they may; an Exclude*
	// reason otherwise), Basis why they may: consent, customer (the
	// existing-customer exception), allowed (no consent needed).
	Reason string `json:"reason"`
	Basis  string `json:"basis"`
}

// Bases of being reachable on a channel.
const (
	BasisConsent  = "consent"
	BasisCustomer = "customer"
	BasisAllowed  = "allowed"
)

// ContactConsent is everything the consent panel shows for one contact.
type ContactConsent struct {
	ContactID int64  `json:"contactId"`
	Country   string `json:"country"` // the country whose rules apply
	// CountryFromWorkspace: the contact has no country, the workspace's applies.
	CountryFromWorkspace bool             `json:"countryFromWorkspace"`
	Kind                 string           `json:"kind"`
	Register             string           `json:"register"`
	Erased               bool             `json:"erased"`
	FromList             bool             `json:"fromList"`
	Channels             []ChannelConsent `json:"channels"`
	History              []ConsentEvent   `json:"history"` // newest first
}

// ExplainConsent turns the stored answers and facts into the per-channel
// verdicts, in the order letters, email, SMS, phone. The verdict is
// marketing.Reach, the same rule every send check applies (without the
// bought-list licence, which depends on the campaign).
func ExplainConsent(f ConsentFacts, current []Consent, history []ConsentEvent) ContactConsent {
	country := strings.ToUpper(f.Country)
	out := ContactConsent{ContactID: f.ContactID, Country: country, Kind: f.Kind, Register: f.Register, Erased: f.Erased,
		FromList: f.FromList, History: history}
	if out.History == nil {
		out.History = []ConsentEvent{}
	}
	if country == "" {
		out.Country, out.CountryFromWorkspace = strings.ToUpper(f.DefaultCountry), true
	}
	for _, ch := range []string{ChannelPost, ChannelEmail, ChannelSMS, ChannelPhone} {
		cc := ChannelConsent{Channel: ch, Rule: RuleFor(out.Country, ch)}
		status := ""
		for i := range current {
			if current[i].Channel == ch {
				c := current[i]
				cc.Current, status = &c, c.Status
			}
		}
		suppressed := (ch == ChannelEmail && f.EmailSuppressed) || ((ch == ChannelSMS || ch == ChannelPhone) && f.PhoneSuppressed)
		cc.Reason = Reach(ReachFacts{Channel: ch, Country: out.Country, Kind: f.Kind, Consent: status, Suppressed: suppressed,
			Erased: f.Erased, Register: f.Register})
		if cc.Reason == "" {
			switch {
			case status == ConsentGranted:
				cc.Basis = BasisConsent
			case cc.Rule.NeedsConsent:
				cc.Basis = BasisCustomer
			default:
				cc.Basis = BasisAllowed
			}
		}
		out.Channels = append(out.Channels, cc)
	}
	return out
}
