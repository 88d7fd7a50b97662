-- What made a plan version, as columns: a kind code and its number (the round a re-plan started
-- from, the version a restore brought back). Older versions carried it as an English sentence in
-- `plan_version.note`; they are converted here and `note` is no longer written. A table of its
-- own (one row per version, going with it) keeps this migration safe to run twice.
CREATE TABLE IF NOT EXISTS plan_origin (
    plan_id      INTEGER PRIMARY KEY REFERENCES plan_version(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('generated', 'replanned', 'restored', 'swap')),
    from_round   INTEGER CHECK (from_round >= 1),
    from_version INTEGER CHECK (from_version >= 1),
    CHECK ((kind = 'replanned') = (from_round IS NOT NULL)),
    CHECK ((kind = 'restored') = (from_version IS NOT NULL))
);

INSERT OR IGNORE INTO plan_origin (plan_id, kind, from_round, from_version)
SELECT id,
       CASE
           WHEN note LIKE 'replanned from round %' AND CAST(substr(note, 22) AS INTEGER) >= 1
               THEN 'replanned'
           WHEN note LIKE 'restored v%' AND CAST(substr(note, 11) AS INTEGER) >= 1
               THEN 'restored'
           WHEN note = 'swap' THEN 'swap'
           ELSE 'generated'
       END,
       CASE
           WHEN note LIKE 'replanned from round %' AND CAST(substr(note, 22) AS INTEGER) >= 1
               THEN CAST(substr(note, 22) AS INTEGER)
       END,
       CASE
           WHEN note LIKE 'restored v%' AND CAST(substr(note, 11) AS INTEGER) >= 1
               THEN CAST(substr(note, 11) AS INTEGER)
       END
  FROM plan_version;
