package app

import (
	"context"

	"directdesk/backend/marketing"
)

// ExcludedRequest is a "see who" question: which preflight, and for the
// email, print and audience preflights the selection they checked.
type ExcludedRequest struct {
	Query     marketing.ExcludedQuery `json:"query"`
	Selection DocumentSelection       `json:"selection"`
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
	}
	return ws.Excluded(ctx, req.Query, ids)
}
