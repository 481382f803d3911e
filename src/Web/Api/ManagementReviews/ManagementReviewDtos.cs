// The web app's copies of reporting-api's management-review contracts (decision 0012), in their own namespace because
// ReviewDto is risk-api's too; WebClientContractTests checks them member for member. The signal types they carry
// (SignalRecord, PatternDto, the *Signal records) are the copies the dashboard already uses, one namespace up.
namespace IsmsCloud.Web.Api.ManagementReviews;

#pragma warning disable CA1720 // "Signed" is the status's name in clause 9.3's sense, not a type
public enum ManagementReviewStatus
{
    Planned,
    InProgress,
    Signed,
}
#pragma warning restore CA1720

public enum DecisionKind
{
    PriorityChange,
    Resources,
    RiskAcceptance,
    Objectives,
    Improvement,
}

public enum DecisionLinkType
{
    Risk,
    Control,
    Supplier,
}

public sealed record Person(string Email, string Name);

public sealed record DecisionLink(DecisionLinkType Type, Guid Id, string Label);

public sealed record ActionRequest(Guid RequestId, Guid RiskId, string RiskTitle, string Title, string Owner, DateOnly DueOn);

public sealed record DecisionRecord(Guid Id, DecisionKind Kind, string Summary, IReadOnlyList<DecisionLink> Links, IReadOnlyList<ActionRequest> Actions, DateTimeOffset CreatedAt);

public sealed record AuditHeadQuote(string Service, DateOnly Day, long Sequence, string Hash);

public sealed record ReviewRef(Guid Id, string Title, DateOnly ReviewDate);

public sealed record PreviousAction(
    Guid RequestId, ReviewRef Review, Guid RiskId, string RiskTitle, string Title, string Owner, DateOnly DueOn,
    string Status, bool Open, bool CarriedForward, int? OverdueDays);

public sealed record FigureChange(string Name, double? Value, double? Previous, double? Change);

public sealed record TrendPoint(DateOnly Day, double? Value);

public sealed record SignalInput(string Signal, string Headline, IReadOnlyList<FigureChange> Figures, IReadOnlyList<TrendPoint> Trend);

public sealed record AuditInput(Guid Id, string Title, string Kind, DateOnly? StartedOn);

public sealed record FindingInput(Guid Id, Guid AuditId, string Kind, string Reference, string Status, DateOnly RaisedOn);

public sealed record AuditResultsInput(
    IReadOnlyList<AuditInput> Audits, IReadOnlyList<FindingInput> Findings, int OpenNonconformities, CorrectiveActionsSignal CorrectiveActions);

public sealed record SupplierGapsInput(SupplierGapsSignal Figures, IReadOnlyList<SignalRecord> Records);

public sealed record IncidentInput(Guid Id, string Title, DateTimeOffset OccurredAt, DateTimeOffset ClosedAt, int FailedControls, int HelpedControls);

public sealed record IncidentsInput(IReadOnlyList<IncidentInput> Closed, IncidentTraceabilitySignal Traceability);

public sealed record RiskTreatmentInput(
    int Risks, IReadOnlyDictionary<string, int> ByBand, IReadOnlyDictionary<string, int> ByDecision, int OpenActions, int OverdueActions,
    int ActionsDoneInPeriod, TreatmentOverdueSignal Overdue);

public sealed record FreeTextInputs(string? IssueChanges, string? InterestedPartiesFeedback, string? ImprovementOpportunities);

public sealed record ReviewInputs(
    DateOnly AsOf,
    string Source,
    ReviewRef? PreviousReview,
    DateOnly PeriodFrom,
    IReadOnlyList<PreviousAction> PreviousActions,
    IReadOnlyList<SignalInput> Signals,
    int? DaysSinceManagementReview,
    IReadOnlyList<PatternDto> Patterns,
    AuditResultsInput AuditResults,
    SupplierGapsInput SupplierGaps,
    IncidentsInput Incidents,
    RiskTreatmentInput RiskTreatment,
    FreeTextInputs FreeText);

public sealed record PlanReviewRequest(string? Title, DateOnly? ReviewDate, string? Chair, IReadOnlyList<string?>? Attendees);

public sealed record UpdateReviewRequest(
    string? Title, DateOnly? ReviewDate, string? Chair, IReadOnlyList<string?>? Attendees,
    string? IssueChanges, string? InterestedPartiesFeedback, string? ImprovementOpportunities, long? Version);

public sealed record LinkRequest(DecisionLinkType? Type, Guid? Id);

public sealed record ActionRequestBody(Guid? RiskId, string? Title, string? Owner, DateOnly? DueOn);

public sealed record SaveDecisionRequest(DecisionKind? Kind, string? Summary, IReadOnlyList<LinkRequest?>? Links, IReadOnlyList<ActionRequestBody?>? Actions, long? Version);

public sealed record ReviewVersionRequest(long? Version);

public sealed record ReviewSummaryDto(
    Guid Id, string Title, DateOnly ReviewDate, Person Chair, int Attendees, ManagementReviewStatus Status, int Decisions,
    DateTimeOffset? SignedAt, string? SnapshotSha256, uint Version);

public sealed record ReviewListDto(IReadOnlyList<ReviewSummaryDto> Items, int TotalCount, DateOnly? LastSignedOn, int? DaysSinceLastSigned);

public sealed record ReviewDto(
    Guid Id,
    string Title,
    DateOnly ReviewDate,
    Person Chair,
    IReadOnlyList<Person> Attendees,
    ManagementReviewStatus Status,
    ReviewInputs Inputs,
    IReadOnlyList<DecisionRecord> Decisions,
    IReadOnlyList<AuditHeadQuote> AuditHeads,
    DateTimeOffset? SignedAt,
    string? SignedBy,
    string? SnapshotSha256,
    bool CanSign,
    uint Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
