using IsmsCloud.BuildingBlocks.Persistence;

namespace IsmsCloud.Risk.Infrastructure;

internal sealed class RiskDbContextFactory() : DesignTimeDbContextFactory<RiskDbContext>(DatabaseProvider.Postgres);

internal sealed class RiskSqlServerDbContextFactory() : DesignTimeDbContextFactory<RiskSqlServerDbContext>(DatabaseProvider.SqlServer);
