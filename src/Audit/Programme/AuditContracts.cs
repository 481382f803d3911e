using System.ComponentModel.DataAnnotations;
using IsmsCloud.Contracts.Events;

namespace IsmsCloud.Audits.Programme;

public sealed record SaveAuditRequest(
    [property: Required, StringLength(200, MinimumLength = 3)] string Title,
    AuditKind Kind,
    [property: Range(2000, 2100)] int Year,
    [property: Required, StringLength(4000, MinimumLength = 3)] string Scope,
    [property: Required, StringLength(4000, MinimumLength = 1)] string Criteria,
    [property: EmailAddress, StringLength(200)] string? Auditor,
    [property: StringLength(200)] string? ExternalBody,
    DateOnly PlannedStartOn,
    DateOnly PlannedEndOn,
    // Ignored when adding; the version read when changing.
    [property: Range(0, uint.MaxValue)] long Version = 0);

/// <summary>Start or complete on a date (default today); carries the version read.</summary>
public sealed record AuditStepRequest(DateOnly? On, [property: Range(0, uint.MaxValue)] long Version);

public sealed record VersionRequest([property: Range(0, uint.MaxValue)] long Version);

public sealed record AuditDto(
    Guid Id,
    string Title,
    AuditKind Kind,
    int Year,
    string Scope,
    string Criteria,
    string? Auditor,
    string? ExternalBody,
    DateOnly PlannedStartOn,
    DateOnly PlannedEndOn,
    DateOnly? StartedOn,
    DateOnly? CompletedOn,
    AuditStatus Status,
    int Findings,
    int OpenFindings,
    uint Version,
    DateTimeOffset UpdatedAt);

public enum AuditSort
{
    PlannedStart,
    PlannedStartDescending,
    Title,
}
