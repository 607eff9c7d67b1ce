package privacy

import (
	"context"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// Check returns the checker as a store.ReachCheck for a consent channel,
// so store transactions (a touch's due list, an email batch) can apply it.
func (c *Checker) Check(channel string) store.ReachCheck {
	return func(r *store.ReachRow) (string, string) {
		return c.Reason(channel, r.Consent, r.EmailSuppressed && channel == marketing.ChannelEmail, r.Facts)
	}
}

// Split reads the reach facts of ids for channel and returns the people
// who may be contacted (in the order of ids) and the others with reason
// and detail. Deleted contacts are in neither.
func (c *Checker) Split(ctx context.Context, db *store.DB, ids []int64, channel string) ([]int64, []marketing.ExcludedPerson, error) {
	rows, err := db.ReachRows(ctx, ids, channel)
	if err != nil {
		return nil, nil, err
	}
	keep := make([]int64, 0, len(rows))
	var out []marketing.ExcludedPerson
	check := c.Check(channel)
	for i := range rows {
		if r, d := check(&rows[i]); r != "" {
			out = append(out, marketing.ExcludedPerson{ContactID: rows[i].ID, Name: rows[i].Name, Reason: r, Detail: d})
			continue
		}
		keep = append(keep, rows[i].ID)
	}
	return keep, out, nil
}

// SendGuard is the store the email runner sends through: the batch it
// reserves and the last look before each message both ask the Checker, so
// a register imported, a person erased or a licence run out while a
// mailing is sending stops their message.
type SendGuard struct {
	*store.DB
	Campaign int64 // the mailing or campaign the touch belongs to
	Country  string
	Now      func() time.Time
}

func (g SendGuard) now() time.Time {
	if g.Now != nil {
		return g.Now()
	}
	return time.Now()
}

// ReserveBatch reserves the next batch, skipping whoever the Checker refuses.
func (g SendGuard) ReserveBatch(ctx context.Context, touchID int64, now time.Time, limit int, boot string) ([]marketing.OutboxEntry, error) {
	chk, err := NewChecker(ctx, g.DB, g.Campaign, g.now(), g.Country)
	if err != nil {
		return nil, err
	}
	return g.DB.ReserveBatchChecked(ctx, touchID, now, limit, boot, chk.Check(marketing.ChannelEmail))
}

// Blocked is the last look before a message goes.
func (g SendGuard) Blocked(ctx context.Context, contactID int64, email string) (bool, string, error) {
	no, why, err := g.DB.Blocked(ctx, contactID, email)
	if err != nil || no || contactID == 0 {
		return no, why, err
	}
	chk, err := NewChecker(ctx, g.DB, g.Campaign, g.now(), g.Country)
	if err != nil {
		return false, "", err
	}
	rows, err := g.DB.ReachRows(ctx, []int64{contactID}, marketing.ChannelEmail)
	if err != nil || len(rows) == 0 {
		return false, "", err
	}
	if r, _ := chk.Check(marketing.ChannelEmail)(&rows[0]); r != "" {
		return true, r, nil
	}
	return false, "", nil
}
