// Command directdesk is DirectDesk without a window: CLI subcommands for
// automation and scripted checks, and `serve` (browser mode). It needs no
// GTK or WebKit. Each command group lives in its own small file and only
// wires flags to one backend operation.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"directdesk/app"
	"directdesk/backend/marketing"
	"directdesk/backend/workspace"
)

// command is one subcommand: "contacts list" is registered as such.
type command struct {
	name    string
	summary string
	run     func(env *env, args []string) error
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// env is what every command gets: the common flags and the output.
type env struct {
	data   string
	json   bool
	stdout io.Writer
	stderr io.Writer
}

// open opens the workspace named by --data (or the per-user default).
func (e *env) open(ctx context.Context) (*workspace.Workspace, error) {
	dir := e.data
	if dir == "" {
		var err error
		if dir, err = workspace.ResolveDir(); err != nil {
			return nil, err
		}
	}
	return workspace.Open(ctx, dir, app.Version)
}

// print writes v as JSON on one line with --json (easy to read from a
// script line by line), else calls human.
func (e *env) print(v any, human func(w io.Writer)) {
	if e.json {
		json.NewEncoder(e.stdout).Encode(v)
		return
	}
	human(e.stdout)
}

// flags returns a flag set with the common --data and --json.
func (e *env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&e.data, "data", e.data, "workspace folder (default: the per-user data folder)")
	fs.BoolVar(&e.json, "json", e.json, "print JSON instead of text")
	return fs
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		return 2
	}
	name := args[0]
	rest := args[1:]
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		if _, ok := commands[name+" "+rest[0]]; ok {
			name, rest = name+" "+rest[0], rest[1:]
		}
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "directdesk: unknown command %q\n\n", strings.Join(args[:1], " "))
		usage(stderr)
		return 2
	}
	if err := c.run(e, rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 2
		}
		me := marketing.AsError(err)
		if e.json {
			json.NewEncoder(stdout).Encode(map[string]any{"error": me})
		}
		fmt.Fprintf(stderr, "directdesk: %s\n", me.Message)
		if me.Code == marketing.EInternal && me.Err != nil {
			fmt.Fprintf(stderr, "  cause: %v\n", me.Err)
		}
		return 1
	}
	return 0
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: directdesk <command> [--data DIR] [--json] [flags]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-16s %s\n", n, commands[n].summary)
	}
}
