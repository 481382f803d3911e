using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Suppliers.Assessments;
using IsmsCloud.Suppliers.Certificates;
using IsmsCloud.Suppliers.Files;
using IsmsCloud.Suppliers.Gaps;
using IsmsCloud.Suppliers.Register;
using IsmsCloud.Suppliers.Settings;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Suppliers.Infrastructure;

/// <summary>
/// supplier-api's database. Every save of an audited record (suppliers, certificates, assessments, settings, files) is
/// appended by the building block to the tenant's "suppliers" audit chain.
/// </summary>
public class SupplierDbContext : ServiceDbContext
{
    public const string AuditService = "suppliers";

    public SupplierDbContext(DbContextOptions<SupplierDbContext> options, ITenantContext tenant) : base(options, tenant) { }

    /// <summary>For the SQL Server subclass, which owns that provider's migrations.</summary>
    protected SupplierDbContext(DbContextOptions options, ITenantContext tenant) : base(options, tenant) { }

    public override string? AuditServiceName => AuditService;

    public DbSet<SupplierSettings> Settings => Set<SupplierSettings>();
    public DbSet<Supplier> Suppliers => Set<Supplier>();
    public DbSet<SupplierCertificate> Certificates => Set<SupplierCertificate>();
    public DbSet<SupplierAssessment> Assessments => Set<SupplierAssessment>();
    public DbSet<SupplierGapState> GapStates => Set<SupplierGapState>();
    public DbSet<StoredFile> Files => Set<StoredFile>();
    public DbSet<SystemAccess.SupplierAccess> SupplierAccess => Set<SystemAccess.SupplierAccess>();
    public DbSet<Questionnaires.QuestionnaireTemplate> Templates => Set<Questionnaires.QuestionnaireTemplate>();
    public DbSet<Questionnaires.QuestionnaireLink> Links => Set<Questionnaires.QuestionnaireLink>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SupplierDbContext).Assembly);

        // Ids are made in code (Guid v7): a record added through a navigation must be an INSERT (see RiskDbContext).
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
public sealed class SupplierSqlServerDbContext(DbContextOptions<SupplierSqlServerDbContext> options, ITenantContext tenant)
    : SupplierDbContext(options, tenant);
