-- Spreadsheet imports: each committed import is a batch that can be undone,
-- mappings are remembered per file shape, consent per channel with its
-- evidence, and the indexes duplicate matching needs.

CREATE TABLE import_batches (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('contacts', 'orders', 'products')),
    file_name   TEXT NOT NULL,
    size        INTEGER NOT NULL DEFAULT 0,
    sha256      TEXT NOT NULL DEFAULT '',
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL DEFAULT '',
    mapping     TEXT NOT NULL DEFAULT '{}',
    options     TEXT NOT NULL DEFAULT '{}',
    counts      TEXT NOT NULL DEFAULT '{}',
    seconds     REAL NOT NULL DEFAULT 0,
    undone_at   TEXT NOT NULL DEFAULT '',
    undo_kept   INTEGER NOT NULL DEFAULT 0 -- rows undo left alone: changed since the import
);

-- What a batch did: the rows it created, and the rows it changed with their
-- values before (JSON), so undo can put them back; after is the updated_at
-- the import left, so undo can tell rows that were changed since.
CREATE TABLE import_changes (
    batch_id  INTEGER NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
    entity    TEXT NOT NULL CHECK (entity IN ('contact', 'order', 'product')),
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('created', 'updated')),
    before    TEXT NOT NULL DEFAULT '',
    after     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (batch_id, entity, entity_id)
) WITHOUT ROWID;
-- Undo asks whether a later batch touched the same rows.
CREATE INDEX import_changes_entity ON import_changes (entity, entity_id, batch_id);

-- The mapping used last for a file with the same columns.
CREATE TABLE import_mappings (
    shape   TEXT PRIMARY KEY,
    kind    TEXT NOT NULL,
    mapping TEXT NOT NULL,
    used_at TEXT NOT NULL
) WITHOUT ROWID;

-- Consent per channel, current state with its evidence (how, when, where).
CREATE TABLE contact_consent (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    channel    TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'post', 'phone')),
    status     TEXT NOT NULL CHECK (status IN ('granted', 'refused')),
    at         TEXT NOT NULL,
    method     TEXT NOT NULL DEFAULT '',
    evidence   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (contact_id, channel)
) WITHOUT ROWID;

-- Duplicate matching on import: by phone or mobile, and by name + postcode.
-- The postcode + name index also sorts the list by postcode (then name), so
-- it replaces the postcode index: every index costs each imported row.
CREATE INDEX contacts_phone ON contacts (phone) WHERE phone <> '';
CREATE INDEX contacts_mobile ON contacts (mobile) WHERE mobile <> '';
DROP INDEX contacts_postcode;
CREATE INDEX contacts_postcode_name ON contacts (postcode, sort_name);

-- Orders imported from a shop system name the product and its category.
ALTER TABLE order_lines ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE order_lines ADD COLUMN category TEXT NOT NULL DEFAULT '';
