using System.Text.Json;
using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IsmsCloud.Risk.History;

/// <summary>Marks a record whose every change is kept in its history (who, when, which fields, before and after).</summary>
public interface IHasHistory
{
    Guid Id { get; }
}

public enum ChangeKind
{
    Created,
    Updated,
    Deleted,
}

/// <summary>One saved change of one record. Written by the DbContext on every save, so no endpoint can forget it.</summary>
public sealed class ChangeRecord : ITenantOwned
{
    public long Id { get; init; }
    public Guid TenantId { get; set; }
    public required string RecordType { get; init; }
    public Guid RecordId { get; init; }
    public ChangeKind Kind { get; init; }
    public required string ChangedBy { get; init; }
    public DateTimeOffset ChangedAt { get; init; }

    /// <summary>JSON object: field → [before, after]. Large free texts are included; binary content is not.</summary>
    public required string Changes { get; init; }
}

internal static class ChangeCapture
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The history rows for the tracked changes about to be saved.</summary>
    public static List<ChangeRecord> Collect(ChangeTracker tracker, string by, DateTimeOffset at)
    {
        var records = new List<ChangeRecord>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is not IHasHistory subject || entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var changes = new Dictionary<string, object?[]>();
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (name is nameof(ITenantOwned.TenantId) or "Version" || property.Metadata.ClrType == typeof(byte[]))
                {
                    continue;
                }

                switch (entry.State)
                {
                    case EntityState.Added:
                        changes[name] = [null, property.CurrentValue];
                        break;
                    case EntityState.Deleted:
                        changes[name] = [property.OriginalValue, null];
                        break;
                    case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                        changes[name] = [property.OriginalValue, property.CurrentValue];
                        break;
                }
            }

            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }

            records.Add(new ChangeRecord
            {
                TenantId = ((ITenantOwned)entry.Entity).TenantId,
                RecordType = entry.Entity.GetType().Name,
                RecordId = subject.Id,
                Kind = entry.State switch
                {
                    EntityState.Added => ChangeKind.Created,
                    EntityState.Deleted => ChangeKind.Deleted,
                    _ => ChangeKind.Updated,
                },
                ChangedBy = by,
                ChangedAt = at,
                Changes = JsonSerializer.Serialize(changes, Json),
            });
        }

        return records;
    }
}
