namespace IsmsCloud.Contracts.Events;

/// <summary>
/// A Statement of Applicability was published: a numbered, dated, frozen version. Trust shows which SoA version a
/// certificate relates to; reporting keeps the applicable/implemented counts per version.
/// </summary>
public sealed record SoaPublished(
    Guid TenantId,
    Guid SoaVersionId,
    int VersionNumber,
    DateTimeOffset PublishedAt,
    string PublishedBy,
    int ControlCount,
    int ApplicableCount,
    int ImplementedCount) : ITenantEvent;
