using IsmsCloud.BuildingBlocks.Persistence;

namespace IsmsCloud.Suppliers.Infrastructure;

internal sealed class SupplierDbContextFactory() : DesignTimeDbContextFactory<SupplierDbContext>(DatabaseProvider.Postgres);

internal sealed class SupplierSqlServerDbContextFactory() : DesignTimeDbContextFactory<SupplierSqlServerDbContext>(DatabaseProvider.SqlServer);
