-- placeholder for issue 20's migration (another branch); the lead drops this file at merge.
SELECT 1;
