using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Reporting.AuditHeads;
using IsmsCloud.Reporting.Digest;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.ManagementReviews;
using IsmsCloud.Reporting.Projections;
using IsmsCloud.Reporting.Signals;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Reporting.Infrastructure;

public class ReportingDbContext : ServiceDbContext
{
    public ReportingDbContext(DbContextOptions<ReportingDbContext> options, ITenantContext tenant) : base(options, tenant) { }

    protected ReportingDbContext(DbContextOptions options, ITenantContext tenant) : base(options, tenant) { }

    public DbSet<RiskRegisterEntry> RiskRegister => Set<RiskRegisterEntry>();
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();
    public DbSet<Fact> Facts => Set<Fact>();
    public DbSet<SignalSnapshot> SignalSnapshots => Set<SignalSnapshot>();
    public DbSet<TenantFactSource> TenantFactSources => Set<TenantFactSource>();
    public DbSet<ManagementReview> ManagementReviews => Set<ManagementReview>();
    public DbSet<ManagementReviewDecision> ManagementReviewDecisions => Set<ManagementReviewDecision>();
    public DbSet<ManagementReviewSnapshot> ManagementReviewSnapshots => Set<ManagementReviewSnapshot>();
    public DbSet<DigestDelivery> DigestDeliveries => Set<DigestDelivery>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ManagementReviewLock.CheckSync(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await ManagementReviewLock.CheckAsync(this, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new FactConfiguration());
        modelBuilder.ApplyConfiguration(new SignalSnapshotConfiguration());
        modelBuilder.ApplyConfiguration(new TenantFactSourceConfiguration());
        modelBuilder.ApplyConfiguration(new ManagementReviewConfiguration());
        modelBuilder.ApplyConfiguration(new ManagementReviewDecisionConfiguration());
        modelBuilder.ApplyConfiguration(new ManagementReviewSnapshotConfiguration());
        modelBuilder.ApplyConfiguration(new DigestDeliveryConfiguration());
        var entry = modelBuilder.Entity<RiskRegisterEntry>();
        entry.ToTable("RiskRegister");
        entry.HasKey(r => r.RiskId);
        entry.Property(r => r.Band).HasMaxLength(20);

        var head = modelBuilder.Entity<AuditHead>();
        head.ToTable("AuditHeads");
        head.HasKey(h => new { h.TenantId, h.Service, h.Day });
        head.Property(h => h.Service).HasMaxLength(32);
        head.Property(h => h.Hash).HasMaxLength(64).IsFixedLength();
    }
}

/// <summary>The same model on SQL Server; exists so that provider has its own migrations.</summary>
public sealed class ReportingSqlServerDbContext(DbContextOptions<ReportingSqlServerDbContext> options, ITenantContext tenant)
    : ReportingDbContext(options, tenant);

internal sealed class ReportingDbContextFactory() : DesignTimeDbContextFactory<ReportingDbContext>(DatabaseProvider.Postgres);

internal sealed class ReportingSqlServerDbContextFactory() : DesignTimeDbContextFactory<ReportingSqlServerDbContext>(DatabaseProvider.SqlServer);
