package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"directdesk/app"
	"directdesk/backend/marketing"
	"directdesk/backend/privacy"
	"directdesk/backend/workspace"
)

func init() {
	register(command{name: "person export", summary: "export everything held about a person (--email E --out FILE.xlsx|.json)", run: runPersonExport})
	register(command{name: "person erase", summary: "erase a person for good (--email E [--yes]); they stay suppressed as a hash", run: runPersonErase})
}

// personIn is where erase reads its confirmation, and personTerminal
// whether it is a terminal someone types at (tests replace both).
var (
	personIn       io.Reader = os.Stdin
	personTerminal           = func() bool {
		st, err := os.Stdin.Stat()
		return err == nil && st.Mode()&os.ModeCharDevice != 0
	}
)

// findPerson opens the workspace and finds the contact with email.
func findPerson(e *env, email string) (*workspace.Workspace, int64, error) {
	if strings.TrimSpace(email) == "" {
		return nil, 0, &marketing.Error{Code: marketing.EInvalid, Field: "email", Message: "Name the person by their email address: --email name@example.com."}
	}
	ctx := context.Background()
	ws, err := e.open(ctx)
	if err != nil {
		return nil, 0, err
	}
	id, err := ws.DB.ContactByEmailFold(ctx, strings.TrimSpace(email))
	if err == nil && id == 0 {
		msg := "No contact has the email address " + strings.TrimSpace(email) + ". Check the spelling, or search for the person in DirectDesk."
		if erased, _ := ws.DB.IsErased(ctx, email); erased {
			msg = "The person with the email address " + strings.TrimSpace(email) + " was erased earlier. Nothing is held about them any more."
		}
		err = &marketing.Error{Code: marketing.ENotFound, Field: "email", Message: msg}
	}
	if err != nil {
		ws.Close()
		return nil, 0, err
	}
	return ws, id, nil
}

func runPersonExport(e *env, args []string) error {
	fs := e.flags("person export")
	email := fs.String("email", "", "the person's email address")
	out := fs.String("out", "", "the file to write: .xlsx (a sheet per area) or .json")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return marketing.Errorf(marketing.EInvalid, "Usage: directdesk person export --email E --out FILE [--data DIR] [--json].")
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if *out == "" || (ext != ".xlsx" && ext != ".json") {
		return &marketing.Error{Code: marketing.EInvalid, Field: "out", Message: "Name the file to write with --out, ending in .xlsx or .json."}
	}
	path, err := filepath.Abs(*out)
	if err != nil {
		return err
	}
	ws, id, err := findPerson(e, *email)
	if err != nil {
		return err
	}
	defer ws.Close()
	ctx := context.Background()
	sum, err := privacy.PersonSummary(ctx, ws.DB, id)
	if err != nil {
		return err
	}
	if err := privacy.ExportPerson(ctx, ws.DB, id, []string{path}, "cli"); err != nil {
		return err
	}
	e.print(map[string]any{"contactId": id, "name": sum.Name, "file": path, "areas": sum.Areas}, func(w io.Writer) {
		fmt.Fprintf(w, "Exported what DirectDesk holds about %s to %s:\n", sum.Name, path)
		printAreas(w, sum.Areas)
	})
	return nil
}

func printAreas(w io.Writer, areas []marketing.AreaCount) {
	for _, a := range areas {
		fmt.Fprintf(w, "  %-18s %d\n", privacy.AreaTitle(a.Key), a.Count)
	}
}

func runPersonErase(e *env, args []string) error {
	fs := e.flags("person erase")
	email := fs.String("email", "", "the person's email address")
	yes := fs.Bool("yes", false, "do not ask for confirmation")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return marketing.Errorf(marketing.EInvalid, "Usage: directdesk person erase --email E [--yes] [--data DIR] [--json].")
	}
	ws, id, err := findPerson(e, *email)
	if err != nil {
		return err
	}
	defer ws.Close()
	ctx := context.Background()
	sum, err := privacy.PersonSummary(ctx, ws.DB, id)
	if err != nil {
		return err
	}
	if !*yes {
		if e.json || !personTerminal() {
			return marketing.Errorf(marketing.EInvalid, "Erasing cannot be undone. Add --yes to erase without being asked (there is no one at a terminal to ask).")
		}
		fmt.Fprintf(e.stderr, "Erase %s (%s) for good? This deletes:\n", sum.Name, sum.Email)
		printAreas(e.stderr, sum.Areas)
		if sum.Files > 0 {
			fmt.Fprintf(e.stderr, "  and %d document file(s) made for them.\n", sum.Files)
		}
		fmt.Fprint(e.stderr, "It cannot be undone. Their email and numbers are kept only as a code so they are never contacted again.\nType ERASE or their name to go on: ")
		line, _ := bufio.NewReader(personIn).ReadString('\n')
		if !app.ConfirmsErase(line, sum.Name) {
			return marketing.Errorf(marketing.EInvalid, "Nothing was erased.")
		}
	}
	// Erasing cannot be undone: a backup first, or no erasure.
	safety, err := ws.BackupBeforeErase(ctx)
	if err != nil {
		return err
	}
	res, err := privacy.ErasePerson(ctx, ws.DB, id, "cli")
	if err != nil {
		return err
	}
	res.Backup = safety.Name
	res.Files += privacy.DeleteExports(ws.DownloadDir(), id)
	e.print(res, func(w io.Writer) {
		total := 0
		keys := make([]string, 0, len(res.Counts))
		for k, n := range res.Counts {
			total += n
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintf(w, "Erased %s: %d rows removed or made anonymous, %d document file(s) deleted.\n", sum.Name, total, res.Files)
		for _, k := range keys {
			fmt.Fprintf(w, "  %-18s %d\n", privacy.AreaTitle(k), res.Counts[k])
		}
		fmt.Fprintln(w, "Their email and numbers are kept as codes only, so they are never imported or contacted again.")
		if res.Backup != "" {
			fmt.Fprintf(w, "The safety backup made just before, %s, still holds them until you delete it.\n", res.Backup)
		}
		if res.ScrubPending {
			fmt.Fprintln(w, "The workspace file was busy: its cleaning finishes when DirectDesk closes.")
		}
	})
	return nil
}
