-- Settings of a job-training day; a session without a row uses the defaults.
CREATE TABLE session_settings (
    session_id               INTEGER PRIMARY KEY REFERENCES session(id) ON DELETE CASCADE,
    interviews_per_candidate INTEGER NOT NULL CHECK (interviews_per_candidate BETWEEN 1 AND 12),
    interview_minutes        INTEGER NOT NULL CHECK (interview_minutes > 0),
    feedback_minutes         INTEGER NOT NULL CHECK (feedback_minutes >= 0),
    changeover_minutes       INTEGER NOT NULL CHECK (changeover_minutes >= 0),
    breaks                   TEXT NOT NULL DEFAULT '',
    warn_first_seconds       INTEGER NOT NULL,
    warn_second_seconds      INTEGER NOT NULL,
    criteria_set             TEXT NOT NULL DEFAULT 'job_training'
);
