namespace IsmsCloud.Contracts.Events;

/// <summary>
/// A supplier was registered, changed or removed. Carries the supplier's facts as they stand after the change and its
/// <see cref="Version"/> (the supplier's version after the change; a consumer applies an event only when it is newer
/// than the one it holds). <see cref="MaterialChanges"/> names what this change counted as material (empty when none);
/// <see cref="LastMaterialChangeAt"/> is the latest material change ever recorded, so reporting can tell an unassessed
/// change (signal 5) from the facts alone. <see cref="AiUseAdded"/> is true when this change gave the supplier AI use
/// it did not have (rule 13). <see cref="Owner"/> was added later (null in messages from before).
/// </summary>
public sealed record SupplierChanged(
    Guid TenantId,
    Guid SupplierId,
    long Version,
    string LegalName,
    string Criticality,
    string Status,
    bool UsesAi,
    string? AiModelProvider,
    bool AiAutomatedDecisions,
    bool AiUseAdded,
    IReadOnlyList<string> MaterialChanges,
    DateTimeOffset? LastMaterialChangeAt,
    Guid? ParentSupplierId,
    IReadOnlyList<Guid> RiskIds,
    IReadOnlyList<Guid> AssetIds,
    bool Deleted,
    DateTimeOffset ChangedAt,
    string? Owner = null) : ITenantEvent;

/// <summary>
/// An assessment of a supplier was opened or moved on: started, its questionnaire sent, answered (Submitted: the
/// tenant reviews it), sent back, completed or cancelled. <see cref="CreatedBy"/> opened it; with the supplier's owner
/// they are who reviews an answered questionnaire (the daily digest). <see cref="Version"/> is the assessment's version
/// after the change. The result of a completion travels in <see cref="SupplierAssessed"/>.
/// </summary>
public sealed record SupplierAssessmentChanged(
    Guid TenantId,
    Guid AssessmentId,
    Guid SupplierId,
    long Version,
    string Title,
    string Status,
    string CreatedBy,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset ChangedAt) : ITenantEvent;

/// <summary>
/// An assessment of a supplier was completed with a result (Approved, ApprovedWithConditions, Rejected).
/// <see cref="Version"/> is the assessment's version after the completion. <see cref="CountsAsValid"/> says whether the
/// result is one that signal 5 accepts as a valid assessment (Approved or ApprovedWithConditions).
/// </summary>
public sealed record SupplierAssessed(
    Guid TenantId,
    Guid SupplierId,
    Guid AssessmentId,
    long Version,
    string Result,
    bool CountsAsValid,
    DateTimeOffset CompletedAt,
    string? ResidualRiskNote,
    IReadOnlyList<string> Conditions) : ITenantEvent;

/// <summary>
/// A certificate (Iso27001, Soc2Type1, Soc2Type2) or agreement (Dpa, Contract) held by a supplier was added, changed or
/// removed. Validity is not carried: it depends on the day, so each consumer computes it from the dates (both inclusive).
/// <see cref="IsCertificate"/> is false for agreements, which signal 5 does not count. <see cref="Version"/> is the
/// record's version after the change (for a removal, one more than its last).
/// </summary>
public sealed record SupplierCertificateChanged(
    Guid TenantId,
    Guid CertificateId,
    Guid SupplierId,
    long Version,
    string Kind,
    bool IsCertificate,
    string Issuer,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    bool Removed,
    DateTimeOffset ChangedAt) : ITenantEvent;

/// <summary>
/// The assurance-gap reasons of a supplier (signal 5: NoValidAssessment, UnassessedChange, ExpiredCertificate) changed,
/// as evaluated by supplier-api on <see cref="EvaluatedOn"/>; an empty list means the gap closed. <see cref="Version"/>
/// is the supplier's gap revision after the change (it moves on each time the reasons change, whether a save or the
/// passing of time changed them). Reporting computes the signal from the other events' facts; this one is for
/// notifications and as a cross-check.
/// </summary>
public sealed record SupplierAssuranceGapChanged(
    Guid TenantId,
    Guid SupplierId,
    long Version,
    IReadOnlyList<string> Reasons,
    DateOnly EvaluatedOn,
    DateTimeOffset ChangedAt) : ITenantEvent;

/// <summary>
/// A supplier's access to one of the tenant's systems was recorded, changed or ended (DESIGN.md rule 11, issue 10's
/// "supplier access"): which account or person of the supplier can reach <see cref="System"/>, with what entitlements,
/// whether privileged, since when and until when. audit-api keeps these to offer them as the items of an access-review
/// campaign, so supplier access is reviewed like staff access. <see cref="Version"/> is the access record's version
/// after the change (for a removal, one more than its last); a consumer applies only newer versions.
/// </summary>
public sealed record SupplierAccessChanged(
    Guid TenantId,
    Guid AccessId,
    Guid SupplierId,
    long Version,
    string SupplierName,
    string System,
    string Account,
    string? PersonName,
    string? Email,
    string Entitlements,
    bool Privileged,
    DateOnly Since,
    DateOnly? Until,
    DateTimeOffset? LastLoginAt,
    bool Removed,
    DateTimeOffset ChangedAt) : ITenantEvent;

/// <summary>
/// The tenant's reassessment intervals per criticality (rule 11), in months, as they stand after a change (or, on a
/// republish, as they stand now). Signal 5 reads them to tell when an assessment stops being valid; a tenant that never
/// published this event has the defaults (Low 36, Medium 24, High 12, Critical 6). <see cref="Version"/> is the
/// settings record's version after the change; <see cref="ChangedAt"/> the time of that change.
/// </summary>
public sealed record SupplierSettingsChanged(
    Guid TenantId,
    long Version,
    int LowMonths,
    int MediumMonths,
    int HighMonths,
    int CriticalMonths,
    DateTimeOffset ChangedAt) : ITenantEvent;

/// <summary>
/// An assessment of a supplier was completed ApprovedWithConditions (rule 13 and issue 10): the conditions are work on
/// the risks the supplier is linked to, so risk-api turns each condition into a treatment action on each of
/// <see cref="RiskIds"/> (the supplier's links at the completion). Published once, with the completion; not
/// republished on <see cref="TenantStateRequested"/>, since it asks for work rather than describing a state (the
/// assessment's state is in <see cref="SupplierAssessed"/>).
/// </summary>
public sealed record SupplierConditionsRaised(
    Guid TenantId,
    Guid SupplierId,
    Guid AssessmentId,
    string SupplierName,
    IReadOnlyList<Guid> RiskIds,
    IReadOnlyList<string> Conditions,
    DateTimeOffset CompletedAt) : ITenantEvent;
