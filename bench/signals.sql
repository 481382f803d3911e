-- Facts for bench/signals.sh, written straight into reporting's database (what its consumers would have stored from
-- the other services' events, in the same JSON): the measured tenant :'tenant' and 99 others of the same size
-- (10,000 risks, 2,000 control exceptions, 20,000 treatment actions, 5,000 evidence records, 93 controls, 20 members),
-- then 900 small tenants (a hundredth of that) so that the nightly snapshot runs over 1,000 tenants.
-- psql -v tenant=<uuid> -v day=<yyyy-mm-dd, today> -f bench/signals.sql
\set ON_ERROR_STOP on
\timing on

CREATE TEMP TABLE bench_tenants AS
SELECT t.n,
       CASE WHEN t.n = 1 THEN :'tenant'::uuid ELSE md5('bench-signals-tenant-' || t.n)::uuid END AS id,
       CASE WHEN t.n <= 100 THEN 1 ELSE 100 END AS divisor
FROM generate_series(1, 1000) AS t(n);

INSERT INTO "KnownTenants" ("TenantId", "Name", "Slug", "Status", "OnboardedAtUtc", "UpdatedAtUtc", "StatusChangedAtUtc")
SELECT id, 'Bench signals ' || n, 'bench-signals-' || n, 'Active', now(), now(), now() FROM bench_tenants WHERE n > 1;
-- Followed from their start: the backfill job must not ask the services about them.
INSERT INTO "TenantFactSources" ("TenantId", "FollowedSince", "StateRequestedAt")
SELECT id, now() - interval '2 years', NULL FROM bench_tenants WHERE n > 1;

-- The measured tenant's controls came from risk-api's seeded SoA; the others get 93 of their own.
INSERT INTO "Facts" ("TenantId", "Kind", "RecordId", "Version", "EffectiveAt", "Deleted", "Data", "ReceivedAt")
SELECT t.id, 'Control', md5(t.id::text || 'control' || c)::uuid, 1, now() - interval '400 days', false,
       json_build_object('reference', 'A.' || (5 + c % 4) || '.' || c, 'title', 'Control ' || c, 'applicable', true,
                         'implementationStatus', (ARRAY['Implemented', 'Implemented', 'PartiallyImplemented', 'NotImplemented'])[1 + c % 4],
                         'owner', 'owner' || (c % 20) || '@bench.example', 'evidenceCadenceDays', (ARRAY[30, 90, 365, NULL])[1 + c % 4])::text,
       now()
FROM bench_tenants t, generate_series(1, 93) AS c WHERE t.n > 1;

CREATE TEMP TABLE bench_controls AS
SELECT "TenantId" AS tenant, "RecordId" AS id, ("Data"::json ->> 'reference') AS reference,
       row_number() OVER (PARTITION BY "TenantId" ORDER BY "RecordId") - 1 AS i
FROM "Facts" f JOIN bench_tenants t ON t.id = f."TenantId" WHERE "Kind" = 'Control';
CREATE INDEX ON bench_controls (tenant, i);
ANALYZE bench_controls;

-- Members (owners are among them; the last two are suspended, so some owners are not active members).
INSERT INTO "Facts" ("TenantId", "Kind", "RecordId", "Version", "EffectiveAt", "Deleted", "Data", "ReceivedAt")
SELECT t.id, 'Member', md5(t.id::text || 'member' || m)::uuid, 1, now() - interval '500 days', false,
       json_build_object('email', 'owner' || m || '@bench.example', 'status', CASE WHEN m >= 18 THEN 1 ELSE 0 END, 'accessEndsAt', NULL)::text, now()
FROM bench_tenants t, generate_series(0, 19) AS m;

-- Risks, each assessed at some point in the last 400 days.
INSERT INTO "Facts" ("TenantId", "Kind", "RecordId", "Version", "EffectiveAt", "Deleted", "Data", "ReceivedAt")
SELECT t.id, 'Risk', md5(t.id::text || 'risk' || r)::uuid, 1, a.at, false,
       json_build_object('title', 'Risk ' || r, 'owner', 'owner' || (r % 21) || '@bench.example',
                         'band', (ARRAY['Low', 'Medium', 'High', 'Critical'])[1 + r % 4],
                         'decision', (ARRAY['Treat', 'Treat', 'Accept', NULL])[1 + (r / 4) % 4], 'lastAssessedAt', a.at)::text, now()
FROM bench_tenants t, generate_series(1, 10000) AS r,
     LATERAL (SELECT (:'day'::date - ((r * 37) % 400)) + time '09:00' AT TIME ZONE 'UTC' AS at) a
WHERE r <= 10000 / t.divisor;

-- Treatment actions on those risks, due from 200 days ago to 200 days ahead.
INSERT INTO "Facts" ("TenantId", "Kind", "RecordId", "Version", "EffectiveAt", "Deleted", "Data", "ReceivedAt")
SELECT t.id, 'TreatmentAction', md5(t.id::text || 'action' || x)::uuid, 1, now() - interval '300 days', false,
       json_build_object('riskId', md5(t.id::text || 'risk' || (1 + x % (10000 / t.divisor)))::uuid, 'title', 'Action ' || x,
                         'owner', 'owner' || (x % 20) || '@bench.example', 'dueOn', :'day'::date - 200 + (x * 13) % 400,
                         'status', (ARRAY['Planned', 'InProgress', 'Done', 'Cancelled'])[1 + x % 4], 'sourceIncidentId', NULL)::text, now()
FROM bench_tenants t, generate_series(1, 20000) AS x
WHERE x <= 20000 / t.divisor;

-- Control exceptions: first granted up to 500 days ago, expiring up to 100 days either side of today.
INSERT INTO "Facts" ("TenantId", "Kind", "RecordId", "Version", "EffectiveAt", "Deleted", "Data", "ReceivedAt")
SELECT t.id, 'ControlException', md5(t.id::text || 'exception' || e)::uuid, 1, g.at, false,
       json_build_object('controlId', c.id, 'controlReference', c.reference, 'riskId', md5(t.id::text || 'risk' || (1 + e % (10000 / t.divisor)))::uuid,
                         'firstGrantedAt', g.at, 'expiresOn', :'day'::date - 100 + (e * 7) % 200, 'renewalCount', e % 3,
                         'state', CASE WHEN e % 10 = 0 THEN 2 ELSE 0 END, 'at', g.at)::text, now()
FROM bench_tenants t, generate_series(1, 2000) AS e,
     LATERAL (SELECT (:'day'::date - ((e * 11) % 500)) + time '10:00' AT TIME ZONE 'UTC' AS at) g,
     LATERAL (SELECT id, reference FROM bench_controls WHERE tenant = t.id AND i = e % 93) c
WHERE e <= 2000 / t.divisor;

-- Evidence, collected over the last 400 days.
INSERT INTO "Facts" ("TenantId", "Kind", "RecordId", "Version", "EffectiveAt", "Deleted", "Data", "ReceivedAt")
SELECT t.id, 'Evidence', md5(t.id::text || 'evidence' || v)::uuid, 1, g.at, false,
       json_build_object('controlId', c.id, 'controlReference', c.reference, 'coversFrom', (g.at)::date - 30, 'coversTo', (g.at)::date,
                         'collectedAt', g.at)::text, now()
FROM bench_tenants t, generate_series(1, 5000) AS v,
     LATERAL (SELECT (:'day'::date - ((v * 17) % 400)) + time '11:00' AT TIME ZONE 'UTC' AS at) g,
     LATERAL (SELECT id, reference FROM bench_controls WHERE tenant = t.id AND i = v % 93) c
WHERE v <= 5000 / t.divisor;

VACUUM (ANALYZE) "Facts";

SELECT 'what' AS what, 'facts' AS facts
UNION ALL SELECT 'measured tenant', count(*)::text FROM "Facts" WHERE "TenantId" = :'tenant'::uuid
UNION ALL SELECT 'all tenants (' || (SELECT count(DISTINCT "TenantId") FROM "Facts") || ')', count(*)::text FROM "Facts";
