-- The rotation clock's events: the position of the day is derived from them, never counted.
CREATE TABLE clock_event (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('start', 'pause', 'resume', 'nudge', 'skip', 'jump', 'end')),
    value      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX clock_event_session ON clock_event(session_id, at);
