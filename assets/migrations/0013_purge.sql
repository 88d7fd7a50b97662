-- What is left of a session once its personal data is purged: anonymous counts only.
CREATE TABLE session_tally (
    session_id INTEGER PRIMARY KEY REFERENCES session(id) ON DELETE CASCADE,
    expected   INTEGER NOT NULL,
    present    INTEGER NOT NULL,
    interviews INTEGER NOT NULL,
    proposals  INTEGER NOT NULL,
    purged_on  TEXT NOT NULL
);
