using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Sessions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Web.Infrastructure;

/// <summary>
/// The web app's own database: what its instances must share so that a sign-in survives being served by another one
/// or a restart — the data-protection key ring (the session cookie, antiforgery) and the distributed cache the token
/// store keeps each sign-in's tokens in. Nothing else: the workspace's data lives in the services behind the gateway.
/// </summary>
public class WebDbContext : DbContext, IDataProtectionKeyContext, IDistributedCacheContext
{
    public WebDbContext(DbContextOptions<WebDbContext> options) : base(options) { }

    protected WebDbContext(DbContextOptions options) : base(options) { }

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<DistributedCacheEntry> DistributedCacheEntries => Set<DistributedCacheEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DataProtectionKey>().ToTable("DataProtectionKeys");
        modelBuilder.AddDistributedCache(Database);
    }
}

/// <summary>The same model on SQL Server; exists so that provider has its own migrations.</summary>
public sealed class WebSqlServerDbContext(DbContextOptions<WebSqlServerDbContext> options) : WebDbContext(options);

internal sealed class WebDbContextFactory() : DesignTimeDbContextFactory<WebDbContext>(DatabaseProvider.Postgres);

internal sealed class WebSqlServerDbContextFactory() : DesignTimeDbContextFactory<WebSqlServerDbContext>(DatabaseProvider.SqlServer);
