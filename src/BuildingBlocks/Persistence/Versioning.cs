using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IsmsCloud.BuildingBlocks.Persistence;

/// <summary>
/// An aggregate with an optimistic-concurrency version. A provider-neutral counter (rather than PostgreSQL's xmin or
/// SQL Server's rowversion) so both providers behave the same and the version can travel in DTOs as a number.
/// </summary>
public interface IVersioned
{
    uint Version { get; set; }
}

public static class VersionConventions
{
    /// <summary>Makes every <see cref="IVersioned"/> entity's version its concurrency token.</summary>
    public static ModelBuilder ApplyVersionConventions(this ModelBuilder modelBuilder)
    {
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            if (typeof(IVersioned).IsAssignableFrom(entityType.ClrType) && entityType.BaseType is null)
            {
                modelBuilder.Entity(entityType.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
            }
        }

        return modelBuilder;
    }

    /// <summary>
    /// Moves every changed <see cref="IVersioned"/> entity's version on at each save. Any DbContext adds this,
    /// whether or not it is a <see cref="ServiceDbContext"/> (identity's is not).
    /// </summary>
    public static DbContextOptionsBuilder AddVersioning(this DbContextOptionsBuilder options) =>
        options.AddInterceptors(VersionInterceptor.Instance);
}

/// <summary>
/// Bumps the version of each modified <see cref="IVersioned"/> entity just before it is written, so that no endpoint
/// has to remember it and a client holding the old number gets a conflict.
/// </summary>
internal sealed class VersionInterceptor : SaveChangesInterceptor
{
    public static readonly VersionInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        BumpVersions(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        BumpVersions(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void BumpVersions(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version++;
            }
        }
    }
}

/// <summary>
/// The version an aggregate's integration event carries: the version the record will have once the pending save is
/// written (<see cref="VersionInterceptor"/> moves a modified record's version on at the save, after the event was
/// built). A deletion is one version beyond the last state, so it wins over every state a consumer may still receive.
/// </summary>
public static class EventVersion
{
    public static long After(DbContext db, IVersioned record) => db.Entry(record).State switch
    {
        EntityState.Modified or EntityState.Deleted => record.Version + 1L,
        _ => record.Version,
    };
}
