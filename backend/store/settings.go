package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"directdesk/backend/marketing"
)

const settingsKey = "settings"

// GetValue reads one stored value into v (JSON). It reports false when absent.
func (db *DB) GetValue(ctx context.Context, key string, v any) (bool, error) {
	var raw string
	err := db.read.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	return true, json.Unmarshal([]byte(raw), v)
}

// SetValue stores v (as JSON) under key.
func (db *DB) SetValue(ctx context.Context, key string, v any) error {
	return db.inTx(ctx, func(tx *sql.Tx) error { return setValue(ctx, tx, key, v) })
}

func setValue(ctx context.Context, tx *sql.Tx, key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, string(b))
	return err
}

// Settings returns the workspace settings, or def when none were saved yet.
func (db *DB) Settings(ctx context.Context, def marketing.Settings) (marketing.Settings, error) {
	s := def
	if _, err := db.GetValue(ctx, settingsKey, &s); err != nil {
		return def, err
	}
	var err error
	s.Business.HasLogo, err = db.hasMedia(ctx, "logo")
	return s, err
}

// SaveSettings stores validated settings.
func (db *DB) SaveSettings(ctx context.Context, s marketing.Settings) error {
	return db.SetValue(ctx, settingsKey, s)
}

// SetMedia stores a small binary (the logo) under name; nil data removes it.
func (db *DB) SetMedia(ctx context.Context, name, mime string, data []byte) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if data == nil {
			_, err := tx.ExecContext(ctx, "DELETE FROM media WHERE name = ?", name)
			return err
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO media (name, mime, data) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET mime = excluded.mime, data = excluded.data", name, mime, data)
		return err
	})
}

// Media returns a stored binary and its MIME type.
func (db *DB) Media(ctx context.Context, name string) (string, []byte, error) {
	var mime string
	var data []byte
	err := db.read.QueryRowContext(ctx, "SELECT mime, data FROM media WHERE name = ?", name).Scan(&mime, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, &marketing.Error{Code: marketing.ENotFound, Message: "No picture has been added yet."}
	}
	return mime, data, err
}

func (db *DB) hasMedia(ctx context.Context, name string) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM media WHERE name = ?", name).Scan(&n)
	return n > 0, err
}
