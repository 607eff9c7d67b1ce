-- Saved segments: dynamic ones keep their filter and are recomputed when
-- used; frozen ones (a campaign's list at launch) keep their members.
CREATE TABLE segments (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    name_fold  TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('dynamic', 'frozen')),
    filter     TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    frozen_at  TEXT NOT NULL DEFAULT '',
    size       INTEGER NOT NULL DEFAULT 0 -- members when frozen; the last count when dynamic
);

-- A deleted (or erased) contact leaves every frozen list too.
CREATE TABLE segment_members (
    segment_id INTEGER NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (segment_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX segment_members_contact ON segment_members (contact_id);
