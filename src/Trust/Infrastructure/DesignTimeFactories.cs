using IsmsCloud.BuildingBlocks.Persistence;

namespace IsmsCloud.Trust.Infrastructure;

internal sealed class TrustDbContextFactory() : DesignTimeDbContextFactory<TrustDbContext>(DatabaseProvider.Postgres);

internal sealed class TrustSqlServerDbContextFactory() : DesignTimeDbContextFactory<TrustSqlServerDbContext>(DatabaseProvider.SqlServer);
