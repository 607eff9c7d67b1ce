package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"directdesk/backend/document"
	"directdesk/backend/mail"
	"directdesk/backend/marketing"
	"directdesk/backend/merge"
	"directdesk/backend/segment"
)

// Documents is bound for letters, labels and catalogs: templates, the
// insert-field menu, live preview, preflight, generation and its history.
type Documents struct {
	app *App

	mu     sync.Mutex
	picked struct { // the last selection resolved, for next/previous in the preview
		key string
		at  time.Time
		ids []int64
	}
}

// DocumentSelection says who gets the documents: a saved segment or frozen
// list, or (SegmentID 0) a filter; an empty filter means every contact.
type DocumentSelection struct {
	SegmentID int64          `json:"segmentId"`
	Filter    segment.Filter `json:"filter"`
}

// GenerateOptions says how to write the documents.
type GenerateOptions struct {
	Output   marketing.DocumentOutput `json:"output"`
	Campaign string                   `json:"campaign"` // "" = the template's title and today's date
}

// DocumentResult is a finished run; Download names the file to fetch in
// browser mode (a folder of PDFs is zipped).
type DocumentResult struct {
	Run      marketing.DocumentRun     `json:"run"`
	Files    []string                  `json:"files"`
	Problems []document.ContactProblem `json:"problems"` // recipients left out or whose address had to be cut
	Download string                    `json:"download"`
}

// Templates lists templates of a kind ("" for all); the starters are
// added in the workspace's language the first time.
func (d *Documents) Templates(kind marketing.TemplateKind) ([]marketing.Template, error) {
	if err := d.app.ready(); err != nil {
		return nil, err
	}
	return d.app.Workspace.ws.Templates(context.Background(), kind)
}

// Template returns one template.
func (d *Documents) Template(id int64) (marketing.Template, error) {
	if err := d.app.ready(); err != nil {
		return marketing.Template{}, err
	}
	return d.app.Workspace.ws.DB.TemplateByID(context.Background(), id)
}

// Save checks and stores a template (a new version); an unknown field is
// refused with its name.
func (d *Documents) Save(t marketing.Template) (marketing.Template, error) {
	if err := d.app.ready(); err != nil {
		return t, err
	}
	err := d.app.Workspace.ws.SaveTemplate(context.Background(), &t)
	return t, err
}

// Delete removes a template; documents made with it keep its name.
func (d *Documents) Delete(id int64) error {
	if err := d.app.ready(); err != nil {
		return err
	}
	return d.app.Workspace.ws.DB.DeleteTemplate(context.Background(), id)
}

// Starters lists the starter templates in a language (to start a new
// template from one, in any language).
func (d *Documents) Starters(lang string) []marketing.Template {
	return append(document.Starters(lang), mail.Starters(lang)...)
}

// Fields lists what "Insert field" offers, with this workspace's custom fields.
func (d *Documents) Fields() ([]merge.FieldInfo, error) {
	if err := d.app.ready(); err != nil {
		return nil, err
	}
	custom, err := d.app.Workspace.ws.DB.CustomFieldNames(context.Background())
	if err != nil {
		return nil, err
	}
	return merge.Fields(custom), nil
}

// Sheets lists the label sheets and envelopes the label editor offers.
func (d *Documents) Sheets() []document.SheetInfo { return document.Sheets() }

// Preview merges the template for the recipient at index of the selection
// (in postal order, as the documents will be made).
func (d *Documents) Preview(t marketing.Template, sel DocumentSelection, index int) (document.Preview, error) {
	if err := d.app.ready(); err != nil {
		return document.Preview{}, err
	}
	t.Body = document.Sanitize(t.Body)
	ctx := context.Background()
	// The preview goes through the recipients in the order they print.
	ordered := t.Kind != marketing.KindLabels || t.Layout.Labels.SortByZip
	ids, words, err := d.recipients(ctx, sel, ordered)
	if err != nil {
		return document.Preview{}, err
	}
	req, err := d.app.Workspace.ws.PrintRequest(ctx, t, ids, words)
	if err != nil {
		return document.Preview{}, err
	}
	return document.PreviewAt(ctx, d.app.Workspace.ws.DB, req, index)
}

// Preflight checks the whole selection: who lacks a field the template
// uses, whose address is missing or too long. Job "documents".
func (d *Documents) Preflight(t marketing.Template, sel DocumentSelection) (document.PreflightReport, error) {
	var rep document.PreflightReport
	if err := d.app.ready(); err != nil {
		return rep, err
	}
	t.Body = document.Sanitize(t.Body)
	err := d.app.run("documents", func(ctx context.Context, p marketing.Progress) error {
		ids, words, err := d.recipients(ctx, sel, false)
		if err != nil {
			return err
		}
		req, err := d.app.Workspace.ws.PrintRequest(ctx, t, ids, words)
		if err != nil {
			return err
		}
		rep, err = document.Preflight(ctx, d.app.Workspace.ws.DB, req, p)
		return err
	})
	return rep, err
}

// Generate makes the PDFs of the stored template id for the selection:
// one print file sorted by postcode at path, or one PDF per recipient in
// the folder path. With path "" or a bare name (browser mode) the result
// is kept for download. Job "documents" (progress, cancel).
func (d *Documents) Generate(id int64, sel DocumentSelection, path string, opt GenerateOptions) (DocumentResult, error) {
	var res DocumentResult
	if err := d.app.ready(); err != nil {
		return res, err
	}
	ctx := context.Background()
	ws := d.app.Workspace.ws
	t, err := ws.DB.TemplateByID(ctx, id)
	if err != nil {
		return res, err
	}
	if opt.Output != marketing.OutputPerPerson {
		opt.Output = marketing.OutputCombined
	}
	browser := path == "" || filepath.Base(path) == path
	if browser {
		dir := d.app.downloadDir()
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return res, err
		}
		name := strings.TrimSuffix(path, filepath.Ext(path))
		if name == "" {
			name = string(t.Kind)
		}
		// One PDF each goes to a new folder in the download folder and is
		// zipped there (document.Request.Zip), so the zip is downloadable.
		path = dir
		if opt.Output == marketing.OutputCombined {
			path = filepath.Join(dir, safeName(name)+"-"+time.Now().Format("2006-01-02-150405")+".pdf")
		}
	}
	err = d.app.run("documents", func(ctx context.Context, p marketing.Progress) error {
		ids, words, err := d.recipients(ctx, sel, false)
		if err != nil {
			return err
		}
		req, err := ws.PrintRequest(ctx, t, ids, words)
		if err != nil {
			return err
		}
		req.Output, req.Path, req.Campaign = opt.Output, path, strings.TrimSpace(opt.Campaign)
		req.Zip = browser
		r, err := document.Generate(ctx, ws.DB, req, p)
		res.Run, res.Files, res.Problems = r.DocumentRun, r.Files, r.Problems
		if res.Problems == nil {
			res.Problems = []document.ContactProblem{}
		}
		return err
	})
	if err != nil || !browser {
		return res, err
	}
	res.Download = filepath.Base(res.Run.Path)
	return res, nil
}

// Runs lists the latest generated documents, newest first.
func (d *Documents) Runs() ([]marketing.DocumentRun, error) {
	if err := d.app.ready(); err != nil {
		return nil, err
	}
	return d.app.Workspace.ws.DB.DocumentRuns(context.Background(), 50)
}

// Open shows a generated file in the system's PDF viewer (desktop).
func (d *Documents) Open(path string) error { return d.openPath(path, false) }

// ShowInFolder opens the folder that holds a generated file (desktop).
func (d *Documents) ShowInFolder(path string) error { return d.openPath(path, true) }

func (d *Documents) openPath(path string, folder bool) error {
	if d.app.ui == nil {
		return marketing.Errorf(marketing.EInternal, "No window is open.")
	}
	if err := d.madeHere(path); err != nil {
		return err
	}
	if _, err := os.Stat(path); err != nil {
		return marketing.Errorf(marketing.ENotFound, "The file is no longer there. It may have been moved or deleted.")
	}
	if folder {
		if st, err := os.Stat(path); err == nil && !st.IsDir() {
			path = filepath.Dir(path)
		}
	}
	return d.app.ui.OpenPath(path)
}

// madeHere refuses to open anything but a file or folder a run wrote: the
// page must not be able to start arbitrary files.
func (d *Documents) madeHere(path string) error {
	if err := d.app.ready(); err != nil {
		return err
	}
	runs, err := d.app.Workspace.ws.DB.DocumentRuns(context.Background(), 500)
	if err != nil {
		return err
	}
	path = filepath.Clean(path)
	for _, r := range runs {
		made := filepath.Clean(r.Path)
		stem := strings.TrimSuffix(made, filepath.Ext(made))
		switch {
		case path == made, filepath.Dir(path) == made, // the folder, or a file in it
			filepath.Dir(path) == filepath.Dir(made) && strings.HasPrefix(path, stem+"-") && filepath.Ext(path) == ".pdf": // a part
			return nil
		}
	}
	return marketing.Errorf(marketing.ENotFound, "DirectDesk opens only documents it made. Open the file from its folder.")
}

// AddImage stores a picture (logo, signature, product photo) and returns
// its reference for a template or product ("media:img/...").
func (d *Documents) AddImage(path string) (string, error) {
	if err := d.app.ready(); err != nil {
		return "", err
	}
	return d.app.Workspace.ws.AddImage(context.Background(), path)
}

// Image returns a stored picture as a data: URL for the editor.
func (d *Documents) Image(ref string) (string, error) {
	if err := d.app.ready(); err != nil {
		return "", err
	}
	return d.app.Workspace.ws.ImageDataURL(context.Background(), ref)
}

// Thumbnail returns a stored picture scaled to at most px pixels on its
// long side (48–800), as a data: URL for lists.
func (d *Documents) Thumbnail(ref string, px int) (string, error) {
	if err := d.app.ready(); err != nil {
		return "", err
	}
	return d.app.Workspace.ws.ThumbnailDataURL(context.Background(), ref, max(48, min(px, 800)))
}

// Cancel stops a running preflight or generation.
func (d *Documents) Cancel() bool { return d.app.cancelJob("documents") }

// recipients resolves a selection to contact ids (postal order when
// ordered), reusing the last answer for a few seconds so paging through
// the preview does not re-sort a big segment on every click.
func (d *Documents) recipients(ctx context.Context, sel DocumentSelection, ordered bool) ([]int64, string, error) {
	ws := d.app.Workspace.ws
	key, _ := json.Marshal(sel)
	d.mu.Lock()
	if ordered && d.picked.key == string(key) && time.Since(d.picked.at) < 20*time.Second {
		ids := d.picked.ids
		d.mu.Unlock()
		return ids, "", nil
	}
	d.mu.Unlock()
	var ids []int64
	var words string
	today := time.Now()
	if sel.SegmentID != 0 {
		saved, err := ws.DB.Segments(ctx)
		if err != nil {
			return nil, "", err
		}
		name := ""
		for _, s := range saved {
			if s.ID == sel.SegmentID {
				name = s.Name
			}
		}
		if name == "" {
			return nil, "", marketing.Errorf(marketing.ENotFound, "That segment no longer exists. Pick another one.")
		}
		settings, err := ws.Settings(ctx)
		if err != nil {
			return nil, "", err
		}
		if ids, err = ws.SegmentIDs(ctx, name, settings.Language); err != nil {
			return nil, "", err
		}
		words = name
	} else {
		f, err := d.app.Segments.prepare(sel.Filter, today)
		if err != nil {
			return nil, "", err
		}
		if ids, err = ws.Segments().IDs(ctx, &f, today, nil); err != nil {
			return nil, "", err
		}
		if b, err := json.Marshal(sel.Filter); err == nil && len(b) < 2000 {
			words = string(b)
		}
	}
	if ordered {
		settings, err := ws.Settings(ctx)
		if err != nil {
			return nil, "", err
		}
		if ids, err = ws.DB.PostalOrder(ctx, ids, settings.Country); err != nil {
			return nil, "", err
		}
		d.mu.Lock()
		d.picked.key, d.picked.at, d.picked.ids = string(key), time.Now(), ids
		d.mu.Unlock()
	}
	return ids, words, nil
}

func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r < 32 {
			return '-'
		}
		return r
	}, s)
	s = strings.TrimLeft(s, ".")
	if s == "" {
		s = "documents"
	}
	return s
}
