using IsmsCloud.Contracts.Events;

namespace IsmsCloud.Reporting.Facts;

// The state of each kind of record that the signals read, as stored in a fact's Data. Only what a definition in
// SIGNALS.md needs; names as in the events they come from.

public sealed record RiskFact(string Title, string Owner, string Band, string? Decision, DateTimeOffset LastAssessedAt);

public sealed record TreatmentActionFact(Guid RiskId, string Title, string Owner, DateOnly DueOn, string Status, Guid? SourceIncidentId);

public sealed record ControlFact(string Reference, string Title, bool? Applicable, string ImplementationStatus, string? Owner, int? EvidenceCadenceDays);

public sealed record EvidenceFact(Guid ControlId, string ControlReference, DateOnly CoversFrom, DateOnly CoversTo, DateTimeOffset CollectedAt);

public enum ExceptionState
{
    /// <summary>Granted or renewed, and not ended by an event (it may still have run past its last day).</summary>
    Granted,
    Expired,
    Closed,
}

public sealed record ControlExceptionFact(
    Guid ControlId, string ControlReference, Guid RiskId, DateTimeOffset? FirstGrantedAt, DateOnly? ExpiresOn, int RenewalCount,
    ExceptionState State, DateTimeOffset At);

public sealed record IncidentFact(string Title, IReadOnlyList<Guid> FailedControlIds, IReadOnlyList<Guid> HelpedControlIds, DateTimeOffset OccurredAt, DateTimeOffset ClosedAt);

public sealed record CertificateFact(string Standard, string Status, DateOnly IssuedOn, DateOnly ExpiresOn);

public sealed record MemberFact(string Email, MemberStatus Status, DateTimeOffset? AccessEndsAt);
