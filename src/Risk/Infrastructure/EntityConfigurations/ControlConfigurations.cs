using System.Text.Json;
using IsmsCloud.Risk.Evidence;
using IsmsCloud.Risk.Exceptions;
using IsmsCloud.Risk.History;
using IsmsCloud.Risk.Incidents;
using IsmsCloud.Risk.Reviews;
using IsmsCloud.Risk.Soa;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IsmsCloud.Risk.Infrastructure.EntityConfigurations;

internal sealed class ControlConfiguration : IEntityTypeConfiguration<Control>
{
    public void Configure(EntityTypeBuilder<Control> builder)
    {
        builder.ToTable("Controls");
        builder.Property(c => c.Reference).HasMaxLength(32);
        builder.Property(c => c.Title).HasMaxLength(300);
        builder.Property(c => c.Guidance).HasMaxLength(4000);
        builder.Property(c => c.Justification).HasMaxLength(4000);
        builder.Property(c => c.Owner).HasMaxLength(200);
        builder.Ignore(c => c.IsDecided);
        builder.HasIndex(c => c.Reference).IsUnique(); // widened to (TenantId, Reference) by the tenancy conventions
        builder.HasMany(c => c.RiskLinks).WithOne().HasForeignKey(l => l.ControlId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ControlRiskConfiguration : IEntityTypeConfiguration<ControlRisk>
{
    public void Configure(EntityTypeBuilder<ControlRisk> builder)
    {
        builder.ToTable("ControlRisks");
        builder.HasKey(l => new { l.ControlId, l.RiskId });
        builder.HasOne<Risks.Risk>().WithMany().HasForeignKey(l => l.RiskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.TenantId, l.RiskId });
        // The SoA list counts each control's links within the tenant.
        builder.HasIndex(l => new { l.TenantId, l.ControlId });
    }
}

internal sealed class SoaVersionConfiguration : IEntityTypeConfiguration<SoaVersion>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<SoaVersion> builder)
    {
        builder.ToTable("SoaVersions");
        builder.Property(v => v.PublishedBy).HasMaxLength(200);
        builder.Property(v => v.Note).HasMaxLength(2000);
        builder.HasIndex(v => v.Number).IsUnique();
        // The frozen snapshot as one JSON document: read back exactly as written.
        builder.Property(v => v.Entries).HasConversion(
            entries => JsonSerializer.Serialize(entries, Json),
            json => JsonSerializer.Deserialize<List<SoaVersionEntry>>(json, Json) ?? new List<SoaVersionEntry>(),
            new ValueComparer<List<SoaVersionEntry>>((a, b) => a!.SequenceEqual(b!), l => l.Count, l => l.ToList()));
    }
}

internal sealed class EvidenceConfiguration : IEntityTypeConfiguration<EvidenceRecord>
{
    public void Configure(EntityTypeBuilder<EvidenceRecord> builder)
    {
        builder.ToTable("Evidence");
        builder.Property(e => e.Title).HasMaxLength(300);
        builder.Property(e => e.Description).HasMaxLength(4000);
        builder.Property(e => e.Link).HasMaxLength(2000);
        builder.Property(e => e.CollectedBy).HasMaxLength(200);
        builder.Property(e => e.FileName).HasMaxLength(255);
        builder.Property(e => e.ContentType).HasMaxLength(100);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.HasOne<Control>().WithMany().HasForeignKey(e => e.ControlId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.TenantId, e.ControlId, e.CoversTo });
    }
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> builder)
    {
        builder.ToTable("EvidenceFiles");
        builder.HasKey(f => f.EvidenceId);
        builder.HasOne<EvidenceRecord>().WithOne().HasForeignKey<EvidenceFile>(f => f.EvidenceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ControlExceptionConfiguration : IEntityTypeConfiguration<ControlException>
{
    public void Configure(EntityTypeBuilder<ControlException> builder)
    {
        builder.ToTable("ControlExceptions");
        builder.Property(e => e.AffectedScope).HasMaxLength(2000);
        builder.Property(e => e.Reason).HasMaxLength(4000);
        builder.Property(e => e.CompensatingControls).HasMaxLength(4000);
        builder.Property(e => e.RequestedBy).HasMaxLength(200);
        builder.Property(e => e.ApprovedBy).HasMaxLength(200);
        builder.Property(e => e.DecisionNote).HasMaxLength(2000);
        builder.HasOne<Control>().WithMany().HasForeignKey(e => e.ControlId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Risks.Risk>().WithMany().HasForeignKey(e => e.RiskId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.TenantId, e.Status, e.ExpiresOn });
        builder.HasIndex(e => new { e.TenantId, e.ControlId });
        builder.HasIndex(e => new { e.TenantId, e.RiskId });
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("Incidents");
        builder.Property(i => i.Title).HasMaxLength(300);
        builder.Property(i => i.Description).HasMaxLength(8000);
        builder.Property(i => i.ReportedBy).HasMaxLength(200);
        builder.Property(i => i.NoControlReason).HasMaxLength(2000);
        builder.HasMany(i => i.ControlLinks).WithOne().HasForeignKey(l => l.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.RiskLinks).WithOne().HasForeignKey(l => l.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.TenantId, i.OccurredAt });
    }
}

internal sealed class IncidentControlConfiguration : IEntityTypeConfiguration<IncidentControl>
{
    public void Configure(EntityTypeBuilder<IncidentControl> builder)
    {
        builder.ToTable("IncidentControls");
        builder.HasKey(l => new { l.IncidentId, l.ControlId });
        builder.HasOne<Control>().WithMany().HasForeignKey(l => l.ControlId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.TenantId, l.ControlId });
    }
}

internal sealed class IncidentRiskConfiguration : IEntityTypeConfiguration<IncidentRisk>
{
    public void Configure(EntityTypeBuilder<IncidentRisk> builder)
    {
        builder.ToTable("IncidentRisks");
        builder.HasKey(l => new { l.IncidentId, l.RiskId });
        builder.HasOne<Risks.Risk>().WithMany().HasForeignKey(l => l.RiskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.TenantId, l.RiskId });
    }
}

internal sealed class ReviewTaskConfiguration : IEntityTypeConfiguration<ReviewTask>
{
    public void Configure(EntityTypeBuilder<ReviewTask> builder)
    {
        builder.ToTable("ReviewTasks");
        builder.Property(r => r.Reason).HasMaxLength(1000);
        builder.Property(r => r.ResolvedBy).HasMaxLength(200);
        builder.Property(r => r.Resolution).HasMaxLength(2000);
        builder.Ignore(r => r.IsOpen);
        builder.HasIndex(r => new { r.TenantId, r.SubjectId });
    }
}

internal sealed class LegacyChangeRecordConfiguration : IEntityTypeConfiguration<LegacyChangeRecord>
{
    public void Configure(EntityTypeBuilder<LegacyChangeRecord> builder)
    {
        builder.ToTable("ChangeRecords");
        builder.Property(c => c.RecordType).HasMaxLength(64);
        builder.Property(c => c.ChangedBy).HasMaxLength(200);
        builder.HasIndex(c => new { c.TenantId, c.RecordId });
    }
}
