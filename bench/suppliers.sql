-- The other tenants of the supplier benchmark: :tenants tenants of :suppliers suppliers each, shaped like the measured
-- tenant's (mixed criticality and status, a quarter with AI use, every tenth a sub-processor-free row), so the measured
-- tenant's 5,000 sit among about 500,000 rows of others. Not known to supplier-api as tenants: nobody signs in to them.
-- psql -v tenants=97 -v suppliers=5000 -f bench/suppliers.sql
\timing on
BEGIN;
CREATE TEMP TABLE bench_tenants AS SELECT gen_random_uuid() AS id FROM generate_series(1, :tenants);
INSERT INTO "Suppliers" ("Id", "TenantId", "Version", "LegalName", "Services", "Criticality", "DataCategories", "DataClassification",
                         "DataLocations", "ParentSupplierId", "ContractStartOn", "ContractEndOn", "NoticePeriodDays", "Owner", "Status",
                         "AiModelProvider", "AiDataUsed", "AiAutomatedDecisions", "RiskIds", "AssetIds", "CreatedAt", "UpdatedAt")
SELECT gen_random_uuid(), t.id, 0, format('Supplier %s %s B.V.', lpad(n::text, 5, '0'), CASE WHEN n % 7 = 0 THEN 'Payroll' ELSE 'Cloud' END),
       ARRAY['Hosting', 'Support'], (ARRAY['Low', 'Medium', 'High', 'Critical'])[1 + n % 4], ARRAY['Customer contact data'], 'Confidential',
       ARRAY['EU', 'US'], NULL, DATE '2025-01-01', DATE '2028-12-31', 90, 'owner@other.example',
       (ARRAY['Active', 'Active', 'Active', 'Offboarding', 'Ended'])[1 + n % 5],
       CASE WHEN n % 4 = 0 THEN 'OpenAI' END, CASE WHEN n % 4 = 0 THEN 'Support tickets' END, n % 8 = 0, '{}', '{}', now(), now()
FROM bench_tenants t CROSS JOIN generate_series(1, :suppliers) AS n;
COMMIT;
VACUUM (ANALYZE) "Suppliers";
SELECT 'tenants' AS what, count(DISTINCT "TenantId") AS count FROM "Suppliers"
UNION ALL SELECT 'suppliers', count(*) FROM "Suppliers";
