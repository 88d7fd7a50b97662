-- « Nommé dans les bilans » (issue 21): the professionals who agreed to have their first name in
-- the partner reports; absent means no (the default). A table of its own, not a column, keeps this
-- migration safe to run twice.
CREATE TABLE IF NOT EXISTS person_named (
    person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE
);
