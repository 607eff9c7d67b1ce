package workspace

import (
	"context"
	"directdesk/backend/document"
	"time"

	"directdesk/backend/demo"
	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

const (
	demoKey   = "demo.progress"
	demoSeed  = 20261123
	demoBatch = 5000
)

// demoProgress is stored in the same transaction as each batch, so a run that
// is killed resumes after the last whole batch and never writes one twice.
type demoProgress struct {
	Next   int `json:"next"`   // index of the next contact to generate
	Target int `json:"target"` // index to stop at
}

// LoadDemo adds n realistic demo contacts (with orders) and the demo product
// catalogue. An earlier run that was interrupted is finished first.
func (w *Workspace) LoadDemo(ctx context.Context, n int, progress marketing.Progress) error {
	if n < 1 || n > 5_000_000 {
		return marketing.FieldError(marketing.EInvalid, "contacts", "Choose between 1 and 5,000,000 demo contacts.", nil)
	}
	var p demoProgress
	if _, err := w.DB.GetValue(ctx, demoKey, &p); err != nil {
		return err
	}
	if p.Next >= p.Target {
		p.Target = p.Next + n
	}
	settings, err := w.Settings(ctx)
	if err != nil {
		return err
	}
	today := time.Now()
	gen := demo.New(demoSeed, today)
	gen.UseLanguage(settings.Language)
	products := gen.Products(settings.Currency)
	if p.Next == 0 {
		for i := range products {
			img, err := document.PrepareImageBytes(products[i].SKU+".jpg", demo.Picture(products[i].SKU, products[i].Category))
			if err != nil {
				return err
			}
			if err := w.DB.PutMedia(ctx, img.Name, img.Mime, img.Data); err != nil {
				return err
			}
			products[i].ImagePath = "media:" + img.Name
		}
		if err := w.DB.UpsertProducts(ctx, products); err != nil {
			return err
		}
	}
	start := p.Next
	for p.Next < p.Target {
		if err := ctx.Err(); err != nil {
			return marketing.ErrCanceled
		}
		end := min(p.Next+demoBatch, p.Target)
		b := &store.ContactBatch{
			Contacts:     make([]marketing.Contact, 0, end-p.Next),
			Orders:       make([][]marketing.Order, 0, end-p.Next),
			EventKind:    marketing.EventCreated,
			EventSummary: "Demo contact created",
			ProgressKey:  demoKey,
		}
		for i := p.Next; i < end; i++ {
			c := gen.Contact(i)
			b.Contacts = append(b.Contacts, c)
			b.Orders = append(b.Orders, gen.Orders(i, &b.Contacts[len(b.Contacts)-1], products))
		}
		b.ProgressValue = demoProgress{Next: end, Target: p.Target}
		if err := w.DB.InsertContactBatch(ctx, b); err != nil {
			return err
		}
		p.Next = end
		if progress != nil {
			progress(p.Next-start, p.Target-start)
		}
	}
	return nil
}

// RemoveDemo deletes the demo contacts (with their orders and timelines)
// and the demo products nobody else ordered. Contacts the user added stay.
func (w *Workspace) RemoveDemo(ctx context.Context) (int, error) {
	gen := demo.New(demoSeed, time.Now())
	var skus []string
	for _, p := range gen.Products("EUR") {
		skus = append(skus, p.SKU)
	}
	n, err := w.DB.DeleteDemoContacts(ctx, demoKey, skus)
	if err != nil {
		return n, err
	}
	// Most of the index was demo people: rewriting it now is cheap and
	// leaves nothing of them in the file.
	return n, w.DB.OptimizeSearch(ctx)
}
