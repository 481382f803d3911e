using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IsmsCloud.Reporting.Signals;

/// <summary>
/// A tenant's figures for a day as computed just after it ended, kept for good and never overwritten (SIGNALS.md): a
/// definition changed later recomputes other days, not this one, which keeps the definition version it was made with.
/// </summary>
public sealed class SignalSnapshot : ITenantOwned, IImmutableRecord
{
    public Guid TenantId { get; set; }
    public DateOnly Day { get; init; }
    public int DefinitionVersion { get; init; }

    /// <summary>The <see cref="SignalsDto"/> as JSON, records of patterns included.</summary>
    public required string Figures { get; init; }

    public DateTimeOffset TakenAt { get; init; }
}

internal sealed class SignalSnapshotConfiguration : IEntityTypeConfiguration<SignalSnapshot>
{
    public void Configure(EntityTypeBuilder<SignalSnapshot> builder)
    {
        builder.ToTable("SignalSnapshots");
        builder.HasKey(s => new { s.TenantId, s.Day });
    }
}
