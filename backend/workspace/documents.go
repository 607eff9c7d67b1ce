package workspace

import (
	"context"
	"encoding/base64"
	"strings"
	"time"

	"directdesk/backend/document"
	"directdesk/backend/mail"
	"directdesk/backend/marketing"
	"directdesk/backend/merge"
	"directdesk/backend/segment"
)

// Templates lists the templates of a kind ("" for all), storing the
// starter templates in the workspace's language the first time.
func (w *Workspace) Templates(ctx context.Context, kind marketing.TemplateKind) ([]marketing.Template, error) {
	if err := w.seedTemplates(ctx); err != nil {
		return nil, err
	}
	return w.DB.Templates(ctx, kind)
}

// Template finds a template by name or title (starters included).
func (w *Workspace) Template(ctx context.Context, name string) (marketing.Template, error) {
	if err := w.seedTemplates(ctx); err != nil {
		return marketing.Template{}, err
	}
	return w.DB.Template(ctx, name)
}

func (w *Workspace) seedTemplates(ctx context.Context) error {
	s, err := w.Settings(ctx)
	if err != nil {
		return err
	}
	return w.DB.SeedTemplates(ctx, append(document.Starters(s.Language), mail.Starters(s.Language)...))
}

// Known lists the custom fields and saved segments templates may name.
func (w *Workspace) Known(ctx context.Context) (merge.Known, error) {
	var k merge.Known
	var err error
	if k.Custom, err = w.DB.CustomFieldNames(ctx); err != nil {
		return k, err
	}
	saved, err := w.DB.Segments(ctx)
	if err != nil {
		return k, err
	}
	for _, s := range saved {
		k.Segments = append(k.Segments, s.Name)
	}
	return k, nil
}

// SaveTemplate cleans the body, checks every field and segment it names
// (naming the first unknown one) and stores a new version.
func (w *Workspace) SaveTemplate(ctx context.Context, t *marketing.Template) error {
	if t.ID != 0 {
		// A template keeps its kind: check it as what it is.
		stored, err := w.DB.TemplateByID(ctx, t.ID)
		if err != nil {
			return err
		}
		t.Kind = stored.Kind
	}
	switch t.Kind {
	case marketing.KindLetter, marketing.KindLabels, marketing.KindCatalog:
	case marketing.KindEmail:
		return w.saveEmailTemplate(ctx, t)
	default:
		return marketing.FieldError(marketing.EInvalid, "kind", "Pick what the template makes: a letter, labels or a catalog.", nil)
	}
	if !isLanguage(t.Lang) {
		return marketing.FieldError(marketing.EInvalid, "lang", "Pick the language the template is written in.", nil)
	}
	if len(t.Body) > 1<<20 {
		return marketing.FieldError(marketing.ETooLarge, "body", "The text is too long for one template. Keep it under 1 MB (pictures are stored apart).", nil)
	}
	t.Body = document.Sanitize(t.Body)
	known, err := w.Known(ctx)
	if err != nil {
		return err
	}
	if err := document.CheckTemplate(t, known); err != nil {
		return err
	}
	normalizeLayout(t)
	return w.DB.SaveTemplate(ctx, t)
}

func isLanguage(l string) bool {
	for _, x := range marketing.Languages {
		if x == l {
			return true
		}
	}
	return false
}

// normalizeLayout fills what an older or partial layout leaves empty.
func normalizeLayout(t *marketing.Template) {
	l := &t.Layout
	if l.Letter.Paper != "Letter" {
		l.Letter.Paper = "A4"
	}
	if l.Letter.Envelope != "C5" && l.Letter.Envelope != "C6/5" {
		l.Letter.Envelope = "DL"
	}
	if l.Letter.Window != "right" {
		l.Letter.Window = "left"
	}
	l.Letter.OffsetX = clampMM(l.Letter.OffsetX)
	l.Letter.OffsetY = clampMM(l.Letter.OffsetY)
	if l.Labels.Sheet == "" {
		l.Labels.Sheet = "L7160"
	}
	if l.Labels.Start < 1 {
		l.Labels.Start = 1
	}
	switch l.Catalog.Grid {
	case "2x2", "2x3", "3x4":
	default:
		l.Catalog.Grid = "2x3"
	}
}

// clampMM keeps an envelope nudge within ±15 mm.
func clampMM(v float64) float64 { return max(-15, min(15, v)) }

// DocumentRequest gathers what generating t for the contacts ids needs:
// the sender, the workspace's country and currency, and the members of
// every segment the template's conditions and catalog variants name.
func (w *Workspace) DocumentRequest(ctx context.Context, t marketing.Template, ids []int64, selection string) (document.Request, error) {
	s, err := w.Settings(ctx)
	if err != nil {
		return document.Request{}, err
	}
	known, err := w.Known(ctx)
	if err != nil {
		return document.Request{}, err
	}
	req := document.Request{
		Template: t, IDs: ids, Selection: selection, Country: s.Country, Currency: s.Currency,
		Today: time.Now(), Known: known, Segments: map[string]map[int64]bool{},
		Sender: document.Sender{Business: s.Business, Lang: s.Language},
	}
	if s.Business.HasLogo {
		req.Sender.Logo = "logo"
	}
	names := []string{}
	if body, err := merge.Parse(t.Body); err == nil {
		names = append(names, body.Segments()...)
	}
	if t.Kind == marketing.KindCatalog {
		for _, v := range t.Layout.Catalog.Variants {
			if v.Segment != "" {
				names = append(names, v.Segment)
			}
		}
	}
	for _, name := range names {
		if _, done := req.Segments[name]; done {
			continue
		}
		members, err := w.SegmentIDs(ctx, name, s.Language)
		if err != nil {
			return req, err
		}
		set := make(map[int64]bool, len(members))
		for _, id := range members {
			set[id] = true
		}
		req.Segments[name] = set
	}
	return req, nil
}

// SegmentIDs lists the contacts of a saved segment or frozen list by name.
func (w *Workspace) SegmentIDs(ctx context.Context, name, lang string) ([]int64, error) {
	saved, err := w.DB.SegmentByName(ctx, name)
	if err != nil {
		return nil, err
	}
	if saved.Kind == segment.Frozen {
		return w.DB.SegmentMembers(ctx, saved.ID)
	}
	// Validate also normalises the values (tags and titles fold), as the
	// segment screen's count does: the two must agree on who is in it.
	if err := saved.Filter.Validate(time.Now()); err != nil {
		return nil, err
	}
	groups, err := w.DB.TitleGroups(ctx, lang)
	if err != nil {
		return nil, err
	}
	f, err := segment.Expand(saved.Filter, groups)
	if err != nil {
		return nil, err
	}
	return w.Segments().IDs(ctx, &f, time.Now(), nil)
}

// AddImage stores a picture for letters and catalogs and returns its
// reference ("media:img/...") for a template or product.
func (w *Workspace) AddImage(ctx context.Context, path string) (string, error) {
	img, err := document.PrepareImage(path)
	if err != nil {
		return "", err
	}
	if err := w.DB.PutMedia(ctx, img.Name, img.Mime, img.Data); err != nil {
		return "", err
	}
	return "media:" + img.Name, nil
}

// ImageDataURL returns a stored picture as a data: URL for the editor.
func (w *Workspace) ImageDataURL(ctx context.Context, ref string) (string, error) {
	mime, data, err := w.DB.Media(ctx, strings.TrimPrefix(ref, "media:"))
	if err != nil {
		return "", err
	}
	return "data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(data), nil
}

// ThumbnailDataURL returns a stored picture scaled down to px on its long
// side, as a data: URL.
func (w *Workspace) ThumbnailDataURL(ctx context.Context, ref string, px int) (string, error) {
	_, data, err := w.DB.Media(ctx, strings.TrimPrefix(ref, "media:"))
	if err != nil {
		return "", err
	}
	thumb, err := document.Thumbnail(data, px)
	if err != nil {
		return "", err
	}
	return "data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(thumb), nil
}

// ProductImageResult says what a folder of product pictures matched.
type ProductImageResult struct {
	Matched   int      `json:"matched"`
	Unmatched []string `json:"unmatched"` // SKUs without a picture in the folder
	Failed    []string `json:"failed"`    // files that were not usable pictures
}

// ProductImagesFromFolder gives each product the picture in dir named
// like its SKU (or like the file name its image column names), storing
// each picture once in the workspace.
func (w *Workspace) ProductImagesFromFolder(ctx context.Context, dir string, progress marketing.Progress) (ProductImageResult, error) {
	res := ProductImageResult{Unmatched: []string{}, Failed: []string{}}
	files, err := document.ImageFiles(dir)
	if err != nil {
		return res, err
	}
	products, err := w.DB.Products(ctx)
	if err != nil {
		return res, err
	}
	set := map[string]string{}
	for i, p := range products {
		if ctx.Err() != nil {
			// Keep what was matched before Cancel, as the message says.
			n, err := w.DB.SetProductImages(context.WithoutCancel(ctx), set)
			res.Matched = n
			if err != nil {
				return res, err
			}
			return res, marketing.ErrCanceled
		}
		if progress != nil {
			progress(i+1, len(products))
		}
		key := strings.ToLower(p.SKU)
		path, ok := files[key]
		if !ok && p.ImagePath != "" && !strings.HasPrefix(p.ImagePath, "media:") {
			base := p.ImagePath[strings.LastIndexAny(p.ImagePath, `/\`)+1:]
			if dot := strings.LastIndex(base, "."); dot > 0 {
				base = base[:dot]
			}
			path, ok = files[strings.ToLower(base)]
		}
		if !ok {
			res.Unmatched = append(res.Unmatched, p.SKU)
			continue
		}
		img, err := document.PrepareImage(path)
		if err != nil {
			res.Failed = append(res.Failed, path[strings.LastIndexAny(path, `/\`)+1:])
			continue
		}
		// Stored even when Cancel came meanwhile: the loop's next turn keeps
		// what matched so far.
		if err := w.DB.PutMedia(context.WithoutCancel(ctx), img.Name, img.Mime, img.Data); err != nil {
			return res, err
		}
		set[p.SKU] = "media:" + img.Name
	}
	n, err := w.DB.SetProductImages(ctx, set)
	res.Matched = n
	return res, err
}
