using IsmsCloud.Risk.Acceptance;
using IsmsCloud.Risk.Assets;
using IsmsCloud.Risk.Risks;
using IsmsCloud.Risk.Settings;
using IsmsCloud.Risk.Treatment;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IsmsCloud.Risk.Infrastructure.EntityConfigurations;

internal sealed class RiskSettingsConfiguration : IEntityTypeConfiguration<RiskSettings>
{
    public void Configure(EntityTypeBuilder<RiskSettings> builder)
    {
        builder.ToTable("RiskSettings");
        builder.HasKey(s => s.TenantId);
    }
}

internal sealed class AssetConfiguration : IEntityTypeConfiguration<Asset>
{
    public void Configure(EntityTypeBuilder<Asset> builder)
    {
        builder.ToTable("Assets");
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Owner).HasMaxLength(200);
        builder.Property(a => a.Description).HasMaxLength(4000);
        builder.Property(a => a.AiModelProvider).HasMaxLength(200);
        builder.Property(a => a.AiDataUsed).HasMaxLength(2000);
        builder.Ignore(a => a.IsAi);
        builder.HasIndex(a => new { a.TenantId, a.Name });
    }
}

internal sealed class RiskConfiguration : IEntityTypeConfiguration<Risks.Risk>
{
    public void Configure(EntityTypeBuilder<Risks.Risk> builder)
    {
        builder.ToTable("Risks");
        builder.Property(r => r.Title).HasMaxLength(200);
        builder.Property(r => r.Owner).HasMaxLength(200);
        builder.Property(r => r.Description).HasMaxLength(4000);
        builder.Property(r => r.Threat).HasMaxLength(2000);
        builder.Property(r => r.Vulnerability).HasMaxLength(2000);
        builder.Ignore(r => r.Inherent);
        builder.Ignore(r => r.Residual);
        builder.HasMany(r => r.AssetLinks).WithOne().HasForeignKey(l => l.RiskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Actions).WithOne().HasForeignKey(a => a.RiskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Acceptances).WithOne().HasForeignKey(a => a.RiskId).OnDelete(DeleteBehavior.Cascade);
        // The list's default order, and the filters and sorts a register page offers.
        builder.HasIndex(r => new { r.TenantId, r.CreatedAt });
        builder.HasIndex(r => new { r.TenantId, r.ResidualScore });
        builder.HasIndex(r => new { r.TenantId, r.Status });
        builder.HasIndex(r => new { r.TenantId, r.Owner });
        builder.HasIndex(r => new { r.TenantId, r.NextReviewOn });
    }
}

internal sealed class RiskAssetConfiguration : IEntityTypeConfiguration<RiskAsset>
{
    public void Configure(EntityTypeBuilder<RiskAsset> builder)
    {
        builder.ToTable("RiskAssets");
        builder.HasKey(l => new { l.RiskId, l.AssetId });
        builder.HasOne<Asset>().WithMany().HasForeignKey(l => l.AssetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.TenantId, l.AssetId });
    }
}

internal sealed class RiskAssessmentConfiguration : IEntityTypeConfiguration<RiskAssessment>
{
    public void Configure(EntityTypeBuilder<RiskAssessment> builder)
    {
        builder.ToTable("RiskAssessments");
        builder.Property(a => a.AssessedBy).HasMaxLength(200);
        builder.Property(a => a.Rationale).HasMaxLength(4000);
        builder.HasOne<Risks.Risk>().WithMany().HasForeignKey(a => a.RiskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.TenantId, a.RiskId, a.AssessedAt });
    }
}

internal sealed class TreatmentActionConfiguration : IEntityTypeConfiguration<TreatmentAction>
{
    public void Configure(EntityTypeBuilder<TreatmentAction> builder)
    {
        builder.ToTable("TreatmentActions");
        builder.Property(a => a.Title).HasMaxLength(300);
        builder.Property(a => a.Owner).HasMaxLength(200);
        builder.Property(a => a.TicketUrl).HasMaxLength(2000);
        builder.Ignore(a => a.IsOpen);
        builder.HasIndex(a => new { a.TenantId, a.RiskId });
        builder.HasIndex(a => new { a.TenantId, a.Status, a.DueOn });
    }
}

internal sealed class RiskAcceptanceConfiguration : IEntityTypeConfiguration<RiskAcceptance>
{
    public void Configure(EntityTypeBuilder<RiskAcceptance> builder)
    {
        builder.ToTable("RiskAcceptances");
        builder.Property(a => a.Rationale).HasMaxLength(4000);
        builder.Property(a => a.ApprovedBy).HasMaxLength(200);
        builder.HasIndex(a => new { a.TenantId, a.Status, a.ExpiresOn });
    }
}
