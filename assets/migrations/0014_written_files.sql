-- Files Passerelle wrote away from the database (exports, prints, `backup -o`): purge names the
-- ones still there, and a later write may replace them without --force. Paths only, no content.
CREATE TABLE IF NOT EXISTS written_file (
    path       TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    written_at TEXT NOT NULL
);
