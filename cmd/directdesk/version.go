package main

import (
	"context"
	"fmt"
	"io"
	"runtime"

	"directdesk/app"
)

func init() {
	register(command{name: "version", summary: "print the version", run: runVersion})
	register(command{name: "info", summary: "describe the workspace (counts, settings, last UI start)", run: runInfo})
}

func runVersion(e *env, args []string) error {
	if err := e.flags("version").Parse(args); err != nil {
		return err
	}
	v := map[string]string{"version": app.Version, "go": runtime.Version(), "platform": runtime.GOOS + "/" + runtime.GOARCH}
	e.print(v, func(w io.Writer) { fmt.Fprintf(w, "DirectDesk %s (%s, %s)\n", v["version"], v["go"], v["platform"]) })
	return nil
}

func runInfo(e *env, args []string) error {
	if err := e.flags("info").Parse(args); err != nil {
		return err
	}
	ctx := context.Background()
	ws, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	info, err := ws.Info(ctx)
	if err != nil {
		return err
	}
	last, err := ws.LastUIStart(ctx)
	if err != nil {
		return err
	}
	out := map[string]any{"workspace": info, "lastUiStart": last}
	e.print(out, func(w io.Writer) {
		fmt.Fprintf(w, "Workspace:  %s\n", info.File)
		fmt.Fprintf(w, "Contacts:   %d\nOrders:     %d\nProducts:   %d\n", info.Counts.Contacts, info.Counts.Orders, info.Counts.Products)
		fmt.Fprintf(w, "Language:   %s, country %s, currency %s\n", info.Settings.Language, info.Settings.Country, info.Settings.Currency)
		if last["at"] != "" {
			fmt.Fprintf(w, "UI started: %s (%s)\n", last["at"], last["client"])
		}
	})
	return nil
}
