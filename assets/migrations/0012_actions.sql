-- Action plans: what will be done for a candidate, by whom, under which condition, by when.
-- They belong to the cohort (reviewed at the bilan intermédiaire and the comité de pilotage).
CREATE TABLE action_item (
    id           INTEGER PRIMARY KEY,
    cohort_id    INTEGER NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
    candidate_id INTEGER NOT NULL REFERENCES person(id),
    proposal_id  INTEGER REFERENCES proposal(id) ON DELETE SET NULL,
    what         TEXT NOT NULL DEFAULT '',
    owner_id     INTEGER REFERENCES person(id),
    condition    TEXT NOT NULL DEFAULT 'none'
                 CHECK (condition IN ('none', 'at_release', 'housing', 'judge', 'other')),
    due_date     TEXT,
    status       TEXT NOT NULL DEFAULT 'todo'
                 CHECK (status IN ('todo', 'in_progress', 'done', 'dropped'))
);
CREATE INDEX action_item_cohort ON action_item(cohort_id);
