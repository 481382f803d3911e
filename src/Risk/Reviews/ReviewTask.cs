using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Tenancy;

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
public sealed class ReviewTask : ITenantOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public ReviewSubject Subject { get; init; }
    public Guid SubjectId { get; init; }
    public required string Reason { get; init; }

    /// <summary>
    /// The record whose change opened the review (the AI asset, for rule 13), when there is one: it identifies "the same
    /// review" even after that record is renamed and the reason text would read differently.
    /// </summary>
    public Guid? CauseId { get; init; }
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
