// Package store is DirectDesk's SQLite workspace. It is the only package that
// knows SQL or go-sqlite3. Service methods open a transaction, call small
// helpers that take the tx, and commit.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/segment"

	sqlite3 "github.com/mattn/go-sqlite3"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is an open workspace database: one writer connection and a small pool of
// readers (WAL lets them read while the writer writes).
type DB struct {
	Path string
	// Now is the clock; tests replace it.
	Now func() time.Time

	write *sql.DB
	read  *sql.DB

	// writes counts committed write transactions; caches of derived data
	// (facets) are valid while it has not moved.
	writes atomic.Uint64
	// changes notes the contacts each write touched, for the segment columns.
	changes changeLog
	facets  struct {
		sync.Mutex
		at    uint64
		valid bool
		value marketing.ContactFacets
	}
	// regMatches caches the register match counts (registers.go).
	regMatches registerMatchCache

	// suppressionKey keys the hashes erased people stay suppressed by
	// (dd_hmac); read once after the migrations.
	suppressionKey []byte
	hmacs          sync.Pool // of hash.Hash keyed with suppressionKey

	// scrubOnClose: an erasure's scrub found the file busy; Close does it.
	scrubOnClose atomic.Bool

	health     chan struct{} // closed when the background check has finished
	check      error         // its result
	stopHealth context.CancelFunc
}

// dsn builds the connection string. synchronous=FULL because a shop owner's
// customer file must survive a power cut; _txlock=immediate so a writer never
// deadlocks upgrading a read lock.
const defaultCacheSize = "-65536"

// Connections are go-sqlite3 with settings its DSN cannot carry, set when
// each connection opens (see connector):
//   - statement journals in memory (PRAGMA temp_store): SQLite opens one for
//     every statement that fires a trigger or may abort half-way, and a
//     temporary file each time doubled the cost of an imported contact;
//   - the Go folds as SQL functions (dd_fold, dd_postcode, dd_postnum):
//     segment filters compare text the way Go folds it, and SQLite's lower()
//     knows ASCII only;
//   - an update hook that notes which contacts a write touched (changes.go).
type connector struct {
	dsn string
	drv *sqlite3.SQLiteDriver
}

func (c *connector) Connect(context.Context) (driver.Conn, error) { return c.drv.Open(c.dsn) }
func (c *connector) Driver() driver.Driver                        { return c.drv }

func (db *DB) connector(dsn string) *connector {
	return &connector{dsn: dsn, drv: &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		if _, err := c.Exec("PRAGMA temp_store = MEMORY", nil); err != nil {
			return err
		}
		for name, fn := range map[string]any{
			"dd_fold":     marketing.Fold,
			"dd_postcode": segment.FoldPostcode,
			"dd_postnum":  func(s string) int { return segment.PostcodeNumber(segment.FoldPostcode(s)) },
			"dd_regkey":   regKey,
			"dd_hmac": func(v any) string {
				s, _ := v.(string) // NULL (an empty email_fold) hashes to ""
				return db.hashValue(s)
			},
		} {
			if err := c.RegisterFunc(name, fn, true); err != nil {
				return err
			}
		}
		c.RegisterUpdateHook(db.changes.hook)
		return nil
	}}}
}

func dsn(path string, readOnly bool) string {
	v := url.Values{}
	v.Set("_journal_mode", "WAL")
	v.Set("_fk", "1")
	v.Set("_busy_timeout", "10000")
	v.Set("_synchronous", "FULL")
	v.Set("_secure_delete", "1")
	v.Set("_cache_size", defaultCacheSize) // 64 MiB of page cache: deep pages stay in memory
	if readOnly {
		v.Set("mode", "ro")
	} else {
		v.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + v.Encode()
}

// Open opens (creating if needed) the workspace database at path, checks it
// with quick_check and brings the schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	db := &DB{Path: path, Now: time.Now}
	db.write = sql.OpenDB(db.connector(dsn(path, false)))
	db.write.SetMaxOpenConns(1)
	db.write.SetConnMaxIdleTime(0)
	if err := db.write.PingContext(ctx); err != nil {
		db.write.Close()
		return nil, openError(path, err)
	}
	// A customer file is personal data: readable by its owner only, even in
	// a shared --data folder. (No effect on Windows, which uses ACLs.)
	_ = os.Chmod(path, 0o600)
	// Reading the schema proves the file is a database at all; the full
	// quick_check reads every page (seconds on a million contacts), so it
	// runs in the background and the UI is told if it finds damage.
	if _, err := db.write.ExecContext(ctx, "SELECT count(*) FROM sqlite_schema"); err != nil {
		db.write.Close()
		return nil, openError(path, err)
	}
	if err := migrate(ctx, db.write); err != nil {
		db.write.Close()
		return nil, err
	}
	if err := db.loadSuppressionKey(ctx); err != nil {
		db.write.Close()
		return nil, err
	}
	db.read = sql.OpenDB(db.connector(dsn(path, true)))
	db.read.SetMaxOpenConns(4)
	db.health = make(chan struct{})
	hctx, stop := context.WithCancel(context.Background())
	db.stopHealth = stop
	go func() {
		defer close(db.health)
		// Let the window come up first: the check reads the whole file.
		select {
		case <-time.After(HealthCheckDelay):
		case <-hctx.Done():
			return
		}
		db.check = quickCheck(hctx, db.read)
		if hctx.Err() != nil {
			db.check = nil // stopped by Close, not a finding
		}
	}()
	return db, nil
}

// HealthCheckDelay is how long after Open the background quick_check starts.
var HealthCheckDelay = 5 * time.Second

// Health waits for the background quick_check started by Open and returns
// its result: nil, or an EDamaged error that tells the user to restore a backup.
func (db *DB) Health(ctx context.Context) error {
	select {
	case <-db.health:
		return db.check
	case <-ctx.Done():
		return ctx.Err()
	}
}

// HealthChecked reports whether the background check has finished.
func (db *DB) HealthChecked() bool {
	select {
	case <-db.health:
		return true
	default:
		return false
	}
}

func openError(path string, err error) error {
	var se sqlite3.Error
	if asSqlite(err, &se) && (se.Code == sqlite3.ErrNotADB || se.Code == sqlite3.ErrCorrupt) {
		return &marketing.Error{Code: marketing.EDamaged, Message: "The workspace file is damaged or is not a DirectDesk workspace. Restore a backup or choose another folder.", Err: err}
	}
	return &marketing.Error{Code: marketing.EInternal, Message: "DirectDesk could not open the workspace file " + path + ". Check that the folder exists and that you may write to it.", Err: err}
}

func asSqlite(err error, se *sqlite3.Error) bool {
	e, ok := err.(sqlite3.Error)
	if ok {
		*se = e
	}
	return ok
}

func quickCheck(ctx context.Context, db *sql.DB) error {
	var res string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&res); err != nil {
		return openError("", err)
	}
	if res != "ok" {
		return &marketing.Error{Code: marketing.EDamaged, Message: "The workspace file is damaged. Restore a backup from the backups folder.", Details: map[string]string{"check": res}}
	}
	return nil
}

// IntegrityCheck runs the full integrity_check (slower than quick_check).
func (db *DB) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	err := db.write.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res)
	return res, err
}

// migrate applies the embedded numbered migrations above PRAGMA user_version,
// each in its own transaction together with the version bump.
func migrate(ctx context.Context, db *sql.DB) error {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if version > len(names) {
		return &marketing.Error{Code: marketing.EConflict, Message: "This workspace was made by a newer DirectDesk. Install the newest version to open it."}
	}
	for i := version; i < len(names); i++ {
		body, err := migrationFS.ReadFile(names[i])
		if err != nil {
			return err
		}
		n, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(names[i], "migrations/"), "_", 2)[0])
		if err != nil || n != i+1 {
			return fmt.Errorf("migration %s is out of sequence", names[i])
		}
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			if strings.Contains(err.Error(), "no such module: fts5") {
				return fmt.Errorf("migration %s: SQLite was built without FTS5; build with -tags sqlite_fts5 (the Makefile does): %w", names[i], err)
			}
			return fmt.Errorf("migration %s: %w", names[i], err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", n)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// Close checkpoints the WAL and closes both pools.
func (db *DB) Close() error {
	if db.health != nil {
		db.stopHealth()
		<-db.health // the check reads through db.read
	}
	if db.read != nil {
		db.read.Close()
	}
	if db.write == nil {
		return nil
	}
	if db.scrubOnClose.Load() {
		// An erasure's scrub found the file busy: nobody reads now.
		_ = db.OptimizeSearch(context.Background())
	}
	_, _ = db.write.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	return db.write.Close()
}

// Backup writes a consistent copy of the workspace to dest with VACUUM INTO.
func (db *DB) Backup(ctx context.Context, dest string) error {
	_, err := db.write.ExecContext(ctx, "VACUUM INTO ?", dest)
	return err
}

// SchemaVersion returns PRAGMA user_version.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.read.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

func (db *DB) now() string { return marketing.Timestamp(db.Now()) }

// inTx runs fn in a write transaction, committing on success.
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		// A panic must not keep the one write connection in a transaction:
		// every later write would wait for it.
		if p := recover(); p != nil {
			tx.Rollback()
			db.changes.commit()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		tx.Rollback()
		db.changes.commit() // over-noting is harmless: the columns re-read those contacts
		return err
	}
	defer db.writes.Add(1)
	defer db.changes.commit()
	return tx.Commit()
}
