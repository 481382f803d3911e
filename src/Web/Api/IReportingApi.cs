using Refit;

namespace IsmsCloud.Web.Api;

public sealed record RiskSummaryDto(int RiskCount, IReadOnlyDictionary<string, int> ByBand, DateTimeOffset? LastAssessedAt);

// Copies of reporting-api's signals (decision 0012: the contract test compares them with the originals).

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

public interface IReportingApi
{
    [Get("/api/reporting/risk-summary")]
    Task<RiskSummaryDto> GetRiskSummaryAsync(CancellationToken cancellationToken = default);

    [Get("/api/reporting/signals")]
    Task<SignalsDto> GetSignalsAsync([Query] string? asOf = null, CancellationToken cancellationToken = default);

    [Get("/api/reporting/signals/trend")]
    Task<IReadOnlyList<SignalsDto>> GetTrendAsync([Query] string from, [Query] string to, CancellationToken cancellationToken = default);

    [Get("/api/reporting/signals/{signal}/records")]
    Task<IReadOnlyList<SignalRecord>> GetRecordsAsync(string signal, [Query] string? asOf = null, CancellationToken cancellationToken = default);
}
