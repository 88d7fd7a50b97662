-- The candidate's path (issue 19): a history of status changes per person in a cohort, never
-- overwritten (the current status is the latest row), with its date, author and reasons.
-- Tables of their own (no ALTER TABLE) keep this migration safe to run twice, like 0016.
CREATE TABLE IF NOT EXISTS status_change (
    id             INTEGER PRIMARY KEY,
    cohort_id      INTEGER NOT NULL,
    person_id      INTEGER NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('referred', 'informed', 'candidate', 'selected',
                                                   'not_selected', 'started', 'withdrew', 'completed')),
    date           TEXT NOT NULL,
    author         TEXT NOT NULL DEFAULT '',
    referrer       TEXT CHECK (referrer IN ('cpip', 'mission_locale', 'france_travail', 'self',
                                            'themed_day')),
    motivation     TEXT CHECK (motivation IN ('yes', 'partly', 'no')),
    coherence      TEXT CHECK (coherence IN ('yes', 'partly', 'no')),
    local_priority TEXT CHECK (local_priority IN ('yes', 'partly', 'no')),
    withdrawal     TEXT CHECK (withdrawal IN ('transfer', 'release', 'health', 'incident',
                                              'demotivation', 'other')),
    note           TEXT NOT NULL DEFAULT '',
    FOREIGN KEY (cohort_id, person_id) REFERENCES membership(cohort_id, person_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS status_change_member ON status_change(cohort_id, person_id, id);

-- How many a cohort means to retain (« retenus 11/12 »); no row: the default, 12.
CREATE TABLE IF NOT EXISTS cohort_target (
    cohort_id   INTEGER PRIMARY KEY REFERENCES cohort(id) ON DELETE CASCADE,
    target_size INTEGER NOT NULL DEFAULT 12 CHECK (target_size >= 0)
);

-- Half days: a session's end time (HH:MM).
CREATE TABLE IF NOT EXISTS session_end (
    session_id INTEGER PRIMARY KEY REFERENCES session(id) ON DELETE CASCADE,
    end_time   TEXT NOT NULL
);

-- What is left of a cohort's path once purged: the anonymous funnel, like `session_tally`.
CREATE TABLE IF NOT EXISTS funnel_tally (
    cohort_id     INTEGER PRIMARY KEY REFERENCES cohort(id) ON DELETE CASCADE,
    reached       TEXT NOT NULL,
    current       TEXT NOT NULL,
    withdrawals   TEXT NOT NULL,
    before_start  INTEGER NOT NULL,
    purged_on     TEXT NOT NULL
);

-- Everyone already a candidate of a cohort has gone through selection: « terminé » when present
-- at a job training and at a grand oral of that cohort, « en parcours » otherwise, dated by the
-- cohort's first session (or its start).
INSERT INTO status_change (cohort_id, person_id, status, date, note)
SELECT m.cohort_id, m.person_id,
       CASE WHEN EXISTS (SELECT 1 FROM attendance a JOIN session s ON s.id = a.session_id
                          WHERE s.cohort_id = m.cohort_id AND a.person_id = m.person_id
                            AND s.kind = 'job_training'
                            AND a.status IN ('present', 'late', 'left_early'))
             AND EXISTS (SELECT 1 FROM attendance a JOIN session s ON s.id = a.session_id
                          WHERE s.cohort_id = m.cohort_id AND a.person_id = m.person_id
                            AND s.kind = 'grand_oral'
                            AND a.status IN ('present', 'late', 'left_early'))
            THEN 'completed' ELSE 'started' END,
       coalesce((SELECT min(s.date) FROM session s WHERE s.cohort_id = m.cohort_id),
                (SELECT c.start_date FROM cohort c WHERE c.id = m.cohort_id),
                '2000-01-01'),
       ''
  FROM membership m
 WHERE m.role = 'candidate'
   AND NOT EXISTS (SELECT 1 FROM status_change c
                    WHERE c.cohort_id = m.cohort_id AND c.person_id = m.person_id);
