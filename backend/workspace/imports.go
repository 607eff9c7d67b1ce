package workspace

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"directdesk/backend/importer"
	"directdesk/backend/marketing"
)

// Importer returns the import engine over this workspace.
func (w *Workspace) Importer() *importer.Engine {
	return &importer.Engine{
		Begin: func(ctx context.Context, b *marketing.ImportBatch, dry bool) (importer.Session, error) {
			s, err := w.DB.BeginImport(ctx, b, dry)
			if err != nil {
				return nil, err // not a typed nil inside the interface
			}
			return s, nil
		},
		Mappings:   w.DB,
		Settings:   w.Settings,
		Now:        time.Now,
		RejectsDir: w.DownloadDir(),
	}
}

// DownloadDir holds files made for the user to fetch: refused import rows,
// and exports in browser mode. Files older than a day are removed when it
// is asked for: they are copies, made to be saved elsewhere.
func (w *Workspace) DownloadDir() string {
	dir := filepath.Join(w.Dir, "downloads")
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > 24*time.Hour {
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
	return dir
}
