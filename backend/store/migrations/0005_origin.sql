-- Where a contact came from: the business's own customer file, or a bought
-- or rented list. Kept on the row (set when the contact is created) rather
-- than looked up in the import history: contact ids can be reused after a
-- delete, and the segment columns see row changes through the update hook.
-- Only contacts created by a bought or rented list import are updated, so
-- a large workspace is not rewritten on upgrade.
ALTER TABLE contacts ADD COLUMN origin TEXT NOT NULL DEFAULT 'own' CHECK (origin IN ('own', 'bought', 'rented'));
UPDATE contacts SET origin = (
    SELECT max(json_extract(b.options, '$.listKind')) FROM import_changes ch JOIN import_batches b ON b.id = ch.batch_id
    WHERE ch.entity = 'contact' AND ch.entity_id = contacts.id AND ch.action = 'created' AND b.undone_at = ''
      AND json_extract(b.options, '$.listKind') IN ('bought', 'rented'))
WHERE id IN (
    SELECT ch.entity_id FROM import_changes ch JOIN import_batches b ON b.id = ch.batch_id
    WHERE ch.entity = 'contact' AND ch.action = 'created' AND b.undone_at = ''
      AND json_extract(b.options, '$.listKind') IN ('bought', 'rented'));
