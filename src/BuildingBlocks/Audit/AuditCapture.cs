using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IsmsCloud.BuildingBlocks.Audit;

/// <summary>A change about to be saved, before it has its place in the chain.</summary>
public sealed record AuditedChange(string RecordType, Guid RecordId, AuditAction Action, string Changes);

/// <summary>
/// Reads the change tracker just before a save: for every <see cref="IAudited"/> entity being inserted, updated or
/// deleted, its fields before and after, as canonical JSON. Tenant ids and versions are bookkeeping, binary content
/// and <see cref="NotAuditedAttribute"/> fields are left out; an update that changed nothing leaves no entry.
/// </summary>
public static class AuditCapture
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Enums by name: readable in the trail and in exports, and safe against reordering.
        Converters = { new JsonStringEnumConverter() },
    };

    public static List<AuditedChange> Collect(ChangeTracker tracker)
    {
        var changes = new List<AuditedChange>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is not IAudited audited || entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var fields = new SortedDictionary<string, object?[]>(StringComparer.Ordinal);
            foreach (var property in entry.Properties)
            {
                var metadata = property.Metadata;
                if (metadata.Name is nameof(ITenantOwned.TenantId) or nameof(IVersioned.Version)
                    || metadata.ClrType == typeof(byte[])
                    || metadata.PropertyInfo?.GetCustomAttribute<NotAuditedAttribute>() is not null)
                {
                    continue;
                }

                switch (entry.State)
                {
                    case EntityState.Added when property.CurrentValue is not null:
                        fields[metadata.Name] = [null, property.CurrentValue];
                        break;
                    case EntityState.Deleted when property.OriginalValue is not null:
                        fields[metadata.Name] = [property.OriginalValue, null];
                        break;
                    case EntityState.Modified when property.IsModified && !Same(metadata.GetValueComparer(), property.OriginalValue, property.CurrentValue):
                        fields[metadata.Name] = [property.OriginalValue, property.CurrentValue];
                        break;
                }
            }

            if (entry.State == EntityState.Modified && fields.Count == 0)
            {
                continue;
            }

            changes.Add(new AuditedChange(
                entry.Metadata.ClrType.Name,
                audited.AuditRecordId,
                entry.State switch
                {
                    EntityState.Added => AuditAction.Created,
                    EntityState.Deleted => AuditAction.Deleted,
                    _ => AuditAction.Updated,
                },
                JsonCanonicalizer.Canonicalize(JsonSerializer.SerializeToElement(fields, Json))));
        }

        return changes;
    }

    // The property's own comparer (a JSON-mapped list compares by content, not by reference).
    private static bool Same(ValueComparer comparer, object? before, object? after) => comparer.Equals(before, after);
}
