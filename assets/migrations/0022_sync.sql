-- Sync (issue 23): what travels between laptops and what came back.
-- `sync_batch`: each batch of changes, as a changeset of SQLite's session extension written in its
-- origin's row ids, with the uids of the rows it names (`uids`, JSON: table → id → uid) so another
-- file can find its own rows. Local batches and imported ones alike: an imported batch is kept to
-- pass it on, and (origin, origin_seq) tells it was applied.
CREATE TABLE IF NOT EXISTS sync_batch (
    seq        INTEGER PRIMARY KEY,
    origin     TEXT NOT NULL,
    origin_seq INTEGER NOT NULL,
    made_at    TEXT NOT NULL,
    changes    BLOB NOT NULL,
    uids       TEXT NOT NULL,
    UNIQUE (origin, origin_seq)
);

-- What each peer received from us (its database id), and when we last heard from it.
CREATE TABLE IF NOT EXISTS sync_peer (
    peer        TEXT PRIMARY KEY,
    sent_upto   INTEGER NOT NULL DEFAULT 0,
    received_at TEXT
);

-- Two rows found to be one (the same person typed on two laptops): the uid that went, the one kept.
CREATE TABLE IF NOT EXISTS sync_alias (
    uid        TEXT PRIMARY KEY,
    table_name TEXT NOT NULL,
    kept_uid   TEXT NOT NULL,
    merged_at  TEXT NOT NULL
);

-- Every conflict an import met, with the side that did not win (or both feedback texts): never silent.
CREATE TABLE IF NOT EXISTS sync_conflict (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    origin     TEXT NOT NULL,
    table_name TEXT NOT NULL,
    kind       TEXT NOT NULL,
    row_key    TEXT NOT NULL,
    kept       TEXT NOT NULL,
    other      TEXT NOT NULL,
    resolved   INTEGER NOT NULL DEFAULT 0
);

-- When an attendance mark was last changed (written by the store with each mark): the later mark
-- wins a conflict. A table of its own, not a column, keeps this migration safe to run twice; no
-- foreign key, so that merging two people can move a mark with its attendance (purge clears orphans).
CREATE TABLE IF NOT EXISTS attendance_mark (
    session_id INTEGER NOT NULL,
    person_id  INTEGER NOT NULL,
    marked_at  TEXT NOT NULL,
    PRIMARY KEY (session_id, person_id)
);
