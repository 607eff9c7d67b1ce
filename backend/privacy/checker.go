// Package privacy keeps DirectDesk's users on the right side of the
// marketing and data protection rules: who may be contacted on which
// channel (consent, country rules, do-not-contact registers, suppression,
// bought-list licences), the register files, and the GDPR tools.
package privacy

import (
	"context"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// Checker answers "may this person be contacted on this channel?" for one
// send check (a campaign launch or release, a mailing, a print, an export).
// It loads the registers and lists once; the per-person facts come with
// the rows the caller already reads (store.PrivacyFacts).
type Checker struct {
	campaign       int64
	day            string
	defaultCountry string
	lists          map[int64]marketing.SupplierList
	usedBy         map[int64][]int64
	fresh          map[string]bool // register -> imported and not stale
}

// StateStore is where a Checker loads the registers and lists from
// (backend/store's DB).
type StateStore interface {
	LoadPrivacyState(ctx context.Context) (store.PrivacyState, error)
}

// NewChecker loads what the checks need. campaign is the campaign (or
// mailing) the send belongs to, 0 outside one; defaultCountry is the
// workspace's country, used for contacts without one.
func NewChecker(ctx context.Context, db StateStore, campaign int64, now time.Time, defaultCountry string) (*Checker, error) {
	st, err := db.LoadPrivacyState(ctx)
	if err != nil {
		return nil, err
	}
	c := &Checker{campaign: campaign, day: now.Format("2006-01-02"), defaultCountry: defaultCountry,
		lists: st.Lists, usedBy: st.UsedBy, fresh: map[string]bool{}}
	for _, r := range st.Registers {
		stale, _ := marketing.RegisterStale(r.Register, r.ListDate, now)
		c.fresh[r.Register] = !stale
	}
	return c, nil
}

// Reason is why the person may not be contacted on channel (a consent
// channel: email, sms, post, phone), "" when they may, with a detail for
// the "see who" list (the register's or the list supplier's name).
// consent is their current consent for the channel; suppressed whether the
// address is on the email suppression list (the caller's query knows).
func (c *Checker) Reason(channel, consent string, suppressed bool, f store.PrivacyFacts) (reason, detail string) {
	country := f.Country
	if country == "" {
		country = c.defaultCountry
	}
	facts := marketing.ReachFacts{Channel: channel, Country: country, Kind: f.Kind, Consent: consent,
		Suppressed: suppressed || (f.PhoneSuppressed && (channel == marketing.ChannelSMS || channel == marketing.ChannelPhone)),
		Erased:     f.Erased, Register: f.Register}
	if l, ok := c.lists[f.ListID]; ok && f.ListID != 0 {
		facts.Licence = marketing.LicenceReason(l, c.usedBy[l.ID], c.campaign, c.day)
		if facts.Licence == "" {
			if reg := marketing.RegisterForCountry(country); reg != "" && !c.fresh[reg] {
				facts.Licence = marketing.ExcludeNotWashed
				detail = reg
			}
		}
		if facts.Licence != "" && detail == "" {
			detail = l.Supplier
		}
	}
	reason = marketing.Reach(facts)
	switch reason {
	case marketing.ExcludeRegister:
		detail = f.Register
	case marketing.ExcludeLicenceUsed, marketing.ExcludeLicenceExpired, marketing.ExcludeNotWashed:
	default:
		detail = ""
	}
	return reason, detail
}

// RegisterFresh reports whether a register has been imported and is not stale.
func (c *Checker) RegisterFresh(register string) bool { return c.fresh[register] }
