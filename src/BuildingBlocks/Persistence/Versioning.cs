using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.BuildingBlocks.Persistence;

/// <summary>
/// An aggregate with an optimistic-concurrency version. A provider-neutral counter (rather than PostgreSQL's xmin or
/// SQL Server's rowversion) so both providers behave the same and the version can travel in DTOs as a number.
/// </summary>
public interface IVersioned
{
    uint Version { get; set; }
}

internal static class VersionConventions
{
    public static void ApplyVersionConventions(this ModelBuilder modelBuilder)
    {
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            if (typeof(IVersioned).IsAssignableFrom(entityType.ClrType) && entityType.BaseType is null)
            {
                modelBuilder.Entity(entityType.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
            }
        }
    }
}
