-- A candidate who must not meet a professional (knows them, same company before…): panels
-- holding that professional are excluded from the candidate's interviews.
CREATE TABLE forbidden_pair (
    cohort_id       INTEGER NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
    candidate_id    INTEGER NOT NULL REFERENCES person(id),
    professional_id INTEGER NOT NULL REFERENCES person(id),
    PRIMARY KEY (cohort_id, candidate_id, professional_id)
);
