-- Campaigns: the eight-step plan (goal, target group with an optional
-- control group, channels with unit costs, the frozen list, a message per
-- touch, the sequence with stop rules and a contact-pressure cap), the
-- per-touch work of the non-email channels, responses with attribution,
-- fulfilment tasks and web visits. See backend/campaign.

ALTER TABLE campaigns ADD COLUMN goal TEXT NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN kpi TEXT NOT NULL DEFAULT 'response_rate';
ALTER TABLE campaigns ADD COLUMN budget_minor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE campaigns ADD COLUMN currency TEXT NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN segment_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE campaigns ADD COLUMN selection TEXT NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN control_pct INTEGER NOT NULL DEFAULT 0;
-- Money a response is expected to bring (average order) and the gross
-- margin on it in percent: break-even and ROI rest on them.
ALTER TABLE campaigns ADD COLUMN order_value_minor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE campaigns ADD COLUMN margin_pct INTEGER NOT NULL DEFAULT 0;
ALTER TABLE campaigns ADD COLUMN stop_on TEXT NOT NULL DEFAULT 'response,purchase,optout';
ALTER TABLE campaigns ADD COLUMN pressure_max INTEGER NOT NULL DEFAULT 0; -- 0 = no cap
ALTER TABLE campaigns ADD COLUMN pressure_days INTEGER NOT NULL DEFAULT 30;
ALTER TABLE campaigns ADD COLUMN attribution_days INTEGER NOT NULL DEFAULT 30;
ALTER TABLE campaigns ADD COLUMN start_date TEXT NOT NULL DEFAULT '';   -- YYYY-MM-DD of touch 1
ALTER TABLE campaigns ADD COLUMN launched_at TEXT NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN code_key TEXT NOT NULL DEFAULT '';     -- response_codes.campaign
ALTER TABLE campaigns ADD COLUMN notes TEXT NOT NULL DEFAULT '';

-- Touch plan: a fixed date or days after the start; cost per recipient;
-- the expected response rate; channel content that is not a template.
ALTER TABLE campaign_touches ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign_touches ADD COLUMN due_date TEXT NOT NULL DEFAULT '';  -- '' = start + offset_days
ALTER TABLE campaign_touches ADD COLUMN offset_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE campaign_touches ADD COLUMN unit_cost_minor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE campaign_touches ADD COLUMN expected_rate REAL NOT NULL DEFAULT 0;  -- 0.02 = 2 %
ALTER TABLE campaign_touches ADD COLUMN label_template_id INTEGER;
ALTER TABLE campaign_touches ADD COLUMN sms_text TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign_touches ADD COLUMN script TEXT NOT NULL DEFAULT '';     -- phone script (rich text)
ALTER TABLE campaign_touches ADD COLUMN released_at TEXT NOT NULL DEFAULT ''; -- the list of this touch was made

-- The target group frozen at launch: one row per contact of the segment,
-- in the target or the control group, or excluded with the reason.
CREATE TABLE campaign_members (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    grp         TEXT NOT NULL CHECK (grp IN ('target', 'control', 'excluded')),
    reason      TEXT NOT NULL DEFAULT '',  -- why excluded
    lifecycle   TEXT NOT NULL DEFAULT '',  -- new, active, loyal, lapsing, lost, prospect at launch
    stopped_at  TEXT NOT NULL DEFAULT '',  -- a stop rule ended the sequence for this person
    stop_reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (campaign_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX campaign_members_contact ON campaign_members (contact_id);

-- The work of a released letter, catalog, SMS or phone touch, one row per
-- (touch, contact). Email touches use the outbox instead.
-- States: due -> done (posted, exported, called with an outcome) | skipped
-- (with the reason) | cancelled.
CREATE TABLE touch_work (
    id          INTEGER PRIMARY KEY,
    touch_id    INTEGER NOT NULL REFERENCES campaign_touches (id) ON DELETE CASCADE,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    state       TEXT NOT NULL CHECK (state IN ('due', 'done', 'skipped', 'cancelled')),
    reason      TEXT NOT NULL DEFAULT '',
    outcome     TEXT NOT NULL DEFAULT '',  -- phone: reached, no_answer, call_back, interested, order, refused
    callback_at TEXT NOT NULL DEFAULT '',
    attempts    INTEGER NOT NULL DEFAULT 0,
    priority    INTEGER NOT NULL DEFAULT 0,  -- call order: higher first
    printed_at  TEXT NOT NULL DEFAULT '',
    done_at     TEXT NOT NULL DEFAULT '',
    parts       INTEGER NOT NULL DEFAULT 0,  -- SMS: segments of this person's message
    cost_minor  INTEGER NOT NULL DEFAULT 0,  -- what this contact cost when done (unit cost; SMS: x parts)
    updated_at  TEXT NOT NULL,
    UNIQUE (touch_id, contact_id)
);
CREATE INDEX touch_work_state ON touch_work (touch_id, state, priority DESC, id);
CREATE INDEX touch_work_contact ON touch_work (contact_id);

-- Every touch a person got (or has due), across campaigns and mailings:
-- the contact-pressure cap counts these.
CREATE TABLE contact_touches (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    touch_id   INTEGER NOT NULL REFERENCES campaign_touches (id) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    PRIMARY KEY (contact_id, touch_id)
) WITHOUT ROWID;
CREATE INDEX contact_touches_at ON contact_touches (contact_id, at);

-- Responses get where they came from, a reference that makes imports
-- idempotent (an order number) and the group the person was in.
ALTER TABLE responses ADD COLUMN code TEXT NOT NULL DEFAULT '';
ALTER TABLE responses ADD COLUMN source TEXT NOT NULL DEFAULT '';  -- redeem, import, inbox, manual, phone
ALTER TABLE responses ADD COLUMN ref TEXT NOT NULL DEFAULT '';
ALTER TABLE responses ADD COLUMN grp TEXT NOT NULL DEFAULT 'target';
ALTER TABLE responses ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX responses_ref ON responses (campaign_id, kind, ref) WHERE ref <> '';
CREATE INDEX responses_touch ON responses (touch_id);

-- A response that asks for something creates a task with a due date.
CREATE TABLE fulfilment_tasks (
    id          INTEGER PRIMARY KEY,
    response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,
    contact_id  INTEGER REFERENCES contacts (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,  -- catalog, sample, call_back, quote
    due_date    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    done_at     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX fulfilment_open ON fulfilment_tasks (done_at, due_date);

-- Visits of tracked links (?dd=CODE&utm_content=touchN) and loads of the
-- tracking picture, from the user's web site's access log. One row per
-- (code, touch number, kind, time, url), so importing a log twice counts once.
CREATE TABLE web_hits (
    code      TEXT NOT NULL,
    touch_seq INTEGER NOT NULL DEFAULT 0,
    kind     TEXT NOT NULL CHECK (kind IN ('click', 'open')),
    at       TEXT NOT NULL,
    url      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (code, touch_seq, kind, at, url)
) WITHOUT ROWID;
