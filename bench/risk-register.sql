-- Data for bench/risk-register.sh: the measured tenant (onboarded through the API, its 93 SoA controls seeded by
-- risk-api) and 99 synthetic tenants of the same size, all written straight into risk-api's database.
--
--   psql -v tenant=<measured tenant id> -v slug=<its slug> -f bench/risk-register.sql
--
-- Per tenant: 93 controls (decided, owned, most with an evidence cadence), 200 assets, 10,000 risks with one
-- assessment each, ~6,000 treatment actions (some open and past due), ~6,000 control links, ~5,000 asset links,
-- 2,000 evidence records on its controls and 500 control exceptions. Values are spread so the planner sees
-- realistic statistics: scores peak in the middle of the 5x5 grid, residual <= inherent, 30 % undecided,
-- 40 owners with a skew, creation dates over three years, review dates following from the last assessment.
\set ON_ERROR_STOP on
\timing on
SET synchronous_commit = off;
SET maintenance_work_mem = '512MB';
-- Every reference below is built from rows just written, so the foreign-key triggers are skipped for the load
-- (superuser only; the dev cluster's isms role is one).
SET session_replication_role = replica;
SELECT setseed(0.2026);

-- Bulk load without the secondary indexes (built afterwards in one pass each, much faster than a million random
-- inserts into each); the definitions are the migration's own, read back from the catalogue.
CREATE TEMP TABLE bench_indexes AS
SELECT i.indexname, i.indexdef FROM pg_indexes i
WHERE i.schemaname = 'public'
  AND i.tablename IN ('Risks', 'RiskAssessments', 'TreatmentActions', 'ControlRisks', 'RiskAssets', 'Evidence', 'ControlExceptions')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname);
SELECT format('DROP INDEX %I', indexname) FROM bench_indexes \gexec

CREATE TEMP TABLE bench_tenants AS
SELECT :'tenant'::uuid AS tenant, :'slug'::text AS slug, true AS measured
UNION ALL
SELECT gen_random_uuid(), 'synthetic-' || lpad(n::text, 2, '0'), false FROM generate_series(1, 99) n;

-- The synthetic tenants exist for risk-api as if onboarded: known tenant, default settings, the Annex A catalogue.
INSERT INTO "KnownTenants" ("TenantId", "Name", "Slug", "Status", "OnboardedAtUtc", "UpdatedAtUtc", "StatusChangedAtUtc")
SELECT tenant, 'Bench ' || slug, slug, 'Active', now() - interval '3 years', now(), now() - interval '3 years'
FROM bench_tenants WHERE NOT measured;

INSERT INTO "RiskSettings" ("TenantId", "Version", "RiskAppetite", "ReviewIntervalDays", "MaxAcceptanceMonths", "MaxExceptionDays")
SELECT tenant, 0, 9, 180, 12, 180 FROM bench_tenants WHERE NOT measured;

INSERT INTO "Controls" ("Id", "TenantId", "Version", "Reference", "Title", "Theme", "IsCustom", "Guidance", "Applicable",
                        "Justification", "ImplementationStatus", "Owner", "EvidenceCadenceDays", "SortOrder", "UpdatedAt")
SELECT gen_random_uuid(), t.tenant, 0, c."Reference", c."Title", c."Theme", c."IsCustom", c."Guidance", c."Applicable",
       c."Justification", c."ImplementationStatus", c."Owner", c."EvidenceCadenceDays", c."SortOrder", c."UpdatedAt"
FROM bench_tenants t CROSS JOIN "Controls" c
WHERE NOT t.measured AND c."TenantId" = :'tenant'::uuid;

-- Three years of SoA work: most controls decided, owned, and with an evidence cadence.
UPDATE "Controls" c SET
    "Applicable" = r < 0.9,
    "Justification" = CASE WHEN r < 0.9 THEN 'Required by the risk treatment plan and customer contracts.'
                           ELSE 'No such activity in scope (no development outsourced).' END,
    "ImplementationStatus" = CASE WHEN r >= 0.9 THEN 'NotImplemented' WHEN r < 0.6 THEN 'Implemented'
                                  WHEN r < 0.75 THEN 'PartiallyImplemented' ELSE 'Planned' END,
    "Owner" = 'owner' || lpad((1 + floor(random() * 10))::int::text, 2, '0') || '@' || t.slug || '.example',
    "EvidenceCadenceDays" = CASE WHEN r >= 0.9 THEN NULL ELSE (ARRAY[30, 90, 90, 180, 365])[1 + floor(random() * 5)::int] END,
    "Version" = 3
FROM (SELECT "Id", random() AS r FROM "Controls") x, bench_tenants t
WHERE c."Id" = x."Id" AND c."TenantId" = t.tenant;

CREATE TEMP TABLE bench_controls AS
SELECT "TenantId" AS tenant, "Id" AS id, row_number() OVER (PARTITION BY "TenantId" ORDER BY "SortOrder") AS n
FROM "Controls";
CREATE INDEX ON bench_controls (tenant, n);

CREATE TEMP TABLE bench_assets AS
SELECT t.tenant, t.slug, n, gen_random_uuid() AS id FROM bench_tenants t CROSS JOIN generate_series(1, 200) n;
CREATE INDEX ON bench_assets (tenant, n);

INSERT INTO "Assets" ("Id", "TenantId", "Version", "Name", "Type", "Classification", "Owner", "InScope", "Description",
                      "AiModelProvider", "AiDataUsed", "AiAutomatedDecisions", "CreatedAt", "UpdatedAt")
SELECT id, tenant, 0,
       (ARRAY['CRM', 'Payroll', 'Build server', 'Customer database', 'Laptop fleet', 'Office network', 'HR records',
              'Support desk', 'Data warehouse', 'Billing'])[1 + (n % 10)] || ' ' || n,
       (ARRAY['Information', 'Service', 'System', 'Device', 'People'])[1 + (n % 5)],
       (ARRAY['Public', 'Internal', 'Confidential', 'Restricted'])[1 + (n % 4)],
       'owner' || lpad((1 + n % 40)::text, 2, '0') || '@' || slug || '.example', n % 10 <> 0, NULL,
       NULL, NULL, false, now() - interval '3 years', now() - interval '1 year'
FROM bench_assets;

-- Risks: one row per (tenant, g); the random draws are made once per row in the inner query.
INSERT INTO "Risks" ("Id", "TenantId", "Version", "Title", "Description", "Owner", "ResidualLikelihood", "ResidualImpact",
                     "CreatedAt", "UpdatedAt", "Decision", "InherentImpact", "InherentLikelihood", "InherentScore",
                     "LastAssessedAt", "NextReviewOn", "ResidualScore", "Status", "Threat", "Vulnerability")
SELECT gen_random_uuid(), tenant, 1 + floor(rv * 4)::int,
       (ARRAY['Ransomware', 'Phishing', 'Insider misuse', 'Supplier failure', 'Cloud misconfiguration', 'Laptop theft',
              'DDoS', 'Credential stuffing', 'Data leak', 'Backup failure', 'Privilege escalation', 'Unpatched software',
              'Shadow IT', 'Unauthorised physical access', 'Key person loss'])[1 + floor(rt * 15)::int]
           || (ARRAY[' affecting payroll', ' in the CRM', ' at the data centre', ' of customer data', ' in the build pipeline',
                     ' of the support desk', ' in the HR system', ' of the billing service'])[1 + floor(rw * 8)::int]
           || ' #' || g,
       CASE WHEN rd < 0.6 THEN 'Assessed in the annual risk workshop. The scenario considers the likelihood of the threat '
                               || 'materialising against current controls and the business impact on confidentiality, '
                               || 'integrity and availability of the affected service.' END,
       'owner' || lpad((1 + floor(ro * ro * 40))::int::text, 2, '0') || '@' || slug || '.example',
       rl, ri, created, updated, decision, ii, il, il * ii, updated, (updated::date + 180), rl * ri,
       CASE WHEN decision IS NULL THEN 'Open'
            WHEN decision = 'Accept' AND (rl * ri <= 9 OR rv < 0.5) THEN 'Accepted'
            WHEN decision = 'Accept' THEN 'AcceptancePending'
            ELSE 'InTreatment' END,
       CASE WHEN rd < 0.5 THEN 'External attacker or careless insider' END,
       CASE WHEN rd < 0.5 THEN 'Gaps in patching, monitoring or awareness' END
FROM (
    SELECT t.tenant, t.slug, g, rt, rw, rd, ro, rv, il, ii,
           greatest(1, il - floor(random() * 3)::int) AS rl,
           greatest(1, ii - floor(random() * 2)::int) AS ri,
           created, created + (now() - created) * random() AS updated,
           CASE WHEN rdec < 0.30 THEN NULL WHEN rdec < 0.75 THEN 'Treat' WHEN rdec < 0.90 THEN 'Accept'
                WHEN rdec < 0.95 THEN 'Transfer' ELSE 'Avoid' END AS decision
    FROM (
        SELECT t.tenant, t.slug, g, random() AS rt, random() AS rw, random() AS rd, random() AS ro, random() AS rv,
               random() AS rdec,
               least(5, 1 + floor(random() * 3 + random() * 3)::int) AS il,
               least(5, 1 + floor(random() * 3 + random() * 3)::int) AS ii,
               now() - random() * interval '1095 days' AS created
        FROM bench_tenants t CROSS JOIN generate_series(1, 10000) g
    ) t
) s;

INSERT INTO "RiskAssessments" ("Id", "TenantId", "RiskId", "AssessedAt", "AssessedBy", "Rationale",
                               "InherentLikelihoodAfter", "InherentImpactAfter", "ResidualLikelihoodAfter", "ResidualImpactAfter",
                               "InherentAfter", "ResidualAfter")
SELECT gen_random_uuid(), "TenantId", "Id", "LastAssessedAt", "Owner", 'Initial assessment',
       "InherentLikelihood", "InherentImpact", "ResidualLikelihood", "ResidualImpact", "InherentScore", "ResidualScore"
FROM "Risks";

-- Treatment: 80 % of the risks being treated have one or two actions; open ones whose due date passed are overdue.
INSERT INTO "TreatmentActions" ("Id", "TenantId", "Version", "RiskId", "Title", "Owner", "DueOn", "Status", "TicketUrl",
                                "SourceIncidentId", "CreatedAt", "UpdatedAt", "CompletedAt")
SELECT gen_random_uuid(), r."TenantId", 0, r."Id", 'Treatment step ' || k || ' for ' || left(r."Title", 60), r."Owner",
       (r."CreatedAt"::date + 30 + floor(random() * 400)::int),
       st, CASE WHEN random() < 0.3 THEN 'https://tickets.example/ISMS-' || floor(random() * 99999)::int END,
       NULL, r."CreatedAt", r."UpdatedAt", CASE WHEN st = 'Done' THEN r."UpdatedAt" END
FROM "Risks" r
-- The reference to r makes the lateral query run per risk (otherwise its random() would be drawn once).
CROSS JOIN LATERAL (SELECT k, CASE WHEN x < 0.40 THEN 'Done' WHEN x < 0.45 THEN 'Cancelled' WHEN x < 0.70 THEN 'InProgress'
                                   ELSE 'Planned' END AS st
                    FROM (SELECT k, random() AS x FROM generate_series(1, 1 + floor(random() * 2)::int + 0 * r."Version"::int) k) q) s
WHERE r."Decision" = 'Treat' AND random() < 0.8;

-- risk-api keeps each risk's earliest open due date on the risk (TreatmentSchedule); the load sets it the same way.
UPDATE "Risks" r SET "EarliestOpenDueOn" = a.due
FROM (SELECT "RiskId", MIN("DueOn") AS due FROM "TreatmentActions" WHERE "Status" IN ('Planned', 'InProgress') GROUP BY "RiskId") a
WHERE a."RiskId" = r."Id";

INSERT INTO "ControlRisks" ("ControlId", "RiskId", "TenantId")
SELECT c.id, r."Id", r."TenantId"
FROM (SELECT "Id", "TenantId", 1 + floor(random() * 93)::int AS n FROM "Risks" WHERE random() < 0.6) r
JOIN bench_controls c ON c.tenant = r."TenantId" AND c.n = r.n;

INSERT INTO "RiskAssets" ("RiskId", "AssetId", "TenantId")
SELECT r."Id", a.id, r."TenantId"
FROM (SELECT "Id", "TenantId", 1 + floor(random() * 200)::int AS n FROM "Risks" WHERE random() < 0.5) r
JOIN bench_assets a ON a.tenant = r."TenantId" AND a.n = r.n;

-- Evidence: 2,000 records per tenant on its controls, covering periods over the last two years.
INSERT INTO "Evidence" ("Id", "TenantId", "ControlId", "Title", "Description", "Source", "Link", "CoversFrom", "CoversTo",
                        "CollectedBy", "CollectedAt", "FileName", "ContentType", "SizeBytes", "Sha256")
SELECT gen_random_uuid(), e.tenant, c.id, 'Evidence ' || g || ': access review export', NULL,
       (ARRAY['Manual', 'Link', 'Integration'])[1 + g % 3],
       CASE WHEN g % 3 = 1 THEN 'https://wiki.example/evidence/' || g END,
       e.covers_to - 30, e.covers_to, 'owner01@' || e.slug || '.example', e.covers_to + time '12:00', NULL, NULL, NULL, NULL
FROM (SELECT t.tenant, t.slug, g, 1 + floor(random() * 93)::int AS n,
             (current_date - floor(random() * 730)::int) AS covers_to
      FROM bench_tenants t CROSS JOIN generate_series(1, 2000) g) e
JOIN bench_controls c ON c.tenant = e.tenant AND c.n = e.n;

-- Exceptions: 500 per tenant, on random controls and risks, in every state of their life cycle.
INSERT INTO "ControlExceptions" ("Id", "TenantId", "Version", "ControlId", "RiskId", "AffectedScope", "Reason",
                                 "CompensatingControls", "RequestedBy", "RequestedAt", "RequestedExpiresOn", "ApprovedBy",
                                 "GrantedAt", "FirstGrantedAt", "ExpiresOn", "Status", "RenewalCount", "DecisionNote", "EndedAt")
SELECT gen_random_uuid(), x.tenant, 1, c.id, x.risk, 'Legacy systems in scope ' || x.rn,
       'The legacy platform cannot meet the control until its replacement ships.',
       'Network isolation and weekly log review.', 'owner02@' || x.slug || '.example', x.requested,
       (x.requested::date + 180),
       CASE WHEN x.st <> 'Requested' THEN 'approver@' || x.slug || '.example' END,
       CASE WHEN x.st IN ('Approved', 'Expired', 'Closed') THEN x.requested + interval '2 days' END,
       CASE WHEN x.st IN ('Approved', 'Expired', 'Closed') THEN x.requested + interval '2 days' END,
       CASE WHEN x.st IN ('Approved', 'Expired', 'Closed') THEN (x.requested::date + 2 + 180) END,
       x.st, CASE WHEN x.st = 'Approved' THEN floor(random() * 3)::int ELSE 0 END, NULL,
       CASE WHEN x.st IN ('Rejected', 'Expired', 'Closed') THEN x.requested + interval '100 days' END
FROM (SELECT r."TenantId" AS tenant, t.slug, r."Id" AS risk, r.rn, 1 + floor(random() * 93)::int AS n,
             now() - random() * interval '700 days' AS requested,
             (ARRAY['Approved', 'Approved', 'Approved', 'Approved', 'Approved', 'Requested', 'Expired', 'Expired', 'Closed',
                    'Rejected'])[1 + floor(random() * 10)::int] AS st
      FROM (SELECT "Id", "TenantId", row_number() OVER (PARTITION BY "TenantId" ORDER BY random()) AS rn FROM "Risks") r
      JOIN bench_tenants t ON t.tenant = r."TenantId"
      WHERE r.rn <= 500) x
JOIN bench_controls c ON c.tenant = x.tenant AND c.n = x.n;

SELECT indexdef FROM bench_indexes \gexec
SET session_replication_role = DEFAULT;

VACUUM (ANALYZE) "Risks", "RiskAssessments", "TreatmentActions", "ControlRisks", "RiskAssets", "Assets", "Controls",
    "Evidence", "ControlExceptions", "KnownTenants", "RiskSettings";

SELECT 'tenants' AS what, count(*) FROM "KnownTenants"
UNION ALL SELECT 'risks', count(*) FROM "Risks"
UNION ALL SELECT 'risks of the measured tenant', count(*) FROM "Risks" WHERE "TenantId" = :'tenant'::uuid
UNION ALL SELECT 'controls of the measured tenant', count(*) FROM "Controls" WHERE "TenantId" = :'tenant'::uuid
UNION ALL SELECT 'evidence of the measured tenant', count(*) FROM "Evidence" WHERE "TenantId" = :'tenant'::uuid
UNION ALL SELECT 'exceptions of the measured tenant', count(*) FROM "ControlExceptions" WHERE "TenantId" = :'tenant'::uuid
UNION ALL SELECT 'treatment actions of the measured tenant', count(*) FROM "TreatmentActions" WHERE "TenantId" = :'tenant'::uuid
UNION ALL SELECT 'risks with an overdue action (measured tenant)', count(DISTINCT "RiskId") FROM "TreatmentActions"
    WHERE "TenantId" = :'tenant'::uuid AND "Status" IN ('Planned', 'InProgress') AND "DueOn" < current_date
UNION ALL SELECT 'risks in band High (measured tenant)', count(*) FROM "Risks"
    WHERE "TenantId" = :'tenant'::uuid AND "ResidualScore" BETWEEN 10 AND 16
UNION ALL SELECT 'risks matching "ransomware" (measured tenant)', count(*) FROM "Risks"
    WHERE "TenantId" = :'tenant'::uuid AND lower("Title") LIKE '%ransomware%'
UNION ALL SELECT 'risk table + indexes, MiB', (pg_total_relation_size('"Risks"') / 1048576)::int;
