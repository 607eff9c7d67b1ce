package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"directdesk/backend/campaign"
	"directdesk/backend/marketing"
	"directdesk/backend/workspace"
)

// Campaigns is bound for campaigns: the eight-step wizard, launch and
// status, the work of each touch (print queue, SMS export, call list),
// responses (redemption, imports, fulfilment) and the results.
type Campaigns struct {
	app *App
}

func (c *Campaigns) ws() (*workspace.Workspace, error) {
	if err := c.app.ready(); err != nil {
		return nil, err
	}
	return c.app.Workspace.ws, nil
}

func (c *Campaigns) svc() (*campaign.Service, *workspace.Workspace, error) {
	ws, err := c.ws()
	if err != nil {
		return nil, nil, err
	}
	return ws.Campaigns(), ws, nil
}

// List returns the campaigns, newest first (archived ones when asked).
func (c *Campaigns) List(archived bool) ([]campaign.Summary, error) {
	s, _, err := c.svc()
	if err != nil {
		return nil, err
	}
	return s.List(context.Background(), archived)
}

// Get returns one campaign with its touches.
func (c *Campaigns) Get(id int64) (marketing.Campaign, error) {
	s, _, err := c.svc()
	if err != nil {
		return marketing.Campaign{}, err
	}
	return s.Get(context.Background(), id)
}

// Save stores a draft (id 0 creates it) and returns it as stored.
func (c *Campaigns) Save(cp marketing.Campaign) (marketing.Campaign, error) {
	s, _, err := c.svc()
	if err != nil {
		return cp, err
	}
	ctx := context.Background()
	if err := s.Save(ctx, &cp); err != nil {
		return cp, err
	}
	return s.Get(ctx, cp.ID)
}

// Delete removes a draft.
func (c *Campaigns) Delete(id int64) error {
	s, _, err := c.svc()
	if err != nil {
		return err
	}
	return s.Delete(context.Background(), id)
}

// Duplicate copies a campaign's plan into a new draft.
func (c *Campaigns) Duplicate(id int64) (marketing.Campaign, error) {
	s, _, err := c.svc()
	if err != nil {
		return marketing.Campaign{}, err
	}
	return s.Duplicate(context.Background(), id)
}

// Preflight shows what launching would do: who is in, who is left out and
// why, what it costs and the break-even response rate.
func (c *Campaigns) Preflight(id int64) (marketing.CampaignPreflight, error) {
	ws, err := c.ws()
	if err != nil {
		return marketing.CampaignPreflight{}, err
	}
	return ws.CampaignPreflight(context.Background(), id)
}

// Launch freezes the list and starts (or schedules) the campaign. Job
// "campaign".
func (c *Campaigns) Launch(id int64) (campaign.Released, error) {
	var res campaign.Released
	ws, err := c.ws()
	if err != nil {
		return res, err
	}
	err = c.app.run("campaign", func(ctx context.Context, p marketing.Progress) error {
		res, err = ws.LaunchCampaign(ctx, id)
		return err
	})
	return res, err
}

// SetStatus pauses, resumes, finishes, archives or unschedules a campaign.
func (c *Campaigns) SetStatus(id int64, status string) error {
	ws, err := c.ws()
	if err != nil {
		return err
	}
	return ws.SetCampaignStatus(context.Background(), id, status)
}

// Release makes a touch's list now, before its day.
func (c *Campaigns) Release(touchID int64) (campaign.Released, error) {
	ws, err := c.ws()
	if err != nil {
		return campaign.Released{}, err
	}
	return ws.ReleaseTouch(context.Background(), touchID)
}

// Today is the home screen's work: due touches, tasks, warnings. It also
// makes the lists of touches whose day has come.
func (c *Campaigns) Today() (campaign.Today, error) {
	ws, err := c.ws()
	if err != nil {
		return campaign.Today{}, err
	}
	return ws.CampaignToday(context.Background())
}

// Work pages one touch's list (letters to print, SMS, calls).
func (c *Campaigns) Work(q campaign.WorkQuery) (campaign.WorkPage, error) {
	s, _, err := c.svc()
	if err != nil {
		return campaign.WorkPage{}, err
	}
	return s.Work(context.Background(), q)
}

// PrintRequest prints a letter or catalog touch's due letters.
type PrintRequest struct {
	TouchID int64                    `json:"touchId"`
	Output  marketing.DocumentOutput `json:"output"`
	Labels  bool                     `json:"labels"` // also the labels, when the touch has a label template
	Again   bool                     `json:"again"`  // print the printed-not-posted ones again
}

// PrintResult is what printing made; Download/LabelsDownload name the
// files to fetch in browser mode.
type PrintResult struct {
	Letters        marketing.DocumentRun  `json:"letters"`
	Labels         *marketing.DocumentRun `json:"labels"`
	Download       string                 `json:"download"`
	LabelsDownload string                 `json:"labelsDownload"`
	Skipped        int                    `json:"skipped"`
}

// Print makes the PDFs of a letter or catalog touch. With a path (desktop)
// the letters go there and the labels beside them; without (browser) to
// the download folder. Job "print".
func (c *Campaigns) Print(req PrintRequest, path string) (PrintResult, error) {
	var res PrintResult
	ws, err := c.ws()
	if err != nil {
		return res, err
	}
	browser := path == "" || filepath.Base(path) == path
	if browser {
		dir := c.app.downloadDir()
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return res, err
		}
		path = dir
		if req.Output != marketing.OutputPerPerson {
			path = filepath.Join(dir, "print-"+time.Now().Format("2006-01-02-150405")+".pdf")
		}
	}
	err = c.app.run("print", func(ctx context.Context, p marketing.Progress) error {
		r, err := ws.PrintTouch(ctx, workspace.PrintTouchRequest{TouchID: req.TouchID, Output: req.Output, Labels: req.Labels, Again: req.Again, Path: path, Zip: browser}, p)
		res.Letters, res.Labels, res.Skipped = r.Letters, r.Labels, r.Skipped
		return err
	})
	if err != nil || !browser {
		return res, err
	}
	res.Download = filepath.Base(res.Letters.Path)
	if res.Labels != nil {
		res.LabelsDownload = filepath.Base(res.Labels.Path)
	}
	return res, nil
}

// MarkPosted marks printed letters as posted; no ids = all printed.
func (c *Campaigns) MarkPosted(touchID int64, ids []int64) (int, error) {
	s, _, err := c.svc()
	if err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		ids = nil // the frontend sends [] for "all printed"
	}
	return s.MarkPosted(context.Background(), touchID, ids)
}

// RecordCall stores a call's outcome.
func (c *Campaigns) RecordCall(o campaign.CallOutcome) error {
	s, _, err := c.svc()
	if err != nil {
		return err
	}
	return s.RecordCall(context.Background(), o)
}

// PreviewSMS renders an SMS text for one contact with its length.
func (c *Campaigns) PreviewSMS(text string, contactID int64) (campaign.SMSPreview, error) {
	s, _, err := c.svc()
	if err != nil {
		return campaign.SMSPreview{}, err
	}
	return s.PreviewSMS(context.Background(), text, contactID)
}

// PreviewTouch renders an SMS touch's text or a phone touch's script for
// one person of its list, with the person's own response code.
func (c *Campaigns) PreviewTouch(touchID, contactID int64) (campaign.SMSPreview, error) {
	s, _, err := c.svc()
	if err != nil {
		return campaign.SMSPreview{}, err
	}
	return s.PreviewTouch(context.Background(), touchID, contactID)
}

// SMSExport is a written SMS file.
type SMSExport struct {
	Result   campaign.SMSResult `json:"result"`
	Path     string             `json:"path"`
	Download string             `json:"download"`
}

// ExportSMS writes an SMS touch's messages as CSV for the SMS provider
// and marks them sent. Path "" = the download folder (browser).
func (c *Campaigns) ExportSMS(touchID int64, path string) (SMSExport, error) {
	var out SMSExport
	s, _, err := c.svc()
	if err != nil {
		return out, err
	}
	browser := path == "" || filepath.Base(path) == path
	if browser {
		dir := c.app.downloadDir()
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return out, err
		}
		// The touch in the name: two touches exported in one second must
		// not share a file (the second would replace the first).
		path = filepath.Join(dir, fmt.Sprintf("sms-%d-%s.csv", touchID, time.Now().Format("2006-01-02-150405")))
	}
	// The file is in its place before the messages are marked as sent:
	// one that could not be saved leaves them due; when marking fails, the
	// file goes again. A temporary file of its own, so two exports never
	// write into one.
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.part")
	if err != nil {
		return out, &marketing.Error{Code: marketing.EInvalid, Field: "path", Message: fmt.Sprintf("DirectDesk could not write %s. Pick another folder.", path),
			Details: map[string]string{"reason": "write", "path": path}, Err: err}
	}
	tmp, placed := f.Name(), false
	out.Result, err = s.ExportSMSThen(context.Background(), touchID, f, func() error {
		if err := f.Sync(); err != nil {
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
		placed = true
		return nil
	})
	if err != nil {
		f.Close()
		os.Remove(tmp)
		if placed {
			os.Remove(path)
		}
		return out, err
	}
	out.Path = path
	if browser {
		out.Download = filepath.Base(path)
	}
	return out, nil
}

// writeFile writes through a temporary file renamed into place, so a
// failed export leaves no half file.
func writeFile[T any](path string, fn func(f *os.File) (T, error)) (T, error) {
	var zero T
	tmp := path + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return zero, &marketing.Error{Code: marketing.EInvalid, Field: "path", Message: fmt.Sprintf("DirectDesk could not write %s. Pick another folder.", path),
			Details: map[string]string{"reason": "write", "path": path}, Err: err}
	}
	v, err := fn(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return zero, err
	}
	return v, nil
}

// Redeem looks up a typed or scanned response code.
func (c *Campaigns) Redeem(code string) (campaign.Redemption, error) {
	s, _, err := c.svc()
	if err != nil {
		return campaign.Redemption{}, err
	}
	return s.Redeem(context.Background(), code)
}

// AddResponse records a response (redemption, manual entry).
func (c *Campaigns) AddResponse(r campaign.NewResponse) (marketing.Response, error) {
	s, _, err := c.svc()
	if err != nil {
		return marketing.Response{}, err
	}
	return s.AddResponse(context.Background(), r)
}

// Responses pages responses, newest first.
func (c *Campaigns) Responses(q campaign.ResponseQuery) (campaign.ResponsePage, error) {
	s, _, err := c.svc()
	if err != nil {
		return campaign.ResponsePage{}, err
	}
	return s.Responses(context.Background(), q)
}

// DeleteResponse removes a response recorded by mistake.
func (c *Campaigns) DeleteResponse(id int64) error {
	s, _, err := c.svc()
	if err != nil {
		return err
	}
	return s.DeleteResponse(context.Background(), id)
}

// Fulfilments lists fulfilment tasks (open ones unless all).
func (c *Campaigns) Fulfilments(all bool) ([]marketing.FulfilmentTask, error) {
	s, _, err := c.svc()
	if err != nil {
		return nil, err
	}
	return s.Fulfilments(context.Background(), all, 500)
}

// CompleteFulfilment marks a task done or open again.
func (c *Campaigns) CompleteFulfilment(id int64, done bool) error {
	s, _, err := c.svc()
	if err != nil {
		return err
	}
	return s.CompleteFulfilment(context.Background(), id, done)
}

// PreviewResponseFile reads the columns of a response or order file.
func (c *Campaigns) PreviewResponseFile(path string) (campaign.ResponseFilePreview, error) {
	s, _, err := c.svc()
	if err != nil {
		return campaign.ResponseFilePreview{}, err
	}
	return s.PreviewResponseFile(context.Background(), path)
}

// ImportResponses records the responses or orders of a file. Job
// "responses".
func (c *Campaigns) ImportResponses(path string, m campaign.ResponseMapping) (campaign.ResponseImportResult, error) {
	var res campaign.ResponseImportResult
	s, _, err := c.svc()
	if err != nil {
		return res, err
	}
	err = c.app.run("responses", func(ctx context.Context, p marketing.Progress) error {
		res, err = s.ImportResponses(ctx, path, m, p)
		return err
	})
	return res, err
}

// ImportAccessLog counts tracked link visits from a web server log. Job
// "accesslog".
func (c *Campaigns) ImportAccessLog(path string) (campaign.AccessLogResult, error) {
	var res campaign.AccessLogResult
	s, _, err := c.svc()
	if err != nil {
		return res, err
	}
	err = c.app.run("accesslog", func(ctx context.Context, p marketing.Progress) error {
		res, err = s.ImportAccessLog(ctx, path, p)
		return err
	})
	return res, err
}

// Results measures a campaign.
func (c *Campaigns) Results(id int64) (marketing.CampaignResults, error) {
	s, _, err := c.svc()
	if err != nil {
		return marketing.CampaignResults{}, err
	}
	return s.Results(context.Background(), id)
}

// ExportReport writes the results as "pdf" or "xlsx". Path "" = the
// download folder (browser); the name to fetch is returned.
func (c *Campaigns) ExportReport(id int64, format, path string) (string, error) {
	s, ws, err := c.svc()
	if err != nil {
		return "", err
	}
	if format != "pdf" {
		format = "xlsx"
	}
	ctx := context.Background()
	lang := ws.Language(ctx)
	browser := path == "" || filepath.Base(path) == path
	if browser {
		dir := c.app.downloadDir()
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", err
		}
		name := "campaign-report"
		if cp, err := s.Get(ctx, id); err == nil {
			name = safeName(strings.TrimSpace(cp.Name))
		}
		path = filepath.Join(dir, name+"-"+time.Now().Format("2006-01-02")+"."+format)
	}
	_, err = writeFile(path, func(f *os.File) (struct{}, error) {
		if format == "pdf" {
			return struct{}{}, s.ReportPDF(ctx, id, lang, f)
		}
		return struct{}{}, s.ReportXLSX(ctx, id, lang, f)
	})
	if err != nil {
		return "", err
	}
	if browser {
		return filepath.Base(path), nil
	}
	return path, nil
}

// CancelJob stops a running campaign job ("campaign", "print",
// "responses", "accesslog").
func (c *Campaigns) CancelJob(name string) bool {
	switch name {
	case "campaign", "print", "responses", "accesslog":
		return c.app.cancelJob(name)
	}
	return false
}
