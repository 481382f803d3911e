using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Reporting.Projections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IsmsCloud.Reporting.Infrastructure;

public class ReportingDbContext : ServiceDbContext
{
    public ReportingDbContext(DbContextOptions<ReportingDbContext> options, ITenantContext tenant) : base(options, tenant) { }

    protected ReportingDbContext(DbContextOptions options, ITenantContext tenant) : base(options, tenant) { }

    public DbSet<RiskRegisterEntry> RiskRegister => Set<RiskRegisterEntry>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        var entry = modelBuilder.Entity<RiskRegisterEntry>();
        entry.ToTable("RiskRegister");
        entry.HasKey(r => r.RiskId);
        entry.Property(r => r.Band).HasMaxLength(20);
    }
}

/// <summary>The same model on SQL Server; exists so that provider has its own migrations.</summary>
public sealed class ReportingSqlServerDbContext(DbContextOptions<ReportingSqlServerDbContext> options, ITenantContext tenant)
    : ReportingDbContext(options, tenant);

internal sealed class ReportingDbContextFactory : IDesignTimeDbContextFactory<ReportingDbContext>
{
    public ReportingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReportingDbContext>().UseNpgsql("Host=localhost;Database=design").Options, new TenantContext());
}

internal sealed class ReportingSqlServerDbContextFactory : IDesignTimeDbContextFactory<ReportingSqlServerDbContext>
{
    public ReportingSqlServerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReportingSqlServerDbContext>().UseSqlServer("Server=localhost;Database=design").Options, new TenantContext());
}
