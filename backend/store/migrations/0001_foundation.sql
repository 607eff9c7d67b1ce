-- Foundation schema: settings, contacts with tags, custom fields and a search
-- index, the contact timeline, products and orders (read by segmentation), and
-- small binary media (the business logo).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE contacts (
    id             INTEGER PRIMARY KEY,
    customer_no    TEXT UNIQUE,          -- NULL when empty so UNIQUE allows many blanks
    kind           TEXT NOT NULL DEFAULT 'customer' CHECK (kind IN ('customer', 'prospect')),
    first_name     TEXT NOT NULL DEFAULT '',
    middle_name    TEXT NOT NULL DEFAULT '',
    last_name      TEXT NOT NULL DEFAULT '',
    company        TEXT NOT NULL DEFAULT '',
    job_title      TEXT NOT NULL DEFAULT '',
    job_title_norm TEXT NOT NULL DEFAULT '',
    gender         TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'female', 'male', 'other')),
    birth_date     TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    email_fold     TEXT UNIQUE,          -- lower-cased email, NULL when empty: one contact per address
    phone          TEXT NOT NULL DEFAULT '',
    mobile         TEXT NOT NULL DEFAULT '',
    street1        TEXT NOT NULL DEFAULT '',
    street2        TEXT NOT NULL DEFAULT '',
    postcode       TEXT NOT NULL DEFAULT '',
    city           TEXT NOT NULL DEFAULT '',
    region         TEXT NOT NULL DEFAULT '',
    country        TEXT NOT NULL DEFAULT '',
    language       TEXT NOT NULL DEFAULT '',
    customer_since TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT '',
    custom         TEXT NOT NULL DEFAULT '{}', -- JSON object of custom field name -> value
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    -- Folded sort keys (Unicode lower case, computed in Go) so sorting and
    -- prefix search behave the same for Æ, Ö and Я as for A.
    sort_name      TEXT NOT NULL DEFAULT '',
    city_fold      TEXT NOT NULL DEFAULT '',
    company_fold   TEXT NOT NULL DEFAULT ''
);

-- One index per sortable column; the rowid is implied at the end, which makes
-- each of them usable for ORDER BY col, id and for deep OFFSET paging.
CREATE INDEX contacts_sort_name ON contacts (sort_name);
CREATE INDEX contacts_city ON contacts (city_fold);
CREATE INDEX contacts_postcode ON contacts (postcode);
CREATE INDEX contacts_company ON contacts (company_fold);
CREATE INDEX contacts_created ON contacts (created_at);
CREATE INDEX contacts_updated ON contacts (updated_at);
-- Country and region filters come sorted by name: without these a country
-- filter sorts a quarter of a million rows for every page.
CREATE INDEX contacts_country_name ON contacts (country, sort_name);
CREATE INDEX contacts_region_name ON contacts (country, region, sort_name);
-- Narrow (id, sort_name) pairs: a search or tag hits tens of thousands of
-- ids, and sorting them by name reads this instead of the wide rows.
CREATE INDEX contacts_id_name ON contacts (id, sort_name);

-- Word-prefix search over names, email, phones, city, company, customer
-- number and postcode ("hans" finds Hansen and hans@...). Diacritics are
-- folded (Bjorn finds Björn, ё = е). Contentless: the text is computed in Go
-- and not stored twice.
CREATE VIRTUAL TABLE contact_search USING fts5(
    body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3',
    content = '', contentless_delete = 1
);
-- Deleting a contact removes its words from the index's pages too, not just
-- marks them deleted (GDPR: an erased person leaves nothing searchable).
INSERT INTO contact_search (contact_search, rank) VALUES ('secure-delete', 1);

CREATE TABLE tags (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    name_fold TEXT NOT NULL UNIQUE
);

CREATE TABLE contact_tags (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (contact_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX contact_tags_tag ON contact_tags (tag_id, contact_id);

-- The timeline: an append-only log of what happened to a contact.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    details    TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_contact ON events (contact_id, id);

CREATE TABLE products (
    id          INTEGER PRIMARY KEY,
    sku         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL DEFAULT '',
    price_minor INTEGER NOT NULL DEFAULT 0,
    currency    TEXT NOT NULL,
    image_path  TEXT NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    order_no    TEXT NOT NULL UNIQUE,
    date        TEXT NOT NULL,
    total_minor INTEGER NOT NULL,
    currency    TEXT NOT NULL,
    channel     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX orders_contact ON orders (contact_id, date);
CREATE INDEX orders_date ON orders (date);

CREATE TABLE order_lines (
    order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no    INTEGER NOT NULL,
    sku        TEXT NOT NULL,
    quantity   INTEGER NOT NULL,
    unit_minor INTEGER NOT NULL,
    PRIMARY KEY (order_id, line_no)
) WITHOUT ROWID;
CREATE INDEX order_lines_sku ON order_lines (sku);

-- Row counts kept by triggers: the home screen and the unfiltered contact
-- list need them at start, and count(*) reads a whole index (close to a
-- second, cold, on a million contacts with their orders).
CREATE TABLE row_counts (
    name TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO row_counts (name, n) VALUES ('contacts', 0), ('orders', 0), ('products', 0), ('demo', 0);
CREATE TRIGGER contacts_counted AFTER INSERT ON contacts BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'contacts'; END;
CREATE TRIGGER contacts_uncounted AFTER DELETE ON contacts BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'contacts'; END;
-- Demo contacts still in the workspace, for "Remove the N demo contacts".
CREATE TRIGGER demo_counted AFTER INSERT ON contacts WHEN NEW.source = 'demo' BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'demo'; END;
CREATE TRIGGER demo_uncounted AFTER DELETE ON contacts WHEN OLD.source = 'demo' BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'demo'; END;
CREATE TRIGGER demo_recounted AFTER UPDATE OF source ON contacts WHEN (OLD.source = 'demo') <> (NEW.source = 'demo') BEGIN
    UPDATE row_counts SET n = n + (CASE WHEN NEW.source = 'demo' THEN 1 ELSE -1 END) WHERE name = 'demo'; END;
CREATE TRIGGER orders_counted AFTER INSERT ON orders BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'orders'; END;
CREATE TRIGGER orders_uncounted AFTER DELETE ON orders BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'orders'; END;
CREATE TRIGGER products_counted AFTER INSERT ON products BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'products'; END;
CREATE TRIGGER products_uncounted AFTER DELETE ON products BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'products'; END;

CREATE TABLE media (
    name TEXT PRIMARY KEY,
    mime TEXT NOT NULL,
    data BLOB NOT NULL
);
