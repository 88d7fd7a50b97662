-- placeholder for another branch's migration 0018 (issue 22's branch needs a contiguous list); the lead drops this file at merge.
SELECT 1;
