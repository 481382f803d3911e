namespace IsmsCloud.Contracts.Events;

/// <summary>
/// A signed management review (clause 9.3) asks for a treatment action on a risk. Published by reporting-api when the
/// chair signs the review whose decision requested it; risk-api creates the action once, with <see cref="RequestId"/>
/// as its id (so the review can follow the action's status from risk-api's own events). A risk that no longer exists
/// in the tenant is dropped with a log line. <see cref="Version"/> is the review's version after the sign-off.
/// </summary>
public sealed record ManagementReviewActionRequested(
    Guid TenantId,
    Guid ReviewId,
    Guid DecisionId,
    Guid RequestId,
    Guid RiskId,
    string Title,
    string Owner,
    DateOnly DueOn,
    DateTimeOffset RequestedAt,
    long Version) : ITenantEvent;

/// <summary>
/// A management review was signed by its chair and frozen: <see cref="SnapshotSha256"/> is the SHA-256 (hex) of its
/// snapshot in RFC 8785 canonical JSON. Signal 8 ("days since management review") reads <see cref="ReviewDate"/>.
/// </summary>
public sealed record ManagementReviewSigned(
    Guid TenantId,
    Guid ReviewId,
    string Title,
    DateOnly ReviewDate,
    string Chair,
    DateTimeOffset SignedAt,
    string SnapshotSha256,
    long Version) : ITenantEvent;
