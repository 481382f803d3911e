using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.BuildingBlocks.Audit;

/// <summary>
/// A SaveChanges that appends its changes to the audit chain atomically: inside the caller's transaction when there is
/// one (a chunked import), otherwise in one opened here around lock, head read, the change and its entries. On failure
/// the entries it added are dropped from the change tracker, so a retried save takes a fresh place in the chain.
/// <see cref="ServiceDbContext"/> saves this way; a plain DbContext (identity's) can too.
/// </summary>
public static class AuditedSave
{
    public static async Task<int> SaveAsync(
        DbContext db, string service, Guid tenantId, IReadOnlyList<AuditedChange> changes, AuditActor actor, DateTimeOffset now,
        bool acceptAllChangesOnSuccess, Func<bool, CancellationToken, Task<int>> save, CancellationToken cancellationToken)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        List<AuditEntry> entries = [];
        try
        {
            entries = await AuditChain.AppendAsync(db, service, tenantId, changes, actor, now, cancellationToken);
            var events = HasNewEvents(db);
            var saved = await save(false, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            Saved(db, own is not null && events, acceptAllChangesOnSuccess);
            return saved;
        }
        catch
        {
            Forget(db, entries);
            throw;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    public static int Save(
        DbContext db, string service, Guid tenantId, IReadOnlyList<AuditedChange> changes, AuditActor actor, DateTimeOffset now,
        bool acceptAllChangesOnSuccess, Func<bool, int> save)
    {
        using var own = db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null;
        List<AuditEntry> entries = [];
        try
        {
            entries = AuditChain.Append(db, service, tenantId, changes, actor, now);
            var events = HasNewEvents(db);
            var saved = save(false);
            own?.Commit();
            Saved(db, own is not null && events, acceptAllChangesOnSuccess);
            return saved;
        }
        catch
        {
            Forget(db, entries);
            throw;
        }
    }

    private static bool HasNewEvents(DbContext db) => db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);

    // The outbox interceptor wakes the relay only after saves outside a transaction; a save that opened its own wakes
    // it here, after the commit, instead of leaving the events to the relay's poll.
    private static void Saved(DbContext db, bool committedEvents, bool acceptAllChanges)
    {
        if (committedEvents)
        {
            Persistence.ApplicationServices.Find<OutboxSignal>(db)?.Notify();
        }

        if (acceptAllChanges)
        {
            db.ChangeTracker.AcceptAllChanges();
        }
    }

    private static void Forget(DbContext db, List<AuditEntry> entries)
    {
        foreach (var entry in entries)
        {
            db.Entry(entry).State = EntityState.Detached;
        }
    }
}
