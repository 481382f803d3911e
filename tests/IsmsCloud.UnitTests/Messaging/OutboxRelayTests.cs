using IsmsCloud.BuildingBlocks.Messaging;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.UnitTests.Messaging;

public sealed class OutboxRelayTests : IAsyncLifetime
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private MessagingHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = new MessagingHarness(consume: false);
        await _harness.Harness.Start();
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task An_event_is_stored_with_the_change_in_one_save()
    {
        await using (var db = _harness.Context(Tenant))
        {
            db.Notes.Add(new Note { Code = "N-1" });
            db.AddEvent(new NoteWritten(Tenant, "N-1"));
            await db.SaveChangesAsync();
        }

        await using var check = _harness.Context(Tenant);
        var row = await check.OutboxMessages.SingleAsync();
        Assert.Null(row.SentAtUtc);
        Assert.Equal(Tenant, row.TenantId);
        Assert.Equal(1, await check.Notes.CountAsync());
    }

    [Fact]
    public async Task Unsent_rows_are_published_once_with_their_id_and_marked_sent()
    {
        Guid outboxId;
        await using (var db = _harness.Context(Tenant))
        {
            db.AddEvent(new NoteWritten(Tenant, "N-1"));
            await db.SaveChangesAsync();
            outboxId = (await db.OutboxMessages.SingleAsync()).Id;
        }

        Assert.Equal(1, await _harness.Relay.PublishPendingAsync(CancellationToken.None));
        Assert.Equal(0, await _harness.Relay.PublishPendingAsync(CancellationToken.None));

        var published = _harness.Harness.Published.Select<NoteWritten>().ToList();
        Assert.Single(published);
        Assert.Equal(outboxId, published[0].Context.MessageId);
        await using var check = _harness.Context(Tenant);
        Assert.NotNull((await check.OutboxMessages.SingleAsync()).SentAtUtc);
    }

    [Fact]
    public async Task Rows_already_sent_are_not_published_again()
    {
        await using (var db = _harness.Context(Tenant))
        {
            var sent = OutboxMessage.From(new NoteWritten(Tenant, "old"), DateTime.UtcNow);
            sent.SentAtUtc = DateTime.UtcNow;
            db.OutboxMessages.Add(sent);
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, await _harness.Relay.PublishPendingAsync(CancellationToken.None));
        Assert.False(_harness.Harness.Published.Select<NoteWritten>().Any());
    }

    [Fact]
    public async Task An_unpublishable_row_is_parked_and_does_not_block_the_rows_behind_it()
    {
        await using (var db = _harness.Context(Tenant))
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = Guid.NewGuid(),
                Type = "Nowhere.Gone, Nowhere",
                Payload = "{}",
                OccurredAtUtc = DateTime.UtcNow.AddSeconds(-1),
            });
            db.AddEvent(new NoteWritten(Tenant, "after"));
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await _harness.Relay.PublishPendingAsync(CancellationToken.None));

        await using var check = _harness.Context(Tenant);
        var parked = await check.OutboxMessages.SingleAsync(m => m.Type == "Nowhere.Gone, Nowhere");
        Assert.Null(parked.SentAtUtc);
        Assert.Equal(OutboxRelay<NotesDbContext>.ParkedUntil, parked.NextAttemptAtUtc);
        Assert.StartsWith("Unpublishable", parked.LastError, StringComparison.Ordinal);
        Assert.Single(_harness.Harness.Published.Select<NoteWritten>());
    }

    [Fact]
    public async Task The_publish_joins_the_trace_of_the_request_that_wrote_the_event()
    {
        var started = new System.Collections.Concurrent.ConcurrentBag<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name is "IsmsCloud.Outbox" or "request",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) =>
                System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = started.Add,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using var requests = new System.Diagnostics.ActivitySource("request");

        System.Diagnostics.ActivityTraceId requestTrace;
        using (var request = requests.StartActivity("POST /api/risk/risks"))
        {
            requestTrace = request!.TraceId;
            await using var db = _harness.Context(Tenant);
            db.AddEvent(new NoteWritten(Tenant, "traced"));
            await db.SaveChangesAsync();
        }

        await _harness.Relay.PublishPendingAsync(CancellationToken.None);

        // The relay runs later, on its own thread, yet its publish continues the request's trace.
        Assert.Contains(started, a => a.OperationName == "outbox publish" && a.TraceId == requestTrace);
        // Its own queries around the publish (finding the row, marking it sent) start no trace of their own.
        Assert.All(_harness.Commands.Seen.Where(c => c.Sql.Contains("OutboxMessages", StringComparison.Ordinal)), c => Assert.True(c.Suppressed, c.Sql));
    }

    [Fact]
    public async Task An_idle_poll_starts_no_trace()
    {
        Assert.Equal(0, await _harness.Relay.PublishPendingAsync(CancellationToken.None));

        var poll = Assert.Single(_harness.Commands.Seen);
        Assert.Contains("OutboxMessages", poll.Sql, StringComparison.Ordinal);
        Assert.True(poll.Suppressed);
        Assert.False(OpenTelemetry.Sdk.SuppressInstrumentation, "the suppression must end with the poll");
    }
}
