-- placeholder for issue 19's migration (another branch); the lead drops this file at merge.
SELECT 1;
