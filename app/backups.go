package app

import (
	"context"
	"os"
	"path/filepath"

	"directdesk/backend/backup"
	"directdesk/backend/marketing"
	"directdesk/backend/workspace"
)

// Backups is bound for Settings → Backups and the damaged-workspace screen:
// automatic and manual backups, restore, and moving the workspace. Unlike
// the other structs, some of its methods work when the workspace could not
// be opened (a damaged file), so the user can restore a good backup.
type Backups struct {
	app *App
}

// BackupList is what Settings → Backups shows.
type BackupList struct {
	Dir    string        `json:"dir"`    // the backups folder
	Items  []backup.Info `json:"items"`  // newest first
	Last   string        `json:"last"`   // time of the newest backup, "" if none
	Auto   bool          `json:"auto"`   // automatic backups are on
	Keep   [2]int        `json:"keep"`   // daily, weekly kept
	Damage bool          `json:"damage"` // the open file was found damaged
}

// NewestGood is the backup the damaged screen offers.
type NewestGood struct {
	Found  bool        `json:"found"`
	Backup backup.Info `json:"backup"`
}

func (b *Backups) dir() (string, error) {
	if b.app.dir == "" {
		if err := b.app.ready(); err != nil {
			return "", err
		}
		return "", marketing.Errorf(marketing.EInternal, "No workspace is open.")
	}
	return b.app.dir, nil
}

// List returns the backups, newest first (also from the damaged screen).
func (b *Backups) List() (BackupList, error) {
	dir, err := b.dir()
	if err != nil {
		return BackupList{}, err
	}
	items, err := backup.List(dir)
	if err != nil {
		return BackupList{}, err
	}
	out := BackupList{Dir: filepath.Join(dir, backup.Folder), Items: items, Auto: b.app.AutoBackup, Keep: [2]int{backup.Keep.Daily, backup.Keep.Weekly}}
	if t := backup.Last(dir); !t.IsZero() {
		out.Last = marketing.Timestamp(t)
	}
	out.Damage = b.app.Workspace.damaged.Load() != nil || marketing.ErrorCode(b.app.Workspace.openErr) == marketing.EDamaged
	return out, nil
}

// Check runs a quick check on one backup, without changing it.
func (b *Backups) Check(name string) (backup.Status, error) {
	dir, err := b.dir()
	if err != nil {
		return backup.Status{}, err
	}
	return backup.Check(context.Background(), dir, name)
}

// NewestGood returns the newest backup that passes its check.
func (b *Backups) NewestGood() (NewestGood, error) {
	dir, err := b.dir()
	if err != nil {
		return NewestGood{}, err
	}
	info, ok, err := backup.NewestGood(context.Background(), dir)
	return NewestGood{Found: ok, Backup: info}, err
}

// Create makes a manual backup now (job "backup").
func (b *Backups) Create() (backup.Info, error) {
	if err := b.app.ready(); err != nil {
		return backup.Info{}, err
	}
	ws := b.app.Workspace.ws
	var info backup.Info
	err := b.app.run("backup", func(ctx context.Context, _ marketing.Progress) error {
		var err error
		info, err = ws.Backup(ctx, backup.Manual)
		return err
	})
	return info, err
}

// Delete removes one backup file.
func (b *Backups) Delete(name string) error {
	dir, err := b.dir()
	if err != nil {
		return err
	}
	return backup.Delete(dir, name)
}

// Restore replaces the workspace with backup name (job "restore"): the
// backup is checked first, the current file is kept as a backup (as
// damaged-<time>.db when it is damaged), and the workspace is reopened.
func (b *Backups) Restore(name string) (backup.Restored, error) {
	dir, err := b.dir()
	if err != nil {
		return backup.Restored{}, err
	}
	src, err := backup.Path(dir, name)
	if err != nil {
		return backup.Restored{}, err
	}
	if err := b.app.busy("restore"); err != nil {
		return backup.Restored{}, err
	}
	// Check before closing anything: a bad backup changes nothing.
	if _, err := backup.Verify(context.Background(), src); err != nil {
		return backup.Restored{}, err
	}
	damaged := b.app.Workspace.damaged.Load() != nil || marketing.ErrorCode(b.app.Workspace.openErr) == marketing.EDamaged
	var res backup.Restored
	err = b.app.run("restore", func(ctx context.Context, _ marketing.Progress) error {
		return b.app.attach(ctx, func(old *workspace.Workspace) (string, error) {
			if old != nil {
				if err := old.CloseNoBackup(); err != nil {
					return dir, err
				}
			}
			var err error
			res, err = workspace.RestoreDir(ctx, dir, src, damaged, b.app.Workspace.version)
			return dir, err
		})
	})
	return res, err
}

// OpenFolder shows the backups folder in the file manager.
func (b *Backups) OpenFolder() error {
	dir, err := b.dir()
	if err != nil {
		return err
	}
	folder := filepath.Join(dir, backup.Folder)
	if err := os.MkdirAll(folder, 0o700); err != nil {
		return marketing.Errorf(marketing.EInternal, "The backups folder could not be created.")
	}
	if b.app.ui == nil {
		return marketing.Errorf(marketing.EInternal, "No window is open.")
	}
	return b.app.ui.OpenPath(folder)
}

// Move moves the workspace to another folder and reopens it there. dest
// "" asks for the folder with a dialog ("" back from it: cancelled, and
// nothing happens). In the browser, choosing a folder is refused.
func (b *Backups) Move(dest string) (workspace.Moved, error) {
	if err := b.app.ready(); err != nil {
		return workspace.Moved{}, err
	}
	if dest == "" {
		if b.app.ui == nil {
			return workspace.Moved{}, marketing.Errorf(marketing.EInternal, "No window is open.")
		}
		d, err := b.app.ui.ChooseFolder("Move the workspace to")
		if err != nil || d == "" {
			return workspace.Moved{}, err
		}
		dest = d
	}
	if err := b.app.busy("move"); err != nil {
		return workspace.Moved{}, err
	}
	var res workspace.Moved
	err := b.app.run("move", func(ctx context.Context, _ marketing.Progress) error {
		return b.app.attach(ctx, func(old *workspace.Workspace) (string, error) {
			if old == nil {
				return "", marketing.Errorf(marketing.EConflict, "The workspace is being restored or moved. Wait a moment and try again.")
			}
			var err error
			res, err = old.Move(ctx, dest)
			if err != nil {
				return "", err
			}
			return res.Dir, nil
		})
	})
	return res, err
}
