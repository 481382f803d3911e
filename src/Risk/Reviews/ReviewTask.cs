using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Risk.History;

namespace IsmsCloud.Risk.Reviews;

public enum ReviewSubject
{
    Risk,
    Control,
}

/// <summary>
/// "Look at this again": opened by the system when something changed under a risk or control — an AI system was
/// added (rule 13), an exception or acceptance expired (rules 3 and 6). Reassessing the risk resolves its open
/// reviews; anyone who may edit the record can resolve one with a note.
/// </summary>
public sealed class ReviewTask : ITenantOwned, IHasHistory
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public ReviewSubject Subject { get; init; }
    public Guid SubjectId { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public string? Resolution { get; set; }

    public bool IsOpen => ResolvedAt is null;

    public void Resolve(string by, DateTimeOffset at, string resolution)
    {
        ResolvedAt = at;
        ResolvedBy = by;
        Resolution = resolution;
    }
}
