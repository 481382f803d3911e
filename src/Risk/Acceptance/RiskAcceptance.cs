using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Risk.History;
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
public sealed class RiskAcceptance : ITenantOwned, IHasHistory
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid RiskId { get; init; }
    public int AcceptedResidualScore { get; init; }
    public required string Rationale { get; init; }
    public required string ApprovedBy { get; init; }
    public DateTimeOffset ApprovedAt { get; init; }

    /// <summary>The last day the acceptance is valid.</summary>
    public DateOnly ExpiresOn { get; init; }

    public AcceptanceStatus Status { get; set; } = AcceptanceStatus.Active;
    public DateTimeOffset? EndedAt { get; set; }

    public bool IsExpiredOn(DateOnly today) => today > ExpiresOn;

    public bool Covers(int residualScore, DateOnly today) =>
        Status == AcceptanceStatus.Active && !IsExpiredOn(today) && residualScore <= AcceptedResidualScore;
}

/// <summary>Rule 3 as a check: the reasons an acceptance may not be granted, field by field (empty when it may).</summary>
public static class AcceptanceRules
{
    public static Dictionary<string, string[]> Check(
        Risks.Risk risk, Access.Actor approver, DateOnly expiresOn, DateOnly today, RiskSettings settings)
    {
        var errors = new Dictionary<string, string[]>();
        if (risk.Decision != Risks.TreatmentDecision.Accept)
        {
            errors["decision"] = ["Only a risk whose treatment decision is Accept can be accepted."];
        }
        else if (!settings.IsAboveAppetite(risk.ResidualScore))
        {
            errors["residualScore"] = [$"The residual score {risk.ResidualScore} is within the appetite ({settings.RiskAppetite}); no formal acceptance is needed."];
        }

        if (!approver.CanApprove)
        {
            errors["approver"] = ["Only an Approver or a TenantAdmin can accept a risk."];
        }
        else if (approver.Is(risk.Owner))
        {
            errors["approver"] = ["The risk owner cannot accept their own risk (segregation of duties, A.5.3)."];
        }

        var latest = today.AddMonths(settings.MaxAcceptanceMonths);
        if (expiresOn <= today)
        {
            errors["expiresOn"] = ["The expiry must be in the future."];
        }
        else if (expiresOn > latest)
        {
            errors["expiresOn"] = [$"An acceptance may last at most {settings.MaxAcceptanceMonths} months (until {latest:yyyy-MM-dd})."];
        }

        return errors;
    }
}
