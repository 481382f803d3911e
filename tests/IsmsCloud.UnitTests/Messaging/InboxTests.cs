using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.UnitTests.Messaging;

public sealed class InboxTests : IAsyncLifetime
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private MessagingHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = new MessagingHarness();
        await _harness.Harness.Start();
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task The_same_message_delivered_twice_is_applied_once()
    {
        var messageId = NewId.NextGuid();
        // Counts deliveries that reached the consumer and completed (the harness's own lists de-duplicate by id).
        var deliveries = new DeliveryCounter();
        using var observer = _harness.Harness.Bus.ConnectConsumeMessageObserver(deliveries);

        await _harness.Harness.Bus.Publish(new NoteWritten(Tenant, "dup"), context => context.MessageId = messageId);
        await _harness.Harness.Bus.Publish(new NoteWritten(Tenant, "dup"), context => context.MessageId = messageId);
        await WaitUntilAsync(() => deliveries.Completed == 2);

        await using var db = _harness.Context(Tenant);
        Assert.Equal(1, await db.Notes.CountAsync());
        Assert.Equal(1, await db.InboxMessages.CountAsync(m => m.MessageId == messageId));
    }

    [Fact]
    public async Task Different_messages_are_each_applied_in_their_tenant()
    {
        var other = Guid.NewGuid();
        var consumer = _harness.Harness.GetConsumerHarness<NoteWrittenConsumer>();

        await _harness.Harness.Bus.Publish(new NoteWritten(Tenant, "a"));
        await _harness.Harness.Bus.Publish(new NoteWritten(other, "b"));
        await WaitUntilAsync(() => consumer.Consumed.Select<NoteWritten>().Count() == 2);
        await _harness.Harness.InactivityTask;

        await using var asTenant = _harness.Context(Tenant);
        await using var asOther = _harness.Context(other);
        Assert.Equal(1, await asTenant.Notes.CountAsync());
        Assert.Equal(1, await asOther.Notes.CountAsync());
    }

    private sealed class DeliveryCounter : IConsumeMessageObserver<NoteWritten>
    {
        private int _completed;
        public int Completed => _completed;
        public Task PreConsume(ConsumeContext<NoteWritten> context) => Task.CompletedTask;
        public Task PostConsume(ConsumeContext<NoteWritten> context)
        {
            Interlocked.Increment(ref _completed);
            return Task.CompletedTask;
        }

        public Task ConsumeFault(ConsumeContext<NoteWritten> context, Exception exception) => Task.CompletedTask;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), "Timed out waiting for the condition.");
    }
}
