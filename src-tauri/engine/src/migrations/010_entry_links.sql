-- Version 10: links between entries (an imported Obsidian note's wikilinks to other
-- imported notes). A link goes from the entry whose text holds it, by the target written
-- there (lower-cased, without `#part` or `|alias`: `[[Q1 plan#Goals|goals]]` is "q1 plan"),
-- to the entry that target found; it goes when either entry is deleted for good.
CREATE TABLE entry_links (
    from_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    target  TEXT NOT NULL,
    to_id   TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    PRIMARY KEY (from_id, target),
    CHECK (from_id <> to_id)
) WITHOUT ROWID;
CREATE INDEX entry_links_to ON entry_links(to_id);

-- Links travel to the other devices like the entries they join (see 009_sync.sql).
CREATE TRIGGER sync_entry_links_insert AFTER INSERT ON entry_links
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('entry_links', json_array(NEW.from_id, NEW.target)); END;
CREATE TRIGGER sync_entry_links_update AFTER UPDATE ON entry_links
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('entry_links', json_array(NEW.from_id, NEW.target)); END;
CREATE TRIGGER sync_entry_links_delete AFTER DELETE ON entry_links
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('entry_links', json_array(OLD.from_id, OLD.target)); END;
