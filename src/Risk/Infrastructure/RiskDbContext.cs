using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Risk.Acceptance;
using IsmsCloud.Risk.Assets;
using IsmsCloud.Risk.Evidence;
using IsmsCloud.Risk.Exceptions;
using IsmsCloud.Risk.History;
using IsmsCloud.Risk.Incidents;
using IsmsCloud.Risk.Reviews;
using IsmsCloud.Risk.Risks;
using IsmsCloud.Risk.Settings;
using IsmsCloud.Risk.Soa;
using IsmsCloud.Risk.Treatment;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Infrastructure;

/// <summary>
/// risk-api's database. On top of the building block's tenancy and outbox, every save of an audited record
/// (<see cref="BuildingBlocks.Audit.IAudited"/>) is appended by the building block to the tenant's "risk" audit chain.
/// </summary>
public class RiskDbContext : ServiceDbContext
{
    public const string AuditService = "risk";

    public RiskDbContext(DbContextOptions<RiskDbContext> options, ITenantContext tenant) : base(options, tenant) { }

    /// <summary>For the SQL Server subclass, which owns that provider's migrations.</summary>
    protected RiskDbContext(DbContextOptions options, ITenantContext tenant) : base(options, tenant) { }

    public override string? AuditServiceName => AuditService;

    public DbSet<RiskSettings> Settings => Set<RiskSettings>();
    public DbSet<Asset> Assets => Set<Asset>();
    public DbSet<Risks.Risk> Risks => Set<Risks.Risk>();
    public DbSet<RiskAsset> RiskAssets => Set<RiskAsset>();
    public DbSet<RiskAssessment> RiskAssessments => Set<RiskAssessment>();
    public DbSet<TreatmentAction> TreatmentActions => Set<TreatmentAction>();
    public DbSet<RiskAcceptance> Acceptances => Set<RiskAcceptance>();
    public DbSet<Control> Controls => Set<Control>();
    public DbSet<ControlRisk> ControlRisks => Set<ControlRisk>();
    public DbSet<SoaVersion> SoaVersions => Set<SoaVersion>();
    public DbSet<EvidenceRecord> Evidence => Set<EvidenceRecord>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    public DbSet<ControlException> ControlExceptions => Set<ControlException>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<IncidentControl> IncidentControls => Set<IncidentControl>();
    public DbSet<IncidentRisk> IncidentRisks => Set<IncidentRisk>();
    public DbSet<ReviewTask> ReviewTasks => Set<ReviewTask>();
    public DbSet<ControlFinding> ControlFindings => Set<ControlFinding>();
    /// <summary>The history kept before the audit chain, waiting to be chained at start-up (<see cref="LegacyHistoryChaining"/>).</summary>
    public DbSet<LegacyChangeRecord> LegacyChangeRecords => Set<LegacyChangeRecord>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RiskDbContext).Assembly);

        // Ids are made in code (Guid v7) when a record is constructed. Telling EF they are never generated makes a
        // record added through a navigation (risk.Acceptances.Add) an INSERT; with EF's default for Guid keys it
        // would take the set key as "already stored" and issue an UPDATE.
        foreach (var key in modelBuilder.Model.GetEntityTypes().Select(t => t.FindPrimaryKey()).OfType<Microsoft.EntityFrameworkCore.Metadata.IMutableKey>())
        {
            foreach (var property in key.Properties.Where(p => p.ClrType == typeof(Guid)))
            {
                property.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums as their names: readable in the database and in exports, and safe against reordering.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}

/// <summary>The same model on SQL Server; exists so that provider has its own migrations.</summary>
public sealed class RiskSqlServerDbContext(DbContextOptions<RiskSqlServerDbContext> options, ITenantContext tenant)
    : RiskDbContext(options, tenant);
