using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IsmsCloud.BuildingBlocks.Tenancy;

public enum TenantStatus
{
    Active,
    Suspended,
}

/// <summary>
/// Every service's own copy of the tenants it has heard of (from TenantOnboarded/Suspended/Reactivated): lets it
/// refuse a suspended tenant's still-unexpired tokens without calling identity-api.
/// </summary>
public sealed class KnownTenant
{
    public Guid TenantId { get; init; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public TenantStatus Status { get; set; }
    public DateTime OnboardedAtUtc { get; init; }
    public DateTime UpdatedAtUtc { get; set; }
    /// <summary>When the status last changed at the source (identity-api): an older event never overrides a newer one.</summary>
    public DateTime StatusChangedAtUtc { get; set; }
}

internal sealed class KnownTenantConfiguration : IEntityTypeConfiguration<KnownTenant>
{
    public void Configure(EntityTypeBuilder<KnownTenant> builder)
    {
        builder.ToTable("KnownTenants");
        builder.HasKey(t => t.TenantId);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Slug).HasMaxLength(63);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
    }
}
