package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"syscall"

	"directdesk/app"
	"directdesk/app/web"
	"directdesk/frontend"
)

func init() {
	register(command{name: "serve", summary: "run DirectDesk in the browser (on this computer only)", run: runServe})
}

func runServe(e *env, args []string) error {
	fs := e.flags("serve")
	addr := fs.String("addr", "127.0.0.1:0", "address to listen on (loopback only); port 0 picks a free one")
	noBackup := fs.Bool("no-auto-backup", false, "do not make the automatic daily and on-close backups")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// A workspace that cannot be opened still serves the UI, which explains why.
	ws, openErr := e.open(ctx)
	if openErr == nil && !*noBackup {
		ws.StartAutoBackup()
	}
	a := app.New(ws, openErr, app.Version)
	a.AutoBackup = !*noBackup
	// A restore or move may have replaced ws: close whatever is open then.
	defer a.Close()
	srv, err := web.New(a, distFS())
	if err != nil {
		return err
	}
	l, url, err := srv.Listen(*addr)
	if err != nil {
		return err
	}
	e.print(map[string]string{"url": url}, func(w io.Writer) {
		fmt.Fprintf(w, "DirectDesk is running in browser mode. Open this address in your browser:\n\n  %s\n\nPress Ctrl+C to stop.\n", url)
	})
	if f, ok := e.stdout.(*os.File); ok {
		f.Sync()
	}
	return srv.Serve(ctx, l)
}

func distFS() fs.FS {
	sub, err := fs.Sub(frontend.Dist, "dist")
	if err != nil {
		panic(err) // "dist" is a fixed, embedded path
	}
	return sub
}
