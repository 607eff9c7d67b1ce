-- Documents: templates (letters, label sheets, catalogs) with every saved
-- version kept, generation runs with the recipients each run produced a
-- document for, and response codes (unique per recipient per campaign) for
-- the tracking of responses.

CREATE TABLE templates (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('letter', 'labels', 'catalog', 'email', 'sms')),
    title      TEXT NOT NULL,
    lang       TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    layout     TEXT NOT NULL DEFAULT '{}',
    version    INTEGER NOT NULL DEFAULT 1,
    starter    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- What a generated document was made from stays readable after later edits.
CREATE TABLE template_versions (
    template_id INTEGER NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    body        TEXT NOT NULL,
    layout      TEXT NOT NULL,
    saved_at    TEXT NOT NULL,
    PRIMARY KEY (template_id, version)
) WITHOUT ROWID;

CREATE TABLE document_runs (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL,
    template_id      INTEGER,            -- kept when the template is deleted later
    template_name    TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    campaign         TEXT NOT NULL DEFAULT '',
    selection        TEXT NOT NULL DEFAULT '',
    output           TEXT NOT NULL,
    path             TEXT NOT NULL,
    recipients       INTEGER NOT NULL,
    pages            INTEGER NOT NULL,
    skipped          INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL
);

CREATE TABLE document_recipients (
    run_id        INTEGER NOT NULL REFERENCES document_runs (id) ON DELETE CASCADE,
    contact_id    INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    response_code TEXT NOT NULL DEFAULT '',
    variant       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX document_recipients_contact ON document_recipients (contact_id);

CREATE TABLE response_codes (
    code       TEXT PRIMARY KEY,
    campaign   TEXT NOT NULL,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    UNIQUE (campaign, contact_id)
) WITHOUT ROWID;
CREATE INDEX response_codes_contact ON response_codes (contact_id);
