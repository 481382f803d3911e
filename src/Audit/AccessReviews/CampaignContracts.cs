using System.ComponentModel.DataAnnotations;

namespace IsmsCloud.Audits.AccessReviews;

public sealed record CreateCampaignRequest(
    [property: Required, StringLength(200, MinimumLength = 2)] string System,
    [property: Required, StringLength(200, MinimumLength = 3)] string Title,
    [property: Required, MinLength(1), MaxLength(20)] IReadOnlyList<string> Reviewers,
    DateOnly DueOn);

public sealed record UpdateCampaignRequest(
    [property: Required, StringLength(200, MinimumLength = 3)] string Title,
    [property: Required, MinLength(1), MaxLength(20)] IReadOnlyList<string> Reviewers,
    DateOnly DueOn,
    [property: Range(0, uint.MaxValue)] long Version);

public sealed record CampaignVersionRequest([property: Range(0, uint.MaxValue)] long Version);

public sealed record DecideItemRequest(ReviewDecision Decision, [property: Range(0, uint.MaxValue)] long Version, [property: StringLength(2000)] string? Justification = null);

public sealed record VerifyItemRequest([property: Required, StringLength(2000, MinimumLength = 3)] string Evidence, [property: Range(0, uint.MaxValue)] long Version);

public sealed record CampaignDto(
    Guid Id,
    string System,
    string Title,
    IReadOnlyList<string> Reviewers,
    DateOnly DueOn,
    CampaignStatus Status,
    Guid? PreviousCampaignId,
    int Items,
    int Decided,
    int UnverifiedRevocations,
    double? Completion,
    bool Overdue,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? ClosedAt,
    uint Version,
    DateTimeOffset UpdatedAt);

/// <summary>An account of the previous campaign that is not in this one.</summary>
public sealed record DisappearedAccountDto(string Account, string UserName, string? Email, string Entitlements, bool Privileged, ReviewDecision? PreviousDecision);

public sealed record CampaignDetailDto(CampaignDto Campaign, int NewAccounts, int ChangedAccounts, IReadOnlyList<DisappearedAccountDto> DisappearedAccounts);

public sealed record ReviewItemDto(
    Guid Id,
    Guid CampaignId,
    string UserName,
    string? Email,
    string Account,
    string Entitlements,
    bool Privileged,
    DateOnly? LastLoginOn,
    AccountChange? Change,
    ReviewDecision? Decision,
    string? Justification,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    bool NeedsVerification,
    string? VerifiedBy,
    DateTimeOffset? VerifiedAt,
    string? VerificationEvidence,
    uint Version);

public sealed record CampaignImportResult(int Imported, CampaignDto Campaign);

/// <summary>Signal 4 as of a date, over this tenant's campaigns (exactly as SIGNALS.md defines it).</summary>
public sealed record AccessReviewSummaryDto(DateOnly AsOf, int Campaigns, int Items, int Decided, double? Completion, int OverdueCampaigns, int UnverifiedRevocations);

public enum ItemState
{
    Undecided,
    Decided,
    Unverified,
}
