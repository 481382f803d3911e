using System.Data.Common;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xunit.Abstractions;

namespace IsmsCloud.IntegrationTests.Messaging;

/// <summary>
/// Two instances' relays over one outbox, on the real PostgreSQL and RabbitMQ (decision 0025): one relay at a time
/// holds the outbox's lock, so every row is delivered once and in order; a pass that dies half-way loses nothing, and
/// what it published without marking goes out again with the same id, which the inbox applies once.
/// </summary>
[Collection(RelayCollection.Name)]
public sealed class OutboxRelayClaimingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Guid _tenant = Guid.NewGuid();
    private readonly DeliveryLog _log = new();
    private readonly List<RelayInstance> _instances = [];
    private RelayInstance _consumers = null!;

    public async Task InitializeAsync()
    {
        await RelayTestDatabase.RecreateAsync();
        _consumers = await StartAsync(consumerQueues: $"it-relay-{Guid.NewGuid():N}", log: _log);
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_relays_draining_one_outbox_at_once_deliver_every_row_exactly_once_and_in_order()
    {
        const int rows = 500;
        // Small batches, so the two relays hand the lock back and forth many times while the rows go out.
        var first = await StartAsync(batchSize: 20);
        var second = await StartAsync(batchSize: 20);
        await RelayTestDatabase.WriteEventsAsync(_tenant, rows);

        var passes = await Task.WhenAll(DrainAsync(first.Relay), DrainAsync(second.Relay));
        output.WriteLine($"first relay: {passes[0].Published} published, {passes[0].Skipped} passes skipped; second: {passes[1].Published} published, {passes[1].Skipped} skipped");
        Assert.Equal(rows, passes[0].Published + passes[1].Published);

        var deliveries = await DeliveriesBeforeSentinelAsync(first, rows);
        Assert.Equal(Enumerable.Range(0, rows), deliveries.Select(d => d.Sequence));
        Assert.Equal(rows, deliveries.Select(d => d.MessageId).Distinct().Count());
        var applied = await Eventually.ReturnsAsync(() => RelayTestDatabase.AppliedSequencesAsync(_tenant), a => a.Count >= rows + 1, because: "the applier applies every row");
        Assert.Equal(Enumerable.Range(0, rows + 1), applied.Order());
    }

    [Fact]
    public async Task A_relay_mid_batch_keeps_the_other_out_until_its_batch_is_marked()
    {
        var holder = await StartAsync();
        var other = await StartAsync();
        await RelayTestDatabase.WriteEventsAsync(_tenant, 10);
        var midBatch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var goOn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stall = holder.Bus.ConnectPublishObserver(new AfterPublishes(1, () =>
        {
            midBatch.TrySetResult();
            return goOn.Task;
        }));

        var holding = holder.Relay.PublishPendingAsync(CancellationToken.None);
        await midBatch.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, await other.Relay.PublishPendingAsync(CancellationToken.None));
        Assert.True(other.Relay.LastPassSkipped, "the second relay must find the outbox's lock held");
        goOn.SetResult();
        Assert.Equal(10, await holding);
        Assert.False(holder.Relay.LastPassSkipped);

        // The lock ended with the holder's pass, after its rows were marked: the other relay gets it and finds nothing.
        Assert.Equal(0, await other.Relay.PublishPendingAsync(CancellationToken.None));
        Assert.False(other.Relay.LastPassSkipped, "the lock must be free once the holder's pass is over");
        var deliveries = await DeliveriesBeforeSentinelAsync(other, 10);
        Assert.Equal(Enumerable.Range(0, 10), deliveries.Select(d => d.Sequence));
    }

    [Fact]
    public async Task A_pass_cancelled_mid_batch_marks_what_it_published_and_the_next_pass_sends_the_rest()
    {
        const int rows = 250;
        var stopped = await StartAsync();
        var next = await StartAsync();
        await RelayTestDatabase.WriteEventsAsync(_tenant, rows);
        using var stopping = new CancellationTokenSource();
        using var observer = stopped.Bus.ConnectPublishObserver(new AfterPublishes(30, () =>
        {
            stopping.Cancel();
            return Task.CompletedTask;
        }));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped.Relay.PublishPendingAsync(stopping.Token));
        var unsent = await RelayTestDatabase.UnsentAsync();
        output.WriteLine($"unsent after the cancelled pass: {unsent}");
        // Stopped half-way through its first batch of 100; the 30 the broker confirmed are marked (the publish in
        // flight when the stop came may or may not count as confirmed), so they are not sent again.
        Assert.InRange(unsent, rows - 99, rows - 29);

        await DrainAsync(next.Relay);
        var deliveries = await DeliveriesBeforeSentinelAsync(next, rows);
        Assert.Equal(Enumerable.Range(0, rows), deliveries.Select(d => d.Sequence).Distinct());
        // At most that one in-flight row twice: nothing the cancelled pass had marked went out again.
        Assert.InRange(deliveries.Count, rows, rows + 1);
        var applied = await Eventually.ReturnsAsync(() => RelayTestDatabase.AppliedSequencesAsync(_tenant), a => a.Count >= rows + 1, because: "the applier applies every row");
        Assert.Equal(Enumerable.Range(0, rows + 1), applied.Order());
    }

    [Fact]
    public async Task A_relay_that_dies_before_marking_its_batch_loses_nothing_and_the_inbox_applies_each_row_once()
    {
        const int rows = 250;
        // Its marks never reach the database, as when the process is killed between the broker's confirms and the save.
        var dying = await StartAsync(interceptor: new FailingOutboxMarks());
        var survivor = await StartAsync();
        await RelayTestDatabase.WriteEventsAsync(_tenant, rows);

        var death = await Record.ExceptionAsync(() => dying.Relay.PublishPendingAsync(CancellationToken.None));
        Assert.Contains("died before marking", death?.ToString(), StringComparison.Ordinal);
        Assert.Equal(rows, await RelayTestDatabase.UnsentAsync());

        // The dead pass's lock went with its transaction: the survivor is not kept out.
        var first = await survivor.Relay.PublishPendingAsync(CancellationToken.None);
        Assert.False(survivor.Relay.LastPassSkipped);
        Assert.Equal(100, first);
        await DrainAsync(survivor.Relay);

        var deliveries = await DeliveriesBeforeSentinelAsync(survivor, rows);
        // The dead relay's batch (the first 100) twice, with the same message ids; everything once more in order.
        Assert.Equal(Enumerable.Range(0, 100).Concat(Enumerable.Range(0, rows)), deliveries.Select(d => d.Sequence));
        Assert.Equal(rows, deliveries.Select(d => d.MessageId).Distinct().Count());
        var applied = await Eventually.ReturnsAsync(() => RelayTestDatabase.AppliedSequencesAsync(_tenant), a => a.Count >= rows + 1, because: "the applier applies every row");
        Assert.Equal(Enumerable.Range(0, rows + 1), applied.Order());
    }

    private async Task<RelayInstance> StartAsync(int batchSize = 100, string? consumerQueues = null, DeliveryLog? log = null, IInterceptor? interceptor = null)
    {
        var instance = await RelayInstance.StartAsync(RelayTestDatabase.ConnectionString, batchSize, consumerQueues, log, interceptor);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>Runs passes until the outbox has no unsent row; counts what this relay published and how often it was kept out.</summary>
    private static async Task<(int Published, int Skipped)> DrainAsync(OutboxRelay<RelayTestDbContext> relay)
    {
        var published = 0;
        var skipped = 0;
        while (await RelayTestDatabase.UnsentAsync() > 0)
        {
            published += await relay.PublishPendingAsync(CancellationToken.None);
            skipped += relay.LastPassSkipped ? 1 : 0;
            Assert.False(relay.LastPassFailed, "a publish failed");
        }

        return (published, skipped);
    }

    /// <summary>
    /// Every delivery up to a last event sent after all the others: the queue is in publish order, so once the recorder
    /// has it, every duplicate published before it has been recorded too (no waiting for "nothing more arrives").
    /// </summary>
    private async Task<List<(Guid MessageId, int Sequence)>> DeliveriesBeforeSentinelAsync(RelayInstance relayInstance, int sentinel)
    {
        await RelayTestDatabase.WriteEventsAsync(_tenant, 1, firstSequence: sentinel);
        await DrainAsync(relayInstance.Relay);
        await Eventually.ReturnsAsync(() => Task.FromResult(_log.Deliveries.Any(d => d.Sequence == sentinel)), seen => seen, because: "the last event arrives");
        return _log.Deliveries.TakeWhile(d => d.Sequence != sentinel).ToList();
    }

    /// <summary>Runs <paramref name="action"/> once, right after the <paramref name="count"/>th publish on its bus completed.</summary>
    private sealed class AfterPublishes(int count, Func<Task> action) : IPublishObserver
    {
        private int _published;

        public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

        public Task PostPublish<T>(PublishContext<T> context) where T : class =>
            Interlocked.Increment(ref _published) == count ? action() : Task.CompletedTask;

        public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }

    /// <summary>Fails every statement that marks outbox rows sent.</summary>
    private sealed class FailingOutboxMarks : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            IsMark(command) ? throw new InvalidOperationException("the relay's process died before marking its batch") : ValueTask.FromResult(result);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            IsMark(command) ? throw new InvalidOperationException("the relay's process died before marking its batch") : ValueTask.FromResult(result);

        private static bool IsMark(DbCommand command) => command.CommandText.Contains("UPDATE \"OutboxMessages\"", StringComparison.Ordinal);
    }
}
