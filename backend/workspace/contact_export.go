package workspace

import (
	"context"

	"directdesk/backend/exporter"
	"directdesk/backend/marketing"
)

// ContactExport is a contacts file written for a purpose. Channel "" is
// the user's own use; otherwise Excluded counts by reason the people left
// out because they may not be contacted on that channel.
type ContactExport struct {
	marketing.ExportResult
	Channel  string         `json:"channel"`
	Excluded map[string]int `json:"excluded"`
}

// ExportCheck is the preflight of a contacts file for sending: how many
// were selected, how many go into the file and who is left out, by reason.
type ExportCheck struct {
	Channel  string         `json:"channel"`
	Selected int            `json:"selected"`
	Kept     int            `json:"kept"`
	Excluded map[string]int `json:"excluded"`
}

// checkExportChannel accepts "" (own use) or a consent channel.
func checkExportChannel(channel string) error {
	switch channel {
	case "", marketing.ChannelPost, marketing.ChannelEmail, marketing.ChannelSMS, marketing.ChannelPhone:
		return nil
	}
	return marketing.FieldError(marketing.EInvalid, "channel", "Say what the file is for: your own use, letters, email, SMS or calls.", map[string]string{"reason": "choice"})
}

// exportIDs is who goes into a file for channel, and who is left out.
// A file for sending goes to a letter shop, an SMS or email service or a
// call centre, so it gets the same check as a print from the Documents
// screen (outside a campaign); the user's own file ("") holds everyone.
func (w *Workspace) exportIDs(ctx context.Context, ids []int64, channel string) ([]int64, map[string]int, error) {
	if err := checkExportChannel(channel); err != nil {
		return nil, nil, err
	}
	if channel == "" {
		return ids, map[string]int{}, nil
	}
	return w.Reachable(ctx, ids, channel)
}

// CheckExport is the preflight of ExportContacts: it writes nothing.
func (w *Workspace) CheckExport(ctx context.Context, ids []int64, channel string) (ExportCheck, error) {
	keep, excl, err := w.exportIDs(ctx, ids, channel)
	if err != nil {
		return ExportCheck{}, err
	}
	return ExportCheck{Channel: channel, Selected: len(ids), Kept: len(keep), Excluded: excl}, nil
}

// ExportContacts writes ids to path (.xlsx or .csv) for channel: "" for
// the user's own use (everyone), or the consent channel the file is for
// (the people who may not be contacted on it are left out and counted).
func (w *Workspace) ExportContacts(ctx context.Context, ids []int64, channel, path string, opt exporter.Options, p marketing.Progress) (ContactExport, error) {
	keep, excl, err := w.exportIDs(ctx, ids, channel)
	if err != nil {
		return ContactExport{}, err
	}
	if keep == nil {
		keep = []int64{} // a nil list in a ContactQuery means every contact
	}
	res, err := exporter.Contacts(ctx, w.DB, marketing.ContactQuery{IDs: keep}, path, opt, p)
	return ContactExport{ExportResult: res, Channel: channel, Excluded: excl}, err
}
