using System.Collections.Concurrent;
using System.Net.Http.Json;
using IsmsCloud.Contracts.Events;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests.Suppliers;

/// <summary>supplier-api's events cross the real broker once each, with the facts and versions reporting needs.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SupplierEventsTests(PlatformFixture platform)
{
    [Fact]
    public async Task Each_change_publishes_its_event_exactly_once_with_the_records_facts_and_its_version_after_the_change()
    {
        var tenant = await platform.SupplierTenantAsync("supev");
        var received = new ConcurrentQueue<(Guid MessageId, object Event)>();
        var bus = platform.Suppliers.Services.GetRequiredService<IBus>();
        var handle = bus.ConnectReceiveEndpoint($"test-supplier-events-{Guid.NewGuid():N}", endpoint =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.AutoDelete = true;
                rabbit.Durable = false;
            }

            void Keep<T>(ConsumeContext<T> context) where T : class, ITenantEvent
            {
                if (context.Message.TenantId == tenant.TenantId)
                {
                    received.Enqueue((context.MessageId ?? Guid.Empty, context.Message));
                }
            }

            endpoint.Handler<SupplierChanged>(c => { Keep(c); return Task.CompletedTask; });
            endpoint.Handler<SupplierAssessed>(c => { Keep(c); return Task.CompletedTask; });
            endpoint.Handler<SupplierCertificateChanged>(c => { Keep(c); return Task.CompletedTask; });
            endpoint.Handler<SupplierAssuranceGapChanged>(c => { Keep(c); return Task.CompletedTask; });
        });
        await handle.Ready;
        try
        {
            using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var created = await suppliers.CreateSupplierAsync("Evented Supplier", "Critical");
            var id = created.Id();
            var updated = await suppliers.PutAsJsonAsync($"/api/suppliers/{id}", SupplierApiClient.SupplierBody(
                "Evented Supplier", "Critical", aiModelProvider: "OpenAI", riskIds: [Guid.Parse("0190c7a8-0000-7000-8000-000000000001")], version: 0)).OkJson();
            Assert.Equal(1u, updated.GetProperty("version").GetUInt32());
            var certificate = await suppliers.AddCertificateAsync(id, "Iso27001", today.AddYears(-1), today.AddYears(1));
            var assessed = await suppliers.AssessAsync(id);
            // The last change: once its event is in, every earlier one has had its chance to come twice.
            await suppliers.DeleteAsync($"/api/suppliers/{id}/certificates/{certificate.Id()}").OkJson(System.Net.HttpStatusCode.NoContent);

            await Eventually.ReturnsAsync(() => Task.FromResult(received.Count(e => e.Event is SupplierCertificateChanged { Removed: true })),
                n => n >= 1, because: "the certificate's removal is published");
            var events = received.ToArray();
            Assert.Equal(events.Length, events.Select(e => e.MessageId).Distinct().Count());

            var changes = events.Select(e => e.Event).OfType<SupplierChanged>().OrderBy(e => e.Version).ToList();
            Assert.Equal([0L, 1L], changes.Select(c => c.Version));
            Assert.False(changes[0].UsesAi);
            Assert.True(changes[1].AiUseAdded);
            Assert.Equal(["NewAiUse"], changes[1].MaterialChanges);
            Assert.Equal("Critical", changes[1].Criticality);
            Assert.Single(changes[1].RiskIds);
            Assert.NotNull(changes[1].LastMaterialChangeAt);

            var certificates = events.Select(e => e.Event).OfType<SupplierCertificateChanged>().OrderBy(e => e.Version).ToList();
            Assert.Equal([(0L, false), (1L, true)], certificates.Select(c => (c.Version, c.Removed)));
            Assert.True(certificates[0].IsCertificate);
            Assert.Equal(today.AddYears(1), certificates[0].ValidUntil);

            var assessment = Assert.Single(events.Select(e => e.Event).OfType<SupplierAssessed>());
            Assert.Equal(assessed.Id(), assessment.AssessmentId);
            Assert.Equal(1L, assessment.Version);
            Assert.True(assessment.CountsAsValid);

            // Registered Critical without an assessment: NoValidAssessment; then AI use is a material change; the approval closes both.
            var gaps = events.Select(e => e.Event).OfType<SupplierAssuranceGapChanged>().OrderBy(e => e.Version).ToList();
            Assert.Equal([1L, 2L, 3L], gaps.Select(g => g.Version));
            Assert.Equal(["NoValidAssessment"], gaps[0].Reasons);
            Assert.Equal(["NoValidAssessment", "UnassessedChange"], gaps[1].Reasons);
            Assert.Empty(gaps[2].Reasons);
        }
        finally
        {
            await handle.StopAsync();
        }
    }
}
