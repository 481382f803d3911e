using System.ComponentModel.DataAnnotations;
using IsmsCloud.Audits.Actions;

namespace IsmsCloud.Audits.Findings;

public sealed record RaiseFindingRequest(
    FindingKind Kind,
    [property: Required, StringLength(40, MinimumLength = 1)] string Reference,
    [property: Required, StringLength(4000, MinimumLength = 3)] string Description,
    [property: StringLength(4000)] string? EvidenceSeen = null,
    RootCauseCategory? RootCauseCategory = null,
    [property: StringLength(4000)] string? RootCauseAnalysis = null,
    /// <summary>The day the finding was raised (default today): within the audit's dates.</summary>
    DateOnly? RaisedOn = null);

public sealed record UpdateFindingRequest(
    FindingKind Kind,
    [property: Required, StringLength(40, MinimumLength = 1)] string Reference,
    [property: Required, StringLength(4000, MinimumLength = 3)] string Description,
    [property: Range(0, uint.MaxValue)] long Version,
    [property: StringLength(4000)] string? EvidenceSeen = null,
    RootCauseCategory? RootCauseCategory = null,
    [property: StringLength(4000)] string? RootCauseAnalysis = null);

public sealed record WithdrawFindingRequest([property: Required, StringLength(2000, MinimumLength = 3)] string Reason, [property: Range(0, uint.MaxValue)] long Version);

public sealed record FindingDto(
    Guid Id,
    Guid AuditId,
    string AuditTitle,
    FindingKind Kind,
    string Reference,
    Guid? ControlId,
    string Description,
    string? EvidenceSeen,
    RootCauseCategory? RootCauseCategory,
    string? RootCauseAnalysis,
    FindingStatus Status,
    string? WithdrawalReason,
    DateOnly RaisedOn,
    string RaisedBy,
    DateOnly? ClosedOn,
    bool Recurring,
    bool Escalate,
    int OpenActions,
    uint Version,
    DateTimeOffset UpdatedAt);

/// <summary>An earlier finding that makes this one recur, with its audit, to link to.</summary>
public sealed record EarlierFindingDto(Guid Id, Guid AuditId, string AuditTitle, FindingKind Kind, DateOnly RaisedOn, FindingStatus Status);

public sealed record FindingDetailDto(FindingDto Finding, IReadOnlyList<EarlierFindingDto> EarlierFindings, IReadOnlyList<CorrectiveActionDto> Actions);

public enum FindingSort
{
    Newest,
    Oldest,
    Reference,
    Kind,
}
