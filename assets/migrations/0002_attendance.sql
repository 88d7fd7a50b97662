-- Attendance of a person at a session; a row exists for everyone on the list.
CREATE TABLE attendance (
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES person(id),
    status     TEXT NOT NULL DEFAULT 'expected'
               CHECK (status IN ('expected', 'present', 'late', 'absent', 'excused', 'left_early')),
    arrived_at TEXT,
    left_at    TEXT,
    reason     TEXT NOT NULL DEFAULT '',
    expected   INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (session_id, person_id)
);
CREATE INDEX attendance_person ON attendance(person_id);
