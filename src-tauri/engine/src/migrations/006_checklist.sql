-- Version 6: action items written as `- [ ] text` lines in an entry's notes. Such items
-- follow their line (edited or removed with it); items added any other way never do.
ALTER TABLE action_items ADD COLUMN from_line INTEGER NOT NULL DEFAULT 0;
