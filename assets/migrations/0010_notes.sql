-- Quick notes of the staff (Ctrl-N): never in partner exports.
CREATE TABLE note (
    id           INTEGER PRIMARY KEY,
    session_id   INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    candidate_id INTEGER REFERENCES person(id),
    round        INTEGER,
    text         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX note_session ON note(session_id);
