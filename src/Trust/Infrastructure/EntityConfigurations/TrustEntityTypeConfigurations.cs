using System.Text.Json;
using IsmsCloud.Trust.Certificates;
using IsmsCloud.Trust.Documents;
using IsmsCloud.Trust.Files;
using IsmsCloud.Trust.Profile;
using IsmsCloud.Trust.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IsmsCloud.Trust.Infrastructure.EntityConfigurations;

internal sealed class ScopeVersionEntityTypeConfiguration : IEntityTypeConfiguration<ScopeVersion>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<ScopeVersion> builder)
    {
        builder.ToTable("ScopeVersions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.PublishedBy).HasMaxLength(200);
        builder.Property(s => s.PublishedByName).HasMaxLength(200);
        // The statement is one immutable value, stored as JSON text: a version is read and written whole, never queried
        // by its parts, and a changed statement is a changed property the immutability guard can see.
        builder.Property(s => s.Content)
            .HasConversion(
                content => JsonSerializer.Serialize(content, Json),
                json => JsonSerializer.Deserialize<ScopeContent>(json, Json) ?? ScopeContent.Empty,
                new ValueComparer<ScopeContent>(
                    (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                    c => JsonSerializer.Serialize(c, Json).GetHashCode(StringComparison.Ordinal),
                    c => c));
        builder.HasIndex(s => s.Number).IsUnique();
        builder.Ignore(s => s.IsPublished);
    }
}

internal sealed class CertificateEntityTypeConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> builder)
    {
        builder.ToTable("Certificates");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Standard).HasMaxLength(100);
        builder.Property(c => c.CertificationBody).HasMaxLength(200);
        builder.Property(c => c.AccreditationBody).HasMaxLength(200);
        builder.Property(c => c.CertificateNumber).HasMaxLength(100);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(c => c.CertificateNumber).IsUnique();
    }
}

internal sealed class TrustProfileEntityTypeConfiguration : IEntityTypeConfiguration<TrustProfile>
{
    public void Configure(EntityTypeBuilder<TrustProfile> builder)
    {
        builder.ToTable("TrustProfiles");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Slug).HasMaxLength(63);
        builder.Property(p => p.CompanyName).HasMaxLength(200);
        builder.Property(p => p.Summary).HasMaxLength(4000);
        builder.Property(p => p.SecurityContact).HasMaxLength(320);
        builder.Property(p => p.NdaText).HasMaxLength(8000);
        builder.HasIndex(p => p.Slug).IsUnique();
    }
}

internal sealed class TenantAssuranceEntityTypeConfiguration : IEntityTypeConfiguration<TenantAssurance>
{
    public void Configure(EntityTypeBuilder<TenantAssurance> builder)
    {
        builder.ToTable("TenantAssurance");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.LastExternalAuditKind).HasConversion<string>().HasMaxLength(30);
    }
}

internal sealed class TrustDocumentEntityTypeConfiguration : IEntityTypeConfiguration<TrustDocument>
{
    public void Configure(EntityTypeBuilder<TrustDocument> builder)
    {
        builder.ToTable("Documents");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Title).HasMaxLength(200);
        builder.Property(d => d.Description).HasMaxLength(2000);
        builder.Property(d => d.Access).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class AccessRequestEntityTypeConfiguration : IEntityTypeConfiguration<AccessRequest>
{
    public void Configure(EntityTypeBuilder<AccessRequest> builder)
    {
        builder.ToTable("AccessRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.VisitorName).HasMaxLength(200);
        builder.Property(r => r.Company).HasMaxLength(200);
        builder.Property(r => r.Email).HasMaxLength(320);
        builder.Property(r => r.AcceptedNdaText).HasMaxLength(8000);
        builder.Property(r => r.RequestedFromIp).HasMaxLength(64);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.DecidedBy).HasMaxLength(200);
        builder.Property(r => r.DecidedByName).HasMaxLength(200);
        builder.Property(r => r.DecisionNote).HasMaxLength(2000);
        builder.Property(r => r.TokenHash).HasMaxLength(64);
        builder.Property(r => r.VisitorBindingHash).HasMaxLength(64);
        builder.HasIndex(r => r.TokenHash).IsUnique();
        builder.HasIndex(r => new { r.TenantId, r.Status, r.RequestedAt });
    }
}

internal sealed class DocumentDownloadEntityTypeConfiguration : IEntityTypeConfiguration<DocumentDownload>
{
    public void Configure(EntityTypeBuilder<DocumentDownload> builder)
    {
        builder.ToTable("DocumentDownloads");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Email).HasMaxLength(320);
        builder.Property(d => d.IpAddress).HasMaxLength(64);
        builder.Property(d => d.UserAgent).HasMaxLength(500);
        builder.HasIndex(d => new { d.TenantId, d.DocumentId, d.DownloadedAt });
    }
}

internal sealed class StoredFileEntityTypeConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.ToTable("Files");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.FileName).HasMaxLength(120);
        builder.Property(f => f.ContentType).HasMaxLength(50);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.UploadedBy).HasMaxLength(200);
        builder.Property(f => f.UploadedByName).HasMaxLength(200);
    }
}
