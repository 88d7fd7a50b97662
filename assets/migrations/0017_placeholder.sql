-- Placeholder on branch wt-20 only: version 17 belongs to the candidate statuses (issue 19, another
-- branch). The merge replaces this file and its line in store/open.rs with that migration.
SELECT 1;
