using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Reporting.Projections;

/// <summary>
/// Reporting's view of one risk, built only from events. Deletions leave a tombstone so that a RiskAssessed that
/// arrives after the RiskDeleted (different queues may overtake each other) cannot bring the risk back, and an
/// older assessment never overwrites a newer one.
/// </summary>
public sealed class RiskRegisterEntry : ITenantOwned
{
    public Guid RiskId { get; init; }
    public Guid TenantId { get; set; }
    public string Band { get; set; } = "";
    public int Score { get; set; }
    public DateTimeOffset AssessedAt { get; set; }
    /// <summary>When reporting applied the latest event: AssessedAt → ProjectedAt is the projection's lag.</summary>
    public DateTimeOffset ProjectedAt { get; set; }
    public bool Deleted { get; set; }
}
