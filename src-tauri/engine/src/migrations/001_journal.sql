-- Version 1: people, entries with feedback fields, revisions, trash, action items.
CREATE TABLE people (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL UNIQUE,   -- lower-cased name: names are unique ignoring case
    role          TEXT,
    relationship  TEXT NOT NULL,
    cadence_days  INTEGER,
    archived      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE entries (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    date          TEXT NOT NULL,          -- YYYY-MM-DD
    person_id     TEXT REFERENCES people(id),
    title         TEXT NOT NULL,
    body          TEXT NOT NULL,
    tags          TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    mood          INTEGER,
    fb_received   INTEGER,                -- feedback only: 1 when the manager received it
    fb_direction  TEXT,                   -- praise | constructive
    fb_situation  TEXT,
    fb_behavior   TEXT,
    fb_impact     TEXT,
    fb_planned    INTEGER,                -- 1 planned, 0 delivered
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT                    -- set when the entry is in the trash
);
CREATE INDEX entries_date ON entries(date);
CREATE INDEX entries_person ON entries(person_id, date);

-- The previous version of an entry, saved on every edit.
CREATE TABLE revisions (
    id            INTEGER PRIMARY KEY,
    entry_id      TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    saved_at      TEXT NOT NULL,
    snapshot      TEXT NOT NULL           -- JSON of the entry as it was
);
CREATE INDEX revisions_entry ON revisions(entry_id);

CREATE TABLE action_items (
    id            TEXT PRIMARY KEY,
    person_id     TEXT NOT NULL REFERENCES people(id),
    entry_id      TEXT REFERENCES entries(id) ON DELETE SET NULL,
    text          TEXT NOT NULL,
    owner         TEXT NOT NULL,          -- me | them
    due           TEXT,
    done_at       TEXT,
    created_at    TEXT NOT NULL
);
CREATE INDEX action_items_person ON action_items(person_id, done_at);
