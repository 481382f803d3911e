using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Risk.Soa;

/// <summary>
/// A published Statement of Applicability: numbered, dated, frozen (rule 4). The entries are a snapshot taken at
/// publication, so the version reads later exactly as published whatever happens to the controls since.
/// <see cref="IImmutableRecord"/> makes the DbContext refuse any update or delete of it.
/// </summary>
public sealed class SoaVersion : ITenantOwned, IImmutableRecord
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public int Number { get; init; }
    public DateTimeOffset PublishedAt { get; init; }
    public required string PublishedBy { get; init; }
    public string? Note { get; init; }
    public int ControlCount { get; init; }
    public int ApplicableCount { get; init; }
    public int ImplementedCount { get; init; }
    public required List<SoaVersionEntry> Entries { get; init; }
}

/// <summary>One control as it stood when the SoA was published (stored as JSON inside the version).</summary>
public sealed record SoaVersionEntry(
    string Reference,
    string Title,
    ControlTheme Theme,
    bool IsCustom,
    bool Applicable,
    string Justification,
    ImplementationStatus ImplementationStatus,
    string? Owner,
    int? EvidenceCadenceDays,
    int LinkedRiskCount);
