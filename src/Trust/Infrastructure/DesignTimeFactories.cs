using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IsmsCloud.Trust.Infrastructure;

// Used by `dotnet ef migrations add`: no server is contacted, the connection strings only pick the provider.
internal sealed class TrustDbContextFactory : IDesignTimeDbContextFactory<TrustDbContext>
{
    public TrustDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TrustDbContext>().UseNpgsql("Host=localhost;Database=design").Options, new TenantContext());
}

internal sealed class TrustSqlServerDbContextFactory : IDesignTimeDbContextFactory<TrustSqlServerDbContext>
{
    public TrustSqlServerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TrustSqlServerDbContext>().UseSqlServer("Server=localhost;Database=design").Options, new TenantContext());
}
