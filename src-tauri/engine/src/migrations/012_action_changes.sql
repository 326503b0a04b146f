-- Version 12: what nudges read of the action items, found without reading them all.
--
-- changes: bumped by every write to action_items, so an open journal's in-memory corpus
-- reads the items again only when they changed (a save of an entry does not).
CREATE TABLE action_changes (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    changes  INTEGER NOT NULL
);
INSERT INTO action_changes (id, changes) VALUES (1, 0);
CREATE TRIGGER action_changes_insert AFTER INSERT ON action_items
BEGIN UPDATE action_changes SET changes = changes + 1 WHERE id = 1; END;
CREATE TRIGGER action_changes_update AFTER UPDATE ON action_items
BEGIN UPDATE action_changes SET changes = changes + 1 WHERE id = 1; END;
CREATE TRIGGER action_changes_delete AFTER DELETE ON action_items
BEGIN UPDATE action_changes SET changes = changes + 1 WHERE id = 1; END;

-- The open items without a scan of every item ever made; and the items made from an entry
-- (which deleting the entry updates, and which the feedback rules look up).
CREATE INDEX action_items_open ON action_items(done_at);
CREATE INDEX action_items_entry ON action_items(entry_id, owner);
