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

-- When an attendance mark was last changed: the later mark wins a conflict.
ALTER TABLE attendance ADD COLUMN marked_at TEXT;
CREATE TRIGGER IF NOT EXISTS attendance_marked_insert AFTER INSERT ON attendance
WHEN NEW.marked_at IS NULL BEGIN
    UPDATE attendance SET marked_at = strftime('%Y-%m-%dT%H:%M:%f', 'now')
     WHERE session_id = NEW.session_id AND person_id = NEW.person_id;
END;
CREATE TRIGGER IF NOT EXISTS attendance_marked_update
AFTER UPDATE OF status, arrived_at, left_at, reason, expected ON attendance
WHEN NEW.marked_at IS OLD.marked_at BEGIN
    UPDATE attendance SET marked_at = strftime('%Y-%m-%dT%H:%M:%f', 'now')
     WHERE session_id = NEW.session_id AND person_id = NEW.person_id;
END;
