-- Proposals made by professionals to a candidate: in a feedback, or live at the grand oral.
CREATE TABLE proposal (
    id           INTEGER PRIMARY KEY,
    session_id   INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    candidate_id INTEGER NOT NULL REFERENCES person(id),
    feedback_id  INTEGER REFERENCES feedback(id) ON DELETE SET NULL,
    offered_by   INTEGER REFERENCES person(id),
    kind         TEXT NOT NULL CHECK (kind IN ('advice', 'network', 'immersion', 'mentoring',
                                              'job_offer', 'training', 'company_visit')),
    detail       TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'proposed'
                 CHECK (status IN ('proposed', 'accepted', 'in_progress', 'done', 'dropped'))
);
CREATE INDEX proposal_candidate ON proposal(candidate_id);
