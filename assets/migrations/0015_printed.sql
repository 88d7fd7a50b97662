-- IF NOT EXISTS: a file marked one version behind (tests, a restored copy) can run it again.
-- Sheets printed for a session, with the plan version they were printed from: the
-- « modifications » sheet compares the plan now with the last printed version (#14).
CREATE TABLE IF NOT EXISTS printed_sheet (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    sheet      TEXT NOT NULL,
    plan_id    INTEGER REFERENCES plan_version(id) ON DELETE SET NULL,
    printed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS printed_sheet_session ON printed_sheet(session_id, printed_at);
