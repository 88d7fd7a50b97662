-- Stable identities (issue 23, « Sync »): the database gets a random id of its own, and every row
-- with an integer key that can travel to another laptop gets a random `uid` (a version-4 UUID)
-- beside it. Integer keys stay the local handles; the uid is what names the same row in two
-- files (a merge, the report counting a person met in two files once). Rows keyed by other rows
-- (membership, attendance, panel_member…) travel by their parents' uids. Old rows get their uid
-- here; new ones from the AFTER INSERT trigger when the insert gave none (an applied change
-- brings its own). Printed sheets stay on their laptop: no uid.
INSERT OR IGNORE INTO app_state (key, value)
VALUES ('database_id', lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
       || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))));

ALTER TABLE cohort ADD COLUMN uid TEXT;
UPDATE cohort SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
       || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE uid IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS cohort_uid ON cohort(uid);
CREATE TRIGGER IF NOT EXISTS cohort_uid_fill AFTER INSERT ON cohort WHEN NEW.uid IS NULL BEGIN
    UPDATE cohort SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
                        || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
     WHERE id = NEW.id;
END;

ALTER TABLE person ADD COLUMN uid TEXT;
UPDATE person SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
       || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE uid IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS person_uid ON person(uid);
CREATE TRIGGER IF NOT EXISTS person_uid_fill AFTER INSERT ON person WHEN NEW.uid IS NULL BEGIN
    UPDATE person SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
                        || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
     WHERE id = NEW.id;
END;

ALTER TABLE session ADD COLUMN uid TEXT;
UPDATE session SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
       || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE uid IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS session_uid ON session(uid);
CREATE TRIGGER IF NOT EXISTS session_uid_fill AFTER INSERT ON session WHEN NEW.uid IS NULL BEGIN
    UPDATE session SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
                        || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
     WHERE id = NEW.id;
END;

ALTER TABLE panel ADD COLUMN uid TEXT;
UPDATE panel SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
       || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE uid IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS panel_uid ON panel(uid);
CREATE TRIGGER IF NOT EXISTS panel_uid_fill AFTER INSERT ON panel WHEN NEW.uid IS NULL BEGIN
    UPDATE panel SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
                        || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
     WHERE id = NEW.id;
END;

ALTER TABLE plan_version ADD COLUMN uid TEXT;
UPDATE plan_version SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
       || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE uid IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS plan_version_uid ON plan_version(uid);
CREATE TRIGGER IF NOT EXISTS plan_version_uid_fill AFTER INSERT ON plan_version WHEN NEW.uid IS NULL BEGIN
    UPDATE plan_version SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
                        || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
     WHERE id = NEW.id;
END;

ALTER TABLE interview ADD COLUMN uid TEXT;
UPDATE interview SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
       || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE uid IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS interview_uid ON interview(uid);
CREATE TRIGGER IF NOT EXISTS interview_uid_fill AFTER INSERT ON interview WHEN NEW.uid IS NULL BEGIN
    UPDATE interview SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
                        || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
     WHERE id = NEW.id;
END;

ALTER TABLE clock_event ADD COLUMN uid TEXT;
UPDATE clock_event SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
       || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE uid IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS clock_event_uid ON clock_event(uid);
CREATE TRIGGER IF NOT EXISTS clock_event_uid_fill AFTER INSERT ON clock_event WHEN NEW.uid IS NULL BEGIN
    UPDATE clock_event SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
                        || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
     WHERE id = NEW.id;
END;

ALTER TABLE feedback ADD COLUMN uid TEXT;
UPDATE feedback SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
       || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE uid IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS feedback_uid ON feedback(uid);
CREATE TRIGGER IF NOT EXISTS feedback_uid_fill AFTER INSERT ON feedback WHEN NEW.uid IS NULL BEGIN
    UPDATE feedback SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
                        || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
     WHERE id = NEW.id;
END;

ALTER TABLE proposal ADD COLUMN uid TEXT;
UPDATE proposal SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
       || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE uid IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS proposal_uid ON proposal(uid);
CREATE TRIGGER IF NOT EXISTS proposal_uid_fill AFTER INSERT ON proposal WHEN NEW.uid IS NULL BEGIN
    UPDATE proposal SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
                        || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
     WHERE id = NEW.id;
END;

ALTER TABLE note ADD COLUMN uid TEXT;
UPDATE note SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
       || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE uid IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS note_uid ON note(uid);
CREATE TRIGGER IF NOT EXISTS note_uid_fill AFTER INSERT ON note WHEN NEW.uid IS NULL BEGIN
    UPDATE note SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
                        || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
     WHERE id = NEW.id;
END;

ALTER TABLE action_item ADD COLUMN uid TEXT;
UPDATE action_item SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
       || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE uid IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS action_item_uid ON action_item(uid);
CREATE TRIGGER IF NOT EXISTS action_item_uid_fill AFTER INSERT ON action_item WHEN NEW.uid IS NULL BEGIN
    UPDATE action_item SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
                        || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
     WHERE id = NEW.id;
END;

ALTER TABLE status_change ADD COLUMN uid TEXT;
UPDATE status_change SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
       || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE uid IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS status_change_uid ON status_change(uid);
CREATE TRIGGER IF NOT EXISTS status_change_uid_fill AFTER INSERT ON status_change WHEN NEW.uid IS NULL BEGIN
    UPDATE status_change SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
                        || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
     WHERE id = NEW.id;
END;

ALTER TABLE followup_contact ADD COLUMN uid TEXT;
UPDATE followup_contact SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
       || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE uid IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS followup_contact_uid ON followup_contact(uid);
CREATE TRIGGER IF NOT EXISTS followup_contact_uid_fill AFTER INSERT ON followup_contact WHEN NEW.uid IS NULL BEGIN
    UPDATE followup_contact SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
                        || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
     WHERE id = NEW.id;
END;

ALTER TABLE outcome ADD COLUMN uid TEXT;
UPDATE outcome SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
       || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE uid IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS outcome_uid ON outcome(uid);
CREATE TRIGGER IF NOT EXISTS outcome_uid_fill AFTER INSERT ON outcome WHEN NEW.uid IS NULL BEGIN
    UPDATE outcome SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
                        || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
     WHERE id = NEW.id;
END;

ALTER TABLE mentor_pairing ADD COLUMN uid TEXT;
UPDATE mentor_pairing SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
       || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE uid IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS mentor_pairing_uid ON mentor_pairing(uid);
CREATE TRIGGER IF NOT EXISTS mentor_pairing_uid_fill AFTER INSERT ON mentor_pairing WHEN NEW.uid IS NULL BEGIN
    UPDATE mentor_pairing SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
                        || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
     WHERE id = NEW.id;
END;

ALTER TABLE agenda_item ADD COLUMN uid TEXT;
UPDATE agenda_item SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
       || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE uid IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS agenda_item_uid ON agenda_item(uid);
CREATE TRIGGER IF NOT EXISTS agenda_item_uid_fill AFTER INSERT ON agenda_item WHEN NEW.uid IS NULL BEGIN
    UPDATE agenda_item SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
                        || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
     WHERE id = NEW.id;
END;
