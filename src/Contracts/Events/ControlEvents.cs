namespace IsmsCloud.Contracts.Events;

/// <summary>An SoA entry (a control) was added or changed: its applicability, implementation, owner, cadence or links.</summary>
public sealed record ControlChanged(
    Guid TenantId,
    Guid ControlId,
    string Reference,
    string Title,
    bool IsCustom,
    bool? Applicable,
    string ImplementationStatus,
    string? Owner,
    int? EvidenceCadenceDays,
    IReadOnlyList<Guid> LinkedRiskIds,
    DateTimeOffset ChangedAt,
    long Version = 0) : ITenantEvent;

/// <summary>Evidence was recorded against a control, for the period it covers (rule 5).</summary>
public sealed record EvidenceRecorded(
    Guid TenantId,
    Guid EvidenceId,
    Guid ControlId,
    string ControlReference,
    string Source,
    DateOnly CoversFrom,
    DateOnly CoversTo,
    string CollectedBy,
    DateTimeOffset CollectedAt,
    bool HasAttachment,
    long Version = 1) : ITenantEvent;

/// <summary>An evidence record was removed: it leaves every figure from then on. Its version follows the recorded one's.</summary>
public sealed record EvidenceDeleted(Guid TenantId, Guid EvidenceId, Guid ControlId, DateTimeOffset DeletedAt, long Version = 2) : ITenantEvent;

/// <summary>
/// The state of a control exception after a grant, renewal, expiry or closure (rule 6): the four events share it so a
/// projection can age exceptions and spot permanent ones without calling back.
/// </summary>
public interface IControlExceptionEvent : ITenantEvent
{
    Guid ExceptionId { get; }
    Guid ControlId { get; }
    string ControlReference { get; }
    Guid RiskId { get; }
    DateTimeOffset? FirstGrantedAt { get; }
    DateOnly? ExpiresOn { get; }
    int RenewalCount { get; }
    bool IsPermanent { get; }
    DateTimeOffset At { get; }

    /// <summary>The exception's version once the change is saved (a consumer applies only newer versions).</summary>
    long Version { get; }
}

public sealed record ExceptionGranted(Guid TenantId, Guid ExceptionId, Guid ControlId, string ControlReference, Guid RiskId,
    DateTimeOffset? FirstGrantedAt, DateOnly? ExpiresOn, int RenewalCount, bool IsPermanent, DateTimeOffset At, long Version = 0) : IControlExceptionEvent;

public sealed record ExceptionRenewed(Guid TenantId, Guid ExceptionId, Guid ControlId, string ControlReference, Guid RiskId,
    DateTimeOffset? FirstGrantedAt, DateOnly? ExpiresOn, int RenewalCount, bool IsPermanent, DateTimeOffset At, long Version = 0) : IControlExceptionEvent;

public sealed record ExceptionExpired(Guid TenantId, Guid ExceptionId, Guid ControlId, string ControlReference, Guid RiskId,
    DateTimeOffset? FirstGrantedAt, DateOnly? ExpiresOn, int RenewalCount, bool IsPermanent, DateTimeOffset At, long Version = 0) : IControlExceptionEvent;

public sealed record ExceptionClosed(Guid TenantId, Guid ExceptionId, Guid ControlId, string ControlReference, Guid RiskId,
    DateTimeOffset? FirstGrantedAt, DateOnly? ExpiresOn, int RenewalCount, bool IsPermanent, DateTimeOffset At, long Version = 0) : IControlExceptionEvent;

/// <summary>
/// An incident was closed (rule 7), with what incident-to-control traceability needs: the linked controls, and whether
/// it led to a treatment action or a control change.
/// </summary>
public sealed record IncidentClosed(
    Guid TenantId,
    Guid IncidentId,
    string Title,
    string Severity,
    IReadOnlyList<Guid> FailedControlIds,
    IReadOnlyList<Guid> HelpedControlIds,
    IReadOnlyList<Guid> LinkedRiskIds,
    int TreatmentActionCount,
    string? NoControlReason,
    DateTimeOffset OccurredAt,
    DateTimeOffset ClosedAt,
    long Version = 0) : ITenantEvent;
