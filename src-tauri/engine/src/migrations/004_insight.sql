-- Version 4: themes and nudges.
--
-- Each entry's analysis (theme terms, lexicon hits, the fields the nudges read) is cached
-- inside the encrypted database, in tables the analyzer creates and rebuilds itself
-- whenever its version changes (insight_vocab, insight_meta, insight_terms): they are
-- derived data and can always be rebuilt from the entries. What must exist from the start
-- is the record of what changed.

-- Entries changed since they were analysed; filled by triggers on every write path.
CREATE TABLE insight_pending (
    entry_id  TEXT PRIMARY KEY
);
CREATE TRIGGER insight_entries_insert AFTER INSERT ON entries
BEGIN INSERT OR IGNORE INTO insight_pending (entry_id) VALUES (NEW.id); END;
CREATE TRIGGER insight_entries_update AFTER UPDATE ON entries
BEGIN INSERT OR IGNORE INTO insight_pending (entry_id) VALUES (NEW.id); END;
CREATE TRIGGER insight_entries_delete AFTER DELETE ON entries
BEGIN INSERT OR IGNORE INTO insight_pending (entry_id) VALUES (OLD.id); END;
INSERT INTO insight_pending (entry_id) SELECT id FROM entries;

-- version: the analyzer that built the cache (0: none yet; another version rebuilds it);
-- entries: how many entries the cache holds.
CREATE TABLE insight_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  INTEGER NOT NULL,
    entries  INTEGER NOT NULL
);
INSERT INTO insight_state (id, version, entries) VALUES (1, 0, 0);

-- Nudges the manager dismissed (until IS NULL) or snoozed until a date (YYYY-MM-DD).
CREATE TABLE nudge_dismissals (
    id            TEXT PRIMARY KEY,
    dismissed_at  TEXT NOT NULL,
    until         TEXT
);
