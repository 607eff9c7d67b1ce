package app

import (
	"context"

	"directdesk/backend/contacts"
	"directdesk/backend/marketing"
)

// Contacts is bound for the contacts screen.
type Contacts struct {
	app *App
	svc *contacts.Service
}

// List returns one page of contacts, sorted, searched and filtered in SQL.
func (c *Contacts) List(q marketing.ContactQuery) (marketing.ContactPage, error) {
	if err := c.app.ready(); err != nil {
		return marketing.ContactPage{}, err
	}
	return c.svc.List(context.Background(), q)
}

// Get returns one contact.
func (c *Contacts) Get(id int64) (marketing.Contact, error) {
	if err := c.app.ready(); err != nil {
		return marketing.Contact{}, err
	}
	return c.svc.Get(context.Background(), id)
}

// Create validates and stores a new contact and returns it as stored.
func (c *Contacts) Create(contact marketing.Contact) (marketing.Contact, error) {
	if err := c.app.ready(); err != nil {
		return contact, err
	}
	return c.svc.Create(context.Background(), contact)
}

// Update validates and saves an edited contact and returns it as stored.
func (c *Contacts) Update(contact marketing.Contact) (marketing.Contact, error) {
	if err := c.app.ready(); err != nil {
		return contact, err
	}
	return c.svc.Update(context.Background(), contact)
}

// Delete removes the contacts and returns how many were deleted.
func (c *Contacts) Delete(ids []int64) (int, error) {
	if err := c.app.ready(); err != nil {
		return 0, err
	}
	return c.svc.Delete(context.Background(), ids)
}

// Tag adds (add=true) or removes a tag on the contacts; returns how many changed.
func (c *Contacts) Tag(ids []int64, tag string, add bool) (int, error) {
	if err := c.app.ready(); err != nil {
		return 0, err
	}
	return c.svc.Tag(context.Background(), ids, tag, add)
}

// Timeline returns the contact's events, newest first.
func (c *Contacts) Timeline(id int64) ([]marketing.Event, error) {
	if err := c.app.ready(); err != nil {
		return nil, err
	}
	return c.svc.Timeline(context.Background(), id)
}

// Facets returns countries, regions and tags with counts for the filters.
func (c *Contacts) Facets() (marketing.ContactFacets, error) {
	if err := c.app.ready(); err != nil {
		return marketing.ContactFacets{}, err
	}
	return c.svc.Facets(context.Background())
}

// DeleteMatching deletes every contact the search and filters of q find,
// on all pages; paging in q is ignored. Returns how many were deleted.
func (c *Contacts) DeleteMatching(q marketing.ContactQuery) (int, error) {
	if err := c.app.ready(); err != nil {
		return 0, err
	}
	return c.svc.DeleteMatching(context.Background(), q)
}

// TagMatching adds (add=true) or removes a tag on every contact q finds.
func (c *Contacts) TagMatching(q marketing.ContactQuery, tag string, add bool) (int, error) {
	if err := c.app.ready(); err != nil {
		return 0, err
	}
	return c.svc.TagMatching(context.Background(), q, tag, add)
}
