package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"hash"
	"strings"

	"directdesk/backend/marketing"
)

// The privacy facts every send check reads (privacy.Checker turns them into
// an exclusion reason with marketing.Reach). They are SQL over the contact
// row c, so any list query can carry them:
//   - the register the person is on: their phone or mobile, or their
//     normalised name + street + postcode (dd_regkey, the Go
//     marketing.RegisterNameKey) is a key of register_entries;
//   - whether their email or numbers are an erased person's (dd_hmac, keyed
//     per workspace);
//   - whether their numbers are on the phone suppression list;
//   - the bought or rented list they came from.
//
// The key and hash are Go calls per person (a few µs each): a workspace
// without registers or erasures skips them (SQLite runs an uncorrelated
// EXISTS once per statement).
const privacyCols = `c.country, c.kind,
	CASE WHEN EXISTS (SELECT 1 FROM register_entries) THEN
		coalesce((SELECT min(e.register) FROM register_entries e WHERE e.key IN ('p:' || c.phone, 'p:' || c.mobile, dd_regkey(c.first_name, c.last_name, c.street1, c.postcode))), '')
	ELSE '' END,
	CASE WHEN EXISTS (SELECT 1 FROM erased_hashes) THEN
		EXISTS (SELECT 1 FROM erased_hashes h WHERE h.hash IN (dd_hmac(c.email_fold), dd_hmac(c.phone), dd_hmac(c.mobile)))
	ELSE 0 END,
	EXISTS (SELECT 1 FROM phone_suppressions p WHERE p.phone IN (c.phone, c.mobile)),
	coalesce(c.list_id, 0)`

// PrivacyFacts are the stored facts about one contact that the contact
// rules need (see privacyCols).
type PrivacyFacts struct {
	Country         string
	Kind            string
	Register        string // "" or the register the person is on
	Erased          bool   // an erased person's email or number
	PhoneSuppressed bool
	ListID          int64 // the bought or rented list, 0 = own
}

func (f *PrivacyFacts) dest() []any {
	return []any{&f.Country, &f.Kind, &f.Register, &f.Erased, &f.PhoneSuppressed, &f.ListID}
}

// regKey is dd_regkey: "" when a part is missing, so it matches nothing.
func regKey(first, last, street, postcode string) string {
	return marketing.RegisterNameKey(first, last, street, postcode)
}

// hashValue is dd_hmac: the HMAC-SHA256 (hex) of a folded email or an
// E.164 number under the workspace's suppression key; "" for "".
func (db *DB) hashValue(v string) string {
	v = strings.TrimSpace(v)
	if v == "" || len(db.suppressionKey) == 0 {
		return ""
	}
	// One keyed HMAC per caller, reset between uses: building it costs
	// four times the hashing, and every send check hashes each person.
	m, _ := db.hmacs.Get().(hash.Hash)
	if m == nil {
		m = hmac.New(sha256.New, db.suppressionKey)
	}
	m.Reset()
	m.Write([]byte(v))
	var sum [sha256.Size]byte
	out := hex.EncodeToString(m.Sum(sum[:0]))
	db.hmacs.Put(m)
	return out
}

// HashEmail and HashPhone are the keys erased people are suppressed by.
func (db *DB) HashEmail(email string) string { return db.hashValue(marketing.Fold(email)) }
func (db *DB) HashPhone(e164 string) string  { return db.hashValue(e164) }

// loadSuppressionKey reads the per-workspace key made by migration 0009.
func (db *DB) loadSuppressionKey(ctx context.Context) error {
	var v string
	if err := db.write.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'suppression_key'").Scan(&v); err != nil {
		return err
	}
	k, err := hex.DecodeString(v)
	if err != nil {
		return err
	}
	db.suppressionKey = k
	return nil
}

// IsErased reports whether an email or any of the numbers belongs to an
// erased person.
func (db *DB) IsErased(ctx context.Context, email string, phones ...string) (bool, error) {
	keys := []any{db.HashEmail(email)}
	for _, p := range phones {
		keys = append(keys, db.HashPhone(p))
	}
	var n int
	err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM erased_hashes WHERE hash IN ("+qmarks(len(keys))+") AND hash <> ''", keys...).Scan(&n)
	return n > 0, err
}

// ContactPrivacy reads the privacy facts of ids (deleted ones left out).
func (db *DB) ContactPrivacy(ctx context.Context, ids []int64) (map[int64]PrivacyFacts, error) {
	out := make(map[int64]PrivacyFacts, len(ids))
	for start := 0; start < len(ids); start += 500 {
		part := ids[start:min(len(ids), start+500)]
		rows, err := db.read.QueryContext(ctx, "SELECT c.id, "+privacyCols+" FROM contacts c WHERE c.id IN ("+qmarks(len(part))+")", int64Args(part)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var f PrivacyFacts
			if err := rows.Scan(append([]any{&id}, f.dest()...)...); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = f
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// PrivacyState is what a privacy.Checker loads once per check: the
// imported registers and the supplier lists with the campaigns that used them.
type PrivacyState struct {
	Registers []marketing.RegisterInfo
	Lists     map[int64]marketing.SupplierList
	UsedBy    map[int64][]int64
}

// LoadPrivacyState reads the registers and lists (a few rows each).
func (db *DB) LoadPrivacyState(ctx context.Context) (PrivacyState, error) {
	st := PrivacyState{Lists: map[int64]marketing.SupplierList{}, UsedBy: map[int64][]int64{}}
	rows, err := db.read.QueryContext(ctx, "SELECT register, file_name, list_date, imported_at, entries FROM registers ORDER BY register")
	if err != nil {
		return st, err
	}
	for rows.Next() {
		var r marketing.RegisterInfo
		if err := rows.Scan(&r.Register, &r.FileName, &r.ListDate, &r.ImportedAt, &r.Entries); err != nil {
			rows.Close()
			return st, err
		}
		r.Country = marketing.RegisterCountry(r.Register)
		r.RefreshDays = marketing.RegisterRefreshDays(r.Register)
		st.Registers = append(st.Registers, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return st, err
	}
	rows, err = db.read.QueryContext(ctx, "SELECT id, coalesce(batch_id, 0), kind, supplier, acquired_on, licence, expires_on, legal_basis, created_at FROM supplier_lists")
	if err != nil {
		return st, err
	}
	for rows.Next() {
		var l marketing.SupplierList
		if err := rows.Scan(&l.ID, &l.BatchID, &l.Kind, &l.Supplier, &l.AcquiredOn, &l.Licence, &l.ExpiresOn, &l.LegalBasis, &l.CreatedAt); err != nil {
			rows.Close()
			return st, err
		}
		st.Lists[l.ID] = l
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return st, err
	}
	rows, err = db.read.QueryContext(ctx, "SELECT list_id, campaign_id FROM list_uses ORDER BY list_id, campaign_id")
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var l, c int64
		if err := rows.Scan(&l, &c); err != nil {
			return st, err
		}
		st.UsedBy[l] = append(st.UsedBy[l], c)
	}
	return st, rows.Err()
}

// recordListUses notes, inside a launch or mailing transaction, that the
// campaign used the lists its members came from.
func recordListUses(ctx context.Context, tx *sql.Tx, campaignID int64, now string) error {
	_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO list_uses (list_id, campaign_id, used_at)
		SELECT DISTINCT c.list_id, ?, ? FROM campaign_members m JOIN contacts c ON c.id = m.contact_id
		WHERE m.campaign_id = ? AND m.grp IN ('target', 'control') AND c.list_id IS NOT NULL`, campaignID, now, campaignID)
	return err
}

// writeAudit appends one audit log line inside tx.
func writeAudit(ctx context.Context, tx *sql.Tx, at, action string, contactID int64, detail map[string]string, by string) error {
	var cid any
	if contactID != 0 {
		cid = contactID
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO audit_log (at, action, contact_id, detail, by_whom) VALUES (?, ?, ?, ?, ?)",
		at, action, cid, jsonString(detail), by)
	return err
}

func jsonString(v any) string {
	b, err := json.Marshal(v)
	if err != nil || string(b) == "null" {
		return "{}"
	}
	return string(b)
}
