-- Feedback belongs to the interview that took place: the panel's members and label at that
-- moment are kept, so a later re-plan or recomposition never moves it.
CREATE TABLE feedback (
    id            INTEGER PRIMARY KEY,
    session_id    INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    candidate_id  INTEGER NOT NULL REFERENCES person(id),
    round         INTEGER NOT NULL CHECK (round >= 1),
    panel_id      INTEGER,
    panel_label   TEXT NOT NULL DEFAULT '',
    panel_members TEXT NOT NULL DEFAULT '',
    criteria_set  TEXT NOT NULL,
    strengths     TEXT NOT NULL DEFAULT '',
    to_work_on    TEXT NOT NULL DEFAULT '',
    advice        TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT '',
    UNIQUE (session_id, candidate_id, round)
);

CREATE TABLE feedback_rating (
    feedback_id INTEGER NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
    criterion   TEXT NOT NULL,
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    PRIMARY KEY (feedback_id, criterion)
);
