package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/secrets"
	"directdesk/backend/workspace"
)

func init() {
	register(command{name: "email", summary: "email: `email send --campaign C [--template T --account A + selection flags] [--dry-run]`, `email accounts`", run: runEmail})
	register(command{name: "inbox", summary: "read bounces, unsubscribes and replies from the mailbox: `inbox sync [--account A]`", run: runInbox})
}

func runEmail(e *env, args []string) error {
	if len(args) == 0 {
		return marketing.Errorf(marketing.EInvalid, "Say what to do: `directdesk email send --campaign NAME ...` or `directdesk email accounts`.")
	}
	switch args[0] {
	case "send":
		return runEmailSend(e, args[1:])
	case "accounts":
		return runEmailAccounts(e, args[1:])
	}
	return marketing.Errorf(marketing.EInvalid, "Unknown email command %q: use send or accounts.", args[0])
}

func runEmailAccounts(e *env, args []string) error {
	fs := e.flags("email accounts")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx := context.Background()
	ws, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	list, err := ws.MailAccounts(ctx)
	if err != nil {
		return err
	}
	e.print(list, func(w io.Writer) {
		if len(list) == 0 {
			fmt.Fprintln(w, "No mail accounts yet. Add one in the app under Settings → Email.")
		}
		for _, a := range list {
			fmt.Fprintf(w, "%d\t%s\t%s\t%s:%d (%s)\n", a.ID, a.Name, a.FromEmail, a.SMTPHost, a.SMTPPort, a.SMTPSecurity)
		}
	})
	return nil
}

// account finds an account by number, name or address ("" = the only one).
func account(ctx context.Context, ws *workspace.Workspace, name string) (marketing.MailAccount, error) {
	list, err := ws.MailAccounts(ctx)
	if err != nil {
		return marketing.MailAccount{}, err
	}
	for _, a := range list {
		if name == "" && len(list) == 1 || strconv.FormatInt(a.ID, 10) == name || strings.EqualFold(a.Name, name) || strings.EqualFold(a.FromEmail, name) {
			return a, nil
		}
	}
	if len(list) == 0 {
		return marketing.MailAccount{}, marketing.Errorf(marketing.ENotFound, "There is no mail account yet. Add one in the app under Settings → Email.")
	}
	return marketing.MailAccount{}, marketing.Errorf(marketing.ENotFound, "Name the mail account with --account (see: directdesk email accounts).")
}

// sendResult is what `email send` prints.
type sendResult struct {
	DryRun    bool                      `json:"dryRun"`
	Campaign  string                    `json:"campaign"`
	TouchID   int64                     `json:"touchId,omitempty"`
	Status    string                    `json:"status,omitempty"`
	Counts    map[string]int            `json:"counts,omitempty"`
	Preflight *workspace.EmailPreflight `json:"preflight,omitempty"`
	Reason    string                    `json:"reason,omitempty"`
}

func runEmailSend(e *env, args []string) error {
	var sel selection
	fs := e.flags("email send")
	sel.flags(fs)
	campaign := fs.String("campaign", "", "the campaign (mailing) name: an unfinished one resumes, a new one is created")
	tmpl := fs.String("template", "", "email template by name or title (for a new campaign)")
	acct := fs.String("account", "", "mail account by number, name or address (default: the only one)")
	dry := fs.Bool("dry-run", false, "show who would get it and who is left out, send nothing")
	quiet := fs.Bool("quiet", false, "no progress output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if strings.TrimSpace(*campaign) == "" {
		return marketing.Errorf(marketing.EInvalid, "Name the campaign with --campaign NAME.")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ws, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	if pw := os.Getenv("DIRECTDESK_SMTP_PASSWORD"); pw != "" {
		// For scripts on machines without a keychain: kept in memory only.
		ws.Secrets = secrets.NewMemory()
		if a, err := account(ctx, ws, *acct); err == nil {
			ws.SetMailPassword(ctx, a.ID, pw)
		}
	}
	existing, err := findMailing(ctx, ws, *campaign)
	if err != nil {
		return err
	}
	res := sendResult{DryRun: *dry, Campaign: *campaign}
	if existing == nil {
		a, err := account(ctx, ws, *acct)
		if err != nil {
			return err
		}
		if *tmpl == "" {
			return marketing.Errorf(marketing.EInvalid, "There is no campaign called %q yet: say which email to send with --template NAME.", *campaign)
		}
		t, err := ws.Template(ctx, *tmpl)
		if err != nil {
			return err
		}
		ids, err := sel.resolve(ctx, ws)
		if err != nil {
			return err
		}
		if *dry {
			rep, err := ws.EmailPreflight(ctx, t, a.ID, ids, sel.words())
			if err != nil {
				return err
			}
			res.Preflight = &rep
			e.print(res, func(w io.Writer) { printPreflight(w, rep) })
			return nil
		}
		m, err := ws.CreateMailing(ctx, workspace.MailingRequest{TemplateID: t.ID, AccountID: a.ID, IDs: ids, Selection: sel.words(), Name: *campaign}, nil)
		if err != nil {
			return err
		}
		existing = &m
	} else if *dry {
		st, err := ws.Sending.Status(ctx, existing.TouchID)
		if err != nil {
			return err
		}
		res.TouchID, res.Status, res.Counts = existing.TouchID, st.Mailing.Status, st.Counts
		e.print(res, func(w io.Writer) { printMailingCounts(w, st) })
		return nil
	} else if existing.Status == marketing.CampaignPaused {
		if err := ws.Sending.Resume(ctx, existing.TouchID); err != nil {
			return err
		}
	} else if existing.Status != marketing.CampaignRunning {
		return marketing.Errorf(marketing.EConflict, "The campaign %q has ended. Start a new one under another name.", *campaign)
	}
	ws.Sending.Start(ctx, existing.TouchID)
	var last time.Time
	for {
		st, err := ws.Sending.Status(context.Background(), existing.TouchID)
		if err != nil {
			return err
		}
		if !*quiet && !e.json && time.Since(last) > time.Second {
			last = time.Now()
			fmt.Fprintf(e.stderr, "\r%d of %d done", st.Done, st.Total)
		}
		if !st.Active || ctx.Err() != nil {
			if !*quiet && !e.json {
				fmt.Fprintln(e.stderr)
			}
			res.TouchID, res.Status, res.Counts, res.Reason = existing.TouchID, st.Mailing.Status, st.Counts, st.Mailing.PauseReason
			e.print(res, func(w io.Writer) { printMailingCounts(w, st) })
			if st.Mailing.Status == marketing.CampaignPaused {
				return marketing.Errorf(marketing.EInvalid, "Sending is paused: %s", st.Mailing.PauseReason)
			}
			if ctx.Err() != nil {
				return marketing.Errorf(marketing.ECanceled, "Stopped. Run the same command again to carry on: nobody gets the email twice.")
			}
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func findMailing(ctx context.Context, ws *workspace.Workspace, name string) (*marketing.Mailing, error) {
	list, err := ws.DB.Mailings(ctx)
	if err != nil {
		return nil, err
	}
	for _, m := range list {
		if strings.EqualFold(m.Name, name) && m.Status != marketing.CampaignFinished {
			return &m, nil
		}
	}
	return nil, nil
}

func printPreflight(w io.Writer, rep workspace.EmailPreflight) {
	fmt.Fprintf(w, "%d of %d contacts would get the email (dry run: nothing was sent)\n", rep.WillSend, rep.Recipients)
	for _, k := range sortedKeys(rep.Skipped) {
		fmt.Fprintf(w, "  left out, %s: %d\n", strings.ReplaceAll(k, "_", " "), rep.Skipped[k])
	}
	for _, g := range rep.Gaps {
		fmt.Fprintf(w, "  field %s is empty for %d\n", g.Key, g.Count)
	}
	for _, wn := range rep.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", strings.ReplaceAll(wn.Code, "_", " "))
	}
	fmt.Fprintf(w, "  message size: %d KB\n", rep.Size/1024)
}

func printMailingCounts(w io.Writer, st workspace.MailingStatus) {
	fmt.Fprintf(w, "%s: %s, %d of %d done\n", st.Mailing.Name, st.Mailing.Status, st.Done, st.Total)
	for _, k := range sortedKeys(st.Counts) {
		fmt.Fprintf(w, "  %s: %d\n", strings.ReplaceAll(k, "_", " "), st.Counts[k])
	}
	if n := st.Counts[marketing.OutboxUnknown]; n > 0 {
		fmt.Fprintf(w, "%d messages may or may not have arrived (the connection broke after sending); decide in the app: send again or count as sent\n", n)
	}
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func runInbox(e *env, args []string) error {
	if len(args) == 0 || args[0] != "sync" {
		return marketing.Errorf(marketing.EInvalid, "Use `directdesk inbox sync [--account A]`.")
	}
	fs := e.flags("inbox sync")
	acct := fs.String("account", "", "mail account by number, name or address (default: every account with an inbox)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ws, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	list, err := ws.MailAccounts(ctx)
	if err != nil {
		return err
	}
	type result struct {
		Account string                 `json:"account"`
		Counts  map[string]int         `json:"counts"`
		Events  []marketing.InboxEvent `json:"events"`
	}
	var out []result
	for _, a := range list {
		if a.IMAPHost == "" || (*acct != "" && !strings.EqualFold(a.Name, *acct) && !strings.EqualFold(a.FromEmail, *acct) && strconv.FormatInt(a.ID, 10) != *acct) {
			continue
		}
		if pw := os.Getenv("DIRECTDESK_SMTP_PASSWORD"); pw != "" {
			if ws.Secrets == nil {
				ws.Secrets = secrets.NewMemory()
			}
			ws.SetMailPassword(ctx, a.ID, pw)
		}
		counts, events, err := ws.SyncInbox(ctx, a.ID, nil)
		if err != nil {
			return err
		}
		out = append(out, result{Account: a.Name, Counts: counts, Events: events})
	}
	if len(out) == 0 {
		return marketing.Errorf(marketing.ENotFound, "No mail account with an incoming server (IMAP). Add one in the app under Settings → Email.")
	}
	e.print(out, func(w io.Writer) {
		for _, r := range out {
			fmt.Fprintf(w, "%s:", r.Account)
			if len(r.Counts) == 0 {
				fmt.Fprint(w, " nothing new")
			}
			for _, k := range sortedKeys(r.Counts) {
				fmt.Fprintf(w, " %s %d", strings.ReplaceAll(k, "_", " "), r.Counts[k])
			}
			fmt.Fprintln(w)
		}
	})
	return nil
}
