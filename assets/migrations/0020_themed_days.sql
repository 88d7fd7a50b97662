-- Themed days (issue 22): the run of show of a session, the sectors it presents and what each
-- participant said about them. Items are read back in `position` order; the speaker is kept as
-- written and linked to the person of the pool it names, when there is one.
CREATE TABLE IF NOT EXISTS agenda_item (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    speaker    TEXT NOT NULL DEFAULT '',
    person_id  INTEGER REFERENCES person(id) ON DELETE SET NULL,
    minutes    INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
    kind       TEXT NOT NULL CHECK (kind IN ('expose', 'questions', 'temoignage', 'pause', 'echanges'))
);
CREATE INDEX IF NOT EXISTS agenda_item_session ON agenda_item(session_id, position);

CREATE TABLE IF NOT EXISTS session_sector (
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    sector     TEXT NOT NULL,
    PRIMARY KEY (session_id, sector)
);

CREATE TABLE IF NOT EXISTS interest (
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    sector     TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('interested', 'wants_information', 'wants_to_apply')),
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, person_id, sector)
);
