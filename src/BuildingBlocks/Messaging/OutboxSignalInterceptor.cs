using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IsmsCloud.BuildingBlocks.Messaging;

/// <summary>After a successful SaveChanges that stored outbox rows, wakes the relay.</summary>
internal sealed class OutboxSignalInterceptor(OutboxSignal signal) : SaveChangesInterceptor
{
    private bool _hasNewEvents;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        _hasNewEvents = HasNewEvents(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _hasNewEvents = HasNewEvents(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyIfCommitted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void NotifyIfCommitted(DbContext? context)
    {
        // Inside an explicit transaction the rows are not visible until commit; the poll picks them up then.
        if (_hasNewEvents && context?.Database.CurrentTransaction is null)
        {
            signal.Notify();
        }

        _hasNewEvents = false;
    }

    private static bool HasNewEvents(DbContext? context) =>
        context is not null && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
}
