-- The measured tenant's audit programme: 300 audits over ten years (about one a fortnight, 95 % internal) and 5,000
-- findings spread over them, on 60 references (40 Annex A controls, 20 clauses), so many of them recur.
-- psql -v tenant=<uuid> -f bench/audit-programme.sql
\timing on
BEGIN;
DELETE FROM "Findings" WHERE "TenantId" = :'tenant';
DELETE FROM "Audits" WHERE "TenantId" = :'tenant';

INSERT INTO "Audits" ("Id", "TenantId", "Version", "Title", "Kind", "Year", "Scope", "Criteria", "Auditor", "ExternalBody",
                      "PlannedStartOn", "PlannedEndOn", "StartedOn", "CompletedOn", "Status", "CreatedAt", "UpdatedAt")
SELECT gen_random_uuid(), :'tenant', 2, 'Audit ' || n, CASE WHEN n % 20 = 0 THEN 'Surveillance' ELSE 'Internal' END,
       EXTRACT(YEAR FROM d)::int, 'The ISMS', 'Clauses 4–10, Annex A',
       CASE WHEN n % 20 = 0 THEN NULL ELSE 'admin@bench-audit.example' END, CASE WHEN n % 20 = 0 THEN 'Bench Certification B.V.' END,
       d, d + 2, d, d + 2, 'Completed', now(), now()
FROM (SELECT n, (current_date - (n * 12))::date AS d FROM generate_series(1, 300) AS n) AS a;

WITH refs AS (
    SELECT row_number() OVER () - 1 AS i, r FROM unnest(ARRAY[
        'A.5.1','A.5.2','A.5.3','A.5.7','A.5.9','A.5.10','A.5.12','A.5.15','A.5.17','A.5.18','A.5.19','A.5.23','A.5.24','A.5.26','A.5.29','A.5.30',
        'A.6.1','A.6.3','A.6.7','A.7.1','A.7.2','A.7.4','A.8.1','A.8.2','A.8.3','A.8.5','A.8.7','A.8.8','A.8.9','A.8.12','A.8.13','A.8.15',
        'A.8.16','A.8.20','A.8.23','A.8.24','A.8.25','A.8.28','A.8.32','A.8.34',
        '4.1','4.2','4.3','5.1','5.2','5.3','6.1.2','6.1.3','6.2','7.2','7.3','7.5.3','8.1','8.2','9.1','9.2.2','9.3.2','10.1','10.2','7.4'
    ]) AS r),
audits AS (SELECT row_number() OVER (ORDER BY "PlannedStartOn") - 1 AS i, "Id", "StartedOn" FROM "Audits" WHERE "TenantId" = :'tenant')
INSERT INTO "Findings" ("Id", "TenantId", "Version", "AuditId", "Kind", "Reference", "Description", "Status", "RaisedOn",
                        "RecurrenceWindowStart", "RaisedBy", "CreatedAt", "UpdatedAt")
SELECT gen_random_uuid(), :'tenant', 0, a."Id",
       (ARRAY['MajorNonconformity','MinorNonconformity','MinorNonconformity','Observation','OpportunityForImprovement'])[1 + n % 5],
       refs.r, 'Bench finding ' || n, CASE WHEN n % 3 = 0 THEN 'Closed' ELSE 'Open' END,
       a."StartedOn" + (n % 3), a."StartedOn" + (n % 3) - 730, 'admin@bench-audit.example', now(), now()
FROM generate_series(0, 4999) AS n
JOIN audits a ON a.i = n % 300
JOIN refs ON refs.i = (n * 7) % 60;
COMMIT;
VACUUM (ANALYZE) "Audits", "Findings";
SELECT 'what' AS what, count(*) FILTER (WHERE true) AS rows FROM "Findings" WHERE "TenantId" = :'tenant'
UNION ALL SELECT 'audits', count(*) FROM "Audits" WHERE "TenantId" = :'tenant';
