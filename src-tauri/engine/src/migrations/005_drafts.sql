-- Version 5: drafts. What the manager typed in an entry that cannot be saved yet (no
-- person for a one-on-one, nothing written but a name or a title, an action item not
-- yet added), held inside the encrypted database so that leaving a screen, locking,
-- closing the window or a crash never loses it.
CREATE TABLE drafts (
    id          TEXT PRIMARY KEY,
    entry_id    TEXT REFERENCES entries(id) ON DELETE SET NULL,  -- an existing entry being edited
    fields      TEXT NOT NULL,                                   -- JSON: the editor's fields as typed
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX drafts_updated ON drafts(updated_at);
