package contacts

import (
	"context"
	"time"

	"directdesk/backend/marketing"
)

// Store is what the contact service needs from the workspace database.
type Store interface {
	ListContacts(ctx context.Context, q marketing.ContactQuery) (marketing.ContactPage, error)
	GetContact(ctx context.Context, id int64) (marketing.Contact, error)
	CreateContact(ctx context.Context, c *marketing.Contact) error
	UpdateContact(ctx context.Context, c *marketing.Contact) error
	DeleteContacts(ctx context.Context, ids []int64) (int, error)
	TagContacts(ctx context.Context, ids []int64, tag string, add bool) (int, error)
	DeleteContactsMatching(ctx context.Context, q marketing.ContactQuery) (int, error)
	TagContactsMatching(ctx context.Context, q marketing.ContactQuery, tag string, add bool) (int, error)
	ContactEvents(ctx context.Context, id int64, limit int) ([]marketing.Event, error)
	ContactFacets(ctx context.Context) (marketing.ContactFacets, error)
}

// Service validates contacts and hands them to the store.
type Service struct {
	Store Store
	// DefaultCountry returns the workspace's country, used for phone numbers
	// typed without a country code and for contacts without a country.
	DefaultCountry func() string
	Now            func() time.Time
}

// Normalize validates c and rewrites its values into their stored form.
func (s *Service) Normalize(c *marketing.Contact) error {
	country := c.Country
	if country == "" {
		country = s.DefaultCountry()
		// An address without a country is in the shop's own country: its
		// postcode rules apply, and later letters know where to send it.
		if c.Postcode != "" || c.City != "" || c.Street1 != "" {
			c.Country = country
		}
	}
	var err error
	if c.Email, err = NormalizeEmail(c.Email); err != nil {
		return err
	}
	if c.Phone, err = NormalizePhone("phone", c.Phone, country); err != nil {
		return err
	}
	if c.Mobile, err = NormalizePhone("mobile", c.Mobile, country); err != nil {
		return err
	}
	return marketing.ValidateContact(c, s.Now())
}

// Create validates and stores a new contact.
func (s *Service) Create(ctx context.Context, c marketing.Contact) (marketing.Contact, error) {
	c.ID = 0
	if c.Source == "" {
		c.Source = "manual"
	}
	if err := s.Normalize(&c); err != nil {
		return c, err
	}
	if err := s.Store.CreateContact(ctx, &c); err != nil {
		return c, err
	}
	return s.Store.GetContact(ctx, c.ID)
}

// Update validates and saves an edited contact.
func (s *Service) Update(ctx context.Context, c marketing.Contact) (marketing.Contact, error) {
	if c.ID <= 0 {
		return c, marketing.Errorf(marketing.ENotFound, "This contact has not been saved yet.")
	}
	if err := s.Normalize(&c); err != nil {
		return c, err
	}
	if err := s.Store.UpdateContact(ctx, &c); err != nil {
		return c, err
	}
	return s.Store.GetContact(ctx, c.ID)
}

// List returns one page of contacts.
func (s *Service) List(ctx context.Context, q marketing.ContactQuery) (marketing.ContactPage, error) {
	return s.Store.ListContacts(ctx, q)
}

// Get returns one contact.
func (s *Service) Get(ctx context.Context, id int64) (marketing.Contact, error) {
	return s.Store.GetContact(ctx, id)
}

// Delete removes contacts; the caller has asked the user to confirm.
func (s *Service) Delete(ctx context.Context, ids []int64) (int, error) {
	if len(ids) == 0 {
		return 0, marketing.Errorf(marketing.EInvalid, "Select the contacts to delete first.")
	}
	return s.Store.DeleteContacts(ctx, ids)
}

// Tag adds (or removes) a tag on the selected contacts.
func (s *Service) Tag(ctx context.Context, ids []int64, tag string, add bool) (int, error) {
	if len(ids) == 0 {
		return 0, marketing.Errorf(marketing.EInvalid, "Select the contacts to tag first.")
	}
	return s.Store.TagContacts(ctx, ids, tag, add)
}

// DeleteMatching removes every contact the list's search and filters find
// (all pages); the caller has shown the count and asked the user to confirm.
func (s *Service) DeleteMatching(ctx context.Context, q marketing.ContactQuery) (int, error) {
	return s.Store.DeleteContactsMatching(ctx, q)
}

// TagMatching adds (or removes) a tag on every contact the list finds.
func (s *Service) TagMatching(ctx context.Context, q marketing.ContactQuery, tag string, add bool) (int, error) {
	return s.Store.TagContactsMatching(ctx, q, tag, add)
}

// Timeline returns what happened to a contact, newest first.
func (s *Service) Timeline(ctx context.Context, id int64) ([]marketing.Event, error) {
	return s.Store.ContactEvents(ctx, id, 200)
}

// Facets returns the filter values with counts.
func (s *Service) Facets(ctx context.Context) (marketing.ContactFacets, error) {
	return s.Store.ContactFacets(ctx)
}
