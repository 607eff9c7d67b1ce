package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"
)

func init() {
	register(command{name: "demo", summary: "add realistic demo contacts, orders and products", run: runDemo})
}

func runDemo(e *env, args []string) error {
	fs := e.flags("demo")
	n := fs.Int("contacts", 2500, "number of demo contacts to add")
	quiet := fs.Bool("quiet", false, "no progress output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ws, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	start := time.Now()
	last := time.Time{}
	err = ws.LoadDemo(ctx, *n, func(done, total int) {
		if *quiet || e.json || time.Since(last) < time.Second && done != total {
			return
		}
		last = time.Now()
		fmt.Fprintf(e.stderr, "\r%d / %d contacts", done, total)
		if done == total {
			fmt.Fprintln(e.stderr)
		}
	})
	if err != nil {
		return err
	}
	info, err := ws.Info(ctx)
	if err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	out := map[string]any{"added": *n, "seconds": secs, "counts": info.Counts}
	e.print(out, func(w io.Writer) {
		fmt.Fprintf(w, "Added %d demo contacts in %.1f s. The workspace now has %d contacts and %d orders.\n", *n, secs, info.Counts.Contacts, info.Counts.Orders)
	})
	return nil
}
