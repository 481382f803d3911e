using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests.Messaging;

/// <summary>
/// A poison message (issue 15): one that its consumer can never handle is retried, then moved to the consumer's error
/// queue on the real broker, and the messages behind it are handled as usual: one bad message never stops a flow.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PoisonMessageTests(PlatformFixture platform)
{
    /// <summary>RabbitMQ's management API (the test broker's management port is the AMQP port + 1, as servers.sh starts it).</summary>
    private static HttpClient Management()
    {
        var amqp = new Uri(TestServers.RabbitMq);
        var client = new HttpClient { BaseAddress = new Uri($"http://{amqp.Host}:{amqp.Port + 1}/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(amqp.UserInfo))));
        return client;
    }

    /// <summary>Messages in the error queue of reporting's review-task consumer (0 before the queue exists).</summary>
    private static async Task<int> ErrorQueueDepthAsync(HttpClient management)
    {
        var queues = await management.GetFromJsonAsync<JsonElement>("api/queues/%2F?columns=name,messages_ready,messages");
        return queues.EnumerateArray().Where(q => q.GetProperty("name").GetString()!.EndsWith("review-task-fact_error", StringComparison.Ordinal))
            .Sum(q => q.TryGetProperty("messages", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : 0);
    }

    private async Task<int> ReviewTaskFactsAsync(Guid tenantId, Guid taskId)
    {
        await using var scope = platform.Reporting.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Facts.CountAsync(f => f.Kind == FactKind.ReviewTask && f.RecordId == taskId);
    }

    [Fact]
    public async Task A_message_its_consumer_cannot_handle_goes_to_the_error_queue_and_the_next_one_is_handled()
    {
        var tenant = await platform.OnboardTenantAsync("poison");
        using var management = Management();
        var before = await ErrorQueueDepthAsync(management);
        var bus = platform.Risk.Services.GetRequiredService<IBus>();
        var now = DateTimeOffset.UtcNow;

        // Poison: no message id, which the inbox needs to apply a message once, so every attempt refuses it.
        var poisoned = Guid.NewGuid();
        await bus.Publish(new ReviewTaskChanged(tenant.TenantId, poisoned, "Risk", Guid.NewGuid(), "Poisoned", now, null, now, 1),
            context => context.MessageId = null);
        var healthy = Guid.NewGuid();
        await bus.Publish(new ReviewTaskChanged(tenant.TenantId, healthy, "Risk", Guid.NewGuid(), "Healthy", now, null, now, 1));

        // The healthy one is handled at once, whatever the poisoned one is going through.
        await Eventually.ReturnsAsync(() => ReviewTaskFactsAsync(tenant.TenantId, healthy), n => n == 1, TimeSpan.FromSeconds(30),
            "the message after the poisoned one is handled");
        // The poisoned one is retried (200 ms, 1 s, 5 s), then parked in the error queue, not lost and not handled.
        await Eventually.ReturnsAsync(() => ErrorQueueDepthAsync(management), n => n >= before + 1, TimeSpan.FromSeconds(60),
            "the poisoned message reaches the consumer's error queue");
        Assert.Equal(0, await ReviewTaskFactsAsync(tenant.TenantId, poisoned));

        // The flow goes on after it, too.
        var later = Guid.NewGuid();
        await bus.Publish(new ReviewTaskChanged(tenant.TenantId, later, "Control", Guid.NewGuid(), "Later", now, null, now, 1));
        await Eventually.ReturnsAsync(() => ReviewTaskFactsAsync(tenant.TenantId, later), n => n == 1, TimeSpan.FromSeconds(30),
            "a message after the poisoned one was parked is handled");
    }
}
