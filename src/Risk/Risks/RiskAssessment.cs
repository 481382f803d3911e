using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Risk.Risks;

/// <summary>
/// One change of a risk's scores: who, when, before, after and why (rule 1). Written once, never changed. The
/// "before" values are empty for the first assessment.
/// </summary>
public sealed class RiskAssessment : ITenantOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => RiskId;
    public Guid TenantId { get; set; }
    public Guid RiskId { get; init; }
    public DateTimeOffset AssessedAt { get; init; }
    public required string AssessedBy { get; init; }
    public string? Rationale { get; init; }
    public int? InherentLikelihoodBefore { get; init; }
    public int? InherentImpactBefore { get; init; }
    public int? ResidualLikelihoodBefore { get; init; }
    public int? ResidualImpactBefore { get; init; }
    public int? InherentBefore { get; init; }
    public int? ResidualBefore { get; init; }
    public int InherentLikelihoodAfter { get; init; }
    public int InherentImpactAfter { get; init; }
    public int ResidualLikelihoodAfter { get; init; }
    public int ResidualImpactAfter { get; init; }
    public int InherentAfter { get; init; }
    public int ResidualAfter { get; init; }
}
