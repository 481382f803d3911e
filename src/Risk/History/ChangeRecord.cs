namespace IsmsCloud.Risk.History;

public enum ChangeKind
{
    Created,
    Updated,
    Deleted,
}

/// <summary>
/// A row of the history risk-api kept before the audit chain (the "ChangeRecords" table, field → [before, after] as
/// JSON, the actor by e-mail key). No code writes one any more: <see cref="LegacyHistoryChaining"/> appends each to its
/// tenant's chain at start-up, in the order they were written, and removes it in the same transaction. Not
/// tenant-owned, like the outbox: only that start-up step reads it, across tenants, to find whose history is waiting.
/// </summary>
public sealed class LegacyChangeRecord
{
    public long Id { get; init; }
    public Guid TenantId { get; init; }
    public required string RecordType { get; init; }
    public Guid RecordId { get; init; }
    public ChangeKind Kind { get; init; }
    public required string ChangedBy { get; init; }
    public DateTimeOffset ChangedAt { get; init; }
    public required string Changes { get; init; }
}
