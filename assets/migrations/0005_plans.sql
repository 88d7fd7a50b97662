-- Versions of a session's rotation plan; older versions are kept and can be restored.
CREATE TABLE plan_version (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    locked     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (session_id, version)
);

-- One interview of a plan version. The panel's label is kept as it was, so that a plan stays
-- readable after the binômes are recomposed.
CREATE TABLE interview (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES plan_version(id) ON DELETE CASCADE,
    round        INTEGER NOT NULL CHECK (round >= 1),
    panel_id     INTEGER REFERENCES panel(id) ON DELETE SET NULL,
    panel_label  TEXT NOT NULL DEFAULT '',
    candidate_id INTEGER NOT NULL REFERENCES person(id)
);
CREATE INDEX interview_plan ON interview(plan_id, round);
