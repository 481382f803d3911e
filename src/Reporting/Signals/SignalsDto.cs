namespace IsmsCloud.Reporting.Signals;

// The figures exactly as SIGNALS.md names them (camelCase JSON through the API's serializer; dictionary keys as written).

/// <summary>One record behind a figure or a pattern: what it is, which one, and why it counts.</summary>
public sealed record SignalRecord(string Type, Guid Id, string Label, string Reason, string? Owner = null, int? Days = null);

public sealed record ExceptionsSignal(int Open, IReadOnlyDictionary<string, int> ByAge, int ExpiredNotClosed, int Permanent);

public sealed record TreatmentOverdueSignal(int OverdueActions, int OverdueRisks, double? MedianDays, int? MaxDays, IReadOnlyDictionary<string, int> ByBand);

public sealed record FindingRecurrenceSignal(int Findings, int Recurring, double? Rate);

public sealed record AccessReviewsSignal(int Campaigns, int Items, int Decided, double? Completion, int OverdueCampaigns, int UnverifiedRevocations);

public sealed record SupplierGapsSignal(int Suppliers, IReadOnlyDictionary<string, int> ByReason);

public sealed record IncidentTraceabilitySignal(int Closed, int Traced, double? Rate);

public sealed record EvidenceFreshnessSignal(int Controls, int Fresh, int Stale, int Missing, int NotRequired, int Undecided);

public sealed record CorrectiveActionsSignal(int Open, int Overdue, int? MaxOverdueDays);

public sealed record PatternDto(string Kind, IReadOnlyList<SignalRecord> Records);

public sealed record ConfidenceErosionDto(bool Active, bool CertificateValid, int ActivePatterns);

public sealed record SignalsDto(
    DateOnly AsOf,
    string Source,
    int DefinitionVersion,
    ExceptionsSignal Exceptions,
    TreatmentOverdueSignal TreatmentOverdue,
    FindingRecurrenceSignal FindingRecurrence,
    AccessReviewsSignal AccessReviews,
    SupplierGapsSignal SupplierGaps,
    IncidentTraceabilitySignal IncidentTraceability,
    EvidenceFreshnessSignal EvidenceFreshness,
    int? DaysSinceManagementReview,
    CorrectiveActionsSignal CorrectiveActions,
    IReadOnlyList<PatternDto> Patterns,
    ConfidenceErosionDto ConfidenceErosion);

/// <summary>Where a day's figures came from (SIGNALS.md): live for today and later, a stored snapshot, or recomputed.</summary>
public static class SignalSources
{
    public const string Live = "live";
    public const string Snapshot = "snapshot";
    public const string Recomputed = "recomputed";
}

/// <summary>The names of the signals as the drill-down endpoint takes them: the figures' JSON names.</summary>
public static class SignalNames
{
    public const string Exceptions = "exceptions";
    public const string TreatmentOverdue = "treatmentOverdue";
    public const string FindingRecurrence = "findingRecurrence";
    public const string AccessReviews = "accessReviews";
    public const string SupplierGaps = "supplierGaps";
    public const string IncidentTraceability = "incidentTraceability";
    public const string EvidenceFreshness = "evidenceFreshness";
    public const string CorrectiveActions = "correctiveActions";

    public static readonly IReadOnlyList<string> All =
        [Exceptions, TreatmentOverdue, FindingRecurrence, AccessReviews, SupplierGaps, IncidentTraceability, EvidenceFreshness, CorrectiveActions];
}

public static class PatternKinds
{
    public const string PaperControls = "PaperControls";
    public const string AuditCentricGovernance = "AuditCentricGovernance";
    public const string DetachedRiskRegister = "DetachedRiskRegister";
    public const string PermanentExceptions = "PermanentExceptions";
}
