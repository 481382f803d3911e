namespace IsmsCloud.Contracts.Events;

/// <summary>
/// A risk was created, re-scored, or its decision, status, owner or review date changed. Carries the whole current
/// state a projection needs, so no consumer calls back. Likelihood, Impact, Score and Band are the residual values
/// (the risk as it stands after treatment); the inherent values are alongside. <see cref="AssessedAt"/> is the time
/// of the change and orders events for the same risk.
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
    DateOnly? NextReviewOn = null) : ITenantEvent;

/// <summary>A risk was deleted from the register.</summary>
public sealed record RiskDeleted(Guid TenantId, Guid RiskId, DateTimeOffset DeletedAt) : ITenantEvent;

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
    DateTimeOffset ChangedAt) : ITenantEvent;

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
