-- Version 8: the time zone an imported entry was written in (Day One's `timeZone`, a
-- front-matter date with an offset). Entries keep their local date; this keeps where
-- and at what offset that was.
CREATE TABLE entry_zones (
    entry_id TEXT PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
    utc_offset_minutes INTEGER NOT NULL,
    zone TEXT
);
