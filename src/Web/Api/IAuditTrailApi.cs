using Refit;

namespace IsmsCloud.Web.Api;

// Copies of the building block's audit-trail DTOs and reporting's published heads (decision 0012).

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
}

public enum AuditBreakKind
{
    Missing,
    ContentAltered,
    LinkBroken,
    AnchorMismatch,
    EndsBeforeAnchor,
}

public sealed record AuditEntryDto(
    long Sequence, DateTimeOffset OccurredAt, string ActorId, string? CorrelationId, string RecordType, Guid RecordId,
    AuditAction Action, string Changes, string PreviousHash, string Hash);

/// <summary>One saved change of a record, as its detail page shows it (the building block's RecordChangeDto).</summary>
public sealed record RecordChangeDto(long Sequence, string RecordType, Guid RecordId, AuditAction Kind, string ChangedBy, DateTimeOffset ChangedAt, string Changes);

public sealed record AuditTrailPage(IReadOnlyList<AuditEntryDto> Items, int Page, int PageSize, int TotalCount, bool TotalIsExact);

public sealed record AuditBreakDto(long Sequence, AuditBreakKind Kind, string Detail);

public sealed record AuditVerificationDto(
    string Service, bool Intact, long EntriesChecked, long HeadSequence, string HeadHash, DateTimeOffset? HeadOccurredAt,
    AuditBreakDto? FirstBreak, long? AnchorSequence, DateTimeOffset VerifiedAt);

public sealed record AuditHeadDto(string Service, DateOnly Day, long Sequence, string Hash, DateTimeOffset HeadOccurredAt, DateTimeOffset PublishedAt, DateTimeOffset ReceivedAt);

/// <summary>
/// Every service's audit trail under its own prefix (<c>service</c> = risk, trust), and the day heads reporting keeps.
/// Filters travel as the API reads them (days as yyyy-MM-dd text).
/// </summary>
public interface IAuditTrailApi
{
    [Get("/api/{service}/audit-trail")]
    Task<AuditTrailPage> ListAsync(string service, int page, int pageSize, string? recordId, string? actor, string? from, string? to,
        CancellationToken cancellationToken = default);

    [Get("/api/{service}/audit-trail/verify")]
    Task<AuditVerificationDto> VerifyAsync(string service, long? anchorSequence, string? anchorHash, CancellationToken cancellationToken = default);

    [Get("/api/{service}/audit-trail/export")]
    Task<HttpResponseMessage> ExportAsync(string service, string format, CancellationToken cancellationToken = default);

    /// <summary>One record's entries, for every member (the whole trail is for admins and auditors).</summary>
    [Get("/api/{service}/history/{recordId}")]
    Task<PagedResult<RecordChangeDto>> HistoryAsync(string service, Guid recordId, int page, int pageSize, CancellationToken cancellationToken = default);

    [Get("/api/reporting/audit-heads")]
    Task<PagedResult<AuditHeadDto>> ListHeadsAsync(string? service, int page, int pageSize, CancellationToken cancellationToken = default);
}

/// <summary>The services that keep an audit chain, as the workspace lists them.</summary>
public static class AuditTrailServices
{
    public static IReadOnlyList<(string Name, string Title)> All { get; } =
    [
        ("risk", "Risks, controls, evidence, exceptions, incidents"),
        ("trust", "Scope, certificates, trust portal"),
        ("audit", "Audits, findings, corrective actions, access reviews"),
        ("suppliers", "Suppliers, their certificates and assessments"),
        ("identity", "Members, invitations, integration clients"),
    ];

    public static bool IsKnown(string service) => All.Any(s => s.Name == service);
}
