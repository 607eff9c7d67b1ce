package app

import (
	"context"
	"log"
	"os/exec"
	goruntime "runtime"
	"strings"

	"directdesk/backend/marketing"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Desktop connects the bound layer to a Wails window. It is the only code
// that knows the Wails runtime; main.go wires its hooks into wails.Run.
type Desktop struct {
	app *App
	ctx context.Context
}

// NewDesktop returns the Wails hooks for a.
func NewDesktop(a *App) *Desktop { return &Desktop{app: a} }

// Startup is Wails' OnStartup: it keeps the context the runtime needs and
// restores the window position remembered from the last session.
func (d *Desktop) Startup(ctx context.Context) {
	d.ctx = ctx
	d.app.SetUI(d)
	if st, ok := d.app.loadWindowState(); ok {
		if st.X >= 0 && st.Y >= 0 {
			runtime.WindowSetPosition(ctx, st.X, st.Y)
		}
		if st.Maximised {
			runtime.WindowMaximise(ctx)
		}
	}
}

// DomReady is Wails' OnDomReady.
func (d *Desktop) DomReady(ctx context.Context) {}

// BeforeClose remembers the window size and position; it never blocks closing.
func (d *Desktop) BeforeClose(ctx context.Context) bool {
	w, h := runtime.WindowGetSize(ctx)
	x, y := runtime.WindowGetPosition(ctx)
	maximised := runtime.WindowIsMaximised(ctx)
	d.app.saveWindowState(WindowState{Width: w, Height: h, X: x, Y: y, Maximised: maximised})
	return false
}

// Shutdown is Wails' OnShutdown.
func (d *Desktop) Shutdown(ctx context.Context) {}

// Emit sends an event to the frontend.
func (d *Desktop) Emit(name string, data any) {
	if d.ctx != nil {
		runtime.EventsEmit(d.ctx, name, data)
	}
}

// OpenFile shows the native open dialog.
func (d *Desktop) OpenFile(title string, filters []FileFilter) (string, error) {
	return runtime.OpenFileDialog(d.ctx, runtime.OpenDialogOptions{Title: title, Filters: wailsFilters(filters)})
}

// SaveFile shows the native save dialog.
func (d *Desktop) SaveFile(title, defaultName string, filters []FileFilter) (string, error) {
	return runtime.SaveFileDialog(d.ctx, runtime.SaveDialogOptions{Title: title, DefaultFilename: defaultName, Filters: wailsFilters(filters)})
}

// ChooseFolder shows the native folder dialog.
func (d *Desktop) ChooseFolder(title string) (string, error) {
	return runtime.OpenDirectoryDialog(d.ctx, runtime.OpenDialogOptions{Title: title, CanCreateDirectories: true})
}

// OpenPath hands a file or folder to the system (PDF viewer, file
// manager). Wails' BrowserOpenURL refuses file: URLs, so the system's own
// opener is started.
func (d *Desktop) OpenPath(path string) error {
	var cmd *exec.Cmd
	switch goruntime.GOOS {
	case "windows":
		cmd = exec.Command("explorer", path)
	case "darwin":
		cmd = exec.Command("open", path)
	default:
		cmd = exec.Command("xdg-open", path)
	}
	if err := cmd.Start(); err != nil {
		return &marketing.Error{Code: marketing.EInternal, Message: "The file could not be opened. Open it from its folder: " + path, Err: err}
	}
	go cmd.Wait() // reap it; explorer exits 1 even when it worked
	return nil
}

func wailsFilters(in []FileFilter) []runtime.FileFilter {
	out := make([]runtime.FileFilter, 0, len(in))
	for _, f := range in {
		if strings.ContainsAny(f.Pattern+f.DisplayName, "\r\n\x00") {
			log.Printf("ignoring file filter with control characters")
			continue
		}
		out = append(out, runtime.FileFilter{DisplayName: f.DisplayName, Pattern: f.Pattern})
	}
	return out
}
