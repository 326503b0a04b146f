-- Version 9: sync through a shared folder (see engine/src/sync).

-- This device's place in the sync folder. One row once sync is set up.
CREATE TABLE sync_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    journal_id  TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    folder      TEXT NOT NULL,
    next_seq    INTEGER NOT NULL,     -- the sequence number of this device's next segment
    hlc         INTEGER NOT NULL,     -- the hybrid logical clock's last value
    epoch       INTEGER NOT NULL,     -- the sync key this device writes with
    machine     TEXT NOT NULL,        -- where this copy of the vault lives: a copy elsewhere is a new device
    last_sync   TEXT,
    last_error  TEXT,
    -- journal.json as it should be in the folder, when writing it there has to wait
    -- (a rekey or passphrase change while the folder was away)
    journal_file_pending  TEXT
);

-- Sync keys by epoch (a rekey starts a new epoch; older segments stay readable).
CREATE TABLE sync_keys (
    epoch  INTEGER PRIMARY KEY,
    key    BLOB NOT NULL
);

-- Records changed locally and not yet written to a segment, filled by triggers.
CREATE TABLE sync_outbox (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl  TEXT NOT NULL,
    key  TEXT NOT NULL               -- JSON array of the primary key's values
);

-- The clock of each record's current state (or tombstone): last writer wins per record.
-- base: the clock of the version the writer had before its change (finds concurrent edits).
CREATE TABLE sync_clock (
    tbl      TEXT NOT NULL,
    key      TEXT NOT NULL,
    hlc      INTEGER NOT NULL,
    device   TEXT NOT NULL,
    base     INTEGER NOT NULL,
    deleted  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tbl, key)
);

-- Per other device: the last segment applied, and when it was last heard from.
CREATE TABLE sync_applied (
    device     TEXT PRIMARY KEY,
    seq        INTEGER NOT NULL,
    last_seen  TEXT,
    forgotten  INTEGER NOT NULL DEFAULT 0   -- a device gone for good: compaction stops waiting for it
);

-- Entries whose next outgoing state resolves their sync conflict on every device.
CREATE TABLE sync_resolutions (
    key  TEXT PRIMARY KEY
);

-- Operations waiting for a record they refer to (a person from a device not yet heard).
CREATE TABLE sync_pending (
    id  INTEGER PRIMARY KEY AUTOINCREMENT,
    hlc INTEGER NOT NULL,
    op  TEXT NOT NULL
);

-- Two devices edited one entry at once: the losing version, kept until resolved.
CREATE TABLE sync_conflicts (
    id           TEXT PRIMARY KEY,
    entry_id     TEXT NOT NULL,
    loser        TEXT,                -- the losing version's row (JSON); NULL: it was a deletion
    loser_local  INTEGER NOT NULL,    -- 1 when the losing version was this device's
    winner_hlc   INTEGER NOT NULL,
    at           TEXT NOT NULL
);
CREATE INDEX sync_conflicts_entry ON sync_conflicts(entry_id);

CREATE TRIGGER sync_people_insert AFTER INSERT ON people
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('people', json_array(NEW.id)); END;
CREATE TRIGGER sync_people_update AFTER UPDATE ON people
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('people', json_array(NEW.id)); END;
CREATE TRIGGER sync_people_delete AFTER DELETE ON people
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('people', json_array(OLD.id)); END;
CREATE TRIGGER sync_entries_insert AFTER INSERT ON entries
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('entries', json_array(NEW.id)); END;
CREATE TRIGGER sync_entries_update AFTER UPDATE ON entries
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('entries', json_array(NEW.id)); END;
CREATE TRIGGER sync_entries_delete AFTER DELETE ON entries
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('entries', json_array(OLD.id)); END;
CREATE TRIGGER sync_action_items_insert AFTER INSERT ON action_items
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('action_items', json_array(NEW.id)); END;
CREATE TRIGGER sync_action_items_update AFTER UPDATE ON action_items
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('action_items', json_array(NEW.id)); END;
CREATE TRIGGER sync_action_items_delete AFTER DELETE ON action_items
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('action_items', json_array(OLD.id)); END;
CREATE TRIGGER sync_settings_insert AFTER INSERT ON settings
WHEN EXISTS (SELECT 1 FROM sync_state) AND NEW.key NOT LIKE 'backup.%'
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('settings', json_array(NEW.key)); END;
CREATE TRIGGER sync_settings_update AFTER UPDATE ON settings
WHEN EXISTS (SELECT 1 FROM sync_state) AND NEW.key NOT LIKE 'backup.%'
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('settings', json_array(NEW.key)); END;
CREATE TRIGGER sync_settings_delete AFTER DELETE ON settings
WHEN EXISTS (SELECT 1 FROM sync_state) AND OLD.key NOT LIKE 'backup.%'
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('settings', json_array(OLD.key)); END;
CREATE TRIGGER sync_nudge_dismissals_insert AFTER INSERT ON nudge_dismissals
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('nudge_dismissals', json_array(NEW.id)); END;
CREATE TRIGGER sync_nudge_dismissals_update AFTER UPDATE ON nudge_dismissals
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('nudge_dismissals', json_array(NEW.id)); END;
CREATE TRIGGER sync_nudge_dismissals_delete AFTER DELETE ON nudge_dismissals
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('nudge_dismissals', json_array(OLD.id)); END;
CREATE TRIGGER sync_goals_insert AFTER INSERT ON goals
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('goals', json_array(NEW.id)); END;
CREATE TRIGGER sync_goals_update AFTER UPDATE ON goals
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('goals', json_array(NEW.id)); END;
CREATE TRIGGER sync_goals_delete AFTER DELETE ON goals
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('goals', json_array(OLD.id)); END;
CREATE TRIGGER sync_goal_entries_insert AFTER INSERT ON goal_entries
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('goal_entries', json_array(NEW.goal_id, NEW.entry_id)); END;
CREATE TRIGGER sync_goal_entries_update AFTER UPDATE ON goal_entries
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('goal_entries', json_array(NEW.goal_id, NEW.entry_id)); END;
CREATE TRIGGER sync_goal_entries_delete AFTER DELETE ON goal_entries
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('goal_entries', json_array(OLD.goal_id, OLD.entry_id)); END;
CREATE TRIGGER sync_entry_stars_insert AFTER INSERT ON entry_stars
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('entry_stars', json_array(NEW.entry_id)); END;
CREATE TRIGGER sync_entry_stars_update AFTER UPDATE ON entry_stars
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('entry_stars', json_array(NEW.entry_id)); END;
CREATE TRIGGER sync_entry_stars_delete AFTER DELETE ON entry_stars
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('entry_stars', json_array(OLD.entry_id)); END;
CREATE TRIGGER sync_entry_zones_insert AFTER INSERT ON entry_zones
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('entry_zones', json_array(NEW.entry_id)); END;
CREATE TRIGGER sync_entry_zones_update AFTER UPDATE ON entry_zones
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('entry_zones', json_array(NEW.entry_id)); END;
CREATE TRIGGER sync_entry_zones_delete AFTER DELETE ON entry_zones
WHEN EXISTS (SELECT 1 FROM sync_state)
BEGIN INSERT INTO sync_outbox (tbl, key) VALUES ('entry_zones', json_array(OLD.entry_id)); END;
