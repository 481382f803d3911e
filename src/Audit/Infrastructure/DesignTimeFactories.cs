using IsmsCloud.BuildingBlocks.Persistence;

namespace IsmsCloud.Audits.Infrastructure;

internal sealed class AuditDbContextFactory() : DesignTimeDbContextFactory<AuditDbContext>(DatabaseProvider.Postgres);

internal sealed class AuditSqlServerDbContextFactory() : DesignTimeDbContextFactory<AuditSqlServerDbContext>(DatabaseProvider.SqlServer);
