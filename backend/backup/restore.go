package backup

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"time"

	"directdesk/backend/marketing"
)

// Restored says what a restore did.
type Restored struct {
	// From is the file restored (a backup name, or the path of a file
	// outside the backups folder).
	From string `json:"from"`
	// Aside is the backup the replaced file was kept as ("" if there was none).
	Aside    string `json:"aside"`
	Contacts int64  `json:"contacts"`
	// Erased is how many people of the backup were erased again because
	// they had been erased after it was made.
	Erased int `json:"erased"`
	// ErasuresLost: the replaced file could not be read (damaged), so
	// people erased after this backup could not be carried over.
	ErasuresLost bool `json:"erasuresLost"`
}

// CarryFile, in the workspace folder, names the backup (in backups/) whose
// erased people a restored file must take over; removed once done.
const CarryFile = "restore-erasures.txt"

// Verify checks a file before it is restored: a DirectDesk workspace,
// undamaged (integrity_check), and not made by a newer DirectDesk.
func Verify(ctx context.Context, src string) (Status, error) {
	if fi, err := os.Stat(src); err != nil || !fi.Mode().IsRegular() {
		return Status{}, &marketing.Error{Code: marketing.ENotFound, Message: "The backup file could not be found. It may have been moved or deleted.", Err: err}
	}
	st, err := checkFile(ctx, src, filepath.Base(src), true)
	if err != nil {
		return st, err
	}
	switch {
	case st.Result == "not a DirectDesk workspace":
		return st, &marketing.Error{Code: marketing.EUnsupportedFile, Message: "This file is not a DirectDesk workspace or backup. Choose a file named like directdesk-….db from a backups folder.", Details: map[string]string{"reason": "not_workspace"}}
	case st.Result != "ok":
		return st, &marketing.Error{Code: marketing.EDamaged, Message: "This backup is damaged and cannot be restored. Choose another backup.", Details: map[string]string{"reason": "backup_damaged", "check": st.Result}}
	case st.Newer:
		return st, &marketing.Error{Code: marketing.EConflict, Message: "This backup was made by a newer DirectDesk. Install the newest version of DirectDesk to restore it.", Details: map[string]string{"reason": "newer"}}
	}
	return st, nil
}

// Restore replaces the workspace database in dir with src (a path). The
// caller must have closed the workspace. The file is checked first; the
// current database is copied aside into backups/ (as before_restore, or as
// damaged-<time>.db when damaged is set), never moved or deleted; then the
// new file is written beside it and renamed over it. A kill at any moment
// leaves either the old or the new database complete.
func Restore(ctx context.Context, dir, src string, damaged bool, now time.Time) (Restored, error) {
	st, err := Verify(ctx, src)
	if err != nil {
		return Restored{}, err
	}
	res := Restored{From: src, Contacts: st.Contacts}
	if rel, err := filepath.Rel(filepath.Join(dir, Folder), src); err == nil && rel == filepath.Base(src) {
		res.From = rel
	}
	cur := filepath.Join(dir, DBFile)
	folder := filepath.Join(dir, Folder)
	if err := os.MkdirAll(folder, 0o700); err != nil {
		return res, writeErr(err)
	}
	if _, err := os.Stat(cur); err == nil {
		name := freeName(folder, now, BeforeRestore)
		if damaged {
			name = "damaged-" + now.UTC().Format(stamp) + ".db"
		}
		if err := copyFile(cur, filepath.Join(folder, name)); err != nil {
			return res, err
		}
		// A damaged file that was never opened may have changes in its
		// WAL; they are kept beside the copy, not dropped.
		if fi, err := os.Stat(cur + "-wal"); err == nil && fi.Size() > 0 {
			if err := copyFile(cur+"-wal", filepath.Join(folder, name+"-wal")); err != nil {
				return res, err
			}
		}
		res.Aside = name
		// Names the replaced file whose erasures the restored one must
		// take over; the next open does it, even after a kill from here on.
		if err := os.WriteFile(filepath.Join(dir, CarryFile), []byte(name), 0o600); err != nil {
			return res, writeErr(err)
		}
	}
	hook("restore:aside")
	tmp := filepath.Join(dir, restoreTmp)
	if err := writeSynced(src, tmp); err != nil {
		return res, err
	}
	hook("restore:tmp")
	// The old WAL must go before the rename: SQLite would replay it onto
	// the new file. The workspace was closed with a full checkpoint, and a
	// damaged file's WAL was copied aside above.
	for _, ext := range []string{"-wal", "-shm"} {
		if err := os.Remove(cur + ext); err != nil && !os.IsNotExist(err) {
			os.Remove(tmp)
			return res, writeErr(err)
		}
	}
	if err := syncDir(dir); err != nil {
		return res, err
	}
	if err := os.Rename(tmp, cur); err != nil {
		os.Remove(tmp)
		return res, writeErr(err)
	}
	if err := syncDir(dir); err != nil {
		return res, err
	}
	hook("restore:renamed")
	return res, nil
}

// writeSynced copies src to dst (private, synced), without renaming.
func writeSynced(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return readErr(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return writeErr(err)
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
		return writeErr(err)
	}
	return nil
}
