using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Audits.AccessReviews;

public enum ReviewDecision
{
    Keep,
    Revoke,
    Modify,
}

/// <summary>How an account compares with the previous campaign of the same system; null when there was none.</summary>
public enum AccountChange
{
    New,
    Unchanged,
    /// <summary>The account was there, with other entitlements or another privilege.</summary>
    Changed,
}

/// <summary>
/// One account under review. A decision needs a justification for every Revoke and Modify and for keeping a privileged
/// account; Revoke and Modify then need verification (who confirmed the change was made, when, with what evidence).
/// </summary>
public sealed class ReviewItem : ITenantOwned, IVersioned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public Guid CampaignId { get; init; }
    public required string UserName { get; init; }
    public string? Email { get; init; }
    public required string Account { get; init; }
    /// <summary>Lower-cased account: what is compared with the previous campaign.</summary>
    public required string AccountKey { get; init; }
    public string Entitlements { get; init; } = "";
    public bool Privileged { get; init; }
    public DateOnly? LastLoginOn { get; init; }
    public AccountChange? Change { get; set; }
    public ReviewDecision? Decision { get; set; }
    public string? Justification { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? VerifiedBy { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public string? VerificationEvidence { get; set; }

    public bool NeedsVerification => Decision is ReviewDecision.Revoke or ReviewDecision.Modify;

    public bool IsVerified => VerifiedAt is not null;

    /// <summary>The justification rule: required for Revoke and Modify, and for keeping a privileged account.</summary>
    public static bool RequiresJustification(ReviewDecision decision, bool privileged) =>
        decision != ReviewDecision.Keep || privileged;

    public (string Field, string Message)? Decide(ReviewDecision decision, string? justification, string actor, DateTimeOffset now)
    {
        if (IsVerified)
        {
            return ("decision", "The change was verified; the decision can no longer be changed.");
        }

        if (RequiresJustification(decision, Privileged) && string.IsNullOrWhiteSpace(justification))
        {
            return ("justification", decision == ReviewDecision.Keep
                ? "Keeping a privileged account needs a justification."
                : $"A {decision} decision needs a justification.");
        }

        Decision = decision;
        Justification = string.IsNullOrWhiteSpace(justification) ? null : justification.Trim();
        DecidedBy = actor;
        DecidedAt = now;
        return null;
    }

    public (string Field, string Message)? Verify(string evidence, string actor, DateTimeOffset now)
    {
        if (!NeedsVerification)
        {
            return ("decision", "Only a Revoke or Modify decision is verified.");
        }

        if (IsVerified)
        {
            return ("verification", "The change is already verified.");
        }

        if (string.IsNullOrWhiteSpace(evidence))
        {
            return ("evidence", "Say how the change was confirmed (a ticket, a screenshot's link, a log line).");
        }

        VerifiedBy = actor;
        VerifiedAt = now;
        VerificationEvidence = evidence.Trim();
        return null;
    }

    /// <summary>New, Unchanged or Changed against the same account in the previous campaign (null: there was none).</summary>
    public static AccountChange Compare(ReviewItem? previous, string entitlements, bool privileged) =>
        previous is null ? AccountChange.New
        : string.Equals(Normalize(previous.Entitlements), Normalize(entitlements), StringComparison.OrdinalIgnoreCase) && previous.Privileged == privileged
            ? AccountChange.Unchanged
            : AccountChange.Changed;

    private static string Normalize(string entitlements) =>
        string.Join(';', entitlements.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.OrdinalIgnoreCase));
}
