package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/privacy"
)

// The whole suppression list (emails and phone numbers) on the Privacy
// screen's Suppression tab.

// SuppressionListPage is one page of the suppression list, with the count
// of erased people (kept only as a code, never listed).
type SuppressionListPage struct {
	Total  int                          `json:"total"`
	Items  []marketing.SuppressionEntry `json:"items"`
	Erased int                          `json:"erased"`
}

// Suppressions pages through the list; kind is "", email or phone.
func (p *Privacy) Suppressions(query, kind string, offset, limit int) (SuppressionListPage, error) {
	if err := p.app.ready(); err != nil {
		return SuppressionListPage{}, err
	}
	ctx := context.Background()
	db := p.app.Workspace.ws.DB
	items, total, err := db.SuppressionList(ctx, query, kind, offset, limit)
	if err != nil {
		return SuppressionListPage{}, err
	}
	erased, err := db.ErasedCount(ctx)
	return SuppressionListPage{Total: total, Items: items, Erased: erased}, err
}

// AddSuppression puts an email address or phone number on the list by hand.
func (p *Privacy) AddSuppression(kind, value, reason, note string) (marketing.SuppressionEntry, error) {
	if err := p.app.ready(); err != nil {
		return marketing.SuppressionEntry{}, err
	}
	if note == "" {
		note = "added by hand"
	}
	return p.app.Workspace.ws.DB.AddSuppressionEntry(context.Background(), kind, value, reason, note, whoAmI())
}

// RemoveSuppression takes an entry off the list; a hard bounce or a
// complaint needs confirmed.
func (p *Privacy) RemoveSuppression(kind, value string, confirmed bool) error {
	if err := p.app.ready(); err != nil {
		return err
	}
	return p.app.Workspace.ws.DB.RemoveSuppressionEntry(context.Background(), kind, value, confirmed, whoAmI())
}

// ExportSuppressions writes the list to a spreadsheet (path "" or a bare
// name in browser mode: kept for download).
func (p *Privacy) ExportSuppressions(path string) (marketing.ExportResult, error) {
	if err := p.app.ready(); err != nil {
		return marketing.ExportResult{}, err
	}
	if path == "" {
		path = "suppression-list.xlsx"
	}
	if filepath.Base(path) == path {
		dir := p.app.downloadDir()
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return marketing.ExportResult{}, err
		}
		ext := filepath.Ext(path)
		path = filepath.Join(dir, strings.TrimSuffix(path, ext)+"-"+time.Now().Format("2006-01-02-150405")+ext)
	}
	return privacy.ExportSuppressions(context.Background(), p.app.Workspace.ws.DB, path)
}
