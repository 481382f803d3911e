-- The heat map's aggregate exactly as risk-api's EF query sends it (tenant filter included), for pgbench:
--   pgbench -n -M extended -f bench/risk-heatmap.sql -D tenant=<uuid> ...
-- One pgbench transaction = one GET /api/risk/heatmap's worth of SQL: one pass over the covering index
-- IX_Risks_TenantId_Scores, at most 625 (inherent x residual) cells, folded into the two grids by risk-api.
SELECT r."InherentLikelihood", r."InherentImpact", r."ResidualLikelihood", r."ResidualImpact", count(*)::int AS "Count"
FROM "Risks" AS r WHERE r."TenantId" = :tenant
GROUP BY r."InherentLikelihood", r."InherentImpact", r."ResidualLikelihood", r."ResidualImpact";
