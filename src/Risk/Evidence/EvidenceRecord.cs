using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Risk.Evidence;

public enum EvidenceSource
{
    Manual,
    Link,
    Integration,
}

/// <summary>
/// Evidence that a control operated during a period (rule 5): the period it covers, not only when it was uploaded.
/// An attachment, when there is one, is described here and its bytes live in <see cref="EvidenceFile"/>.
/// </summary>
public sealed class EvidenceRecord : ITenantOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public Guid ControlId { get; init; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public EvidenceSource Source { get; init; }
    public string? Link { get; init; }
    public DateOnly CoversFrom { get; init; }
    public DateOnly CoversTo { get; init; }
    public required string CollectedBy { get; init; }
    public DateTimeOffset CollectedAt { get; init; }
    public string? FileName { get; set; }
    public string? ContentType { get; set; }
    public long? SizeBytes { get; set; }

    /// <summary>Lower-case hex SHA-256 of the attachment, computed while it streamed in.</summary>
    public string? Sha256 { get; set; }
}

/// <summary>The attachment's bytes, apart from the record so that lists never load them.</summary>
public sealed class EvidenceFile : ITenantOwned
{
    public Guid EvidenceId { get; init; }
    public Guid TenantId { get; set; }
    public required byte[] Content { get; init; }
}

public enum EvidenceFreshness
{
    /// <summary>The control has no evidence cadence: nothing recurring is expected.</summary>
    NotRequired,
    Fresh,
    Stale,

    /// <summary>A cadence is set but no evidence was ever recorded.</summary>
    Missing,
}

/// <summary>
/// Rule 5: a control's evidence is stale when its newest coverage ends more than one cadence before today. Uploading
/// old evidence today does not make a control fresh; evidence covering recent operation does.
/// </summary>
public static class EvidenceFreshnessRule
{
    public static EvidenceFreshness Evaluate(int? cadenceDays, DateOnly? newestCoversTo, DateOnly today) => (cadenceDays, newestCoversTo) switch
    {
        (null, _) => EvidenceFreshness.NotRequired,
        (_, null) => EvidenceFreshness.Missing,
        ({ } cadence, { } coversTo) when today.DayNumber - coversTo.DayNumber > cadence => EvidenceFreshness.Stale,
        _ => EvidenceFreshness.Fresh,
    };
}
