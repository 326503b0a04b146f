-- Version 11: the index's files are stored in 64 KiB pieces and read on demand, so opening
-- a journal no longer reads (and decrypts) the whole index.
DROP TABLE search_files;
CREATE TABLE search_files (
    name  TEXT PRIMARY KEY,
    len   INTEGER NOT NULL
);
CREATE TABLE search_chunks (
    name  TEXT NOT NULL,
    n     INTEGER NOT NULL,
    data  BLOB NOT NULL,
    PRIMARY KEY (name, n)
);
-- The next open rebuilds the index in the new layout from the entries.
UPDATE search_state SET format = 0, generation = generation + 1;
