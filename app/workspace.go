package app

import (
	"context"
	"log"
	"runtime"
	"runtime/debug"
	"sort"
	"sync/atomic"

	"directdesk/backend/marketing"
	"directdesk/backend/segment"
	"directdesk/backend/workspace"
)

// Workspace is bound for the first-run, settings and About screens.
type Workspace struct {
	app     *App
	ws      *workspace.Workspace
	openErr error
	version string
	// damaged holds the background check's EDamaged error once found.
	damaged atomic.Pointer[error]
}

// Info describes the open workspace; it fails with the reason when the
// workspace could not be opened (e.g. already open in another window).
func (w *Workspace) Info() (marketing.WorkspaceInfo, error) {
	if err := w.app.ready(); err != nil {
		return marketing.WorkspaceInfo{}, err
	}
	// A file found damaged after opening shows the damaged screen too.
	if d := w.damaged.Load(); d != nil {
		return marketing.WorkspaceInfo{}, *d
	}
	return w.ws.Info(context.Background())
}

// UIReady is called by the frontend once it has started. It records the
// start, which proves a full round trip to the smoke test.
func (w *Workspace) UIReady(client string) error {
	if err := w.app.ready(); err != nil {
		return err
	}
	if err := w.ws.MarkUIStarted(context.Background(), client); err != nil {
		return err
	}
	// The desktop smoke test waits for this line.
	log.Printf("directdesk: user interface ready (%s)", client)
	// Build the segment columns now, in the background (seconds on a
	// million contacts), so the segment editor answers at once later.
	go func() {
		if err := w.ws.Segments().Read(context.Background(), func(*segment.Columns) error { return nil }); err != nil {
			log.Printf("directdesk: segment columns: %v", err)
		}
	}()
	return nil
}

// Settings returns the workspace settings.
func (w *Workspace) Settings() (marketing.Settings, error) {
	if err := w.app.ready(); err != nil {
		return marketing.Settings{}, err
	}
	return w.ws.Settings(context.Background())
}

// SaveSettings validates and stores the settings.
func (w *Workspace) SaveSettings(s marketing.Settings) (marketing.Settings, error) {
	if err := w.app.ready(); err != nil {
		return s, err
	}
	return w.ws.SaveSettings(context.Background(), s)
}

// SetLogo copies a picture into the workspace as the business logo; "" removes it.
func (w *Workspace) SetLogo(path string) (string, error) {
	if err := w.app.ready(); err != nil {
		return "", err
	}
	if err := w.ws.SetLogo(context.Background(), path); err != nil {
		return "", err
	}
	return w.ws.LogoDataURL(context.Background())
}

// Logo returns the logo as a data URL, "" when there is none.
func (w *Workspace) Logo() (string, error) {
	if err := w.app.ready(); err != nil {
		return "", err
	}
	return w.ws.LogoDataURL(context.Background())
}

// LoadDemo fills the workspace with n demo contacts, reporting "job:progress"
// events for job "demo". It returns when done or cancelled.
func (w *Workspace) LoadDemo(n int) (marketing.WorkspaceInfo, error) {
	if err := w.app.ready(); err != nil {
		return marketing.WorkspaceInfo{}, err
	}
	err := w.app.run("demo", func(ctx context.Context, p marketing.Progress) error {
		return w.ws.LoadDemo(ctx, n, p)
	})
	if err != nil {
		return marketing.WorkspaceInfo{}, err
	}
	return w.ws.Info(context.Background())
}

// RemoveDemo deletes the demo contacts, their orders and the demo products,
// and returns the workspace as it is afterwards.
func (w *Workspace) RemoveDemo() (marketing.WorkspaceInfo, error) {
	if err := w.app.ready(); err != nil {
		return marketing.WorkspaceInfo{}, err
	}
	// Under the "demo" job name, so it can never run while a demo load does.
	err := w.app.run("demo", func(ctx context.Context, _ marketing.Progress) error {
		_, err := w.ws.RemoveDemo(ctx)
		return err
	})
	if err != nil {
		return marketing.WorkspaceInfo{}, err
	}
	return w.ws.Info(context.Background())
}

// CancelJob stops a running job ("demo", later "import", ...). Work already
// committed in whole batches stays; nothing is half-written.
func (w *Workspace) CancelJob(job string) bool { return w.app.cancelJob(job) }

// License names a third-party component and its licence for the About box.
type License struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	License string `json:"license"`
}

// AboutInfo is what the About box shows.
type AboutInfo struct {
	Version   string    `json:"version"`
	GoVersion string    `json:"goVersion"`
	Platform  string    `json:"platform"`
	DataDir   string    `json:"dataDir"`
	Licenses  []License `json:"licenses"`
}

// knownLicenses are the licences of the Go modules we ship, by module path.
// Frontend packages are listed by the frontend itself.
var knownLicenses = map[string]string{
	"github.com/wailsapp/wails/v2":         "MIT",
	"github.com/mattn/go-sqlite3":          "MIT (SQLite: public domain)",
	"github.com/xuri/excelize/v2":          "BSD-3-Clause",
	"github.com/jordan-wright/email":       "MIT",
	"github.com/nyaruka/phonenumbers":      "MIT",
	"github.com/gofrs/flock":               "BSD-3-Clause",
	"golang.org/x/net":                     "BSD-3-Clause",
	"golang.org/x/text":                    "BSD-3-Clause",
	"golang.org/x/sys":                     "BSD-3-Clause",
	"google.golang.org/protobuf":           "BSD-3-Clause",
	"github.com/labstack/echo/v4":          "MIT",
	"github.com/google/uuid":               "BSD-3-Clause",
	"github.com/gorilla/websocket":         "BSD-2-Clause",
	"github.com/samber/lo":                 "MIT",
	"github.com/godbus/dbus/v5":            "BSD-2-Clause",
	"github.com/leaanthony/go-ansi-parser": "MIT",
}

// About returns version, platform and third-party licences.
func (w *Workspace) About() AboutInfo {
	info := AboutInfo{Version: w.version, GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if w.ws != nil {
		info.DataDir = w.ws.Dir
	}
	info.Licenses = append(info.Licenses, License{Name: "Go standard library", Version: runtime.Version(), License: "BSD-3-Clause"})
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if l, ok := knownLicenses[d.Path]; ok {
				info.Licenses = append(info.Licenses, License{Name: d.Path, Version: d.Version, License: l})
			}
		}
	}
	sort.Slice(info.Licenses[1:], func(i, j int) bool { return info.Licenses[i+1].Name < info.Licenses[j+1].Name })
	return info
}
