namespace IsmsCloud.BuildingBlocks.Audit;

/// <summary>
/// Marks an entity whose every insert, update and delete is appended to the service's audit chain by
/// <see cref="Persistence.ServiceDbContext"/>, whatever code saved it.
/// </summary>
public interface IAudited
{
    /// <summary>
    /// The record the change is filed under: the entity's own id, or for a row that only belongs to another (a link,
    /// an assessment of a risk) that record's id, so one record's history shows them too.
    /// </summary>
    Guid AuditRecordId { get; }
}

/// <summary>
/// A property left out of the audit trail: a secret's hash, a copy of a person's display name (the trail names people
/// by id, so their details can be erased), or bulky content with its own hash elsewhere.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;
