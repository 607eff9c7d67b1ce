package workspace

import (
	"context"
	"path/filepath"
	"strings"

	"directdesk/backend/campaign"
	"directdesk/backend/document"
	"directdesk/backend/marketing"
)

// Campaigns is the campaign service of this workspace.
func (w *Workspace) Campaigns() *campaign.Service {
	w.campaignsMu.Lock()
	defer w.campaignsMu.Unlock()
	if w.campaigns == nil {
		w.campaigns = campaign.New(w.DB)
	}
	return w.campaigns
}

// Language is the workspace's language ("en" when unreadable).
func (w *Workspace) Language(ctx context.Context) string {
	s, err := w.Settings(ctx)
	if err != nil || s.Language == "" {
		return "en"
	}
	return s.Language
}

// campaignMembers lists the people of a campaign's segment as of now.
func (w *Workspace) campaignMembers(ctx context.Context, c marketing.Campaign) ([]int64, error) {
	if c.SegmentID == 0 {
		return nil, marketing.FieldError(marketing.EInvalid, "segmentId", "Pick the target group: a saved segment.", map[string]string{"reason": "required"})
	}
	segs, err := w.DB.Segments(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range segs {
		if s.ID == c.SegmentID {
			return w.SegmentIDs(ctx, s.Name, w.Language(ctx))
		}
	}
	return nil, marketing.FieldError(marketing.ENotFound, "segmentId", "The campaign's segment was deleted. Pick another target group.", map[string]string{"reason": "segment_gone"})
}

// CampaignPreflight is what launching would do, with the segment as of now.
func (w *Workspace) CampaignPreflight(ctx context.Context, id int64) (marketing.CampaignPreflight, error) {
	s := w.Campaigns()
	c, err := s.Get(ctx, id)
	if err != nil {
		return marketing.CampaignPreflight{}, err
	}
	ids, err := w.campaignMembers(ctx, c)
	if err != nil {
		return marketing.CampaignPreflight{}, err
	}
	return s.Preflight(ctx, id, ids)
}

// LaunchCampaign freezes the list and starts what is due; email touches
// start sending.
func (w *Workspace) LaunchCampaign(ctx context.Context, id int64) (campaign.Released, error) {
	s := w.Campaigns()
	c, err := s.Get(ctx, id)
	if err != nil {
		return campaign.Released{}, err
	}
	ids, err := w.campaignMembers(ctx, c)
	if err != nil {
		return campaign.Released{}, err
	}
	r, err := s.Launch(ctx, id, ids)
	w.startEmail(ctx, r)
	return r, err
}

// ReleaseTouch makes a touch's list now; an email touch starts sending.
func (w *Workspace) ReleaseTouch(ctx context.Context, touchID int64) (campaign.Released, error) {
	r, err := w.Campaigns().Release(ctx, touchID)
	w.startEmail(ctx, r)
	return r, err
}

// ReleaseDue makes the lists of every touch whose day has come and starts
// the email ones.
func (w *Workspace) ReleaseDue(ctx context.Context) (campaign.Released, error) {
	r, err := w.Campaigns().ReleaseDue(ctx)
	w.startEmail(ctx, r)
	return r, err
}

// CampaignToday releases what is due, then lists today's work.
func (w *Workspace) CampaignToday(ctx context.Context) (campaign.Today, error) {
	if _, err := w.ReleaseDue(ctx); err != nil {
		return campaign.Today{}, err
	}
	return w.Campaigns().Today(ctx)
}

func (w *Workspace) startEmail(ctx context.Context, r campaign.Released) {
	for _, t := range r.Touches {
		if t.Channel == marketing.TouchEmail && t.Count > 0 {
			w.Sending.Start(ctx, t.TouchID)
		}
	}
}

// SetCampaignStatus moves a campaign; pausing stops its email touches
// between two messages, resuming starts them again.
func (w *Workspace) SetCampaignStatus(ctx context.Context, id int64, to string) error {
	s := w.Campaigns()
	c, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	if to == marketing.CampaignPaused || to == marketing.CampaignFinished {
		for _, t := range c.Touches {
			if t.Channel == marketing.TouchEmail {
				w.Sending.halt(t.ID)
			}
		}
	}
	if err := s.SetStatus(ctx, id, to, "user"); err != nil {
		return err
	}
	if to == marketing.CampaignRunning {
		if _, err := w.ReleaseDue(ctx); err != nil {
			return err
		}
		for _, t := range c.Touches {
			if t.Channel == marketing.TouchEmail && t.ReleasedAt != "" && t.FinishedAt == "" {
				w.Sending.Start(ctx, t.ID)
			}
		}
	}
	return nil
}

// PrintTouchRequest prints a letter or catalog touch.
type PrintTouchRequest struct {
	TouchID int64
	Output  marketing.DocumentOutput
	Labels  bool
	Again   bool // the printed, not yet posted ones again
	Path    string
	Zip     bool
}

// PrintTouchResult is what was printed.
type PrintTouchResult struct {
	Letters marketing.DocumentRun
	Labels  *marketing.DocumentRun
	Skipped int
}

// PrintTouch makes the PDFs of a touch's due letters (and labels) with
// the template version frozen at launch and the campaign's response
// codes, then records them as printed.
func (w *Workspace) PrintTouch(ctx context.Context, req PrintTouchRequest, progress marketing.Progress) (PrintTouchResult, error) {
	var res PrintTouchResult
	s := w.Campaigns()
	c, t, err := s.Touch(ctx, req.TouchID)
	if err != nil {
		return res, err
	}
	if t.Channel != marketing.TouchLetter && t.Channel != marketing.TouchCatalog {
		return res, marketing.FieldError(marketing.EInvalid, "touchId", "Only letter and catalog touches are printed.", map[string]string{"reason": "channel"})
	}
	ids, err := s.DueIDs(ctx, req.TouchID, req.Again)
	if err != nil {
		return res, err
	}
	if len(ids) == 0 {
		return res, marketing.FieldError(marketing.EInvalid, "touchId", "There is nothing left to print for this touch.", map[string]string{"reason": "nothing_due"})
	}
	tpl, err := w.DB.TemplateVersion(ctx, t.TemplateID, t.TemplateVersion)
	if err != nil {
		return res, err
	}
	if req.Output != marketing.OutputPerPerson {
		req.Output = marketing.OutputCombined
	}
	dr, err := w.DocumentRequest(ctx, tpl, ids, c.Name)
	if err != nil {
		return res, err
	}
	dr.Output, dr.Path, dr.Campaign, dr.Zip = req.Output, req.Path, c.CodeKey, req.Zip
	r, err := document.Generate(ctx, w.DB, dr, progress)
	if err != nil {
		return res, err
	}
	res.Letters, res.Skipped = r.DocumentRun, len(r.Problems)
	if t.LabelTemplateID != 0 && req.Labels {
		lt, err := w.DB.TemplateByID(ctx, t.LabelTemplateID)
		if err != nil {
			return res, err
		}
		lr, err := w.DocumentRequest(ctx, lt, ids, c.Name)
		if err != nil {
			return res, err
		}
		lp := labelsPath(res.Letters.Path)
		lr.Output, lr.Path, lr.Campaign = marketing.OutputCombined, lp, c.CodeKey
		l, err := document.Generate(ctx, w.DB, lr, nil)
		if err != nil {
			return res, err
		}
		res.Labels = &l.DocumentRun
	}
	printed := make([]int64, 0, len(ids))
	skip := map[int64]bool{}
	for _, p := range r.Problems {
		skip[p.ContactID] = true
	}
	for _, id := range ids {
		if !skip[id] {
			printed = append(printed, id)
		}
	}
	return res, s.MarkPrinted(ctx, req.TouchID, printed)
}

// labelsPath puts the labels beside the letters: "x.pdf" -> "x-labels.pdf";
// a folder (one PDF each) gets "labels.pdf" inside.
func labelsPath(letters string) string {
	if strings.EqualFold(filepath.Ext(letters), ".pdf") {
		return strings.TrimSuffix(letters, filepath.Ext(letters)) + "-labels.pdf"
	}
	if strings.EqualFold(filepath.Ext(letters), ".zip") {
		return strings.TrimSuffix(letters, filepath.Ext(letters)) + "-labels.pdf"
	}
	return filepath.Join(letters, "labels.pdf")
}
