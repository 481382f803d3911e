using System.Net;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests;

[Collection(PlatformCollection.Name)]
public sealed class OutboxResilienceTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_change_made_while_the_broker_is_down_arrives_after_it_is_back_exactly_once()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);
        // Onboarding reached reporting (so the only event in flight below is the risk's).
        await Eventually.ReturnsAsync(reporting.RiskCountAsync, n => n == 0);

        Guid riskId;
        DateTime restartedAt;
        await TestServers.StopRabbitAsync();
        try
        {
            // The change commits although the broker is gone: the event waits in the outbox.
            riskId = (await risk.CreateRiskAsync("Change made during a broker outage")).GetProperty("id").GetGuid();
            await Task.Delay(TimeSpan.FromSeconds(2));
            var pending = await OutboxRowAsync(riskId);
            Assert.Null(pending.SentAtUtc);
        }
        finally
        {
            restartedAt = DateTime.UtcNow;
            await TestServers.StartRabbitAsync();
        }

        await Eventually.ReturnsAsync(reporting.RiskCountAsync, n => n == 1, TimeSpan.FromSeconds(90), "the event should arrive once the broker is back");
        var sent = await OutboxRowAsync(riskId);
        Assert.NotNull(sent.SentAtUtc);
        // Whether the relay saw publish failures or its publish waited for the connection depends on timing; either way
        // the row was only marked sent once the broker was back.
        Assert.True(sent.SentAtUtc >= restartedAt, $"sent at {sent.SentAtUtc:O}, before the broker was restarted at {restartedAt:O}");
        var projectedAt = await ProjectedAtAsync(riskId);

        // Exactly once in effect: re-publish the same row, as after a crash between the broker's confirm and
        // marking the row sent. The consumer's inbox must drop the duplicate: the projection is not touched again.
        await using (var scope = platform.Risk.Services.CreateAsyncScope())
        {
            var riskDb = scope.ServiceProvider.GetRequiredService<RiskDbContext>();
            var row = await riskDb.OutboxMessages.SingleAsync(m => m.Id == sent.Id);
            row.SentAtUtc = null;
            await riskDb.SaveChangesAsync();
        }

        await Eventually.ReturnsAsync(async () => (await OutboxRowAsync(riskId)).SentAtUtc, at => at is not null, because: "the relay should publish the row again");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(projectedAt, await ProjectedAtAsync(riskId));
        Assert.Equal(1, await reporting.RiskCountAsync());
        // Each of reporting's consumers of the event (the risk projection and the signals' facts) handled it once. They
        // have queues of their own, so the facts' consumer may still be on its way when the projection's has answered.
        string[] consumers = [nameof(IsmsCloud.Reporting.Projections.RiskAssessedConsumer), nameof(IsmsCloud.Reporting.Facts.RiskAssessedFactConsumer)];
        var handled = await Eventually.ReturnsAsync(() => HandledByAsync(sent.Id), names => names.Length >= consumers.Length, because: "both consumers should have handled the event");
        Assert.Equal(consumers, handled);
    }

    private async Task<string[]> HandledByAsync(Guid messageId)
    {
        await using var scope = platform.Reporting.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var names = await db.InboxMessages.Where(m => m.MessageId == messageId).Select(m => m.Consumer).ToListAsync();
        return names.Order(StringComparer.Ordinal).ToArray();
    }

    private async Task<DateTimeOffset> ProjectedAtAsync(Guid riskId)
    {
        await using var scope = platform.Reporting.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        return await db.RiskRegister.IgnoreQueryFilters().Where(r => r.RiskId == riskId).Select(r => r.ProjectedAt).SingleAsync();
    }

    private async Task<BuildingBlocks.Messaging.OutboxMessage> OutboxRowAsync(Guid riskId)
    {
        await using var scope = platform.Risk.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RiskDbContext>();
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.Type.StartsWith("IsmsCloud.Contracts.Events.RiskAssessed")).ToListAsync();
        return rows.Single(m => m.Payload.Contains(riskId.ToString(), StringComparison.Ordinal));
    }
}
