package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"directdesk/app"
	"directdesk/backend/backup"
	"directdesk/backend/marketing"
	"directdesk/backend/workspace"
)

func init() {
	register(command{name: "backup", summary: "back up the workspace (into its backups folder, or --out FILE)", run: runBackup})
	register(command{name: "restore", summary: "restore the workspace from a backup file (the current file is kept as a backup)", run: runRestore})
}

// stdin is where restore reads its confirmation (tests replace it).
var stdin io.Reader = os.Stdin

func runBackup(e *env, args []string) error {
	fs := e.flags("backup")
	out := fs.String("out", "", "write the backup to this file instead of the backups folder")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return marketing.Errorf(marketing.EInvalid, "backup takes no file name; use --out FILE to choose where the backup goes.")
	}
	ctx := context.Background()
	ws, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	var info backup.Info
	path := ""
	if *out != "" {
		if path, err = filepath.Abs(*out); err != nil {
			return err
		}
		info, err = backup.CreateAt(ctx, ws.DB, path)
	} else {
		info, err = ws.Backup(ctx, backup.Manual)
		path = filepath.Join(ws.Dir, backup.Folder, info.Name)
	}
	if err != nil {
		return err
	}
	e.print(map[string]any{"file": path, "size": info.Size, "time": marketing.Timestamp(info.Time)}, func(w io.Writer) {
		fmt.Fprintf(w, "Backed up the workspace to %s (%s).\n", path, size(info.Size))
	})
	return nil
}

func runRestore(e *env, args []string) error {
	fs := e.flags("restore")
	yes := fs.Bool("yes", false, "do not ask for confirmation")
	// The file may come before or after the flags.
	var file string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if file == "" && fs.NArg() == 1 {
		file = fs.Arg(0)
	} else if fs.NArg() > 0 || file == "" {
		return marketing.Errorf(marketing.EInvalid, "Name one backup file: directdesk restore FILE [--data DIR] [--yes].")
	}
	dir := e.data
	if dir == "" {
		var err error
		if dir, err = workspace.ResolveDir(); err != nil {
			return err
		}
	}
	// A bare backup name means the one in the workspace's backups folder.
	src := file
	if filepath.Base(file) == file {
		if p, err := backup.Path(dir, file); err == nil {
			src = p
		}
	}
	src, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	ctx := context.Background()
	st, err := backup.Verify(ctx, src)
	if err != nil {
		return err
	}
	if !*yes {
		if e.json {
			return marketing.Errorf(marketing.EInvalid, "Add --yes to restore with --json (there is no one to ask).")
		}
		fmt.Fprintf(e.stderr, "Restore %s (%d contacts) into %s?\nThe current workspace file is kept as a backup first. People you erased after this backup stay erased. Type yes to go on: ", src, st.Contacts, dir)
		line, _ := bufio.NewReader(stdin).ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(line)); a != "yes" && a != "y" {
			return marketing.Errorf(marketing.EInvalid, "Nothing was restored.")
		}
	}
	res, err := workspace.RestoreDir(ctx, dir, src, backup.FileDamaged(ctx, dir), app.Version)
	if err != nil {
		return err
	}
	e.print(map[string]any{"restored": src, "aside": res.Aside, "contacts": res.Contacts, "dir": dir, "erased": res.Erased, "erasuresLost": res.ErasuresLost}, func(w io.Writer) {
		fmt.Fprintf(w, "Restored %s: the workspace now has %d contacts.\n", src, res.Contacts)
		if res.Erased > 0 {
			fmt.Fprintf(w, "%d people erased after this backup was made were erased again.\n", res.Erased)
		}
		if res.ErasuresLost {
			fmt.Fprintln(w, "The replaced file was damaged: people erased after this backup could not be carried over. Erase them again.")
		}
		if res.Aside != "" {
			fmt.Fprintf(w, "The file it replaced is kept as %s.\n", filepath.Join(dir, backup.Folder, res.Aside))
		}
	})
	return nil
}

func size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	default:
		return fmt.Sprintf("%d kB", (n+1023)/1024)
	}
}
