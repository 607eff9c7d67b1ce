package workspace

import (
	"context"
	"time"

	"directdesk/backend/document"
	"directdesk/backend/exporter"
	"directdesk/backend/marketing"
	"directdesk/backend/privacy"
)

// checker builds the privacy check of one send, print or export with the
// workspace's country as the default for contacts without one. campaign
// is the campaign or mailing it belongs to (0 = none, or not made yet).
func (w *Workspace) checker(ctx context.Context, campaign int64) (*privacy.Checker, error) {
	st, err := w.Settings(ctx)
	if err != nil {
		return nil, err
	}
	return privacy.NewChecker(ctx, w.DB, campaign, time.Now(), st.Country)
}

// Reachable splits ids into the people who may be contacted on a consent
// channel (email, sms, post, phone) outside a campaign (a print from the
// Documents screen, an ad audience) and counts the others by reason.
func (w *Workspace) Reachable(ctx context.Context, ids []int64, channel string) ([]int64, map[string]int, error) {
	chk, err := w.checker(ctx, 0)
	if err != nil {
		return nil, nil, err
	}
	keep, out, err := chk.Split(ctx, w.DB, ids, channel)
	if err != nil {
		return nil, nil, err
	}
	counts := map[string]int{}
	for _, p := range out {
		counts[p.Reason]++
	}
	return keep, counts, nil
}

// PrintRequest is DocumentRequest for a print from the Documents screen:
// the people who may not get post are left out first and counted in
// Excluded. (A campaign's print list is checked when it is made and again
// before it prints: campaign.Service.DueIDs.)
func (w *Workspace) PrintRequest(ctx context.Context, t marketing.Template, ids []int64, selection string) (document.Request, error) {
	keep, excl, err := w.Reachable(ctx, ids, marketing.ChannelPost)
	if err != nil {
		return document.Request{}, err
	}
	req, err := w.DocumentRequest(ctx, t, keep, selection)
	req.Excluded = excl
	return req, err
}

// Audience writes an ad platform's customer-list file of ids. An audience
// is marketing by the email address (and number) it matches on, so the
// people who may not get email marketing are left out first.
func (w *Workspace) Audience(ctx context.Context, ids []int64, path, format string) (exporter.AudienceResult, error) {
	keep, excl, err := w.Reachable(ctx, ids, marketing.ChannelEmail)
	if err != nil {
		return exporter.AudienceResult{}, err
	}
	res, err := exporter.Audience(ctx, w.DB, marketing.ContactQuery{IDs: keep}, path, format)
	res.Excluded = excl
	return res, err
}

// Excluded pages who a preflight left out and why ("see who"). ids is the
// selection for the email, print and audience preflights; a campaign's
// comes from its segment.
func (w *Workspace) Excluded(ctx context.Context, q marketing.ExcludedQuery, ids []int64) (marketing.ExcludedPage, error) {
	page := marketing.ExcludedPage{Items: []marketing.ExcludedPerson{}}
	limit := max(1, min(q.Limit, 500))
	if q.Limit == 0 {
		limit = 50
	}
	var all []marketing.ExcludedPerson
	switch q.Source {
	case marketing.ExcludedCampaign:
		c, err := w.Campaigns().Get(ctx, q.CampaignID)
		if err != nil {
			return page, err
		}
		members, err := w.campaignMembers(ctx, c)
		if err != nil {
			return page, err
		}
		return w.Campaigns().Excluded(ctx, q.CampaignID, members, q.Touch, q.Reason, q.Offset, limit)
	case marketing.ExcludedTouch:
		items, total, err := w.DB.SkippedWork(ctx, q.TouchID, q.Reason, q.Offset, limit)
		page.Items, page.Total = items, total
		return page, err
	case marketing.ExcludedEmail:
		rows, err := w.mailingRows(ctx, ids, marketing.MailAccount{}, "", false)
		if err != nil {
			return page, err
		}
		for _, r := range rows {
			if r.State == marketing.OutboxSkipped {
				all = append(all, marketing.ExcludedPerson{ContactID: r.ContactID, Name: r.Name, Reason: r.Reason})
			}
		}
	case marketing.ExcludedPrint, marketing.ExcludedAudience, marketing.ExcludedExport:
		channel := marketing.ChannelPost
		switch q.Source {
		case marketing.ExcludedAudience:
			channel = marketing.ChannelEmail
		case marketing.ExcludedExport:
			if err := checkExportChannel(q.Channel); err != nil || q.Channel == "" {
				return page, marketing.FieldError(marketing.EInvalid, "channel", "Say what the file is for: letters, email, SMS or calls.", map[string]string{"reason": "choice"})
			}
			channel = q.Channel
		}
		chk, err := w.checker(ctx, 0)
		if err != nil {
			return page, err
		}
		if _, all, err = chk.Split(ctx, w.DB, ids, channel); err != nil {
			return page, err
		}
	default:
		return page, marketing.FieldError(marketing.EInvalid, "source", "Unknown preflight.", map[string]string{"reason": "choice"})
	}
	for _, p := range all {
		if q.Reason != "" && p.Reason != q.Reason {
			continue
		}
		if page.Total >= q.Offset && len(page.Items) < limit {
			page.Items = append(page.Items, p)
		}
		page.Total++
	}
	return page, nil
}
