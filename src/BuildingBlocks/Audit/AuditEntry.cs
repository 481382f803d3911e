using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IsmsCloud.BuildingBlocks.Audit;

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
}

/// <summary>
/// One link of a tenant's audit chain in one service: a saved change of one record (who, when, which fields before
/// and after, the correlation id), numbered in the order of the chain. <see cref="Hash"/> is the SHA-256 of the
/// entry's canonical content (<see cref="AuditEntryContent"/>), which includes <see cref="PreviousHash"/>, so changing,
/// removing or reordering any entry breaks every link after it. Written by <see cref="ServiceDbContext"/> in the
/// transaction of the change; never updated or deleted (<see cref="IImmutableRecord"/>), and no foreign key ties it to
/// a record or a person, so nothing cascades into it.
/// </summary>
public sealed class AuditEntry : ITenantOwned, IImmutableRecord
{
    public Guid TenantId { get; set; }
    /// <summary>1, 2, 3, … without gaps, per tenant.</summary>
    public long Sequence { get; init; }
    /// <summary>UTC, whole microseconds (what both databases keep), never earlier than the entry before.</summary>
    public DateTimeOffset OccurredAt { get; init; }
    /// <summary>The token's subject (a user id, or an integration's client id), "system" for background work, "anonymous" for a public visitor.</summary>
    public required string ActorId { get; init; }
    public string? CorrelationId { get; init; }
    public required string RecordType { get; init; }
    public Guid RecordId { get; init; }
    public AuditAction Action { get; init; }
    /// <summary>Canonical JSON (RFC 8785): field → [before, after].</summary>
    public required string Changes { get; init; }
    /// <summary>Lower-case hex SHA-256; the entry before's <see cref="Hash"/>, or 64 zeros for the first.</summary>
    public required string PreviousHash { get; init; }
    public string Hash { get; internal set; } = "";
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable(AuditEntryContent.Table);
        // The chain's own order is the key: appends and the verifier's walk are range reads on it, and two appends
        // can never take the same number.
        builder.HasKey(e => new { e.TenantId, e.Sequence });
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.ActorId).HasMaxLength(200);
        builder.Property(e => e.CorrelationId).HasMaxLength(64);
        builder.Property(e => e.RecordType).HasMaxLength(64);
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
        builder.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
        // The trail's filters: one record's history, one actor's changes, a period.
        builder.HasIndex(e => new { e.TenantId, e.RecordId, e.Sequence });
        builder.HasIndex(e => new { e.TenantId, e.ActorId, e.Sequence });
        builder.HasIndex(e => new { e.TenantId, e.OccurredAt });
    }
}
