// Package workspace opens a DirectDesk workspace folder: it finds the
// per-user data folder, makes sure only one DirectDesk uses the folder at a
// time, opens the database and offers the workspace-wide operations
// (settings, logo, demo data).
package workspace

import (
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"directdesk/backend/backup"
	"directdesk/backend/campaign"
	"directdesk/backend/contacts"
	"directdesk/backend/mail"
	"directdesk/backend/mailauth"
	"directdesk/backend/marketing"
	"directdesk/backend/secrets"
	"directdesk/backend/segment"
	"directdesk/backend/store"

	"github.com/gofrs/flock"
)

// FileName is the database file inside the workspace folder.
const FileName = "directdesk.db"

// Workspace is an open workspace folder.
type Workspace struct {
	// carried is what opening after a restore did with the replaced
	// file's erasures (see carryErasures).
	carried carried

	Dir     string
	DB      *store.DB
	Version string
	// OSLanguage seeds the default settings (e.g. "da" from LANG=da_DK.UTF-8).
	OSLanguage string

	lock *flock.Flock

	segOnce  sync.Once
	segments *segment.Cache

	// Secrets keeps mail passwords (the OS keychain, or memory for this
	// session); nil opens the keychain on first use.
	Secrets     *secrets.Keeper
	secretsOnce sync.Once
	// MailTLS replaces the default TLS settings of mail connections and
	// MailTimeout the 30 s step deadline (tests); Resolver the system's DNS.
	MailTLS     *tls.Config
	MailTimeout time.Duration
	Resolver    mailauth.Resolver
	// Sending runs the mailings' outboxes in the background; SendHook
	// lets tests adjust each runner before it starts.
	Sending *Sending

	campaignsMu sync.Mutex
	campaigns   *campaign.Service
	SendHook    func(*mail.Runner)

	// auto is the automatic backups (StartAutoBackup); nil in tests.
	auto *autoBackup
}

// Segments returns the workspace's segment columns: built on first use,
// then kept in step with every write (see segment.Cache).
func (w *Workspace) Segments() *segment.Cache {
	w.segOnce.Do(func() { w.segments = segment.NewCache(w.DB) })
	return w.segments
}

// DefaultDir is the per-user data folder: %AppData%\DirectDesk on Windows,
// ~/Library/Application Support/DirectDesk on macOS, $XDG_DATA_HOME/directdesk
// (default ~/.local/share/directdesk) elsewhere.
func DefaultDir() (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("AppData"); d != "" {
			return filepath.Join(d, "DirectDesk"), nil
		}
	case "darwin":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "Library", "Application Support", "DirectDesk"), nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "directdesk"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "directdesk"), nil
}

// Open opens the workspace in dir, creating it if needed. A second DirectDesk
// on the same folder gets ELocked.
func Open(ctx context.Context, dir, version string) (*Workspace, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, &marketing.Error{Code: marketing.EInternal, Message: "DirectDesk could not create its data folder " + dir + ". Check that you may write there, or start it with another folder.", Err: err}
	}
	lock, err := lockOnly(dir)
	if err != nil {
		return nil, err
	}
	// Only with the lock held: another DirectDesk may be writing them.
	backup.CleanTmp(dir)
	db, err := store.Open(ctx, filepath.Join(dir, FileName))
	if err != nil {
		lock.Unlock()
		return nil, damagedDetails(ctx, dir, err)
	}
	w := &Workspace{Dir: dir, DB: db, Version: version, OSLanguage: OSLanguage(), lock: lock}
	w.Sending = newSending(w)
	if err := w.carryErasures(ctx); err != nil {
		db.Close()
		lock.Unlock()
		return nil, err
	}
	return w, nil
}

// lockOnly takes the folder lock; a second DirectDesk gets ELocked.
func lockOnly(dir string) (*flock.Flock, error) {
	lock := flock.New(filepath.Join(dir, "directdesk.lock"))
	ok, err := lock.TryLock()
	if err != nil {
		return nil, &marketing.Error{Code: marketing.EInternal, Message: "DirectDesk could not lock its data folder " + dir + ".", Err: err}
	}
	if !ok {
		return nil, &marketing.Error{Code: marketing.ELocked, Message: "DirectDesk is already open with this workspace. Switch to the window that is open, or close it first.", Details: map[string]string{"dir": dir}}
	}
	return lock, nil
}

// Close closes the database and releases the folder. With automatic
// backups on, it first makes a close backup (unless one was made in the
// last 10 minutes).
func (w *Workspace) Close() error {
	w.Sending.Stop()
	w.stopAutoBackup(true)
	err := w.DB.Close()
	w.lock.Unlock()
	return err
}

// OSLanguage returns the two-letter UI language from the environment, "" if unknown.
func OSLanguage() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
		v := os.Getenv(k)
		if v == "" || v == "C" || v == "POSIX" {
			continue
		}
		v = strings.ToLower(v)
		if i := strings.IndexAny(v, "_.@:-"); i > 0 {
			v = v[:i]
		}
		return v
	}
	return ""
}

// Settings returns the saved settings, or defaults from the OS language.
func (w *Workspace) Settings(ctx context.Context) (marketing.Settings, error) {
	return w.DB.Settings(ctx, marketing.DefaultSettings(w.OSLanguage))
}

// SaveSettings validates and stores settings and returns them as stored.
func (w *Workspace) SaveSettings(ctx context.Context, s marketing.Settings) (marketing.Settings, error) {
	if err := marketing.ValidateSettings(&s); err != nil {
		return s, err
	}
	email, err := contacts.NormalizeEmail(s.Business.Email)
	if err != nil {
		return s, marketing.FieldError(marketing.EInvalid, "business.email", "This is not a valid email address. It should look like name@example.dk.", nil)
	}
	s.Business.Email = email
	if err := w.DB.SaveSettings(ctx, s); err != nil {
		return s, err
	}
	return w.Settings(ctx)
}

// Info describes the open workspace.
func (w *Workspace) Info(ctx context.Context) (marketing.WorkspaceInfo, error) {
	info := marketing.WorkspaceInfo{Dir: w.Dir, File: filepath.Join(w.Dir, FileName), Version: w.Version}
	var err error
	if info.Counts, err = w.DB.Counts(ctx); err != nil {
		return info, err
	}
	if info.Settings, err = w.Settings(ctx); err != nil {
		return info, err
	}
	info.DemoContacts = info.Counts.Demo
	info.Health = "checking"
	if w.DB.HealthChecked() {
		info.Health = "ok"
		if marketing.ErrorCode(w.DB.Health(ctx)) == marketing.EDamaged {
			info.Health = "damaged"
		}
	}
	return info, nil
}

// maxLogoBytes keeps the logo small enough for letters and emails.
const maxLogoBytes = 2 << 20

// SetLogo reads a PNG or JPEG the user picked and stores a copy in the
// workspace; the user's file is not touched. An empty path removes the logo.
func (w *Workspace) SetLogo(ctx context.Context, path string) error {
	if path == "" {
		return w.DB.SetMedia(ctx, "logo", "", nil)
	}
	st, err := os.Stat(path)
	if err != nil {
		return &marketing.Error{Code: marketing.ENotFound, Message: "The picture could not be opened. It may have been moved or deleted.", Err: err}
	}
	if !st.Mode().IsRegular() {
		return &marketing.Error{Code: marketing.EUnsupportedFile, Message: "The logo must be a PNG or JPEG picture file."}
	}
	if st.Size() > maxLogoBytes {
		return &marketing.Error{Code: marketing.ETooLarge, Message: "The logo is larger than 2 MB. Save a smaller version (for example 600 pixels wide) and try again.", Details: map[string]string{"max": "2 MB"}}
	}
	f, err := os.Open(path)
	if err != nil {
		return &marketing.Error{Code: marketing.ENotFound, Message: "The picture could not be read.", Err: err}
	}
	defer f.Close()
	// Read at most the limit: the file may have grown since Stat.
	data, err := io.ReadAll(io.LimitReader(f, maxLogoBytes+1))
	if err != nil {
		return &marketing.Error{Code: marketing.ENotFound, Message: "The picture could not be read.", Err: err}
	}
	if len(data) > maxLogoBytes {
		return &marketing.Error{Code: marketing.ETooLarge, Message: "The logo is larger than 2 MB. Save a smaller version (for example 600 pixels wide) and try again.", Details: map[string]string{"max": "2 MB"}}
	}
	mime := http.DetectContentType(data)
	if mime != "image/png" && mime != "image/jpeg" {
		return &marketing.Error{Code: marketing.EUnsupportedFile, Message: "The logo must be a PNG or JPEG picture. Save it in one of those formats and try again."}
	}
	return w.DB.SetMedia(ctx, "logo", mime, data)
}

// LogoDataURL returns the logo as a data: URL for the UI, "" when there is none.
func (w *Workspace) LogoDataURL(ctx context.Context) (string, error) {
	mime, data, err := w.DB.Media(ctx, "logo")
	if marketing.ErrorCode(err) == marketing.ENotFound {
		return "", nil
	} else if err != nil {
		return "", err
	}
	return "data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(data), nil
}

// MarkUIStarted records when the user interface last came up; the desktop
// smoke test reads it back to prove a real round trip.
func (w *Workspace) MarkUIStarted(ctx context.Context, client string) error {
	if marketing.HasControlChars(client) || len(client) > 200 {
		return errors.New("bad client name")
	}
	return w.DB.SetValue(ctx, "ui.lastStart", map[string]string{"at": marketing.Timestamp(time.Now()), "client": client})
}

// LastUIStart returns what MarkUIStarted stored.
func (w *Workspace) LastUIStart(ctx context.Context) (map[string]string, error) {
	v := map[string]string{}
	_, err := w.DB.GetValue(ctx, "ui.lastStart", &v)
	return v, err
}
