-- Version 2: the full-text index lives inside the encrypted database.

-- tantivy's files, one row each (segments, meta.json, .managed.json).
CREATE TABLE search_files (
    name  TEXT PRIMARY KEY,
    data  BLOB NOT NULL
);

-- Every change to an entry, in order. The index applies them and deletes the rows it has
-- seen in the same transaction, so rows left here are changes the index has yet to see.
CREATE TABLE changes (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id  TEXT NOT NULL
);

-- seq: the last change the index has seen; format: the index layout it was built with;
-- generation: bumped on every write of search_files, so a process whose copy of the index
-- is older (another process wrote since) reloads it instead of overwriting newer files.
CREATE TABLE search_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    seq         INTEGER NOT NULL,
    format      INTEGER NOT NULL,
    generation  INTEGER NOT NULL
);
INSERT INTO search_state (id, seq, format, generation) VALUES (1, 0, 0, 0);

-- Triggers, so that every write path (the model, imports, the demo) is tracked.
CREATE TRIGGER entries_changed_insert AFTER INSERT ON entries
BEGIN
    INSERT INTO changes (entry_id) VALUES (NEW.id);
END;
CREATE TRIGGER entries_changed_update AFTER UPDATE ON entries
BEGIN
    INSERT INTO changes (entry_id) VALUES (NEW.id);
END;
CREATE TRIGGER entries_changed_delete AFTER DELETE ON entries
BEGIN
    INSERT INTO changes (entry_id) VALUES (OLD.id);
END;
-- A renamed person changes the text of every entry with them.
CREATE TRIGGER people_renamed AFTER UPDATE OF name ON people
BEGIN
    INSERT INTO changes (entry_id) SELECT id FROM entries WHERE person_id = NEW.id;
END;

-- Entries that existed before the index: index them on first open.
INSERT INTO changes (entry_id) SELECT id FROM entries;
