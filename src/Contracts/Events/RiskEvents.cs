namespace IsmsCloud.Contracts.Events;

/// <summary>
/// A risk was created, re-scored, or its decision, status, owner or review date changed. Carries the whole current
/// state a projection needs, so no consumer calls back. Likelihood, Impact, Score and Band are the residual values
/// (the risk as it stands after treatment); the inherent values are alongside. <see cref="AssessedAt"/> is the time
/// of the change. <see cref="Version"/> is the risk's version once the change is saved: a consumer applies an event
/// only when its version is newer than the one it holds (events may come twice, late or out of order).
/// <see cref="LastAssessedAt"/> is the newest assessment (the first scoring, a re-score or a confirming review), not
/// the last edit.
/// </summary>
public sealed record RiskAssessed(
    Guid TenantId,
    Guid RiskId,
    string Title,
    string Owner,
    int Likelihood,
    int Impact,
    int Score,
    string Band,
    bool IsNew,
    DateTimeOffset AssessedAt,
    int InherentLikelihood = 0,
    int InherentImpact = 0,
    int InherentScore = 0,
    string? Status = null,
    string? Decision = null,
    bool AboveAppetite = false,
    DateOnly? NextReviewOn = null,
    long Version = 0,
    DateTimeOffset? LastAssessedAt = null) : ITenantEvent;

/// <summary>A risk was deleted from the register; its treatment actions go with it. <see cref="Version"/> follows the last state's.</summary>
public sealed record RiskDeleted(Guid TenantId, Guid RiskId, DateTimeOffset DeletedAt, long Version = 0) : ITenantEvent;

/// <summary>A treatment action was added, changed or removed (rule 2). Reporting derives overdue age from DueOn and Status.</summary>
public sealed record TreatmentActionChanged(
    Guid TenantId,
    Guid ActionId,
    Guid RiskId,
    string Title,
    string Owner,
    DateOnly DueOn,
    string Status,
    bool IsOpen,
    string RiskBand,
    Guid? SourceIncidentId,
    bool Deleted,
    DateTimeOffset ChangedAt,
    long Version = 0) : ITenantEvent;

/// <summary>An acceptance ran out and the risk reopened (rule 3).</summary>
public sealed record RiskAcceptanceExpired(
    Guid TenantId,
    Guid RiskId,
    Guid AcceptanceId,
    string RiskTitle,
    string RiskOwner,
    int ResidualScore,
    DateOnly ExpiredOn,
    DateTimeOffset ReopenedAt) : ITenantEvent;

/// <summary>
/// A review task ("look at this again") on a risk or a control was opened or resolved. The person it is for is the
/// subject's owner, as the risk or control events name them; the daily digest lists the open ones (issue 14).
/// <see cref="Version"/> is 1 while open and 2 once resolved: a resolved task never opens again.
/// </summary>
public sealed record ReviewTaskChanged(
    Guid TenantId,
    Guid TaskId,
    string Subject,
    Guid SubjectId,
    string Reason,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset ChangedAt,
    long Version) : ITenantEvent;
