package workspace

import (
	"context"

	"directdesk/backend/inbox"
	"directdesk/backend/marketing"
)

// SyncInbox reads the account's inbox: bounces and unsubscribes suppress
// the address, replies become responses, everything is logged and moved
// to the processed folder.
func (w *Workspace) SyncInbox(ctx context.Context, accountID int64, progress marketing.Progress) (map[string]int, []marketing.InboxEvent, error) {
	a, err := w.DB.MailAccount(ctx, accountID)
	if err != nil {
		return nil, nil, err
	}
	if a.IMAPHost == "" {
		return nil, nil, marketing.FieldError(marketing.EInvalid, "imapHost", "This account has no incoming mail server (IMAP). Add one under Settings → Email to read bounces and replies.", map[string]string{"reason": "no_imap"})
	}
	pw, err := w.password(a)
	if err != nil {
		return nil, nil, err
	}
	res, err := inbox.Sync(ctx, a, pw, w.DB, inbox.Options{TLSConfig: w.MailTLS, Timeout: w.MailTimeout, Progress: progress})
	if res.Counts == nil {
		res.Counts = map[string]int{}
	}
	return res.Counts, res.Events, err
}

func (w *Workspace) testIMAP(ctx context.Context, a marketing.MailAccount, password string) error {
	if a.IMAPUser == "" {
		a.IMAPUser = a.SMTPUser
	}
	return inbox.Check(ctx, a, password, inbox.Options{TLSConfig: w.MailTLS, Timeout: w.MailTimeout})
}
