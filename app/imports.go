package app

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"directdesk/backend/exporter"
	"directdesk/backend/importer"
	"directdesk/backend/marketing"
)

// Imports is bound for the import screen: inspect a file or paste, map its
// columns, dry-run, commit as one batch, and undo batches later.
//
// path is the spreadsheet's path ("" when src.Paste holds pasted rows). In
// browser mode it must be an upload (see app/web pathArgs).
type Imports struct{ app *App }

// Fields lists what a column can be mapped to for kind.
func (i *Imports) Fields(kind marketing.ImportKind) ([]marketing.ImportField, error) {
	return importer.Fields(kind), nil
}

// Inspect opens the file (or paste), picks the sheet and header row and
// proposes a mapping (the remembered one for files of the same shape).
func (i *Imports) Inspect(path string, kind marketing.ImportKind, src marketing.ImportSource) (marketing.ImportInspection, error) {
	if err := i.app.ready(); err != nil {
		return marketing.ImportInspection{}, err
	}
	return i.app.engine().Inspect(context.Background(), kind, importer.Source{Path: path, ImportSource: src})
}

// Preview returns the first rows as they would be stored, with problems.
func (i *Imports) Preview(path string, src marketing.ImportSource, opt marketing.ImportOptions) ([]marketing.ImportRow, error) {
	if err := i.app.ready(); err != nil {
		return nil, err
	}
	return i.app.engine().Preview(context.Background(), importer.Source{Path: path, ImportSource: src}, opt)
}

// Analyze reads the whole file without storing anything and says what
// committing would do. Runs as job "import" (progress, cancel).
func (i *Imports) Analyze(path string, src marketing.ImportSource, opt marketing.ImportOptions) (marketing.ImportSummary, error) {
	var sum marketing.ImportSummary
	if err := i.app.ready(); err != nil {
		return sum, err
	}
	err := i.app.run("import", func(ctx context.Context, p marketing.Progress) (err error) {
		sum, err = i.app.engine().Analyze(ctx, importer.Source{Path: path, ImportSource: src}, opt, p)
		return err
	})
	return sum, err
}

// Commit imports the file as one batch in one transaction. Job "import".
func (i *Imports) Commit(path string, src marketing.ImportSource, opt marketing.ImportOptions) (marketing.ImportBatch, error) {
	var b marketing.ImportBatch
	if err := i.app.ready(); err != nil {
		return b, err
	}
	err := i.app.run("import", func(ctx context.Context, p marketing.Progress) (err error) {
		b, err = i.app.engine().Commit(ctx, importer.Source{Path: path, ImportSource: src}, opt, p)
		return err
	})
	return b, err
}

// SaveRejects writes the refused rows of the last analysis (named by
// ImportSummary.Rejects) with a reason column to path (.xlsx). With path ""
// or a bare file name (browser mode) the file is kept for download.
func (i *Imports) SaveRejects(rejects string, path string) (marketing.ExportResult, error) {
	if err := i.app.ready(); err != nil {
		return marketing.ExportResult{}, err
	}
	name := filepath.Base(rejects)
	src := filepath.Join(i.app.downloadDir(), name)
	if name != rejects || !strings.HasPrefix(name, "rejects-") {
		return marketing.ExportResult{}, marketing.Errorf(marketing.ENotFound, "The list of refused rows is gone. Check the file again.")
	}
	if path == "" || filepath.Base(path) == path {
		return marketing.ExportResult{Path: src, Name: name}, nil
	}
	if err := copyFile(src, path); err != nil {
		return marketing.ExportResult{}, err
	}
	return marketing.ExportResult{Path: path, Name: filepath.Base(path)}, nil
}

// Batches lists the committed imports, newest first.
func (i *Imports) Batches() ([]marketing.ImportBatch, error) {
	if err := i.app.ready(); err != nil {
		return nil, err
	}
	return i.app.Workspace.ws.DB.ImportBatches(context.Background())
}

// Undo removes the contacts (orders, products) batch id created and restores
// the values it changed. Job "import".
func (i *Imports) Undo(id int64) (marketing.ImportBatch, error) {
	var b marketing.ImportBatch
	if err := i.app.ready(); err != nil {
		return b, err
	}
	err := i.app.run("import", func(ctx context.Context, p marketing.Progress) (err error) {
		b, err = i.app.Workspace.ws.DB.UndoImport(ctx, id, p)
		return err
	})
	return b, err
}

// Exports is bound for exports to .xlsx and .csv. A path that is "" or a
// bare file name (browser mode) keeps the file for download from
// /bridge/download/<ExportResult.Name>.
type Exports struct{ app *App }

// Contacts exports the contacts matching q (paging fields ignored: all of
// them). Job "export".
func (e *Exports) Contacts(q marketing.ContactQuery, path string) (marketing.ExportResult, error) {
	return e.export(path, "contacts", func(ctx context.Context, path string, opt exporter.Options, p marketing.Progress) (marketing.ExportResult, error) {
		return exporter.Contacts(ctx, e.app.Workspace.ws.DB, q, path, opt, p)
	})
}

// Orders exports all orders, one row per order line. Job "export".
func (e *Exports) Orders(path string) (marketing.ExportResult, error) {
	return e.export(path, "orders", func(ctx context.Context, path string, opt exporter.Options, p marketing.Progress) (marketing.ExportResult, error) {
		return exporter.Orders(ctx, e.app.Workspace.ws.DB, path, opt, p)
	})
}

// Products exports all products. Job "export".
func (e *Exports) Products(path string) (marketing.ExportResult, error) {
	return e.export(path, "products", func(ctx context.Context, path string, opt exporter.Options, p marketing.Progress) (marketing.ExportResult, error) {
		return exporter.Products(ctx, e.app.Workspace.ws.DB, path, opt, p)
	})
}

type exportFunc func(ctx context.Context, path string, opt exporter.Options, p marketing.Progress) (marketing.ExportResult, error)

func (e *Exports) export(path, what string, fn exportFunc) (marketing.ExportResult, error) {
	var res marketing.ExportResult
	if err := e.app.ready(); err != nil {
		return res, err
	}
	settings, err := e.app.Workspace.ws.Settings(context.Background())
	if err != nil {
		return res, err
	}
	if path == "" {
		path = what + ".xlsx"
	}
	if filepath.Base(path) == path {
		// Browser mode: keep it for download under a name that says what and when.
		dir := e.app.downloadDir()
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return res, err
		}
		ext := filepath.Ext(path)
		path = filepath.Join(dir, strings.TrimSuffix(path, ext)+"-"+time.Now().Format("2006-01-02-150405")+ext)
	}
	err = e.app.run("export", func(ctx context.Context, p marketing.Progress) (err error) {
		res, err = fn(ctx, path, exporter.Options{Language: settings.Language}, p)
		return err
	})
	return res, err
}

// engine builds the importer over the open workspace.
func (a *App) engine() *importer.Engine { return a.Workspace.ws.Importer() }

// downloadDir holds files made for the user to fetch ("" without a workspace).
func (a *App) downloadDir() string {
	if a.Workspace.ws == nil {
		return ""
	}
	return a.Workspace.ws.DownloadDir()
}

// DownloadPath returns the file behind a download name, or "" if there is
// none. Only plain names inside the download folder are served.
func (a *App) DownloadPath(name string) string {
	dir := a.downloadDir()
	if dir == "" || name == "" || filepath.Base(name) != name || strings.HasPrefix(name, ".") {
		return ""
	}
	p := filepath.Join(dir, name)
	if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
		return ""
	}
	return p
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return marketing.Errorf(marketing.ENotFound, "The list of refused rows is gone. Check the file again.")
	}
	defer in.Close()
	tmp := dst + ".part"
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return &marketing.Error{Code: marketing.EInvalid, Field: "path", Message: "DirectDesk cannot write to that folder. Pick another folder.", Details: map[string]string{"reason": "write"}, Err: err}
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(tmp)
		return &marketing.Error{Code: marketing.EInvalid, Field: "path", Message: "The file could not be written. Is the disk full?", Details: map[string]string{"reason": "write"}, Err: err}
	}
	if err := out.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, dst)
}
