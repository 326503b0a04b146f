-- Version 3: settings (automatic backups), a change counter, and import keys.

-- Small named settings, e.g. backup.dir, backup.keep, backup.recipient.
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- generation: bumped by every change to the journal's content, so an automatic backup
-- can tell whether anything changed since the last one.
CREATE TABLE journal_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    generation  INTEGER NOT NULL
);
INSERT INTO journal_state (id, generation) VALUES (1, 0);

CREATE TRIGGER entries_gen_insert AFTER INSERT ON entries
BEGIN UPDATE journal_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER entries_gen_update AFTER UPDATE ON entries
BEGIN UPDATE journal_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER entries_gen_delete AFTER DELETE ON entries
BEGIN UPDATE journal_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER people_gen_insert AFTER INSERT ON people
BEGIN UPDATE journal_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER people_gen_update AFTER UPDATE ON people
BEGIN UPDATE journal_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER people_gen_delete AFTER DELETE ON people
BEGIN UPDATE journal_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER actions_gen_insert AFTER INSERT ON action_items
BEGIN UPDATE journal_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER actions_gen_update AFTER UPDATE ON action_items
BEGIN UPDATE journal_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER actions_gen_delete AFTER DELETE ON action_items
BEGIN UPDATE journal_state SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER revisions_gen_delete AFTER DELETE ON revisions
BEGIN UPDATE journal_state SET generation = generation + 1 WHERE id = 1; END;

-- Where imported entries came from (e.g. "dayone:UUID", "jrnl:<sha-256 of the entry>"),
-- so importing the same file twice adds nothing. Kept when the entry is later deleted:
-- importing the file again does not bring back what the user removed.
CREATE TABLE import_keys (
    key       TEXT PRIMARY KEY,
    entry_id  TEXT NOT NULL
);
