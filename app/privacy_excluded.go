package app

import (
	"context"

	"directdesk/backend/marketing"
)

// ExcludedRequest is a "see who" question: which preflight, and for the
// email, print, audience and export preflights the selection they checked
// (an export's is Selection.Filter, within frozen list FrozenID when set).
type ExcludedRequest struct {
	Query     marketing.ExcludedQuery `json:"query"`
	Selection DocumentSelection       `json:"selection"`
	FrozenID  int64                   `json:"frozenId"`
}

// Excluded pages who a preflight left out and why.
func (p *Privacy) Excluded(req ExcludedRequest) (marketing.ExcludedPage, error) {
	if err := p.app.ready(); err != nil {
		return marketing.ExcludedPage{}, err
	}
	ctx := context.Background()
	ws := p.app.Workspace.ws
	var ids []int64
	switch req.Query.Source {
	case marketing.ExcludedEmail, marketing.ExcludedPrint, marketing.ExcludedAudience:
		var err error
		if ids, _, err = p.app.Documents.recipients(ctx, req.Selection, false); err != nil {
			return marketing.ExcludedPage{}, err
		}
	case marketing.ExcludedExport:
		var err error
		if ids, err = p.app.Segments.exportIDs(req.Selection.Filter, req.FrozenID); err != nil {
			return marketing.ExcludedPage{}, err
		}
	}
	return ws.Excluded(ctx, req.Query, ids)
}
