using System.ComponentModel.DataAnnotations;
using IsmsCloud.Risk.Evidence;
using IsmsCloud.Risk.Reviews;
using IsmsCloud.Risk.Risks;

namespace IsmsCloud.Risk.Soa;

public sealed record CreateCustomControlRequest(
    [property: Required, RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$", ErrorMessage = "A reference is 1–32 letters, digits, dots, dashes or underscores.")] string Reference,
    [property: Required, StringLength(300, MinimumLength = 3)] string Title,
    [property: StringLength(4000)] string? Guidance = null);

/// <summary>An SoA entry's decision and upkeep. A decision either way (Applicable true or false) needs a justification.</summary>
public sealed record UpdateControlRequest(
    bool? Applicable,
    [property: StringLength(4000)] string? Justification,
    ImplementationStatus ImplementationStatus,
    [property: EmailAddress, StringLength(200)] string? Owner,
    [property: Range(1, 3650)] int? EvidenceCadenceDays,
    [property: MaxLength(200)] IReadOnlyList<Guid>? RiskIds,
    [property: Range(0, uint.MaxValue)] long Version,
    [property: StringLength(300, MinimumLength = 3)] string? Title = null,
    [property: StringLength(4000)] string? Guidance = null);

public sealed record ControlDto(
    Guid Id, string Reference, string Title, ControlTheme Theme, bool IsCustom, string? Guidance, bool? Applicable,
    string? Justification, ImplementationStatus ImplementationStatus, string? Owner, int? EvidenceCadenceDays,
    DateOnly? NewestEvidenceCoversTo, EvidenceFreshness EvidenceFreshness, int LinkedRiskCount, uint Version, DateTimeOffset UpdatedAt);

public sealed record ControlDetailDto(
    ControlDto Control,
    IReadOnlyList<LinkedRecord> Risks,
    IReadOnlyList<LinkedRecord> Exceptions,
    IReadOnlyList<LinkedRecord> Incidents,
    IReadOnlyList<EvidenceDto> RecentEvidence,
    IReadOnlyList<ReviewDto> OpenReviews);

public sealed record EvidenceDto(
    Guid Id, Guid ControlId, string Title, string? Description, EvidenceSource Source, string? Link, DateOnly CoversFrom, DateOnly CoversTo,
    string CollectedBy, DateTimeOffset CollectedAt, string? FileName, string? ContentType, long? SizeBytes, string? Sha256)
{
    public static EvidenceDto From(EvidenceRecord e) => new(e.Id, e.ControlId, e.Title, e.Description, e.Source, e.Link, e.CoversFrom, e.CoversTo,
        e.CollectedBy, e.CollectedAt, e.FileName, e.ContentType, e.SizeBytes, e.Sha256);
}

public enum ControlSort
{
    Reference,
    Title,
    ImplementationStatus,
    Owner,
}

public enum ApplicabilityFilter
{
    Applicable,
    NotApplicable,
    Undecided,
}

public sealed record PublishSoaRequest([property: StringLength(2000)] string? Note = null);

public sealed record SoaVersionSummaryDto(Guid Id, int Number, DateTimeOffset PublishedAt, string PublishedBy, string? Note, int ControlCount, int ApplicableCount, int ImplementedCount);

public sealed record SoaVersionDto(SoaVersionSummaryDto Version, IReadOnlyList<SoaVersionEntry> Entries);
