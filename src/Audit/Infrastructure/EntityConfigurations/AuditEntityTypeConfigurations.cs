using IsmsCloud.Audits.AccessReviews;
using IsmsCloud.Audits.Actions;
using IsmsCloud.Audits.Files;
using IsmsCloud.Audits.Findings;
using IsmsCloud.Audits.Programme;
using IsmsCloud.Audits.Soa;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IsmsCloud.Audits.Infrastructure.EntityConfigurations;

internal sealed class AuditEntityTypeConfiguration : IEntityTypeConfiguration<Audit>
{
    public void Configure(EntityTypeBuilder<Audit> builder)
    {
        builder.ToTable("Audits");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Scope).HasMaxLength(4000);
        builder.Property(a => a.Criteria).HasMaxLength(4000);
        builder.Property(a => a.Auditor).HasMaxLength(200);
        builder.Property(a => a.ExternalBody).HasMaxLength(200);
        builder.HasIndex("TenantId", "Year", "PlannedStartOn");
    }
}

internal sealed class FindingEntityTypeConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> builder)
    {
        builder.ToTable("Findings");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.RootCauseCategory).HasConversion<string>().HasMaxLength(30);
        builder.Property(f => f.Reference).HasMaxLength(40);
        builder.Property(f => f.Description).HasMaxLength(4000);
        builder.Property(f => f.EvidenceSeen).HasMaxLength(4000);
        builder.Property(f => f.RootCauseAnalysis).HasMaxLength(4000);
        builder.Property(f => f.WithdrawalReason).HasMaxLength(2000);
        builder.Property(f => f.RaisedBy).HasMaxLength(200);
        builder.HasOne<Audit>().WithMany().HasForeignKey(f => f.AuditId).OnDelete(DeleteBehavior.Restrict);
        // The recurrence lookup: same reference, raised in a window (the tenant column is prepended by the convention).
        builder.HasIndex("TenantId", "Reference", "RaisedOn");
        builder.HasIndex("TenantId", "AuditId", "RaisedOn");
        // The list's default order (newest first): page 1 reads 50 index entries instead of sorting every finding.
        builder.HasIndex("TenantId", "RaisedOn", "Id");
    }
}

internal sealed class CorrectiveActionEntityTypeConfiguration : IEntityTypeConfiguration<CorrectiveAction>
{
    public void Configure(EntityTypeBuilder<CorrectiveAction> builder)
    {
        builder.ToTable("CorrectiveActions");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.Description).HasMaxLength(4000);
        builder.Property(a => a.Owner).HasMaxLength(200);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Effectiveness).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.ClosedBy).HasMaxLength(200);
        builder.Property(a => a.ClosureNote).HasMaxLength(2000);
        builder.Property(a => a.EvidenceLink).HasMaxLength(2000);
        builder.Property(a => a.EffectivenessCheckedBy).HasMaxLength(200);
        builder.Property(a => a.EffectivenessNote).HasMaxLength(2000);
        builder.HasOne<Finding>().WithMany().HasForeignKey(a => a.FindingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex("TenantId", "FindingId");
        builder.HasIndex("TenantId", "Status", "DueOn");
        builder.Ignore(a => a.IsOpen);
    }
}

internal sealed class EvidenceFileEntityTypeConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> builder)
    {
        builder.ToTable("EvidenceFiles");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.FileName).HasMaxLength(255);
        builder.Property(f => f.ContentType).HasMaxLength(100);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.UploadedBy).HasMaxLength(200);
        builder.HasIndex("TenantId", "ActionId");
    }
}

internal sealed class CampaignEntityTypeConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("Campaigns");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.System).HasMaxLength(200);
        builder.Property(c => c.SystemKey).HasMaxLength(200);
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ClosedBy).HasMaxLength(200);
        builder.HasIndex("TenantId", "SystemKey", "CreatedAt");
        builder.HasIndex("TenantId", "Status", "DueOn");
    }
}

internal sealed class ReviewItemEntityTypeConfiguration : IEntityTypeConfiguration<ReviewItem>
{
    public void Configure(EntityTypeBuilder<ReviewItem> builder)
    {
        builder.ToTable("ReviewItems");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.UserName).HasMaxLength(200);
        builder.Property(i => i.Email).HasMaxLength(200);
        builder.Property(i => i.Account).HasMaxLength(200);
        builder.Property(i => i.AccountKey).HasMaxLength(200);
        builder.Property(i => i.Entitlements).HasMaxLength(2000);
        builder.Property(i => i.Change).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Decision).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Justification).HasMaxLength(2000);
        builder.Property(i => i.DecidedBy).HasMaxLength(200);
        builder.Property(i => i.VerifiedBy).HasMaxLength(200);
        builder.Property(i => i.VerificationEvidence).HasMaxLength(2000);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(i => i.CampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.CampaignId, i.AccountKey }).IsUnique();
        // Progress (items, decided, unverified) and the New/Changed counts of a campaign page read the index only.
        builder.HasIndex("TenantId", "CampaignId", "Decision", "VerifiedAt");
        builder.HasIndex("TenantId", "CampaignId", "Change");
        builder.Ignore(i => i.NeedsVerification);
        builder.Ignore(i => i.IsVerified);
    }
}

internal sealed class KnownControlEntityTypeConfiguration : IEntityTypeConfiguration<KnownControl>
{
    public void Configure(EntityTypeBuilder<KnownControl> builder)
    {
        builder.ToTable("KnownControls");
        builder.HasKey(c => new { c.TenantId, c.ControlId });
        builder.Property(c => c.Reference).HasMaxLength(40);
        builder.Property(c => c.Title).HasMaxLength(300);
        builder.HasIndex("TenantId", "Reference");
    }
}
