namespace IsmsCloud.Trust.Warnings;

public sealed record ScopeWarningsDto(IReadOnlyList<ScopeWarning> Warnings, DateOnly EvaluatedFor, int? LatestScopeVersion, DateOnly? LastExternalAuditOn);
