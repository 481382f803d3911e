-- Data for bench/management-review.sh: the facts of one tenant written straight into reporting-api's database, as
-- reporting would hold them after following risk-api: 10,000 risks (one version each, bands spread over the 5x5 grid,
-- 30 % undecided, 40 owners, last assessed over three years), 6,000 treatment actions (a third open and past due),
-- the 93 Annex A controls (implemented, most with a cadence) and 2,000 evidence records.
--
--   psql -v tenant=<tenant id> -f bench/management-review.sql
\set ON_ERROR_STOP on
SET synchronous_commit = off;
SELECT setseed(0.2026);

CREATE TEMP TABLE bench_risks AS
SELECT gen_random_uuid() AS id, n,
       (ARRAY['Low','Medium','Medium','High','High','Critical'])[1 + (n % 6)] AS band,
       CASE WHEN n % 10 < 3 THEN NULL ELSE (ARRAY['Treat','Accept','Transfer','Avoid'])[1 + (n % 4)] END AS decision,
       'owner' || (n % 40) || '@bench.example' AS owner,
       now() - (random() * interval '1095 days') AS assessed
FROM generate_series(1, 10000) n;

INSERT INTO "Facts" ("TenantId", "Kind", "RecordId", "Version", "EffectiveAt", "Deleted", "Data", "ReceivedAt")
SELECT :'tenant'::uuid, 'Risk', id, 1, assessed, false,
       json_build_object('title', 'Bench risk ' || n, 'owner', owner, 'band', band, 'decision', decision, 'lastAssessedAt', assessed)::text, assessed
FROM bench_risks;

INSERT INTO "Facts" ("TenantId", "Kind", "RecordId", "Version", "EffectiveAt", "Deleted", "Data", "ReceivedAt")
SELECT :'tenant'::uuid, 'TreatmentAction', gen_random_uuid(), 1, r.assessed, false,
       json_build_object('riskId', r.id, 'title', 'Treat bench risk ' || r.n, 'owner', r.owner,
                         'dueOn', to_char((now() - ((r.n % 90) - 30) * interval '1 day')::date, 'YYYY-MM-DD'),
                         'status', (ARRAY['Planned','InProgress','Done'])[1 + (r.n % 3)], 'sourceIncidentId', NULL)::text, r.assessed
FROM bench_risks r WHERE r.n % 5 < 3;

CREATE TEMP TABLE bench_controls AS
SELECT gen_random_uuid() AS id, n, 'A.' || (5 + n / 40) || '.' || (1 + n % 40) AS reference FROM generate_series(0, 92) n;

INSERT INTO "Facts" ("TenantId", "Kind", "RecordId", "Version", "EffectiveAt", "Deleted", "Data", "ReceivedAt")
SELECT :'tenant'::uuid, 'Control', id, 1, now() - interval '400 days', false,
       json_build_object('reference', reference, 'title', 'Control ' || reference, 'applicable', true, 'implementationStatus', 'Implemented',
                         'owner', 'owner' || (n % 40) || '@bench.example', 'evidenceCadenceDays', CASE WHEN n % 7 = 0 THEN NULL ELSE 90 END)::text,
       now() - interval '400 days'
FROM bench_controls;

INSERT INTO "Facts" ("TenantId", "Kind", "RecordId", "Version", "EffectiveAt", "Deleted", "Data", "ReceivedAt")
SELECT :'tenant'::uuid, 'Evidence', gen_random_uuid(), 1, collected, false,
       json_build_object('controlId', c.id, 'controlReference', c.reference,
                         'coversFrom', to_char((collected - interval '90 days')::date, 'YYYY-MM-DD'), 'coversTo', to_char(collected::date, 'YYYY-MM-DD'),
                         'collectedAt', collected)::text, collected
FROM (SELECT n, now() - (random() * interval '700 days') AS collected FROM generate_series(1, 2000) n) e
JOIN bench_controls c ON c.n = e.n % 93;

ANALYZE "Facts";
SELECT "Kind" AS what, count(*) FROM "Facts" WHERE "TenantId" = :'tenant'::uuid GROUP BY "Kind" ORDER BY 1;
