// Package app is the bound layer: one small struct per screen area. Each
// method converts what the UI sent, calls one backend operation and returns
// its result or a coded error. The same structs are bound by Wails on the
// desktop and served over HTTP in browser mode. Only ui.go knows Wails.
package app

import (
	"context"
	"sync"
	"time"

	"directdesk/backend/contacts"
	"directdesk/backend/marketing"
	"directdesk/backend/workspace"
)

// UI is what the bound layer needs from the window it runs in: events for
// the frontend and native file dialogs. Desktop (ui.go) and browser mode
// (package app/web) implement it.
type UI interface {
	Emit(name string, data any)
	OpenFile(title string, filters []FileFilter) (string, error)
	SaveFile(title, defaultName string, filters []FileFilter) (string, error)
	ChooseFolder(title string) (string, error)
	// OpenPath opens a file in the system's viewer, or a folder in the file manager.
	OpenPath(path string) error
}

// FileFilter is one entry of a file dialog's type list.
type FileFilter struct {
	DisplayName string `json:"displayName"` // "Pictures (*.png, *.jpg)"
	Pattern     string `json:"pattern"`     // "*.png;*.jpg;*.jpeg"
}

// App holds the bound structs and what they share.
type App struct {
	Workspace *Workspace
	Contacts  *Contacts
	Files     *Files
	Imports   *Imports
	Exports   *Exports
	Segments  *Segments
	Documents *Documents
	Products  *Products
	Email     *Email
	Campaigns *Campaigns
	Privacy   *Privacy
	Backups   *Backups

	// AutoBackup turns on the automatic backups of every workspace this
	// app opens (main.go and serve set it; tests leave it off).
	AutoBackup bool

	ui   UI
	jobs *jobs
	// dir is the workspace folder, known even when opening it failed.
	dir      string
	attachMu sync.Mutex
}

// New builds the bound layer over an open workspace. When the workspace could
// not be opened, ws is nil and openErr says why: the UI shows it translated
// instead of a blank window.
func New(ws *workspace.Workspace, openErr error, version string) *App {
	a := &App{jobs: &jobs{cancel: map[string]context.CancelFunc{}}}
	a.Workspace = &Workspace{app: a, ws: ws, openErr: openErr, version: version}
	a.Contacts = &Contacts{app: a}
	a.Files = &Files{app: a}
	a.Imports = &Imports{app: a}
	a.Exports = &Exports{app: a}
	a.Segments = &Segments{app: a}
	a.Documents = &Documents{app: a}
	a.Products = &Products{app: a}
	a.Email = &Email{app: a}
	a.Campaigns = &Campaigns{app: a}
	a.Privacy = &Privacy{app: a}
	a.Backups = &Backups{app: a}
	a.dir = workspaceDir(ws, openErr)
	if ws != nil {
		a.wire(ws)
	}
	return a
}

// workspaceDir is the folder of the workspace, also when it failed to open
// (the damaged screen lists and restores its backups).
func workspaceDir(ws *workspace.Workspace, openErr error) string {
	if ws != nil {
		return ws.Dir
	}
	if me := marketing.AsError(openErr); me != nil && me.Details != nil {
		return me.Details["dir"]
	}
	return ""
}

// wire connects the services that keep a reference to the workspace.
func (a *App) wire(ws *workspace.Workspace) {
	a.Workspace.ws = ws
	a.Workspace.openErr = nil
	a.Workspace.damaged.Store(nil)
	a.dir = ws.Dir
	ws.Sending.OnStatus = func(st workspace.MailingStatus) { a.emit("email:status", st) }
	a.Contacts.svc = &contacts.Service{
		Store: ws.DB,
		Now:   time.Now,
		DefaultCountry: func() string {
			s, err := ws.Settings(context.Background())
			if err != nil {
				return "DK"
			}
			return s.Country
		},
	}
}

// attach swaps the open workspace (a restore, a move). swap gets the old
// workspace (nil when it failed to open) with the app detached from it, so
// calls meanwhile get a "wait" error; it returns the folder to open next,
// or "" to keep the old workspace (nothing was changed). On an error
// opening the folder, the app shows that error as it would at start.
func (a *App) attach(ctx context.Context, swap func(old *workspace.Workspace) (string, error)) error {
	a.attachMu.Lock()
	defer a.attachMu.Unlock()
	old, oldErr := a.Workspace.ws, a.Workspace.openErr
	a.Workspace.ws = nil
	a.Workspace.openErr = marketing.Errorf(marketing.EConflict, "The workspace is being restored or moved. Wait a moment and try again.")
	dir, swapErr := swap(old)
	if dir == "" {
		a.Workspace.ws, a.Workspace.openErr = old, oldErr
		return swapErr
	}
	ws, err := a.open(ctx, dir)
	if err != nil {
		a.Workspace.openErr = err
		if d := workspaceDir(nil, err); d != "" {
			a.dir = d
		} else {
			a.dir = dir
		}
		if swapErr != nil {
			return swapErr
		}
		return err
	}
	a.wire(ws)
	if a.AutoBackup {
		ws.StartAutoBackup()
	}
	if a.ui != nil {
		go ws.Sending.ResumeAll(context.Background())
		go a.watchHealth(ws)
	}
	return swapErr
}

// open opens a workspace folder the way main.go does (tests replace it).
func (a *App) open(ctx context.Context, dir string) (*workspace.Workspace, error) {
	return workspace.Open(ctx, dir, a.Workspace.version)
}

// watchHealth tells the UI when the background check of the open file
// finds damage: the window then shows the damaged screen.
func (a *App) watchHealth(ws *workspace.Workspace) {
	err := ws.Damaged(context.Background())
	if err == nil || a.Workspace.ws != ws {
		return
	}
	a.Workspace.damaged.Store(&err)
	a.emit("workspace:damaged", marketing.AsError(err))
}

// Close closes the open workspace (when the window closes).
func (a *App) Close() error {
	a.attachMu.Lock()
	defer a.attachMu.Unlock()
	if ws := a.Workspace.ws; ws != nil {
		a.Workspace.ws = nil
		return ws.Close()
	}
	return nil
}

// busy refuses a restore or move while a job runs or a mailing sends.
func (a *App) busy(except string) error {
	a.jobs.mu.Lock()
	n := 0
	for name := range a.jobs.cancel {
		if name != except {
			n++
		}
	}
	a.jobs.mu.Unlock()
	if n > 0 {
		return &marketing.Error{Code: marketing.EConflict, Message: "DirectDesk is busy with another job (an import, a demo load or a document). Wait until it has finished, or cancel it, and try again.", Details: map[string]string{"reason": "busy"}}
	}
	if ws := a.Workspace.ws; ws != nil && ws.Busy() {
		return &marketing.Error{Code: marketing.EConflict, Message: "A mailing is sending right now. Pause it, or wait until it has finished, and try again.", Details: map[string]string{"reason": "sending"}}
	}
	return nil
}

// SetUI connects the window once it exists; mailings that were sending
// when DirectDesk last closed carry on from here.
func (a *App) SetUI(ui UI) {
	a.ui = ui
	if ws := a.Workspace.ws; ws != nil {
		go ws.Sending.ResumeAll(context.Background())
		go a.watchHealth(ws)
	}
}

// Bindings lists the structs whose methods the frontend may call.
func (a *App) Bindings() []any {
	return []any{a.Workspace, a.Contacts, a.Files, a.Imports, a.Exports, a.Segments, a.Documents, a.Products, a.Email, a.Campaigns, a.Privacy, a.Backups}
}

func (a *App) emit(name string, data any) {
	if a.ui != nil {
		a.ui.Emit(name, data)
	}
}

// ready returns the workspace error, if the workspace could not be opened.
func (a *App) ready() error {
	if a.Workspace.ws == nil {
		if a.Workspace.openErr != nil {
			return a.Workspace.openErr
		}
		return marketing.Errorf(marketing.EInternal, "No workspace is open.")
	}
	return nil
}

// JobProgress is the payload of the "job:progress" event.
type JobProgress struct {
	Job   string `json:"job"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// jobs tracks long-running work so the UI can cancel it.
type jobs struct {
	mu     sync.Mutex
	cancel map[string]context.CancelFunc
}

// run executes fn as job name, emitting throttled progress (at most ten
// events a second, plus the last one) and letting Cancel(name) stop it.
func (a *App) run(name string, fn func(ctx context.Context, p marketing.Progress) error) error {
	ctx, cancel := context.WithCancel(context.Background())
	a.jobs.mu.Lock()
	if _, busy := a.jobs.cancel[name]; busy {
		a.jobs.mu.Unlock()
		cancel()
		return marketing.Errorf(marketing.EConflict, "This job is already running. Wait for it to finish.")
	}
	a.jobs.cancel[name] = cancel
	a.jobs.mu.Unlock()
	defer func() {
		a.jobs.mu.Lock()
		delete(a.jobs.cancel, name)
		a.jobs.mu.Unlock()
		cancel()
	}()
	var last time.Time
	progress := func(done, total int) {
		if now := time.Now(); now.Sub(last) >= 100*time.Millisecond || done == total {
			last = now
			a.emit("job:progress", JobProgress{Job: name, Done: done, Total: total})
		}
	}
	err := fn(ctx, progress)
	a.emit("job:done", map[string]any{"job": name, "ok": err == nil})
	return err
}

func (a *App) cancelJob(name string) bool {
	a.jobs.mu.Lock()
	defer a.jobs.mu.Unlock()
	if c, ok := a.jobs.cancel[name]; ok {
		c()
		return true
	}
	return false
}

// Version is set at build time with -ldflags "-X directdesk/app.Version=...".
var Version = "0.1.0-dev"
