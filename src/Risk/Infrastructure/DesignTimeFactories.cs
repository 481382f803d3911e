using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IsmsCloud.Risk.Infrastructure;

// Used by `dotnet ef migrations add`: no server is contacted, the connection strings only pick the provider.
internal sealed class RiskDbContextFactory : IDesignTimeDbContextFactory<RiskDbContext>
{
    public RiskDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RiskDbContext>().UseNpgsql("Host=localhost;Database=design").Options, new TenantContext(), null, null);
}

internal sealed class RiskSqlServerDbContextFactory : IDesignTimeDbContextFactory<RiskSqlServerDbContext>
{
    public RiskSqlServerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RiskSqlServerDbContext>().UseSqlServer("Server=localhost;Database=design").Options, new TenantContext(), null, null);
}
