-- Cohorts, people and their roles, sessions.
CREATE TABLE cohort (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    establishment TEXT NOT NULL DEFAULT '',
    start_date    TEXT,
    end_date      TEXT,
    partners      TEXT NOT NULL DEFAULT '',
    archived      INTEGER NOT NULL DEFAULT 0
);

-- A person exists once; professionals take part in many cohorts over the years.
CREATE TABLE person (
    id           INTEGER PRIMARY KEY,
    first_name   TEXT NOT NULL,
    last_name    TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT ''
);

-- Membership carries the role.
CREATE TABLE membership (
    cohort_id   INTEGER NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES person(id),
    role        TEXT NOT NULL CHECK (role IN ('candidate', 'professional', 'staff')),
    staff_role  TEXT,
    sectors     TEXT NOT NULL DEFAULT '',
    project     TEXT NOT NULL DEFAULT '',
    target_area TEXT NOT NULL DEFAULT '',
    archived    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (cohort_id, person_id)
);
CREATE INDEX membership_person ON membership(person_id);

-- Sensitive candidate details live apart so that no export can pick them up by accident.
CREATE TABLE candidate_sensitive (
    cohort_id      INTEGER NOT NULL,
    person_id      INTEGER NOT NULL,
    release_date   TEXT,
    housing        TEXT NOT NULL DEFAULT '',
    judicial_notes TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (cohort_id, person_id),
    FOREIGN KEY (cohort_id, person_id) REFERENCES membership(cohort_id, person_id) ON DELETE CASCADE
);

CREATE TABLE session (
    id         INTEGER PRIMARY KEY,
    cohort_id  INTEGER NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('info_meeting', 'coaching', 'job_training',
                                             'grand_oral', 'themed_day', 'review')),
    date       TEXT NOT NULL,
    start_time TEXT,
    place      TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX session_cohort ON session(cohort_id, date);

-- Small key/value memory of the application (last cohort and session used).
CREATE TABLE app_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
