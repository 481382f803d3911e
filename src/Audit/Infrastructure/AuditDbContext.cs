using IsmsCloud.Audits.AccessReviews;
using IsmsCloud.Audits.Actions;
using IsmsCloud.Audits.Files;
using IsmsCloud.Audits.Findings;
using IsmsCloud.Audits.Programme;
using IsmsCloud.Audits.Soa;
using IsmsCloud.Audits.SupplierAccess;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Audits.Infrastructure;

/// <summary>
/// audit-api's database: the audit programme, findings, corrective actions and access reviews. Every save of them is
/// appended to the tenant's "audit" chain of the shared audit trail (the building block; this service keeps no
/// history table of its own).
/// </summary>
public class AuditDbContext : ServiceDbContext
{
    public const string AuditService = "audit";

    public AuditDbContext(DbContextOptions<AuditDbContext> options, ITenantContext tenant) : base(options, tenant) { }

    /// <summary>For the SQL Server subclass, which owns that provider's migrations.</summary>
    protected AuditDbContext(DbContextOptions options, ITenantContext tenant) : base(options, tenant) { }

    public override string? AuditServiceName => AuditService;

    public DbSet<Audit> Audits => Set<Audit>();
    public DbSet<Finding> Findings => Set<Finding>();
    public DbSet<CorrectiveAction> CorrectiveActions => Set<CorrectiveAction>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<ReviewItem> ReviewItems => Set<ReviewItem>();
    public DbSet<KnownControl> KnownControls => Set<KnownControl>();
    public DbSet<SupplierAccount> SupplierAccess => Set<SupplierAccount>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AuditDbContext).Assembly);
}

/// <summary>The same model on SQL Server; exists so that provider has its own migrations.</summary>
public sealed class AuditSqlServerDbContext(DbContextOptions<AuditSqlServerDbContext> options, ITenantContext tenant) : AuditDbContext(options, tenant);
