namespace IsmsCloud.Contracts.Events;

/// <summary>
/// A version of the ISMS scope statement was published: numbered, dated and frozen from then on. Carries the counts a
/// projection needs; the statement itself stays in trust-api.
/// </summary>
public sealed record ScopePublished(
    Guid TenantId,
    Guid ScopeVersionId,
    int VersionNumber,
    DateTimeOffset PublishedAt,
    string PublishedBy,
    int IncludedCount,
    int ExclusionCount) : ITenantEvent;

public enum CertificateChange
{
    Added,
    Changed,
    Removed,
}

/// <summary>
/// A certificate was added, changed or removed. It carries the recorded status (Active, Suspended, Withdrawn) and the
/// dates, not a validity: validity depends on the day it is looked at, so each consumer computes it for its own today.
/// </summary>
public sealed record CertificateChanged(
    Guid TenantId,
    Guid CertificateId,
    CertificateChange Change,
    string Standard,
    string CertificationBody,
    string CertificateNumber,
    string Status,
    DateOnly IssuedOn,
    DateOnly ExpiresOn,
    int? ScopeVersionNumber,
    int? SoaVersionNumber,
    DateTimeOffset ChangedAt,
    long Version = 0) : ITenantEvent;
