namespace IsmsCloud.Contracts.Events;

/// <summary>The kind of an audit; certification bodies run all but <see cref="Internal"/>.</summary>
public enum AuditKind
{
    Internal,
    Certification,
    Surveillance,
    Recertification,
}

/// <summary>
/// An audit was completed. Published by audit-api (not built yet); trust-api already consumes it to warn when no
/// surveillance audit was recorded in the last 12 months.
/// </summary>
public sealed record AuditCompleted(
    Guid TenantId,
    Guid AuditId,
    string Title,
    AuditKind Kind,
    string? CertificationBody,
    DateOnly CompletedOn,
    DateTimeOffset CompletedAt) : ITenantEvent;
