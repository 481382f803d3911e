using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Settings;

namespace IsmsCloud.Risk.Acceptance;

public enum AcceptanceStatus
{
    Active,
    Expired,
    Revoked,
}

/// <summary>
/// A formal acceptance of a residual risk above appetite (rule 3): approved by someone who is not the risk owner,
/// until a set date. It covers the residual score it was granted for; if the risk gets worse, it no longer does.
/// </summary>
public sealed class RiskAcceptance : ITenantOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public Guid RiskId { get; init; }
    public int AcceptedResidualScore { get; init; }
    public required string Rationale { get; init; }
    public required string ApprovedBy { get; init; }
    public DateTimeOffset ApprovedAt { get; init; }

    /// <summary>The last day the acceptance is valid.</summary>
    public DateOnly ExpiresOn { get; init; }

    public AcceptanceStatus Status { get; private set; } = AcceptanceStatus.Active;
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Active and past its last day: the expiry sweep ends it and reopens the risk (rule 3).</summary>
    public static readonly DatedRule<RiskAcceptance> DueToExpire = new((a, today) =>
        a.Status == AcceptanceStatus.Active && a.ExpiresOn < today);

    public bool IsDueToExpire(DateOnly today) => DueToExpire.IsMetBy(this, today);

    public bool Covers(int residualScore, DateOnly today) =>
        Status == AcceptanceStatus.Active && !IsDueToExpire(today) && residualScore <= AcceptedResidualScore;

    public RuleCheck CheckRevoke()
    {
        var check = new RuleCheck();
        return Status == AcceptanceStatus.Active ? check : check.Invalid("status", $"The acceptance is already {Status}.");
    }

    /// <summary>Ended early by an approver; the risk's status must be refreshed after.</summary>
    public void Revoke(DateTimeOffset at) => End(AcceptanceStatus.Revoked, at);

    /// <summary>Past its last day (the expiry sweep); the risk reopens.</summary>
    public void Expire(DateTimeOffset at) => End(AcceptanceStatus.Expired, at);

    private void End(AcceptanceStatus status, DateTimeOffset at)
    {
        Status = status;
        EndedAt = at;
    }
}

/// <summary>Rule 3 as a check: the reasons an acceptance may not be granted, field by field (empty when it may).</summary>
public static class AcceptanceRules
{
    public static RuleCheck Check(Risks.Risk risk, Actor approver, DateOnly expiresOn, DateOnly today, RiskSettings settings)
    {
        var check = new RuleCheck();
        if (!approver.CanApprove)
        {
            check.Forbid("Only an Approver or a TenantAdmin can accept a risk.");
        }
        else if (approver.Is(risk.Owner))
        {
            check.Forbid("The risk owner cannot accept their own risk (segregation of duties, A.5.3).");
        }

        if (risk.Decision != Risks.TreatmentDecision.Accept)
        {
            check.Invalid("decision", "Only a risk whose treatment decision is Accept can be accepted.");
        }
        else if (!settings.IsAboveAppetite(risk.ResidualScore))
        {
            check.Invalid("residualScore", $"The residual score {risk.ResidualScore} is within the appetite ({settings.RiskAppetite}); no formal acceptance is needed.");
        }

        var latest = today.AddMonths(settings.MaxAcceptanceMonths);
        if (expiresOn <= today)
        {
            check.Invalid("expiresOn", "The expiry must be in the future.");
        }
        else if (expiresOn > latest)
        {
            check.Invalid("expiresOn", $"An acceptance may last at most {settings.MaxAcceptanceMonths} months (until {latest:yyyy-MM-dd}).");
        }

        return check;
    }
}
