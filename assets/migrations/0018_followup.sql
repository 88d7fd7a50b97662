-- Follow-up after the grand oral (issue 20): the contact log, the release checklist, outcomes
-- (« sorties ») at release, 3 and 6 months, mentor pairings; and what a purge keeps of outcomes.
-- IF NOT EXISTS: safe to run twice, like 0016.
CREATE TABLE IF NOT EXISTS followup_contact (
    id           INTEGER PRIMARY KEY,
    cohort_id    INTEGER NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
    candidate_id INTEGER NOT NULL REFERENCES person(id),
    date         TEXT NOT NULL,
    kind         TEXT NOT NULL
                 CHECK (kind IN ('detention', 'spip', 'phone', 'mission_locale', 'france_travail', 'company')),
    with_person  INTEGER REFERENCES person(id) ON DELETE SET NULL,
    with_whom    TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    next_step    TEXT NOT NULL DEFAULT '',
    next_date    TEXT
);
CREATE INDEX IF NOT EXISTS followup_contact_cohort ON followup_contact(cohort_id, candidate_id);

CREATE TABLE IF NOT EXISTS release_check (
    cohort_id    INTEGER NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
    candidate_id INTEGER NOT NULL REFERENCES person(id),
    item         TEXT NOT NULL
                 CHECK (item IN ('housing', 'family', 'pro_contact', 'health', 'id_papers', 'bank_account')),
    answer       TEXT CHECK (answer IS NULL OR answer IN ('yes', 'in_progress', 'no', 'na')),
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (cohort_id, candidate_id, item)
);

-- One outcome per candidate and milestone; the category is a key of the outcome set in use.
CREATE TABLE IF NOT EXISTS outcome (
    id           INTEGER PRIMARY KEY,
    cohort_id    INTEGER NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
    candidate_id INTEGER NOT NULL REFERENCES person(id),
    milestone    TEXT NOT NULL CHECK (milestone IN ('release', 'month3', 'month6')),
    category     TEXT NOT NULL,
    employer     TEXT NOT NULL DEFAULT '',
    start_date   TEXT,
    source       TEXT CHECK (source IS NULL OR source IN ('proposal', 'company', 'mentor')),
    source_id    INTEGER,
    recorded_on  TEXT NOT NULL,
    UNIQUE (cohort_id, candidate_id, milestone)
);

CREATE TABLE IF NOT EXISTS mentor_pairing (
    id           INTEGER PRIMARY KEY,
    cohort_id    INTEGER NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
    mentor_id    INTEGER NOT NULL REFERENCES person(id),
    candidate_id INTEGER NOT NULL REFERENCES person(id),
    start_date   TEXT NOT NULL,
    end_date     TEXT,
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended', 'stopped'))
);

-- What a purge keeps of outcomes: anonymous counts per cohort, milestone and category.
CREATE TABLE IF NOT EXISTS outcome_tally (
    cohort_id  INTEGER NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
    milestone  TEXT NOT NULL,
    category   TEXT NOT NULL,
    count      INTEGER NOT NULL,
    purged_on  TEXT NOT NULL,
    PRIMARY KEY (cohort_id, milestone, category)
);
