using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Infrastructure;

public class RiskDbContext : ServiceDbContext
{
    public RiskDbContext(DbContextOptions<RiskDbContext> options, ITenantContext tenant) : base(options, tenant) { }

    /// <summary>For the SQL Server subclass, which owns that provider's migrations.</summary>
    protected RiskDbContext(DbContextOptions options, ITenantContext tenant) : base(options, tenant) { }

    public DbSet<Risks.Risk> Risks => Set<Risks.Risk>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RiskDbContext).Assembly);
}

/// <summary>The same model on SQL Server; exists so that provider has its own migrations.</summary>
public sealed class RiskSqlServerDbContext(DbContextOptions<RiskSqlServerDbContext> options, ITenantContext tenant)
    : RiskDbContext(options, tenant);
