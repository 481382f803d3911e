using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Risk.Risks;

/// <summary>
/// A risk in the register. This is the thin first slice (title, owner, one likelihood × impact assessment); the full
/// register with inherent/residual scoring, history and treatment is its own piece of work.
/// </summary>
public sealed class Risk : ITenantOwned, IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public required string Owner { get; set; }
    public int Likelihood { get; private set; }
    public int Impact { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public RiskScore Score => new(Likelihood, Impact);

    public void Assess(RiskScore score, DateTimeOffset at)
    {
        Likelihood = score.Likelihood;
        Impact = score.Impact;
        UpdatedAt = at;
    }
}
