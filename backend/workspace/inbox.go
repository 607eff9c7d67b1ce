package workspace

import (
	"context"

	"directdesk/backend/marketing"
)

// SyncInbox reads the account's inbox: bounces, unsubscribes, replies.
func (w *Workspace) SyncInbox(ctx context.Context, accountID int64, progress marketing.Progress) (map[string]int, []marketing.InboxEvent, error) {
	return nil, nil, marketing.Errorf(marketing.EInternal, "not yet")
}

func (w *Workspace) testIMAP(ctx context.Context, a marketing.MailAccount, password string) error {
	return marketing.Errorf(marketing.EInternal, "not yet")
}
