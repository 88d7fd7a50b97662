-- « Nommé dans les bilans » (issue 21): a professional who agreed to have their first name in the
-- partner reports. Default no.
ALTER TABLE person ADD COLUMN named_in_reports INTEGER NOT NULL DEFAULT 0;
