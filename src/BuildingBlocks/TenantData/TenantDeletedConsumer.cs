using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Contracts.Events;
using MassTransit;

namespace IsmsCloud.BuildingBlocks.TenantData;

/// <summary>The name a service goes by in events it answers with (the same as its queue prefix).</summary>
public sealed record ServiceName(string Value);

/// <summary>
/// Erases everything this service keeps of a deleted tenant and sends identity-api its receipt, in one transaction.
/// Not an inbox consumer: erasure is idempotent by nature (a second delivery finds nothing and sends a second, equal
/// receipt), and the inbox row would itself have to survive the erasure it records.
/// </summary>
public sealed class TenantDeletedConsumer(ServiceDbContext db, ServiceName service, TimeProvider clock, TenantStatusCache cache)
    : IConsumer<TenantDeleted>
{
    public async Task Consume(ConsumeContext<TenantDeleted> context)
    {
        var cancellationToken = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await TenantDataErasure.EraseAsync(db, context.Message.TenantId, cancellationToken);
        db.AddEvent(new TenantDataErased(context.Message.TenantId, service.Value, rows, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Forget(context.Message.TenantId);
    }
}
