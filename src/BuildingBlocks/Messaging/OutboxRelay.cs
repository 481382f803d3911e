using System.Diagnostics;
using MassTransit;
using IsmsCloud.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;

namespace IsmsCloud.BuildingBlocks.Messaging;

public sealed class OutboxRelayOptions
{
    /// <summary>How often to look for unsent rows when nothing signalled a new one (another instance wrote it, or a retry is due).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    public int BatchSize { get; set; } = 100;
    /// <summary>How long one publish may wait for the broker's confirm before it counts as failed.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Publishes the outbox rows of one DbContext: woken by <see cref="OutboxSignal"/> right after a commit (low latency)
/// and by a timer (rows from a crashed process, another instance, or a failed attempt). Each row is published with
/// the broker's confirm and only then marked sent; a crash in between re-publishes it with the same message id,
/// which the consumers' inbox ignores. Each pass holds the outbox's database lock, so with many instances one relay at
/// a time publishes and the rows go out in the order they were written, across instances; a relay that finds the lock
/// held waits for its next signal or poll. On the first failure the pass stops and the whole relay backs off (growing
/// delays, capped), then starts again from the same row, so a broker outage delays events but never loses or
/// reorders them.
/// </summary>
public sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    IOptions<OutboxRelayOptions> options,
    TimeProvider clock,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService where TContext : DbContext
{
    private static readonly ActivitySource Source = new("IsmsCloud.Outbox");
    private int _consecutiveFailures;

    /// <summary>Whether the last pass stopped at a row it could not publish.</summary>
    public bool LastPassFailed { get; private set; }

    /// <summary>Whether the last pass found the outbox's lock held by another relay, and so published nothing.</summary>
    public bool LastPassSkipped { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var published = 0;
            try
            {
                published = await PublishPendingAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database itself may be unavailable; keep the loop alive and try again on the next tick.
                logger.LogWarning(ex, "Outbox relay pass failed; retrying");
            }

            if (LastPassFailed)
            {
                // The broker is probably away: wait before trying the same row again.
                _consecutiveFailures++;
                try
                {
                    await Task.Delay(Backoff(_consecutiveFailures), clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            _consecutiveFailures = 0;
            // A full batch probably means more rows are waiting: go again without sleeping. A pass skipped because
            // another relay held the lock published nothing and waits too: the holder goes on while batches are full.
            if (published < options.Value.BatchSize)
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>
    /// One pass: publishes up to a batch of due rows, in order, while holding this outbox's <see cref="DatabaseLock"/>;
    /// returns how many were published. Without the lock (another instance's relay is in a pass) it publishes nothing
    /// and sets <see cref="LastPassSkipped"/>: one relay at a time per outbox is what keeps two instances from
    /// publishing the same rows and keeps the rows in order across instances (decision 0025).
    /// </summary>
    public async Task<int> PublishPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        // The lock gets a context (a connection, a transaction) of its own: the rows are marked sent on the other one,
        // committed at once, so no row lock waits for the lock's end while the batch waits on the broker's confirms.
        await using var lockScope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var bus = scope.ServiceProvider.GetRequiredService<IBus>();

        DatabaseLock? held;
        using (SuppressBookkeepingTraces())
        {
            held = await DatabaseLock.TryAcquireAsync(lockScope.ServiceProvider.GetRequiredService<TContext>(), OutboxLock.NameOf(db), cancellationToken);
        }

        LastPassSkipped = held is null;
        if (held is null)
        {
            // Not this relay's failure: the holder publishes (or backs off) for every instance.
            LastPassFailed = false;
            return 0;
        }

        await using (held)
        {
            return await PublishBatchAsync(db, bus, cancellationToken);
        }
    }

    private async Task<int> PublishBatchAsync(TContext db, IBus bus, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<OutboxMessage> due;
        using (SuppressBookkeepingTraces())
        {
            due = await db.Set<OutboxMessage>()
                .Where(m => m.SentAtUtc == null && (m.NextAttemptAtUtc == null || m.NextAttemptAtUtc <= now))
                // The id breaks ties between rows of the same instant, so every relay sees one and the same order.
                .OrderBy(m => m.OccurredAtUtc).ThenBy(m => m.Id)
                .Take(options.Value.BatchSize)
                .ToListAsync(cancellationToken);
        }

        var published = 0;
        LastPassFailed = false;
        try
        {
            foreach (var row in due)
            {
                if (!TryDeserialize(row, out var message, out var messageType))
                {
                    // A row that can never be published (its type is gone or its payload broken) is parked with its
                    // error instead of blocking every row behind it; an operator can repair and re-queue it.
                    continue;
                }

                try
                {
                    await PublishAsync(bus, row, message, messageType, cancellationToken);
                    row.SentAtUtc = clock.GetUtcNow().UtcDateTime;
                    row.LastError = null;
                    published++;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // Most likely the broker is unreachable: stop here, keep the order; the relay backs off as a whole.
                    row.Attempts++;
                    row.LastError = Truncate(ex.Message, 2000);
                    LastPassFailed = true;
                    logger.LogWarning(ex, "Publishing outbox message {MessageId} ({Type}) failed, attempt {Attempts}", row.Id, row.Type, row.Attempts);
                    break;
                }
            }
        }
        finally
        {
            if (due.Count > 0)
            {
                // Also when the pass is cancelled half-way (the service stopping), and before the lock is released: the
                // rows the broker already confirmed are marked, so the next holder does not publish them again.
                using (SuppressBookkeepingTraces())
                {
                    await db.SaveChangesAsync(CancellationToken.None);
                }
            }
        }

        return published;
    }

    /// <summary>
    /// The relay's own queries (the poll, once a second per service, and marking rows sent) would each start a trace
    /// of their own and bury the users' requests in the dashboard. Outside a trace they record nothing; the publish of
    /// a row is not covered and still continues the trace of the request that wrote it.
    /// </summary>
    private static IDisposable? SuppressBookkeepingTraces() =>
        Activity.Current is null ? SuppressInstrumentationScope.Begin() : null;

    private bool TryDeserialize(OutboxMessage row, out object message, out Type messageType)
    {
        try
        {
            (message, messageType) = row.Deserialize();
            return true;
        }
        catch (Exception ex) when (ex is TypeLoadException or System.Text.Json.JsonException or InvalidOperationException or ArgumentException or FileNotFoundException)
        {
            row.Attempts++;
            row.LastError = Truncate($"Unpublishable: {ex.Message}", 2000);
            row.NextAttemptAtUtc = ParkedUntil;
            logger.LogError(ex, "Outbox message {MessageId} ({Type}) cannot be deserialized and was parked", row.Id, row.Type);
            message = null!;
            messageType = null!;
            return false;
        }
    }

    /// <summary>The next-attempt time of a parked row: far enough never to come due by itself.</summary>
    public static readonly DateTime ParkedUntil = new(9999, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private async Task PublishAsync(IBus bus, OutboxMessage row, object message, Type messageType, CancellationToken cancellationToken)
    {
        using var activity = row.TraceParent is null
            ? null
            : Source.StartActivity("outbox publish", ActivityKind.Producer, row.TraceParent);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        await bus.Publish(message, messageType, context => context.MessageId = row.Id, timeout.Token);
    }

    private TimeSpan Backoff(int failures)
    {
        var seconds = Math.Min(Math.Pow(2, Math.Min(failures, 10)) / 4, options.Value.MaxBackoff.TotalSeconds);
        return TimeSpan.FromSeconds(seconds);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

public static class OutboxLock
{
    /// <summary>
    /// The name of the lock that one relay at a time holds for an outbox: its table's. Two contexts on one table (one
    /// database shared by several services) share its rows and so must share the lock; different tables do not.
    /// </summary>
    public static string NameOf(DbContext db)
    {
        var table = db.Model.FindEntityType(typeof(OutboxMessage))?.GetSchemaQualifiedTableName()
            ?? throw new InvalidOperationException($"{db.GetType().Name} has no outbox table.");
        return $"outbox:{table}";
    }
}

/// <summary>Wakes the relay as soon as a SaveChanges has committed outbox rows, instead of waiting for the poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another writer signalled at the same moment: one wake-up is enough.
            }
        }
    }

    public void Dispose() => _signal.Dispose();

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _signal.WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
