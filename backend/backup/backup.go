// Package backup makes, lists, checks, rotates and restores copies of a
// workspace database in <workspace>/backups. Every file it writes appears
// under its final name only when complete (written to .tmp, synced,
// checked, renamed), so a crash or kill -9 leaves at worst a .tmp that
// CleanTmp removes at the next start. SQL stays in backend/store.
package backup

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// Kinds of backup, in the file name.
const (
	Manual        = "manual"
	Daily         = "daily"
	Weekly        = "weekly"
	Close         = "close"
	BeforeRestore = "before_restore"
	BeforeMove    = "before_move"
	// BeforeErase is made right before an erasure (one person or the
	// retention rule): it still holds them, until the user deletes it.
	BeforeErase = "before_erase"
	// Damaged is the damaged workspace file a restore kept aside.
	Damaged = "damaged"
)

// Folder is the backups folder inside the workspace folder.
const Folder = "backups"

// DBFile is the workspace database inside the workspace folder.
const DBFile = "directdesk.db"

// restoreTmp is the new database file while a restore writes it.
const restoreTmp = DBFile + ".restore.tmp"

// Keep is how many automatic backups rotation keeps.
var Keep = struct{ Daily, Weekly int }{Daily: 7, Weekly: 4}

// Hook, when set (tests only), is called at the named points of Create and
// Restore so a test can kill the process exactly there.
var Hook func(point string)

func hook(p string) {
	if Hook != nil {
		Hook(p)
	}
}

// Info is one backup file.
type Info struct {
	Name string    `json:"name"`
	Kind string    `json:"kind"`
	Time time.Time `json:"time"`
	Size int64     `json:"size"`
}

// Status is the result of checking one backup file.
type Status struct {
	Name     string `json:"name"`
	OK       bool   `json:"ok"`
	Result   string `json:"result"` // "ok" or what is wrong
	Contacts int64  `json:"contacts"`
	Newer    bool   `json:"newer"` // made by a newer DirectDesk
}

const stamp = "20060102-150405"

// fileName is directdesk-YYYYMMDD-HHMMSS-<kind>.db (UTC, so names sort by
// time); n > 1 separates backups made within the same second.
func fileName(t time.Time, kind string, n int) string {
	s := "directdesk-" + t.UTC().Format(stamp) + "-" + kind
	if n > 1 {
		s += "-" + strconv.Itoa(n)
	}
	return s + ".db"
}

// parse reads a backup file name; ok is false for other files.
func parse(name string) (kind string, t time.Time, ok bool) {
	base, found := strings.CutSuffix(name, ".db")
	if !found {
		return "", time.Time{}, false
	}
	if rest, found := strings.CutPrefix(base, "damaged-"); found {
		t, err := time.Parse(stamp, rest)
		return Damaged, t, err == nil
	}
	rest, found := strings.CutPrefix(base, "directdesk-")
	if !found || len(rest) < len(stamp)+2 {
		return "", time.Time{}, false
	}
	t, err := time.Parse(stamp, rest[:len(stamp)])
	if err != nil || rest[len(stamp)] != '-' {
		return "", time.Time{}, false
	}
	kind = rest[len(stamp)+1:]
	if i := strings.LastIndexByte(kind, '-'); i > 0 {
		if _, err := strconv.Atoi(kind[i+1:]); err == nil {
			kind = kind[:i]
		}
	}
	switch kind {
	case Manual, Daily, Weekly, Close, BeforeRestore, BeforeMove, BeforeErase:
		return kind, t, true
	}
	return "", time.Time{}, false
}

// List returns the backups in dir/backups, newest first.
func List(dir string) ([]Info, error) {
	entries, err := os.ReadDir(filepath.Join(dir, Folder))
	if os.IsNotExist(err) {
		return []Info{}, nil
	} else if err != nil {
		return nil, readErr(err)
	}
	out := []Info{}
	for _, e := range entries {
		kind, t, ok := parse(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, Info{Name: e.Name(), Kind: kind, Time: t, Size: fi.Size()})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Time.Equal(out[j].Time) {
			return out[i].Time.After(out[j].Time)
		}
		return out[i].Name > out[j].Name
	})
	return out, nil
}

// path returns the path of backup name, refusing anything that is not a
// backup file in the folder (the name comes from the UI).
func path(dir, name string) (string, error) {
	if _, _, ok := parse(name); !ok || filepath.Base(name) != name {
		return "", &marketing.Error{Code: marketing.EInvalid, Message: "This is not one of DirectDesk's backup files.", Field: "name"}
	}
	p := filepath.Join(dir, Folder, name)
	if _, err := os.Stat(p); err != nil {
		return "", &marketing.Error{Code: marketing.ENotFound, Message: "This backup is no longer in the backups folder. It may have been moved or deleted.", Details: map[string]string{"name": name}}
	}
	return p, nil
}

// Path returns the full path of backup name in dir, checked.
func Path(dir, name string) (string, error) { return path(dir, name) }

// Check runs quick_check on a backup without changing it.
func Check(ctx context.Context, dir, name string) (Status, error) {
	p, err := path(dir, name)
	if err != nil {
		return Status{}, err
	}
	return checkFile(ctx, p, name, false)
}

func checkFile(ctx context.Context, p, name string, full bool) (Status, error) {
	fc, err := store.CheckFile(ctx, p, full)
	if err != nil {
		return Status{Name: name}, err
	}
	st := Status{Name: name, Result: fc.Result, Contacts: fc.Contacts, Newer: fc.Version > store.SchemaLatest()}
	if fc.Result == "ok" && !fc.Workspace {
		st.Result = "not a DirectDesk workspace"
	}
	st.OK = fc.OK() && !st.Newer
	return st, nil
}

// NewestGood returns the newest backup that passes quick_check and this
// DirectDesk can open; ok is false when there is none.
func NewestGood(ctx context.Context, dir string) (Info, bool, error) {
	list, err := List(dir)
	if err != nil {
		return Info{}, false, err
	}
	for _, b := range list {
		if b.Kind == Damaged {
			continue
		}
		st, err := checkFile(ctx, filepath.Join(dir, Folder, b.Name), b.Name, false)
		if err != nil {
			if ctx.Err() != nil {
				return Info{}, false, ctx.Err()
			}
			continue
		}
		if st.OK {
			return b, true, nil
		}
	}
	return Info{}, false, nil
}

// Delete removes one backup file.
func Delete(dir, name string) error {
	p, err := path(dir, name)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil {
		return writeErr(err)
	}
	_ = os.Remove(p + "-wal")
	return syncDir(filepath.Dir(p))
}

// CleanTmp deletes what an interrupted backup, restore or move left: it
// runs at every start, before the database is opened.
func CleanTmp(dir string) {
	_ = os.Remove(filepath.Join(dir, restoreTmp))
	_ = os.Remove(filepath.Join(dir, DBFile+".tmp"))
	matches, _ := filepath.Glob(filepath.Join(dir, Folder, "*.tmp"))
	for _, m := range matches {
		_ = os.Remove(m)
	}
}

// Create writes a backup of db into dir/backups: VACUUM INTO a .tmp,
// synced to disk and checked, then renamed to its final name. Automatic
// kinds are rotated afterwards.
func Create(ctx context.Context, db *store.DB, dir, kind string, now time.Time) (Info, error) {
	folder := filepath.Join(dir, Folder)
	if err := os.MkdirAll(folder, 0o700); err != nil {
		return Info{}, writeErr(err)
	}
	name := freeName(folder, now, kind)
	final := filepath.Join(folder, name)
	tmp := final + ".tmp"
	_ = os.Remove(tmp) // VACUUM INTO refuses an existing file
	if err := db.Backup(ctx, tmp); err != nil {
		_ = os.Remove(tmp)
		if ctx.Err() != nil {
			return Info{}, ctx.Err()
		}
		return Info{}, &marketing.Error{Code: marketing.EInternal, Message: "The backup could not be written. Check that there is free space on the disk.", Err: err}
	}
	if err := finish(tmp); err != nil {
		_ = os.Remove(tmp)
		return Info{}, err
	}
	hook("create:tmp")
	want, err := db.SchemaVersion(ctx)
	if err != nil {
		_ = os.Remove(tmp)
		return Info{}, err
	}
	fc, err := store.CheckFile(ctx, tmp, false)
	if err != nil || !fc.OK() || fc.Version != want {
		_ = os.Remove(tmp)
		return Info{}, &marketing.Error{Code: marketing.EInternal, Message: "The backup was written but did not pass its check, so it was not kept. Try again; if it keeps failing, the disk may be failing.", Err: err, Details: map[string]string{"check": fc.Result}}
	}
	if err := os.Rename(tmp, final); err != nil {
		_ = os.Remove(tmp)
		return Info{}, writeErr(err)
	}
	if err := syncDir(folder); err != nil {
		return Info{}, err
	}
	hook("create:renamed")
	st, err := os.Stat(final)
	if err != nil {
		return Info{}, writeErr(err)
	}
	info := Info{Name: name, Kind: kind, Time: now.UTC().Truncate(time.Second), Size: st.Size()}
	if err := db.Audit(ctx, marketing.AuditBackup, map[string]string{"name": name, "kind": kind}, ""); err != nil {
		return info, err
	}
	if _, err := Prune(dir, now); err != nil {
		return info, err
	}
	return info, nil
}

func freeName(folder string, now time.Time, kind string) string {
	for n := 1; ; n++ {
		name := fileName(now, kind, n)
		if _, err := os.Lstat(filepath.Join(folder, name)); os.IsNotExist(err) {
			return name
		}
	}
}

// finish makes a written file private and durable.
func finish(p string) error {
	if err := os.Chmod(p, 0o600); err != nil {
		return writeErr(err)
	}
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		return writeErr(err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return writeErr(err)
	}
	return f.Close()
}

// automatic reports whether rotation may delete backups of this kind.
func automatic(kind string) bool { return kind == Daily || kind == Weekly || kind == Close }

// Keepers decides which automatic backups rotation keeps: for each of the
// newest Keep.Daily calendar days (local time) the last backup of that
// day, and for each of the newest Keep.Weekly ISO weeks the first backup
// of that week. Manual, before-restore and before-move backups are not
// rotated (the user deletes them).
func Keepers(list []Info) map[string]bool {
	var auto []Info
	for _, b := range list {
		if automatic(b.Kind) {
			auto = append(auto, b)
		}
	}
	// Oldest first.
	sort.Slice(auto, func(i, j int) bool {
		if !auto[i].Time.Equal(auto[j].Time) {
			return auto[i].Time.Before(auto[j].Time)
		}
		return auto[i].Name < auto[j].Name
	})
	keep := map[string]bool{}
	lastOfDay := map[string]string{}
	var days []string
	firstOfWeek := map[string]string{}
	var weeks []string
	for _, b := range auto {
		t := b.Time.Local()
		day := t.Format("2006-01-02")
		if _, seen := lastOfDay[day]; !seen {
			days = append(days, day)
		}
		lastOfDay[day] = b.Name
		y, w := t.ISOWeek()
		week := fmt.Sprintf("%d-%02d", y, w)
		if _, seen := firstOfWeek[week]; !seen {
			weeks = append(weeks, week)
			firstOfWeek[week] = b.Name
		}
	}
	for i := len(days) - 1; i >= 0 && i >= len(days)-Keep.Daily; i-- {
		keep[lastOfDay[days[i]]] = true
	}
	for i := len(weeks) - 1; i >= 0 && i >= len(weeks)-Keep.Weekly; i-- {
		keep[firstOfWeek[weeks[i]]] = true
	}
	return keep
}

// Prune deletes the automatic backups Keepers does not keep and returns
// their names. Backups dated in the future (a clock that was wrong) are
// never deleted.
func Prune(dir string, now time.Time) ([]string, error) {
	list, err := List(dir)
	if err != nil {
		return nil, err
	}
	keep := Keepers(list)
	var removed []string
	for _, b := range list {
		if !automatic(b.Kind) || keep[b.Name] || b.Time.After(now.Add(time.Minute)) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, Folder, b.Name)); err != nil && !os.IsNotExist(err) {
			return removed, writeErr(err)
		}
		removed = append(removed, b.Name)
	}
	return removed, nil
}

// LastAutomatic returns the time of the newest daily, weekly or close
// backup (zero if none): the daily timer and close use it to skip.
func LastAutomatic(dir string) time.Time {
	list, _ := List(dir)
	for _, b := range list {
		if automatic(b.Kind) {
			return b.Time
		}
	}
	return time.Time{}
}

// Last returns the time of the newest backup of any kind (zero if none).
func Last(dir string) time.Time {
	list, _ := List(dir)
	for _, b := range list {
		if b.Kind != Damaged {
			return b.Time
		}
	}
	return time.Time{}
}

// copyFile copies src to dst through dst+".tmp" (synced, then renamed), so
// dst is either absent or complete.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return readErr(err)
	}
	defer in.Close()
	tmp := dst + ".tmp"
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return writeErr(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(tmp)
		return writeErr(err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		os.Remove(tmp)
		return writeErr(err)
	}
	if err := out.Close(); err != nil {
		os.Remove(tmp)
		return writeErr(err)
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.Remove(tmp)
		return writeErr(err)
	}
	return syncDir(filepath.Dir(dst))
}

// CopyFile is copyFile for the workspace move.
func CopyFile(src, dst string) error { return copyFile(src, dst) }

// SyncDir makes a rename in dir durable.
func SyncDir(dir string) error { return syncDir(dir) }

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return writeErr(err)
	}
	defer d.Close()
	// Windows cannot sync a directory; its renames are durable once
	// MoveFileEx returns, so the error is not a failure there.
	_ = d.Sync()
	return nil
}

func readErr(err error) error {
	return &marketing.Error{Code: marketing.EInternal, Message: "DirectDesk could not read the backups folder. Check that it exists and that you may read it.", Err: err}
}

func writeErr(err error) error {
	return &marketing.Error{Code: marketing.EInternal, Message: "DirectDesk could not write the backup file. Check that there is free space on the disk and that you may write to the workspace folder.", Err: err}
}

// CreateAt writes a backup of db to the file out (anywhere, e.g. a USB
// stick), the same way as Create: a .tmp beside it, synced, checked,
// renamed. An existing file is not overwritten.
func CreateAt(ctx context.Context, db *store.DB, out string) (Info, error) {
	if _, err := os.Lstat(out); err == nil {
		return Info{}, &marketing.Error{Code: marketing.EConflict, Field: "out", Message: "A file with this name already exists. Choose another name; DirectDesk does not overwrite files.", Details: map[string]string{"reason": "exists"}}
	}
	tmp := out + ".tmp"
	_ = os.Remove(tmp)
	if err := db.Backup(ctx, tmp); err != nil {
		_ = os.Remove(tmp)
		return Info{}, &marketing.Error{Code: marketing.EInvalid, Field: "out", Message: "The backup could not be written there. Check that the folder exists, that you may write to it and that there is free space.", Err: err}
	}
	if err := finish(tmp); err != nil {
		_ = os.Remove(tmp)
		return Info{}, err
	}
	if st, err := checkFile(ctx, tmp, filepath.Base(out), false); err != nil || !st.OK {
		_ = os.Remove(tmp)
		return Info{}, &marketing.Error{Code: marketing.EInternal, Message: "The backup was written but did not pass its check, so it was not kept. Try again, or another disk.", Err: err}
	}
	if err := os.Rename(tmp, out); err != nil {
		_ = os.Remove(tmp)
		return Info{}, writeErr(err)
	}
	if err := syncDir(filepath.Dir(out)); err != nil {
		return Info{}, err
	}
	fi, err := os.Stat(out)
	if err != nil {
		return Info{}, writeErr(err)
	}
	now := db.Now()
	info := Info{Name: filepath.Base(out), Kind: Manual, Time: now.UTC().Truncate(time.Second), Size: fi.Size()}
	return info, db.Audit(ctx, marketing.AuditBackup, map[string]string{"name": out, "kind": Manual}, "")
}

// FileDamaged reports whether the workspace database in dir fails quick_check
// (checked read-only, without opening it as the workspace).
func FileDamaged(ctx context.Context, dir string) bool {
	p := filepath.Join(dir, DBFile)
	if _, err := os.Stat(p); err != nil {
		return false
	}
	st, err := checkFile(ctx, p, DBFile, false)
	return err == nil && st.Result != "ok"
}
