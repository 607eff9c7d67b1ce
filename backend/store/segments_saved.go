package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-sqlite3"

	"directdesk/backend/marketing"
	"directdesk/backend/segment"
)

// Saved segments and frozen lists (migration 0004).

func checkSegmentName(name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	switch {
	case name == "":
		return "", marketing.FieldError(marketing.EInvalid, "name", "Give the segment a name.", map[string]string{"reason": "required"})
	case utf8.RuneCountInString(name) > 100 || marketing.HasControlChars(name):
		return "", marketing.FieldError(marketing.EInvalid, "name", "Segment names are at most 100 characters, without invisible characters.", map[string]string{"reason": "length"})
	}
	return name, nil
}

func segmentNameTaken(name string) error {
	return marketing.FieldError(marketing.EConflict, "name", "There is already a segment called \""+name+"\". Pick another name.", map[string]string{"name": name})
}

// SaveSegment creates (ID 0) or updates a dynamic segment's name and filter.
func (db *DB) SaveSegment(ctx context.Context, s *segment.Saved) error {
	name, err := checkSegmentName(s.Name)
	if err != nil {
		return err
	}
	s.Name = name
	filter, err := json.Marshal(s.Filter)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		var res sql.Result
		if s.ID == 0 {
			s.Kind = segment.Dynamic // frozen lists are made by FreezeSegment, with their members
			s.CreatedAt = now
			res, err = tx.ExecContext(ctx, `INSERT INTO segments (name, name_fold, kind, filter, created_at, updated_at, size) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				name, marketing.Fold(name), s.Kind, string(filter), now, now, s.Size)
		} else {
			res, err = tx.ExecContext(ctx, `UPDATE segments SET name = ?, name_fold = ?, filter = CASE WHEN kind = 'dynamic' THEN ? ELSE filter END,
				size = CASE WHEN kind = 'dynamic' THEN ? ELSE size END, updated_at = ? WHERE id = ?`,
				name, marketing.Fold(name), string(filter), s.Size, now, s.ID)
		}
		if err != nil {
			if isUniqueViolation(err) {
				return segmentNameTaken(name)
			}
			return err
		}
		if s.ID == 0 {
			s.ID, err = res.LastInsertId()
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return segmentNotFound()
		}
		s.UpdatedAt = now
		// Give back what is stored: a frozen list keeps its kind, filter and members.
		saved, err := scanSegment(tx.QueryRowContext(ctx, "SELECT "+segmentColumns+" FROM segments s WHERE s.id = ?", s.ID))
		if err != nil {
			return err
		}
		*s = saved
		return nil
	})
}

func segmentNotFound() error {
	return marketing.Errorf(marketing.ENotFound, "That segment no longer exists. It may have been deleted in another window.")
}

// FreezeSegment stores a frozen list: the given contacts, with the filter
// that chose them kept for reference.
func (db *DB) FreezeSegment(ctx context.Context, s *segment.Saved, ids []int64) error {
	return db.FreezeSegments(ctx, []*segment.Saved{s}, [][]int64{ids})
}

// FreezeSegments stores several frozen lists (the groups of a split) in one
// transaction: all of them or, if a name is taken, none.
func (db *DB) FreezeSegments(ctx context.Context, lists []*segment.Saved, members [][]int64) error {
	names := make([]string, len(lists))
	for i, s := range lists {
		name, err := checkSegmentName(s.Name)
		if err != nil {
			return err
		}
		names[i] = name
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, "INSERT INTO segment_members (segment_id, contact_id) SELECT ?, id FROM contacts WHERE id = ?")
		if err != nil {
			return err
		}
		defer ins.Close()
		now := db.now()
		for i, s := range lists {
			filter, _ := json.Marshal(s.Filter)
			res, err := tx.ExecContext(ctx, `INSERT INTO segments (name, name_fold, kind, filter, created_at, updated_at, frozen_at, size) VALUES (?, ?, 'frozen', ?, ?, ?, ?, ?)`,
				names[i], marketing.Fold(names[i]), string(filter), now, now, now, len(members[i]))
			if err != nil {
				if isUniqueViolation(err) {
					return segmentNameTaken(names[i])
				}
				return err
			}
			if s.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			for _, id := range members[i] {
				if _, err := ins.ExecContext(ctx, s.ID, id); err != nil {
					return err
				}
			}
			s.Name, s.Kind, s.CreatedAt, s.UpdatedAt, s.FrozenAt, s.Size = names[i], segment.Frozen, now, now, now, len(members[i])
		}
		return nil
	})
}

const segmentColumns = `s.id, s.name, s.kind, s.filter, s.created_at, s.updated_at, s.frozen_at,
	CASE WHEN s.kind = 'frozen' THEN (SELECT count(*) FROM segment_members m WHERE m.segment_id = s.id) ELSE s.size END`

func scanSegment(sc interface{ Scan(...any) error }) (segment.Saved, error) {
	var s segment.Saved
	var filter string
	if err := sc.Scan(&s.ID, &s.Name, &s.Kind, &filter, &s.CreatedAt, &s.UpdatedAt, &s.FrozenAt, &s.Size); err != nil {
		return s, err
	}
	// Stored filters were valid when saved; one that no longer reads (a
	// field removed in a later version) comes back empty, never half.
	if err := json.Unmarshal([]byte(filter), &s.Filter); err != nil {
		s.Filter = segment.Filter{Version: segment.Version}
	}
	return s, nil
}

// Segments lists the saved segments by name.
func (db *DB) Segments(ctx context.Context) ([]segment.Saved, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT "+segmentColumns+" FROM segments s ORDER BY s.name_fold")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []segment.Saved{}
	for rows.Next() {
		s, err := scanSegment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SegmentByName finds a saved segment by name (case-insensitively), or by
// number when no segment has that name.
func (db *DB) SegmentByName(ctx context.Context, name string) (segment.Saved, error) {
	s, err := scanSegment(db.read.QueryRowContext(ctx, "SELECT "+segmentColumns+` FROM segments s WHERE s.name_fold = ? OR CAST(s.id AS TEXT) = ?
		ORDER BY s.name_fold = ? DESC LIMIT 1`, marketing.Fold(name), strings.TrimSpace(name), marketing.Fold(name)))
	if errors.Is(err, sql.ErrNoRows) {
		return s, marketing.FieldError(marketing.ENotFound, "segment", "There is no segment called \""+name+"\".", map[string]string{"name": name})
	}
	return s, err
}

// DeleteSegment removes a saved segment (a frozen list with its members).
func (db *DB) DeleteSegment(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM segments WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return segmentNotFound()
		}
		return nil
	})
}

// SegmentMembers lists the members of a frozen list still in the
// workspace, in id order (never nil).
func (db *DB) SegmentMembers(ctx context.Context, id int64) ([]int64, error) {
	ids, err := queryIDs(ctx, db.read, "SELECT contact_id FROM segment_members WHERE segment_id = ? ORDER BY contact_id", id)
	if ids == nil {
		ids = []int64{}
	}
	return ids, err
}

func isUniqueViolation(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique
}

// titleGroupsKey holds the groups of job titles in settings.
const titleGroupsKey = "segment.titleGroups"

// TitleGroups returns the groups of job titles (the defaults, named in
// language lang, until the user saves their own).
func (db *DB) TitleGroups(ctx context.Context, lang string) ([]segment.TitleGroup, error) {
	var groups []segment.TitleGroup
	ok, err := db.GetValue(ctx, titleGroupsKey, &groups)
	if err != nil {
		return nil, err
	}
	if !ok {
		return segment.DefaultTitleGroupsIn(lang), nil
	}
	return groups, nil
}

// SaveTitleGroups checks and stores the groups of job titles.
func (db *DB) SaveTitleGroups(ctx context.Context, groups []segment.TitleGroup) ([]segment.TitleGroup, error) {
	groups, err := segment.CheckTitleGroups(groups)
	if err != nil {
		return nil, err
	}
	return groups, db.SetValue(ctx, titleGroupsKey, groups)
}
