package app

import (
	"context"
	"time"

	"directdesk/backend/marketing"
)

// Bought and rented lists on the Privacy screen's Lists tab.

// ListContactsPage is one page of the people stored from a list.
type ListContactsPage struct {
	Total int                     `json:"total"`
	Items []marketing.ListContact `json:"items"`
}

// Lists returns the bought and rented lists with their status today.
func (p *Privacy) Lists() ([]marketing.SupplierList, error) {
	if err := p.app.ready(); err != nil {
		return nil, err
	}
	ws := p.app.Workspace.ws
	s, err := ws.Settings(context.Background())
	if err != nil {
		return nil, err
	}
	return ws.DB.SupplierLists(context.Background(), time.Now(), s.Country)
}

// SaveListTerms corrects a list's terms (audited).
func (p *Privacy) SaveListTerms(id int64, terms marketing.ListTerms) error {
	if err := p.app.ready(); err != nil {
		return err
	}
	return p.app.Workspace.ws.DB.SaveListTerms(context.Background(), id, terms, whoAmI())
}

// ListContacts pages through the people stored from a list.
func (p *Privacy) ListContacts(id int64, offset, limit int) (ListContactsPage, error) {
	if err := p.app.ready(); err != nil {
		return ListContactsPage{}, err
	}
	items, total, err := p.app.Workspace.ws.DB.SupplierListContacts(context.Background(), id, offset, limit)
	if items == nil {
		items = []marketing.ListContact{}
	}
	return ListContactsPage{Total: total, Items: items}, err
}
