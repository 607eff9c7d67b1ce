package campaign

import (
	"context"

	"directdesk/backend/marketing"
)

// coreStore is what plans, launches and releases need.
type coreStore interface{}

var errNotYet = marketing.Errorf(marketing.EInvalid, "Not built yet.")

// Summary is a campaign in the list, with its headline numbers.
type Summary struct {
	Campaign     marketing.Campaign `json:"campaign"`
	Target       int                `json:"target"`
	Control      int                `json:"control"`
	Sent         int                `json:"sent"` // touches done (all channels)
	Responses    int                `json:"responses"`
	RevenueMinor int64              `json:"revenueMinor"`
	CostMinor    int64              `json:"costMinor"`
	NextDue      string             `json:"nextDue"` // the next unreleased touch's day
	NextChannel  string             `json:"nextChannel"`
}

// List returns the campaigns (not mailings), newest first; archived ones
// only with archived.
func (s *Service) List(ctx context.Context, archived bool) ([]Summary, error) { return nil, errNotYet }

// Get returns one campaign with its touches.
func (s *Service) Get(ctx context.Context, id int64) (marketing.Campaign, error) {
	return marketing.Campaign{}, errNotYet
}

// Save creates (ID 0) or updates a draft. Only the name, goal and notes of
// a launched campaign may change; anything else is a conflict.
func (s *Service) Save(ctx context.Context, c *marketing.Campaign) error { return errNotYet }

// Delete removes a draft.
func (s *Service) Delete(ctx context.Context, id int64) error { return errNotYet }

// Duplicate copies a campaign's plan into a new draft.
func (s *Service) Duplicate(ctx context.Context, id int64) (marketing.Campaign, error) {
	return marketing.Campaign{}, errNotYet
}

// Preflight is what launching the campaign to these segment members
// (ids, as of now) would do: steps 4 and 7.
func (s *Service) Preflight(ctx context.Context, id int64, ids []int64) (marketing.CampaignPreflight, error) {
	return marketing.CampaignPreflight{}, errNotYet
}

// Launch freezes the list (target, control, excluded with reasons) and
// the touches' template versions, and schedules the campaign (running at
// once when its start is today or past). It releases what is due.
func (s *Service) Launch(ctx context.Context, id int64, ids []int64) (Released, error) {
	return Released{}, errNotYet
}

// SetStatus moves a campaign (pause, resume, finish, archive, unschedule)
// as marketing.CanMove allows.
func (s *Service) SetStatus(ctx context.Context, id int64, to, reason string) error { return errNotYet }

// Released says which touches got their lists.
type Released struct {
	Touches []ReleasedTouch `json:"touches"`
}

// ReleasedTouch is one touch whose list was made.
type ReleasedTouch struct {
	CampaignID int64  `json:"campaignId"`
	TouchID    int64  `json:"touchId"`
	Channel    string `json:"channel"`
	Count      int    `json:"count"`   // people on the list
	Skipped    int    `json:"skipped"` // left out, with reasons
}

// ReleaseDue makes the lists of every touch that is due by now, in every
// running campaign (a scheduled campaign whose day came starts running).
// Email touches' lists go to the outbox; the caller starts sending them.
func (s *Service) ReleaseDue(ctx context.Context) (Released, error) { return Released{}, errNotYet }

// Release makes one touch's list now, before its day (the user asked).
func (s *Service) Release(ctx context.Context, touchID int64) (Released, error) {
	return Released{}, errNotYet
}

// Touch returns a touch with its campaign.
func (s *Service) Touch(ctx context.Context, touchID int64) (marketing.Campaign, marketing.Touch, error) {
	return marketing.Campaign{}, marketing.Touch{}, errNotYet
}
