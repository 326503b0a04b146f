-- Version 9: links between entries (an imported Obsidian note's wikilinks to other
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
