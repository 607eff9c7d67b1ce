-- Email: the user's mail accounts (no passwords: those live in the OS
-- keychain), campaigns with their touches (a mailing is a campaign of one
-- email touch), the outbox with one row per (touch, contact), the
-- suppression list, the inbox log and checkpoint, and responses.

CREATE TABLE mail_accounts (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    from_name        TEXT NOT NULL DEFAULT '',
    from_email       TEXT NOT NULL,
    reply_to         TEXT NOT NULL DEFAULT '',
    smtp_host        TEXT NOT NULL,
    smtp_port        INTEGER NOT NULL,
    smtp_security    TEXT NOT NULL CHECK (smtp_security IN ('tls', 'starttls', 'plain')),
    smtp_user        TEXT NOT NULL DEFAULT '',
    imap_host        TEXT NOT NULL DEFAULT '',
    imap_port        INTEGER NOT NULL DEFAULT 0,
    imap_security    TEXT NOT NULL DEFAULT 'tls' CHECK (imap_security IN ('tls', 'starttls', 'plain')),
    imap_user        TEXT NOT NULL DEFAULT '',
    processed_folder TEXT NOT NULL DEFAULT '',
    per_minute       INTEGER NOT NULL DEFAULT 0,
    per_hour         INTEGER NOT NULL DEFAULT 0,
    per_day          INTEGER NOT NULL DEFAULT 0,
    unsubscribe_url  TEXT NOT NULL DEFAULT '',
    dkim_selector    TEXT NOT NULL DEFAULT '',
    dkim_key         TEXT NOT NULL DEFAULT '', -- PEM private key the app generated
    dkim_enabled     INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE campaigns (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL DEFAULT 'mailing',
    status       TEXT NOT NULL DEFAULT 'draft'
                 CHECK (status IN ('draft', 'scheduled', 'running', 'paused', 'finished', 'archived')),
    pause_reason TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    started_at   TEXT NOT NULL DEFAULT '',
    finished_at  TEXT NOT NULL DEFAULT ''
);

-- A touch is one contact attempt of a campaign on one channel. Its content
-- is frozen as (template_id, template_version) when it starts.
CREATE TABLE campaign_touches (
    id               INTEGER PRIMARY KEY,
    campaign_id      INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL DEFAULT 1,
    channel          TEXT NOT NULL CHECK (channel IN ('email', 'letter', 'catalog', 'sms', 'phone')),
    template_id      INTEGER,
    template_version INTEGER NOT NULL DEFAULT 0,
    account_id       INTEGER REFERENCES mail_accounts (id),
    segment_id       INTEGER NOT NULL DEFAULT 0,
    selection        TEXT NOT NULL DEFAULT '',
    attachments      TEXT NOT NULL DEFAULT '{}', -- attached template id -> frozen version
    created_at       TEXT NOT NULL,
    started_at       TEXT NOT NULL DEFAULT '',
    finished_at      TEXT NOT NULL DEFAULT '',
    UNIQUE (campaign_id, seq)
);

-- One row per (touch, contact): the unit that is sent exactly once. The
-- token is the recipient's unsubscribe token; message_id is fixed when the
-- row is queued so replies and bounces find it again. States: queued ->
-- reserved (a batch, committed with fsync; each message's start and
-- answer go to the runner's journal file) -> sent | soft_failed |
-- hard_failed | unknown; skipped, cancelled, bounced. 'sending' is kept
-- for rows an older run left. See backend/mail/runner.go.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    touch_id        INTEGER NOT NULL REFERENCES campaign_touches (id) ON DELETE CASCADE,
    contact_id      INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    account_id      INTEGER NOT NULL,
    email           TEXT NOT NULL,
    email_fold      TEXT NOT NULL DEFAULT '', -- lower-cased (Go): bounces find the row by it
    name            TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL CHECK (state IN ('queued', 'reserved', 'sending', 'sent', 'soft_failed',
                        'hard_failed', 'skipped', 'unknown', 'cancelled', 'bounced')),
    reason          TEXT NOT NULL DEFAULT '',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL DEFAULT '',
    message_id      TEXT NOT NULL UNIQUE,
    token           TEXT NOT NULL UNIQUE,
    response_code   TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    sent_at         TEXT NOT NULL DEFAULT '',
    -- The computer's boot when the row was reserved: after a crash of the
    -- app (same boot) a reserved row was never started and is queued
    -- again; after a power loss it may have been, so it becomes unknown.
    boot            TEXT NOT NULL DEFAULT '',
    UNIQUE (touch_id, contact_id)
);
CREATE INDEX outbox_touch_state ON outbox (touch_id, state, id);
CREATE INDEX outbox_sent ON outbox (account_id, sent_at) WHERE sent_at <> '';
CREATE INDEX outbox_contact ON outbox (contact_id);
CREATE INDEX outbox_email ON outbox (email_fold);

-- Addresses that must never be mailed again (opt-outs, hard bounces,
-- complaints). Keyed by the lower-cased address.
CREATE TABLE suppressions (
    email_fold TEXT PRIMARY KEY,
    email      TEXT NOT NULL,
    reason     TEXT NOT NULL,
    source     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) WITHOUT ROWID;

-- Where inbox processing got to, per account and folder generation.
CREATE TABLE inbox_state (
    account_id  INTEGER PRIMARY KEY REFERENCES mail_accounts (id) ON DELETE CASCADE,
    uidvalidity INTEGER NOT NULL DEFAULT 0,
    last_uid    INTEGER NOT NULL DEFAULT 0,
    synced_at   TEXT NOT NULL DEFAULT ''
);

-- What each processed message meant.
CREATE TABLE inbox_log (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL,
    uid         INTEGER NOT NULL,
    message_id  TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL,
    from_addr   TEXT NOT NULL DEFAULT '',
    subject     TEXT NOT NULL DEFAULT '',
    recipient   TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT '',
    diagnostic  TEXT NOT NULL DEFAULT '',
    outbox_id   INTEGER,
    contact_id  INTEGER,
    campaign_id INTEGER,
    snippet     TEXT NOT NULL DEFAULT '',
    received_at TEXT NOT NULL DEFAULT '',
    processed_at TEXT NOT NULL
);
CREATE INDEX inbox_log_message ON inbox_log (account_id, message_id);

-- Responses to campaigns (replies now; orders, coupons and calls follow).
CREATE TABLE responses (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,
    touch_id    INTEGER,
    contact_id  INTEGER REFERENCES contacts (id) ON DELETE CASCADE,
    outbox_id   INTEGER,
    kind        TEXT NOT NULL,
    at          TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    value_minor INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX responses_campaign ON responses (campaign_id, at);
CREATE INDEX responses_contact ON responses (contact_id);
