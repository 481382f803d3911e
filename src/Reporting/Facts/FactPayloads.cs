using IsmsCloud.Contracts.Events;

namespace IsmsCloud.Reporting.Facts;

// The state of each kind of record that the signals read, as stored in a fact's Data. Only what a definition in
// SIGNALS.md or the daily digest (who has what to do) needs; names as in the events they come from. A field added
// later is optional: facts stored before it read as null.

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

public sealed record AuditFact(string Title, string Kind, DateOnly? StartedOn);

public sealed record FindingFact(Guid AuditId, string Kind, string Reference, string Status, DateOnly RaisedOn);

public sealed record CorrectiveActionFact(Guid FindingId, string Title, string Owner, DateOnly DueOn, string Status, bool IsOpen);

public sealed record AccessReviewFact(string System, string Status, DateOnly DueOn, int Items, IReadOnlyList<string>? Reviewers = null, string? Title = null);

public sealed record AccessReviewItemFact(Guid CampaignId, string? Decision, bool Verified);

public sealed record SupplierFact(string LegalName, string Criticality, string Status, DateTimeOffset? LastMaterialChangeAt, string? Owner = null);

public sealed record SupplierAssessmentFact(Guid SupplierId, string Result, bool CountsAsValid, DateTimeOffset CompletedAt);

public sealed record SupplierCertificateFact(Guid SupplierId, string Kind, bool IsCertificate, DateOnly ValidFrom, DateOnly ValidUntil);

/// <summary>The tenant's reassessment interval in months per criticality (one record per tenant, its id the tenant's).</summary>
public sealed record SupplierSettingsFact(IReadOnlyDictionary<string, int> ReassessmentMonths);

/// <summary>A signed management review (reporting's own event): signal 8 reads its date.</summary>
public sealed record ManagementReviewFact(string Title, DateOnly ReviewDate, DateTimeOffset SignedAt, string SnapshotSha256);

/// <summary>A review task on a risk or a control (the digest lists the open ones to the subject's owner).</summary>
public sealed record ReviewTaskFact(string Subject, Guid SubjectId, string Reason, DateTimeOffset OpenedAt, bool IsOpen);

/// <summary>An assessment's questionnaire state (the digest lists the Submitted ones to the supplier's owner and whoever opened it).</summary>
public sealed record QuestionnaireFact(Guid SupplierId, string Title, string Status, string CreatedBy, DateTimeOffset? SubmittedAt);
