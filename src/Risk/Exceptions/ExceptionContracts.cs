using System.ComponentModel.DataAnnotations;

namespace IsmsCloud.Risk.Exceptions;

public sealed record RequestExceptionRequest(
    Guid ControlId,
    Guid RiskId,
    [property: Required, StringLength(2000, MinimumLength = 3)] string AffectedScope,
    [property: Required, StringLength(4000, MinimumLength = 10)] string Reason,
    [property: Required, StringLength(4000, MinimumLength = 3)] string CompensatingControls,
    DateOnly RequestedExpiresOn);

public sealed record DecideExceptionRequest(DateOnly? ExpiresOn, [property: StringLength(2000)] string? Note, [property: Range(0, uint.MaxValue)] long Version);

public sealed record ExceptionDto(
    Guid Id, Guid ControlId, string ControlReference, string ControlTitle, Guid RiskId, string RiskTitle,
    string AffectedScope, string Reason, string CompensatingControls, string RequestedBy, DateTimeOffset RequestedAt, DateOnly RequestedExpiresOn,
    string? ApprovedBy, DateTimeOffset? GrantedAt, DateTimeOffset? FirstGrantedAt, DateOnly? ExpiresOn, ExceptionStatus Status,
    int RenewalCount, int AgeDays, bool IsPermanent, int? DaysToExpiry, string? DecisionNote, uint Version);

public enum ExceptionSort
{
    ExpiresOn,
    Oldest,
    Newest,
}
