using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.Contracts.Events;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests.Suppliers;

/// <summary>Supplier access records (issue 10 §5b): kept by managers, audited, announced once per change and on republish.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SupplierAccessTests(PlatformFixture platform)
{
    private static object Body(string system = "Production AWS", string account = "arn:aws:iam::1:role/vendor-support", bool privileged = true,
        string since = "2026-02-01", string? until = null, string? email = "Ops@Vendor.Example", long version = 0) => new
    {
        system, account, personName = "Sam Vendor", email, entitlements = "AdministratorAccess", privileged, since, until,
        lastLoginAt = "2026-11-30T08:15:00Z", version,
    };

    [Fact]
    public async Task Access_is_recorded_changed_and_removed_with_an_audit_trail_and_one_event_per_change_and_on_republish()
    {
        var tenant = await platform.SupplierTenantAsync("supacc");
        var received = new ConcurrentQueue<(Guid MessageId, SupplierAccessChanged Event)>();
        var bus = platform.Suppliers.Services.GetRequiredService<IBus>();
        var handle = bus.ConnectReceiveEndpoint($"test-supplier-access-{Guid.NewGuid():N}", endpoint =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.AutoDelete = true;
                rabbit.Durable = false;
            }

            endpoint.Handler<SupplierAccessChanged>(c =>
            {
                if (c.Message.TenantId == tenant.TenantId)
                {
                    received.Enqueue((c.MessageId ?? Guid.Empty, c.Message));
                }

                return Task.CompletedTask;
            });
        });
        await handle.Ready;
        try
        {
            using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
            var supplier = (await suppliers.CreateSupplierAsync("Cloud Ops Partner GmbH")).Id();
            var created = await suppliers.PostAsJsonAsync($"/api/suppliers/{supplier}/access", Body()).OkJson(HttpStatusCode.Created);
            var id = created.Id();
            Assert.Equal("ops@vendor.example", created.GetProperty("email").GetString());
            Assert.True(created.GetProperty("active").GetBoolean());
            var other = (await suppliers.PostAsJsonAsync($"/api/suppliers/{supplier}/access",
                Body("Jira", "vendor-support", privileged: false, email: null)).OkJson(HttpStatusCode.Created)).Id();

            var updated = await suppliers.PutAsJsonAsync($"/api/suppliers/{supplier}/access/{id}", Body(until: "2026-06-30", version: 0)).OkJson();
            Assert.Equal(1u, updated.GetProperty("version").GetUInt32());
            Assert.False(updated.GetProperty("active").GetBoolean()); // ended in June
            Assert.Equal(HttpStatusCode.Conflict, (await suppliers.PutAsJsonAsync($"/api/suppliers/{supplier}/access/{id}", Body(version: 0))).StatusCode);
            var list = await suppliers.GetFromJsonAsync<JsonElement>($"/api/suppliers/{supplier}/access");
            Assert.Equal(["Production AWS", "Jira"], list.EnumerateArray().Select(a => a.GetProperty("system").GetString())); // privileged first
            Assert.Equal(HttpStatusCode.NoContent, (await suppliers.DeleteAsync($"/api/suppliers/{supplier}/access/{other}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await suppliers.DeleteAsync($"/api/suppliers/{supplier}/access/{other}")).StatusCode);

            var trail = await suppliers.GetFromJsonAsync<JsonElement>($"/api/suppliers/audit-trail?recordId={id}");
            Assert.Equal(["Updated", "Created"], trail.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
            Assert.Contains("2026-06-30", trail.GetProperty("items")[0].GetProperty("changes").GetString());

            var events = await Eventually.ReturnsAsync(() => Task.FromResult(received.ToArray()), e => e.Any(x => x.Event.Removed),
                because: "the removal is published");
            Assert.Equal(events.Length, events.Select(e => e.MessageId).Distinct().Count());
            Assert.Equal([(0L, false), (1L, false)], events.Where(e => e.Event.AccessId == id).Select(e => (e.Event.Version, e.Event.Removed)).Order());
            Assert.Equal([(0L, false), (1L, true)], events.Where(e => e.Event.AccessId == other).Select(e => (e.Event.Version, e.Event.Removed)).Order());
            var last = events.Where(e => e.Event.AccessId == id).MaxBy(e => e.Event.Version).Event;
            Assert.Equal(("Cloud Ops Partner GmbH", "Production AWS", "AdministratorAccess", true), (last.SupplierName, last.System, last.Entitlements, last.Privileged));
            Assert.Equal((new DateOnly(2026, 2, 1), new DateOnly(2026, 6, 30)), (last.Since, last.Until!.Value));
            Assert.Equal(DateTimeOffset.Parse("2026-11-30T08:15:00Z"), last.LastLoginAt);

            // Republished at its version: a consumer holding version 1 ignores it.
            var count = received.Count;
            await bus.Publish(new TenantStateRequested(tenant.TenantId, "test", DateTimeOffset.UtcNow));
            var republished = await Eventually.ReturnsAsync(() => Task.FromResult(received.Skip(count).ToArray()), e => e.Length >= 1,
                because: "the access record is republished");
            Assert.Equal((id, 1L, false), (republished[0].Event.AccessId, republished[0].Event.Version, republished[0].Event.Removed));

            // Removing the supplier removes its access, announced as such.
            await suppliers.DeleteAsync($"/api/suppliers/{supplier}").OkJson(HttpStatusCode.NoContent);
            await Eventually.ReturnsAsync(() => Task.FromResult(received.Count(e => e.Event.AccessId == id && e.Event.Removed)), n => n == 1,
                because: "the supplier's removal ends its access records");
            Assert.Equal(2L, received.Single(e => e.Event.AccessId == id && e.Event.Removed).Event.Version);
        }
        finally
        {
            await handle.StopAsync();
        }
    }

    [Theory]
    [InlineData("""{"system":"","account":"a","since":"2026-01-01"}""", "system")]
    [InlineData("""{"system":"Jira","account":"  ","since":"2026-01-01"}""", "account")]
    [InlineData("""{"system":"Jira","account":"a"}""", "since")]
    [InlineData("""{"system":"Jira","account":"a","since":"2026-05-01","until":"2026-04-30"}""", "until")]
    [InlineData("""{"system":"Jira","account":"a","since":"2026-05-01","email":"not-an-email"}""", "email")]
    [InlineData("""{"system":"Jira","account":"a","since":"2026-05-01","lastLoginAt":"2999-01-01T00:00:00Z"}""", "lastLoginAt")]
    [InlineData("""{"system":"Jira","account":"a","since":"2026-05-32"}""", "since")]
    public async Task Bad_access_records_are_refused_field_by_field(string body, string field)
    {
        var tenant = await platform.SupplierTenantAsync("supaccbad");
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        var supplier = (await suppliers.CreateSupplierAsync("Checked Vendor")).Id();

        var problem = await suppliers.PostAsync($"/api/suppliers/{supplier}/access",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json")).Problem(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)), problem.ToString());
    }
}
