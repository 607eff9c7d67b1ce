-- Privacy and safety (issue 9): consent history with evidence, national
-- do-not-contact registers, bought and rented lists with their licence,
-- phone suppression and the hashes that keep erased people suppressed,
-- and the audit log.

-- Every consent answer ever recorded, oldest first. contact_consent stays
-- the current answer per channel (what the send checks read); this table
-- is its evidence and is never updated (trigger below). Rows go only with
-- their contact (erasure deletes the person and everything about them).
CREATE TABLE consent_events (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    channel     TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'post', 'phone')),
    status      TEXT NOT NULL CHECK (status IN ('granted', 'refused')),
    at          TEXT NOT NULL,              -- when the person said it
    recorded_at TEXT NOT NULL,              -- when it was written here
    method      TEXT NOT NULL DEFAULT '',   -- import, form, phone, written, in_person, email_reply, unsubscribe, bounce, complaint, manual
    source      TEXT NOT NULL DEFAULT '',   -- where: "kunder.xlsx, row 12", "call on 2026-11-02"
    wording     TEXT NOT NULL DEFAULT '',   -- the text the person was shown or told
    by_whom     TEXT NOT NULL DEFAULT ''    -- who recorded it
);
CREATE INDEX consent_events_contact ON consent_events (contact_id, id);
CREATE TRIGGER consent_events_append_only BEFORE UPDATE ON consent_events
BEGIN
    SELECT RAISE(ABORT, 'consent history is append-only');
END;
-- The answers recorded before this version become the first history rows.
INSERT INTO consent_events (contact_id, channel, status, at, recorded_at, method, source)
    SELECT contact_id, channel, status, at, at, method, evidence FROM contact_consent;

-- National do-not-contact registers. One stored file per register: a new
-- import of the same register replaces the old one (in one transaction).
CREATE TABLE registers (
    register    TEXT PRIMARY KEY CHECK (register IN ('robinson', 'nix', 'reservasjon')),
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL DEFAULT '',
    list_date   TEXT NOT NULL,   -- the date the register file was drawn (YYYY-MM-DD)
    imported_at TEXT NOT NULL,
    entries     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
-- Normalised keys: "p:+4512345678" for a phone number, "n:<name>|<street>|<postcode>"
-- (marketing.RegisterNameKey) for a name and address.
CREATE TABLE register_entries (
    key      TEXT NOT NULL,
    register TEXT NOT NULL REFERENCES registers (register) ON DELETE CASCADE,
    PRIMARY KEY (key, register)
) WITHOUT ROWID;
CREATE INDEX register_entries_register ON register_entries (register);

-- A bought or rented list and its licence. Contacts created by the import
-- point at it (contacts.list_id); list_uses records the campaigns (and
-- mailings) that used it, so a one-time list cannot go into a second one.
CREATE TABLE supplier_lists (
    id          INTEGER PRIMARY KEY,
    batch_id    INTEGER REFERENCES import_batches (id) ON DELETE SET NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('bought', 'rented')),
    supplier    TEXT NOT NULL,
    acquired_on TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD
    licence     TEXT NOT NULL CHECK (licence IN ('once', 'repeated')),
    expires_on  TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD, '' = no end
    legal_basis TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
ALTER TABLE contacts ADD COLUMN list_id INTEGER REFERENCES supplier_lists (id) ON DELETE SET NULL;
CREATE INDEX contacts_list ON contacts (list_id) WHERE list_id IS NOT NULL;
CREATE TABLE list_uses (
    list_id     INTEGER NOT NULL REFERENCES supplier_lists (id) ON DELETE CASCADE,
    campaign_id INTEGER NOT NULL,
    used_at     TEXT NOT NULL,
    PRIMARY KEY (list_id, campaign_id)
) WITHOUT ROWID;

-- Phone numbers that must not get SMS or calls (a STOP reply, an opt-out on
-- the phone), by E.164 number. Emails stay in suppressions.
CREATE TABLE phone_suppressions (
    phone      TEXT PRIMARY KEY,
    reason     TEXT NOT NULL,
    source     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) WITHOUT ROWID;

-- Erased people stay suppressed without readable data: an HMAC-SHA256 of
-- the folded email or E.164 phone, keyed per workspace (settings
-- 'suppression_key', made here once).
CREATE TABLE erased_hashes (
    hash       TEXT PRIMARY KEY,          -- hex
    kind       TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
    created_at TEXT NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO settings (key, value) VALUES ('suppression_key', lower(hex(randomblob(32))));

-- Who did what with personal data: exports, erasures, consent changes,
-- register and list imports, backups and restores. No personal data in
-- detail for erasures (the person is gone).
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    action     TEXT NOT NULL,
    contact_id INTEGER,                   -- not a foreign key: the row outlives an erased contact
    detail     TEXT NOT NULL DEFAULT '{}', -- JSON
    by_whom    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_contact ON audit_log (contact_id) WHERE contact_id IS NOT NULL;

-- Consent (issue 9, consent part): the import batch that wrote an answer,
-- so that undoing the import takes its "yes" answers back out of the
-- history (its "no" answers stay). Not a foreign key: ON DELETE SET NULL
-- would be an UPDATE, which the append-only trigger refuses.
ALTER TABLE consent_events ADD COLUMN batch_id INTEGER;
