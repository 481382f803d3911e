using IsmsCloud.Suppliers.Assessments;
using IsmsCloud.Suppliers.Certificates;
using IsmsCloud.Suppliers.Files;
using IsmsCloud.Suppliers.Gaps;
using IsmsCloud.Suppliers.Register;
using IsmsCloud.Suppliers.Settings;
using Microsoft.EntityFrameworkCore;
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
    }
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
