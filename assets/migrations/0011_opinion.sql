-- The binôme's overall opinion (optional): ready for a job, ready with support, project to consolidate.
ALTER TABLE feedback ADD COLUMN opinion TEXT
    CHECK (opinion IS NULL OR opinion IN ('ready', 'ready_with_support', 'consolidate'));
