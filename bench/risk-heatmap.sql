-- The heat map's two aggregates exactly as risk-api's EF query sends them (tenant filter included), for pgbench:
--   pgbench -n -M extended -f bench/risk-heatmap.sql -D tenant=<uuid> ...
-- One pgbench transaction = one GET /api/risk/heatmap's worth of SQL.
SELECT r."InherentLikelihood" AS "L", r."InherentImpact" AS "I", count(*)::int AS "Count"
FROM "Risks" AS r WHERE r."TenantId" = :tenant GROUP BY r."InherentLikelihood", r."InherentImpact";
SELECT r."ResidualLikelihood" AS "L", r."ResidualImpact" AS "I", count(*)::int AS "Count"
FROM "Risks" AS r WHERE r."TenantId" = :tenant GROUP BY r."ResidualLikelihood", r."ResidualImpact";
