-- Inserts count themselves in Go (see addCounts): an AFTER INSERT trigger
-- makes SQLite keep a statement journal for every inserted row, a copy of
-- each page the row touches, and that tripled the cost of an imported
-- contact. Deletes and the demo flag changing keep their triggers: a DELETE
-- of many rows journals anyway, and those paths are rare.
DROP TRIGGER contacts_counted;
DROP TRIGGER demo_counted;
DROP TRIGGER orders_counted;
