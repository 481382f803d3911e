namespace IsmsCloud.Contracts.Events;

/// <summary>
/// A risk was created or re-scored. Carries everything a projection needs so that no consumer calls back.
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
    DateTimeOffset AssessedAt) : ITenantEvent;

/// <summary>A risk was deleted from the register.</summary>
public sealed record RiskDeleted(Guid TenantId, Guid RiskId, DateTimeOffset DeletedAt) : ITenantEvent;
