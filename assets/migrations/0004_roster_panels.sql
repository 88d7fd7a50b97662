-- Identity from roster files, and the binômes (panels) of a session.
ALTER TABLE person ADD COLUMN external_id TEXT;
CREATE INDEX person_external_id ON person(external_id);

CREATE TABLE panel (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    label      TEXT NOT NULL DEFAULT '',
    table_name TEXT NOT NULL DEFAULT ''
);
CREATE INDEX panel_session ON panel(session_id, position);

-- A professional sits in at most one panel of a session.
CREATE TABLE panel_member (
    panel_id   INTEGER NOT NULL REFERENCES panel(id) ON DELETE CASCADE,
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES person(id),
    PRIMARY KEY (panel_id, person_id),
    UNIQUE (session_id, person_id)
);
