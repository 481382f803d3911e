using IsmsCloud.Suppliers.Assessments;
using IsmsCloud.Suppliers.Certificates;
using IsmsCloud.Suppliers.Files;
using IsmsCloud.Suppliers.Gaps;
using IsmsCloud.Suppliers.Register;
using IsmsCloud.Suppliers.Settings;
using System.Text.Json;
using IsmsCloud.Suppliers.Questionnaires;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IsmsCloud.Suppliers.Infrastructure.EntityConfigurations;

internal sealed class SupplierSettingsConfiguration : IEntityTypeConfiguration<SupplierSettings>
{
    public void Configure(EntityTypeBuilder<SupplierSettings> builder)
    {
        builder.ToTable("SupplierSettings");
        builder.HasKey(s => s.TenantId);
        builder.Property(s => s.TenantId).ValueGeneratedNever();
        builder.Ignore(s => s.Intervals);
    }
}

internal sealed class SupplierConfiguration : IEntityTypeConfiguration<Supplier>
{
    public void Configure(EntityTypeBuilder<Supplier> builder)
    {
        builder.ToTable("Suppliers");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.LegalName).HasMaxLength(200);
        builder.Property(s => s.Owner).HasMaxLength(200);
        builder.Property(s => s.AiModelProvider).HasMaxLength(200);
        builder.Property(s => s.AiDataUsed).HasMaxLength(2000);
        builder.Property(s => s.LastMaterialChange).HasMaxLength(200);
        builder.Ignore(s => s.UsesAi);
        builder.HasMany(s => s.Certificates).WithOne().HasForeignKey(c => c.SupplierId).OnDelete(DeleteBehavior.Cascade);
        // The sub-processor tree: a parent cannot be removed while it has sub-processors (the API says so first).
        builder.HasOne<Supplier>().WithMany().HasForeignKey(s => s.ParentSupplierId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.TenantId, s.LegalName });
        builder.HasIndex(s => new { s.TenantId, s.Criticality, s.Status });
        builder.HasIndex(s => new { s.TenantId, s.CreatedAt });
    }
}

internal sealed class SupplierCertificateConfiguration : IEntityTypeConfiguration<SupplierCertificate>
{
    public void Configure(EntityTypeBuilder<SupplierCertificate> builder)
    {
        builder.ToTable("SupplierCertificates");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Issuer).HasMaxLength(200);
        builder.Property(c => c.Reference).HasMaxLength(200);
        builder.Ignore(c => c.IsCertificate);
        builder.HasIndex(c => new { c.TenantId, c.SupplierId, c.Kind });
    }
}

internal sealed class SupplierAccessConfiguration : IEntityTypeConfiguration<SystemAccess.SupplierAccess>
{
    public void Configure(EntityTypeBuilder<SystemAccess.SupplierAccess> builder)
    {
        builder.ToTable("SupplierAccess");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.System).HasMaxLength(200);
        builder.Property(a => a.Account).HasMaxLength(200);
        builder.Property(a => a.PersonName).HasMaxLength(200);
        builder.Property(a => a.Email).HasMaxLength(200);
        builder.Property(a => a.Entitlements).HasMaxLength(2000);
        builder.HasOne<Supplier>().WithMany().HasForeignKey(a => a.SupplierId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.TenantId, a.SupplierId });
    }
}

internal sealed class SupplierAssessmentConfiguration : IEntityTypeConfiguration<SupplierAssessment>
{
    public void Configure(EntityTypeBuilder<SupplierAssessment> builder)
    {
        builder.ToTable("SupplierAssessments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.ResidualRiskNote).HasMaxLength(4000);
        builder.Property(a => a.CreatedBy).HasMaxLength(200);
        builder.Property(a => a.CompletedBy).HasMaxLength(200);
        builder.HasOne<Supplier>().WithMany().HasForeignKey(a => a.SupplierId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.TenantId, a.SupplierId, a.CreatedAt });
        builder.Property(a => a.TemplateName).HasMaxLength(200);
        builder.Property(a => a.ContactEmail).HasMaxLength(320);
        builder.Property(a => a.SentBackNote).HasMaxLength(2000);
        builder.Property(a => a.Questions).HasJsonText();
        builder.Property(a => a.Answers).HasJsonText();
    }
}

internal sealed class QuestionnaireTemplateConfiguration : IEntityTypeConfiguration<QuestionnaireTemplate>
{
    public void Configure(EntityTypeBuilder<QuestionnaireTemplate> builder)
    {
        builder.ToTable("QuestionnaireTemplates");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Questions).HasJsonText();
        builder.HasIndex(t => new { t.TenantId, t.Name });
    }
}

internal sealed class QuestionnaireLinkConfiguration : IEntityTypeConfiguration<QuestionnaireLink>
{
    public void Configure(EntityTypeBuilder<QuestionnaireLink> builder)
    {
        builder.ToTable("QuestionnaireLinks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.Property(l => l.CookieHash).HasMaxLength(64);
        // The public page finds a link by its token's hash before it knows the tenant.
        // Not unique: a unique index would be widened with TenantId (tenancy convention) and not serve that lookup;
        // 256 random bits make a collision as good as impossible.
        builder.HasIndex(l => l.TokenHash);
        builder.HasOne<SupplierAssessment>().WithMany().HasForeignKey(l => l.AssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Values read and written whole (questions, answers), stored as JSON text on both providers.</summary>
internal static class JsonTextColumns
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<T> HasJsonText<T>(this PropertyBuilder<T> property) => property.HasConversion(
        value => JsonSerializer.Serialize(value, Json),
        json => JsonSerializer.Deserialize<T>(json, Json)!,
        new ValueComparer<T>(
            (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
            v => JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Json), Json)!));
}

internal sealed class SupplierGapStateConfiguration : IEntityTypeConfiguration<SupplierGapState>
{
    public void Configure(EntityTypeBuilder<SupplierGapState> builder)
    {
        builder.ToTable("SupplierGapStates");
        builder.HasKey(g => new { g.TenantId, g.SupplierId });
        builder.Property(g => g.Reasons).HasMaxLength(200);
        // The revision is the announced events' order: two saves must not both think they moved it on.
        builder.Property(g => g.Revision).IsConcurrencyToken();
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.ToTable("StoredFiles");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.FileName).HasMaxLength(255);
        builder.Property(f => f.ContentType).HasMaxLength(100);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.UploadedBy).HasMaxLength(200);
        builder.Property(f => f.UploadedByName).HasMaxLength(200);
    }
}
