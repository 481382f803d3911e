using IsmsCloud.BuildingBlocks.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.BuildingBlocks.Messaging;

/// <summary>
/// The base of every consumer: applies a message at most once. The handler changes tracked entities (and may queue
/// events); this class saves them together with the inbox row in one SaveChanges, so either both the effect and
/// the "seen" mark are stored or neither is. A concurrent duplicate fails on the inbox key and is retried, and the
/// retry then finds the mark and does nothing.
/// </summary>
public abstract class InboxConsumer<TMessage>(ServiceDbContext db, TimeProvider clock) : IConsumer<TMessage>
    where TMessage : class
{
    protected ServiceDbContext Db => db;
    protected TimeProvider Clock => clock;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id; it cannot be de-duplicated.");
        var consumer = GetType().Name;

        if (await db.InboxMessages.AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, context.CancellationToken))
        {
            return;
        }

        await HandleAsync(context.Message, context.CancellationToken);
        db.InboxMessages.Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ProcessedAtUtc = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(context.CancellationToken);
        AfterSave(context.Message);
    }

    /// <summary>Runs once the effect is committed (e.g. to drop a cache entry that must not be refilled with old data).</summary>
    protected virtual void AfterSave(TMessage message)
    {
    }

    /// <summary>Applies the message to tracked entities. Do not call SaveChanges here.</summary>
    protected abstract Task HandleAsync(TMessage message, CancellationToken cancellationToken);
}
