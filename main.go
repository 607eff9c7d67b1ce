// Command directdesk-desktop is the DirectDesk desktop app: it opens the
// workspace, builds the bound layer and hands both to Wails. Wiring only.
package main

import (
	"context"
	_ "embed"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"

	"directdesk/app"
	"directdesk/backend/workspace"
	"directdesk/frontend"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/options/mac"
	"github.com/wailsapp/wails/v2/pkg/options/windows"
)

//go:embed build/appicon.png
var icon []byte

func main() {
	dataDir := flag.String("data", "", "workspace folder (default: the per-user data folder)")
	flag.Parse()

	dir := *dataDir
	var openErr error
	if dir == "" {
		// The per-user folder, or where the workspace was moved to.
		dir, openErr = workspace.ResolveDir()
	}
	var ws *workspace.Workspace
	if openErr == nil {
		ws, openErr = workspace.Open(context.Background(), dir, app.Version)
	}
	if openErr != nil {
		// The window still opens and explains the problem in the user's language.
		log.Printf("directdesk: workspace %s: %v", dir, openErr)
	} else {
		ws.StartAutoBackup()
	}

	a := app.New(ws, openErr, app.Version)
	a.AutoBackup = true
	// A restore or move may have replaced ws: close whatever is open then.
	defer a.Close()
	d := app.NewDesktop(a)
	assets, err := fs.Sub(frontend.Dist, "dist")
	if err != nil {
		log.Fatal(err)
	}
	width, height := a.WindowSize()
	err = wails.Run(&options.App{
		Title:            "DirectDesk",
		Width:            width,
		Height:           height,
		MinWidth:         900,
		MinHeight:        600,
		AssetServer:      &assetserver.Options{Assets: assets},
		BackgroundColour: &options.RGBA{R: 250, G: 250, B: 252, A: 255},
		OnStartup:        d.Startup,
		OnDomReady:       d.DomReady,
		OnBeforeClose:    d.BeforeClose,
		OnShutdown:       d.Shutdown,
		Bind:             a.Bindings(),
		ErrorFormatter:   app.FormatError,
		Windows:          &windows.Options{Theme: windows.SystemDefault},
		Mac:              &mac.Options{Appearance: mac.DefaultAppearance, About: &mac.AboutInfo{Title: "DirectDesk", Message: "Direct marketing for small businesses. Version " + app.Version}},
		Linux:            &linux.Options{ProgramName: "DirectDesk", Icon: icon},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "directdesk:", err)
		os.Exit(1)
	}
}
