using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IsmsCloud.BuildingBlocks.Audit;

/// <summary>
/// That a day's head was published (<see cref="Contracts.Events.AuditTrailHeadPublished"/>), stored with the event in
/// one transaction: its key makes the publication happen once per tenant and day, however many instances run the job.
/// </summary>
public sealed class AuditHeadPublication : ITenantOwned, IImmutableRecord
{
    public Guid TenantId { get; set; }
    public DateOnly Day { get; init; }
    public long Sequence { get; init; }
    public required string Hash { get; init; }
    public DateTimeOffset PublishedAt { get; init; }
}

internal sealed class AuditHeadPublicationConfiguration : IEntityTypeConfiguration<AuditHeadPublication>
{
    public void Configure(EntityTypeBuilder<AuditHeadPublication> builder)
    {
        builder.ToTable("AuditHeadPublications");
        builder.HasKey(p => new { p.TenantId, p.Day });
        builder.Property(p => p.Hash).HasMaxLength(64).IsFixedLength();
    }
}
