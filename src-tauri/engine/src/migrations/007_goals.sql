-- Version 7: goals per person (or the manager's own, person_id NULL), the entries that
-- check in on them, and starred entries (highlights for a review).
CREATE TABLE goals (
    id TEXT PRIMARY KEY,
    person_id TEXT REFERENCES people(id),
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    due TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    closed_at TEXT
);
CREATE INDEX goals_by_person ON goals(person_id, status);

CREATE TABLE goal_entries (
    goal_id TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    PRIMARY KEY (goal_id, entry_id)
);
CREATE INDEX goal_entries_by_entry ON goal_entries(entry_id);

CREATE TABLE entry_stars (
    entry_id TEXT PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
    starred_at TEXT NOT NULL
);
