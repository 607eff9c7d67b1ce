package app

import (
	"context"

	"directdesk/backend/marketing"
)

// RecordConsent stores a consent answer given by hand (a phone call, a
// signed form) with its evidence, and returns the answers that now stand.
func (c *Contacts) RecordConsent(contactID int64, ev marketing.ConsentEvent) ([]marketing.Consent, error) {
	if err := c.app.ready(); err != nil {
		return nil, err
	}
	out, err := c.app.Workspace.ws.DB.RecordConsent(context.Background(), contactID, ev)
	if out == nil && err == nil {
		out = []marketing.Consent{}
	}
	return out, err
}

// ConsentHistory returns every consent answer recorded for the contact, newest first.
func (c *Contacts) ConsentHistory(contactID int64) ([]marketing.ConsentEvent, error) {
	if err := c.app.ready(); err != nil {
		return nil, err
	}
	return c.app.Workspace.ws.DB.ConsentHistory(context.Background(), contactID)
}

// Consent returns what the contact drawer shows about consent: per channel
// the answer that stands with its evidence, what the country rule means
// for this person, and the history.
func (c *Contacts) Consent(contactID int64) (marketing.ContactConsent, error) {
	if err := c.app.ready(); err != nil {
		return marketing.ContactConsent{}, err
	}
	ctx := context.Background()
	ws := c.app.Workspace.ws
	country := marketing.CountryDK
	if s, err := ws.Settings(ctx); err == nil && s.Country != "" {
		country = s.Country
	}
	return ws.DB.ContactConsent(ctx, contactID, country)
}
