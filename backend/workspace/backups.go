package workspace

import (
	"context"
	"encoding/json"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"directdesk/backend/backup"
	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// Timings of the automatic backups (variables so tests can shorten them).
var (
	// AutoBackupFirst is when the daily timer first looks after start,
	// AutoBackupEvery how often it looks again.
	AutoBackupFirst = time.Minute
	AutoBackupEvery = time.Hour
	// DailyAfter is the age of the newest automatic backup that makes the
	// timer take a new one; CloseSkip skips the close backup when any
	// backup is younger than this (quitting must stay quick).
	DailyAfter = 24 * time.Hour
	CloseSkip  = 10 * time.Minute
)

type autoBackup struct {
	stop chan struct{}
	done chan struct{}
	once sync.Once
}

// backupMu keeps two backups of one workspace from running at once (the
// timer, a manual one, the close one).
var backupMu sync.Mutex

// Backup makes a backup of kind (backup.Manual, ...) into backups/.
func (w *Workspace) Backup(ctx context.Context, kind string) (backup.Info, error) {
	backupMu.Lock()
	defer backupMu.Unlock()
	return backup.Create(ctx, w.DB, w.Dir, kind, w.DB.Now())
}

// StartAutoBackup turns on the automatic backups: daily while running
// (first look a minute after start, then hourly) and one on Close. Off
// unless called, so tests and CLI commands write no backups.
func (w *Workspace) StartAutoBackup() {
	if w.auto != nil {
		return
	}
	a := &autoBackup{stop: make(chan struct{}), done: make(chan struct{})}
	w.auto = a
	go func() {
		defer close(a.done)
		wait := AutoBackupFirst
		for {
			select {
			case <-a.stop:
				return
			case <-time.After(wait):
			}
			wait = AutoBackupEvery
			if last := backup.LastAutomatic(w.Dir); w.DB.Now().Sub(last) < DailyAfter {
				continue
			}
			if _, err := w.Backup(context.Background(), backup.Daily); err != nil {
				log.Printf("directdesk: daily backup: %v", err)
			}
		}
	}()
}

// stopAutoBackup ends the timer and, when closing, makes the close backup.
func (w *Workspace) stopAutoBackup(closing bool) {
	a := w.auto
	if a == nil {
		return
	}
	a.once.Do(func() { close(a.stop) })
	<-a.done
	w.auto = nil
	if !closing || w.DB.Now().Sub(backup.Last(w.Dir)) < CloseSkip {
		return
	}
	if _, err := w.Backup(context.Background(), backup.Close); err != nil {
		log.Printf("directdesk: backup on close: %v", err)
	}
}

// CloseNoBackup closes without the close backup (before a restore or a
// move, which make their own).
func (w *Workspace) CloseNoBackup() error {
	w.stopAutoBackup(false)
	return w.Close()
}

// Busy says whether a mailing is sending right now: a restore or move
// must wait for it.
func (w *Workspace) Busy() bool {
	w.Sending.mu.Lock()
	defer w.Sending.mu.Unlock()
	return len(w.Sending.runs) > 0
}

// Damaged waits for the background check of the open database and
// returns its EDamaged error, with what the damaged screen offers, or nil.
func (w *Workspace) Damaged(ctx context.Context) error {
	err := w.DB.Health(ctx)
	if marketing.ErrorCode(err) != marketing.EDamaged {
		return nil
	}
	return damagedDetails(ctx, w.Dir, err)
}

// damagedDetails adds to an EDamaged error the folder and the newest good
// backup (name, time), which the damaged screen offers to restore.
func damagedDetails(ctx context.Context, dir string, err error) error {
	me, ok := err.(*marketing.Error)
	if !ok || me.Code != marketing.EDamaged {
		return err
	}
	out := *me
	out.Details = map[string]string{}
	for k, v := range me.Details {
		out.Details[k] = v
	}
	out.Details["dir"] = dir
	if b, ok, _ := backup.NewestGood(ctx, dir); ok {
		out.Details["backup"] = b.Name
		out.Details["backupTime"] = marketing.Timestamp(b.Time)
		out.Message = "The workspace file is damaged. Nothing has been changed. DirectDesk can restore the newest good backup, from " + b.Time.Local().Format("2006-01-02 15:04") + "; changes made after that are not in it."
	} else {
		out.Message = "The workspace file is damaged and there is no good backup in the backups folder. Nothing has been changed. Restore a backup from elsewhere, or contact support."
	}
	return &out
}

// RestoreDir restores backup file src into the workspace folder dir. The
// workspace must be closed (the caller holds no lock on it); the folder
// is locked while the file is replaced, so a running DirectDesk on the
// same folder makes it fail with ELocked. damaged keeps the replaced file
// as damaged-<time>.db. The restore is noted in the audit log.
func RestoreDir(ctx context.Context, dir, src string, damaged bool, version string) (backup.Restored, error) {
	unlock, err := lockDir(dir)
	if err != nil {
		return backup.Restored{}, err
	}
	res, err := backup.Restore(ctx, dir, src, damaged, time.Now())
	unlock()
	if err != nil {
		return res, err
	}
	// Opening the restored file brings its schema up to date and takes
	// over the replaced file's erasures (see carryErasures); the audit
	// line goes into it (the log travels with the data).
	w, err := Open(ctx, dir, version)
	if err != nil {
		return res, err
	}
	defer w.Close()
	res.Erased, res.ErasuresLost = w.carried.erased, w.carried.lost
	detail := map[string]string{"from": filepath.Base(res.From), "aside": res.Aside, "erased_again": strconv.Itoa(res.Erased)}
	if res.ErasuresLost {
		detail["erasures_lost"] = "1"
	}
	return res, w.DB.Audit(ctx, marketing.AuditRestore, detail, "")
}

// carried is what carryErasures did.
type carried struct {
	erased int
	lost   bool
}

// carryErasures runs when a restore left backup.CarryFile: a backup made
// before an erasure must not bring the person back. The erased hashes and
// erasure audit lines of the replaced file (its copy in backups/) are
// taken over and matching contacts erased again, in one transaction, then
// the file is scrubbed as after an erasure. A replaced file too damaged to
// read is noted (lost) and the restore goes on. The marker goes only
// after the commit, so a kill before it repeats the work on the next open.
func (w *Workspace) carryErasures(ctx context.Context) error {
	marker := filepath.Join(w.Dir, backup.CarryFile)
	name, err := os.ReadFile(marker)
	if os.IsNotExist(err) {
		return nil
	}
	aside := strings.TrimSpace(string(name))
	var carry store.ErasuresToCarry
	if err != nil || aside == "" || filepath.Base(aside) != aside {
		w.carried.lost = true
	} else if carry, err = store.ReadErasures(ctx, filepath.Join(w.Dir, backup.Folder, aside)); err != nil {
		log.Printf("directdesk: restore: erasures of the replaced file: %v", err)
		w.carried.lost = true
	}
	if w.carried.erased, err = w.DB.CarryErasures(ctx, carry); err != nil {
		return err
	}
	if w.carried.erased > 0 {
		// If busy, Close does it.
		w.DB.ScrubSoon(ctx)
	}
	if err := os.Remove(marker); err != nil && !os.IsNotExist(err) {
		return err
	}
	return nil
}

// BackupBeforeErase makes the before_erase backup an erasure needs first:
// erasing cannot be undone, this backup can undo it. When it fails the
// error says so, and the caller erases nothing.
func (w *Workspace) BackupBeforeErase(ctx context.Context) (backup.Info, error) {
	info, err := w.Backup(ctx, backup.BeforeErase)
	if err != nil {
		why := "The safety backup before erasing could not be made, so nothing was erased."
		if me, ok := err.(*marketing.Error); ok && me.Message != "" {
			why += " " + me.Message
		}
		return info, &marketing.Error{Code: marketing.ErrorCode(err), Message: why, Err: err, Details: map[string]string{"reason": "backup_before_erase"}}
	}
	return info, nil
}

// lockDir takes the folder lock (as Open does) for work on closed files.
func lockDir(dir string) (func(), error) {
	w, err := lockOnly(dir)
	if err != nil {
		return nil, err
	}
	return func() { w.Unlock() }, nil
}

// locationFile, in DefaultDir, names the folder a moved workspace is in.
const locationFile = "location.json"

type location struct {
	Dir string `json:"dir"`
}

// ResolveDir is the workspace folder a start without --data uses: the
// per-user data folder, or where the workspace was moved to.
func ResolveDir() (string, error) {
	def, err := DefaultDir()
	if err != nil {
		return "", err
	}
	b, err := os.ReadFile(filepath.Join(def, locationFile))
	if err != nil {
		return def, nil
	}
	var loc location
	if json.Unmarshal(b, &loc) != nil || loc.Dir == "" || !filepath.IsAbs(loc.Dir) {
		return def, nil
	}
	return loc.Dir, nil
}

// Moved says what Move did.
type Moved struct {
	Dir string `json:"dir"`
	// Remembered: DirectDesk starts there from now on. False when this
	// workspace was opened with --data (which the next start uses again).
	Remembered bool `json:"remembered"`
}

// Move copies the workspace to the folder dest (a consistent database copy
// made with VACUUM INTO, and the other files: backups, downloads, outbox
// journals), checks the copy, remembers dest for the next start, closes
// this workspace and removes the old database files. The caller opens
// dest afterwards. On an error before the close, nothing has changed here.
func (w *Workspace) Move(ctx context.Context, dest string) (Moved, error) {
	if dest == "" || !filepath.IsAbs(dest) {
		return Moved{}, marketing.FieldError(marketing.EInvalid, "dest", "Choose the folder to move the workspace to.", nil)
	}
	dest = filepath.Clean(dest)
	src, _ := filepath.Abs(w.Dir)
	if rel, err := filepath.Rel(src, dest); err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
		return Moved{}, &marketing.Error{Code: marketing.EInvalid, Field: "dest", Message: "This folder is inside the current workspace folder. Choose a folder somewhere else.", Details: map[string]string{"reason": "inside"}}
	}
	if _, err := os.Stat(filepath.Join(dest, FileName)); err == nil {
		return Moved{}, &marketing.Error{Code: marketing.EConflict, Field: "dest", Message: "This folder already holds a DirectDesk workspace. Choose an empty folder.", Details: map[string]string{"reason": "exists"}}
	}
	if err := os.MkdirAll(dest, 0o700); err != nil {
		return Moved{}, notWritable(dest, err)
	}
	probe, err := os.CreateTemp(dest, ".directdesk-probe-*")
	if err != nil {
		return Moved{}, notWritable(dest, err)
	}
	probe.Close()
	os.Remove(probe.Name())
	if w.Busy() {
		return Moved{}, busyErr()
	}
	// A before_move backup stays in the old folder's backups (copied too).
	if _, err := w.Backup(ctx, backup.BeforeMove); err != nil {
		return Moved{}, err
	}
	// Noted before the copy so the line travels with the data.
	if err := w.DB.Audit(ctx, marketing.AuditMove, map[string]string{"from": w.Dir, "to": dest}, ""); err != nil {
		return Moved{}, err
	}
	tmp := filepath.Join(dest, FileName+".tmp")
	os.Remove(tmp)
	if err := w.DB.Backup(ctx, tmp); err != nil {
		os.Remove(tmp)
		return Moved{}, notWritable(dest, err)
	}
	if st, err := backup.Verify(ctx, tmp); err != nil || !st.OK {
		os.Remove(tmp)
		return Moved{}, &marketing.Error{Code: marketing.EInternal, Message: "The copy in the new folder did not pass its check, so the workspace was not moved. Try another folder or disk.", Err: err}
	}
	if err := copyTree(w.Dir, dest); err != nil {
		os.Remove(tmp)
		return Moved{}, err
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return Moved{}, notWritable(dest, err)
	}
	if err := syncFile(tmp); err != nil {
		return Moved{}, notWritable(dest, err)
	}
	if err := os.Rename(tmp, filepath.Join(dest, FileName)); err != nil {
		return Moved{}, notWritable(dest, err)
	}
	if err := backup.SyncDir(dest); err != nil {
		return Moved{}, err
	}
	res := Moved{Dir: dest}
	if cur, err := ResolveDir(); err == nil && sameDir(cur, w.Dir) {
		if err := writeLocation(dest); err != nil {
			return res, err
		}
		res.Remembered = true
	}
	// The copy is complete and checked: only now does the old file go.
	old := filepath.Join(w.Dir, FileName)
	if err := w.CloseNoBackup(); err != nil {
		log.Printf("directdesk: close before move: %v", err)
	}
	for _, ext := range []string{"", "-wal", "-shm"} {
		_ = os.Remove(old + ext)
	}
	return res, nil
}

// copyTree copies the workspace folder's other files (not the database,
// its WAL, the lock or location.json) into dest, each file atomically.
func copyTree(src, dest string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if rel == "." {
			return nil
		}
		if d.IsDir() {
			if sameDir(p, dest) {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dest, rel), 0o700)
		}
		switch rel {
		case FileName, FileName + "-wal", FileName + "-shm", "directdesk.lock", locationFile:
			return nil
		}
		if !d.Type().IsRegular() || strings.HasSuffix(rel, ".tmp") {
			return nil
		}
		return backup.CopyFile(p, filepath.Join(dest, rel))
	})
}

func writeLocation(dir string) error {
	def, err := DefaultDir()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(def, 0o700); err != nil {
		return notWritable(def, err)
	}
	b, _ := json.Marshal(location{Dir: dir})
	tmp := filepath.Join(def, locationFile+".tmp")
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return notWritable(def, err)
	}
	if err := syncFile(tmp); err != nil {
		return notWritable(def, err)
	}
	if err := os.Rename(tmp, filepath.Join(def, locationFile)); err != nil {
		return notWritable(def, err)
	}
	return backup.SyncDir(def)
}

func syncFile(p string) error {
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func sameDir(a, b string) bool {
	a, _ = filepath.Abs(a)
	b, _ = filepath.Abs(b)
	return filepath.Clean(a) == filepath.Clean(b)
}

func notWritable(dir string, err error) error {
	return &marketing.Error{Code: marketing.EInvalid, Field: "dest", Message: "DirectDesk cannot write to " + dir + ". Choose a folder you may write to, with enough free space.", Err: err, Details: map[string]string{"reason": "not_writable", "dir": dir}}
}

func busyErr() error {
	return &marketing.Error{Code: marketing.EConflict, Message: "A mailing is sending right now. Pause it, or wait until it has finished, and try again.", Details: map[string]string{"reason": "busy"}}
}
