using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Scheduling;
using IsmsCloud.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests.Risk;

/// <summary>Small helpers for the risk-service tests: JSON calls that assert their status, and looks at the outbox.</summary>
internal static class RiskTestKit
{
    public static async Task<JsonElement> OkJson(this Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> Problem(this Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Guid Id(this JsonElement e) => e.GetProperty("id").GetGuid();

    /// <summary>The SoA is seeded by the TenantOnboarded consumer: wait for it before touching controls.</summary>
    public static async Task<JsonElement[]> ControlsAsync(this HttpClient risk, int expected = 93) =>
        await Eventually.ReturnsAsync(async () =>
            (await risk.GetFromJsonAsync<JsonElement>("/api/risk/controls?pageSize=200")).GetProperty("items").EnumerateArray().ToArray(),
            items => items.Length >= expected, because: "onboarding seeds the Statement of Applicability");

    /// <summary>How many outbox rows of an event type mention the id: one per change, or the event was lost or doubled.</summary>
    public static async Task<int> OutboxCountAsync(this PlatformFixture platform, string eventType, Guid id)
    {
        await using var scope = platform.Risk.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RiskDbContext>();
        var idText = id.ToString();
        return await db.Set<OutboxMessage>().IgnoreQueryFilters()
            .CountAsync(m => m.Type.StartsWith("IsmsCloud.Contracts.Events." + eventType + ",") && m.Payload.Contains(idText));
    }

    /// <summary>Runs the scheduled expiry sweep for one tenant now, at the risk service's (possibly moved) clock.</summary>
    public static async Task<SweepResult> SweepAsync(this PlatformFixture platform, Guid tenantId) =>
        await platform.Risk.Services.GetRequiredService<ExpirySweep>().RunTenantAsync(tenantId, CancellationToken.None);

    public static object Control(bool applicable, string justification, string status = "Implemented", string? owner = null, int? cadence = null, long version = 0, Guid[]? riskIds = null) =>
        new { applicable, justification, implementationStatus = status, owner, evidenceCadenceDays = cadence, riskIds = riskIds ?? [], version };
}
