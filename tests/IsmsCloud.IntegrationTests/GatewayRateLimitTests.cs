using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IsmsCloud.Gateway;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IsmsCloud.IntegrationTests;

/// <summary>The gateway's limits with tiny budgets: 3 requests a minute per address, 2 per tenant.</summary>
public sealed class GatewayRateLimitTests : IClassFixture<GatewayRateLimitTests.LimitedGateway>
{
    private readonly LimitedGateway _gateway;

    public GatewayRateLimitTests(LimitedGateway gateway) => _gateway = gateway;

    public sealed class LimitedGateway : WebApplicationFactory<GatewayEntryPoint>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("RateLimits:PerAddressPerMinute", "3");
            builder.UseSetting("RateLimits:PerTenantPerMinute", "2");
            // Nothing listens behind these: the limiter answers before the proxy would fail.
            builder.UseSetting("services:risk-api:http:0", "http://127.0.0.1:9");
        }
    }

    [Fact]
    public async Task Limits_answer_429_with_Retry_After_per_address_and_per_tenant()
    {
        using var client = _gateway.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/risk/risks")).StatusCode);
        }

        var limited = await client.GetAsync("/api/risk/risks");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After should say how long to wait");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());

        // A tenant's requests draw on the tenant's budget, not the exhausted address budget.
        var tenantA = Token(Guid.NewGuid());
        for (var i = 0; i < 2; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Send(client, tenantA)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await Send(client, tenantA)).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Send(client, Token(Guid.NewGuid()))).StatusCode);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/risk/risks");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    // Unsigned: the gateway only reads the tenant to pick a bucket; the services validate tokens.
    private static string Token(Guid tenant) =>
        $"{Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Encode($"{{\"tenant_id\":\"{tenant}\"}}")}.sig";

    private static string Encode(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
