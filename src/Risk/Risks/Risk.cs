using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Risk.Acceptance;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Treatment;

namespace IsmsCloud.Risk.Risks;

public enum TreatmentDecision
{
    Treat,
    Accept,
    Transfer,
    Avoid,
}

public enum RiskStatus
{
    /// <summary>No treatment decision yet, or reopened (an acceptance expired).</summary>
    Open,
    InTreatment,
    /// <summary>Decision is Accept but the residual is above appetite and no valid acceptance covers it (rule 3).</summary>
    AcceptancePending,
    Accepted,
}

/// <summary>
/// A risk in the register (domain rules 1–3). Inherent and residual are scored separately; every change of either
/// is kept as a <see cref="RiskAssessment"/> with who, when, before, after and why.
/// </summary>
public sealed class Risk : ITenantOwned, IVersioned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }

    /// <summary>The owner's key (an e-mail address): the one person answerable for the risk.</summary>
    public required string Owner { get; set; }

    public string? Threat { get; set; }
    public string? Vulnerability { get; set; }
    public int InherentLikelihood { get; private set; }
    public int InherentImpact { get; private set; }
    public int ResidualLikelihood { get; private set; }
    public int ResidualImpact { get; private set; }

    // Stored (not computed on read) so that filters and sorts by score use an index.
    public int InherentScore { get; private set; }
    public int ResidualScore { get; private set; }

    public TreatmentDecision? Decision { get; private set; }
    public RiskStatus Status { get; private set; } = RiskStatus.Open;
    public DateOnly NextReviewOn { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset LastAssessedAt { get; private set; }

    /// <summary>
    /// The earliest due date among the risk's open treatment actions (null when none is open). Kept on the risk so the
    /// register filters and sorts by overdue age with an index instead of a subquery per row; see
    /// <see cref="Treatment.TreatmentSchedule"/>.
    /// </summary>
    public DateOnly? EarliestOpenDueOn { get; set; }

    public List<RiskAsset> AssetLinks { get; init; } = [];
    public List<TreatmentAction> Actions { get; init; } = [];
    public List<RiskAcceptance> Acceptances { get; init; } = [];

    public RiskScore Inherent => new(InherentLikelihood, InherentImpact);
    public RiskScore Residual => new(ResidualLikelihood, ResidualImpact);

    /// <summary>
    /// Scores the risk. Returns the history entry, or null when neither score changed and no rationale was given
    /// (nothing to record). A rationale with unchanged scores is a review that confirmed them: it is recorded too.
    /// The next review moves forward from every assessment.
    /// </summary>
    public RiskAssessment? Assess(RiskScore inherent, RiskScore residual, string by, DateTimeOffset at, string? rationale, int reviewIntervalDays)
    {
        var isFirst = InherentScore == 0;
        if (!isFirst && inherent == Inherent && residual == Residual && string.IsNullOrWhiteSpace(rationale))
        {
            return null;
        }

        var entry = new RiskAssessment
        {
            RiskId = Id,
            AssessedAt = at,
            AssessedBy = by,
            Rationale = rationale,
            InherentBefore = isFirst ? null : InherentScore,
            ResidualBefore = isFirst ? null : ResidualScore,
            InherentLikelihoodBefore = isFirst ? null : InherentLikelihood,
            InherentImpactBefore = isFirst ? null : InherentImpact,
            ResidualLikelihoodBefore = isFirst ? null : ResidualLikelihood,
            ResidualImpactBefore = isFirst ? null : ResidualImpact,
            InherentLikelihoodAfter = inherent.Likelihood,
            InherentImpactAfter = inherent.Impact,
            ResidualLikelihoodAfter = residual.Likelihood,
            ResidualImpactAfter = residual.Impact,
            InherentAfter = inherent.Value,
            ResidualAfter = residual.Value,
        };
        InherentLikelihood = inherent.Likelihood;
        InherentImpact = inherent.Impact;
        ResidualLikelihood = residual.Likelihood;
        ResidualImpact = residual.Impact;
        InherentScore = inherent.Value;
        ResidualScore = residual.Value;
        LastAssessedAt = at;
        UpdatedAt = at;
        NextReviewOn = DateOnly.FromDateTime(at.UtcDateTime).AddDays(reviewIntervalDays);
        return entry;
    }

    /// <summary>Rule 1: a change of either score needs a rationale, because the history must say why.</summary>
    public RuleCheck CheckReassessment(RiskScore inherent, RiskScore residual, string? rationale)
    {
        var check = new RuleCheck();
        return (inherent != Inherent || residual != Residual) && string.IsNullOrWhiteSpace(rationale)
            ? check.Invalid("rationale", "A change of score needs a rationale; it is kept in the risk's history.")
            : check;
    }

    public void Decide(TreatmentDecision? decision, DateTimeOffset at)
    {
        Decision = decision;
        UpdatedAt = at;
    }

    /// <summary>
    /// Re-derives the status from the decision, the residual score, the appetite and the acceptances (rule 3). Call
    /// after anything that changes one of them.
    /// </summary>
    public void RefreshStatus(int appetite, DateOnly today) =>
        Status = RiskStatusRule.Evaluate(Decision, ResidualScore, appetite, Acceptances, today);

    /// <summary>An acceptance expired: the risk is open again and needs a new decision (rule 3).</summary>
    public void Reopen(DateTimeOffset at)
    {
        Decision = null;
        Status = RiskStatus.Open;
        UpdatedAt = at;
    }
}

/// <summary>The link between a risk and an asset it concerns.</summary>
public sealed class RiskAsset : ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }
    Guid IAudited.AuditRecordId => RiskId;
    public Guid RiskId { get; init; }
    public Guid AssetId { get; init; }
}

public static class RiskStatusRule
{
    public static RiskStatus Evaluate(TreatmentDecision? decision, int residualScore, int appetite, IEnumerable<RiskAcceptance> acceptances, DateOnly today) =>
        decision switch
        {
            null => RiskStatus.Open,
            TreatmentDecision.Accept when residualScore <= appetite => RiskStatus.Accepted,
            TreatmentDecision.Accept when acceptances.Any(a => a.Covers(residualScore, today)) => RiskStatus.Accepted,
            TreatmentDecision.Accept => RiskStatus.AcceptancePending,
            _ => RiskStatus.InTreatment,
        };
}
