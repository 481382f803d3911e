using System.Net;
using System.Net.Http.Json;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts.Events;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Suppliers.Infrastructure;
using IsmsCloud.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests.Suppliers;

/// <summary>supplier-api answers TenantStateRequested: reporting gets back what it lost, once, and the settings with it.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SupplierRepublishTests(PlatformFixture platform)
{
    private static readonly FactKind[] SupplierKinds =
        [FactKind.Supplier, FactKind.SupplierAssessment, FactKind.Questionnaire, FactKind.SupplierCertificate, FactKind.SupplierSettings];

    [Fact]
    public async Task Wiped_supplier_facts_come_back_at_their_versions_once_and_a_second_request_adds_nothing()
    {
        var tenant = await platform.SupplierTenantAsync("suprep");
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await suppliers.PutAsJsonAsync("/api/suppliers/settings",
            new { lowMonths = 48, mediumMonths = 24, highMonths = 9, criticalMonths = 3, version = 0 }).OkJson();
        var supplier = await suppliers.CreateSupplierAsync("Republished Hosting B.V.", "Critical");
        var id = supplier.Id();
        await suppliers.PutAsJsonAsync($"/api/suppliers/{id}", SupplierApiClient.SupplierBody(
            "Republished Hosting B.V.", "Critical", locations: ["EU", "US"], version: 0)).OkJson();
        await suppliers.AddCertificateAsync(id, "Soc2Type2", today.AddMonths(-2), today.AddMonths(10));
        var assessed = await suppliers.AssessAsync(id, "ApprovedWithConditions");

        // Followed from the start: every record's latest version is in reporting.
        var expected = await Eventually.ReturnsAsync(() => LatestAsync(tenant.TenantId),
            held => held.Contains((FactKind.Supplier, id, 1)) && held.Contains((FactKind.SupplierAssessment, assessed.Id(), 1))
                && held.Contains((FactKind.Questionnaire, assessed.Id(), 1))
                && held.Any(f => f.Kind == FactKind.SupplierCertificate) && held.Contains((FactKind.SupplierSettings, tenant.TenantId, 0)),
            because: "supplier-api's events reach reporting");
        var settings = Assert.Single(await FactsAsync(tenant.TenantId, FactKind.SupplierSettings));
        Assert.Equal(3, settings.Read<SupplierSettingsFact>().ReassessmentMonths["Critical"]);

        await using (var scope = platform.Reporting.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Facts.IgnoreQueryFilters()
                .Where(f => f.TenantId == tenant.TenantId && SupplierKinds.Contains(f.Kind)).ExecuteDeleteAsync();
        }

        Assert.Empty(await LatestAsync(tenant.TenantId));
        await RequestStateAsync(tenant.TenantId);
        // The same records, each at its current version (completing an assessment moves the supplier's on without a
        // SupplierChanged, so the republished supplier may be newer than the one followed).
        var backfilled = await Eventually.ReturnsAsync(() => LatestAsync(tenant.TenantId),
            held => held.Select(f => (f.Kind, f.Id)).ToHashSet().SetEquals(expected.Select(f => (f.Kind, f.Id))),
            because: "supplier-api republishes each record at its current version");
        Assert.All(backfilled, f => Assert.True(f.Version >= expected.Single(e => e.Kind == f.Kind && e.Id == f.Id).Version, f.ToString()));
        // One row per record: the versions before the latest are not made up again.
        Assert.Equal(backfilled.Count, (await FactsAsync(tenant.TenantId, null)).Count);
        var again = Assert.Single(await FactsAsync(tenant.TenantId, FactKind.SupplierSettings));
        Assert.Equal(settings.Data, again.Data);
        Assert.Equal(settings.EffectiveAt, again.EffectiveAt);

        await RequestStateAsync(tenant.TenantId);
        var published = await Eventually.ReturnsAsync(() => OutboxIdsAsync("SupplierChanged", id), ids => ids.Count == 4,
            because: "supplier-api republishes on each request (created, changed, two requests)");
        await Eventually.ReturnsAsync(() => HandledAsync(published), n => n == published.Count, because: "reporting handles the republished supplier");
        var settingsPublished = await OutboxIdsAsync("SupplierSettingsChanged", tenant.TenantId);
        Assert.Equal(3, settingsPublished.Count);
        await Eventually.ReturnsAsync(() => HandledAsync(settingsPublished), n => n == settingsPublished.Count, because: "reporting handles the settings");

        Assert.Equal(backfilled.Count, (await FactsAsync(tenant.TenantId, null)).Count); // versions held: nothing new
    }

    private async Task RequestStateAsync(Guid tenantId) =>
        await platform.Suppliers.Services.GetRequiredService<IBus>().Publish(new TenantStateRequested(tenantId, "test", DateTimeOffset.UtcNow));

    private async Task<List<Fact>> FactsAsync(Guid tenantId, FactKind? kind)
    {
        await using var scope = platform.Reporting.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().Facts.IgnoreQueryFilters().AsNoTracking()
            .Where(f => f.TenantId == tenantId && (kind == null ? SupplierKinds.Contains(f.Kind) : f.Kind == kind)).ToListAsync();
    }

    private async Task<HashSet<(FactKind Kind, Guid Id, long Version)>> LatestAsync(Guid tenantId) =>
        (await FactsAsync(tenantId, null)).GroupBy(f => (f.Kind, f.RecordId)).Select(g => (g.Key.Kind, g.Key.RecordId, g.Max(f => f.Version))).ToHashSet();

    private async Task<List<Guid>> OutboxIdsAsync(string eventType, Guid recordId)
    {
        await using var scope = platform.Suppliers.Services.CreateAsyncScope();
        var idText = recordId.ToString();
        return await scope.ServiceProvider.GetRequiredService<SupplierDbContext>().Set<OutboxMessage>().IgnoreQueryFilters()
            .Where(m => m.Type.StartsWith($"IsmsCloud.Contracts.Events.{eventType},") && m.Payload.Contains(idText)).Select(m => m.Id).ToListAsync();
    }

    private async Task<int> HandledAsync(IReadOnlyCollection<Guid> messageIds)
    {
        await using var scope = platform.Reporting.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().InboxMessages.IgnoreQueryFilters()
            .CountAsync(m => messageIds.Contains(m.MessageId)
                && (m.Consumer == nameof(SupplierFactConsumer) || m.Consumer == nameof(SupplierSettingsFactConsumer)));
    }
}
