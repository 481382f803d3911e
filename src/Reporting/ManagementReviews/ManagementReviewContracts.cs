namespace IsmsCloud.Reporting.ManagementReviews;

public static class ManagementReviewRules
{
    public const int MaxTitle = 200;
    public const int MaxText = 4000;
    public const int MaxAttendees = 50;
    public const int MaxLinks = 50;
    public const int MaxActions = 20;
    public const int MaxDecisions = 100;
    public const int MaxEmail = 200;
}

public sealed record PlanReviewRequest(string? Title, DateOnly? ReviewDate, string? Chair, IReadOnlyList<string?>? Attendees);

/// <summary>The record's fields and the free-text inputs; <see cref="Version"/> is the version read.</summary>
public sealed record UpdateReviewRequest(
    string? Title, DateOnly? ReviewDate, string? Chair, IReadOnlyList<string?>? Attendees,
    string? IssueChanges, string? InterestedPartiesFeedback, string? ImprovementOpportunities, long? Version);

public sealed record LinkRequest(DecisionLinkType? Type, Guid? Id);

public sealed record ActionRequestBody(Guid? RiskId, string? Title, string? Owner, DateOnly? DueOn);

/// <summary>A decision; <see cref="Version"/> is the review's version read.</summary>
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
