using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IsmsCloud.Gateway;
using IsmsCloud.Identity.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests;

/// <summary>The gateway's limits with tiny budgets: 3 requests a minute per address, 2 per tenant.</summary>
[Collection(PlatformCollection.Name)]
public sealed class GatewayRateLimitTests(PlatformFixture platform)
{
    private sealed class LimitedGateway(ServiceFactory<TenantOnboarding> identity, int perAddress = 3, int perTenant = 2, int instances = 1,
        string? trustedNetwork = null, bool behindIngress = false)
        : WebApplicationFactory<GatewayEntryPoint>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            if (trustedNetwork is not null)
            {
                builder.UseSetting("ForwardedHeaders:KnownNetworks:0", trustedNetwork);
            }

            if (behindIngress)
            {
                builder.ConfigureServices(services => services.AddTransient<IStartupFilter, FromIngress>());
            }

            builder.UseSetting("RateLimits:PerAddressPerMinute", perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("RateLimits:PerTenantPerMinute", perTenant.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("RateLimits:Instances", instances.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // Nothing listens behind this: the limiter answers before the proxy would fail.
            builder.UseSetting("services:risk-api:http:0", "http://127.0.0.1:9");
            builder.ConfigureTestServices(services =>
                services.AddHttpClient("identity-metadata").ConfigurePrimaryHttpMessageHandler(() => identity.Server.CreateHandler()));
        }
    }

    [Fact]
    public async Task Limits_answer_429_with_Retry_After_per_address_and_per_validated_tenant()
    {
        var a = await platform.OnboardTenantAsync();
        var b = await platform.OnboardTenantAsync();
        await using var gateway = new LimitedGateway(platform.Identity);
        using var client = gateway.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/risk/risks")).StatusCode);
        }

        var limited = await client.GetAsync("/api/risk/risks");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After should say how long to wait");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());

        // A forged token naming some tenant does not escape the address limit.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Send(client, Forged(a.TenantId))).StatusCode);

        // A valid token draws on its tenant's budget, not the exhausted address budget; tenants do not share one.
        for (var i = 0; i < 2; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Send(client, a.Tokens.AccessToken)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await Send(client, a.Tokens.AccessToken)).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Send(client, b.Tokens.AccessToken)).StatusCode);
    }

    /// <summary>Every request arrives from the ingress's address, as in the cluster.</summary>
    private sealed class FromIngress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, then) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
                return then(context);
            });
            next(app);
        };
    }

    private static Task<HttpResponseMessage> FromClient(HttpClient client, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/risk/risks");
        request.Headers.Add("X-Forwarded-For", address);
        request.Headers.Add("X-Forwarded-Proto", "https");
        return client.SendAsync(request);
    }

    [Fact]
    public async Task Behind_a_trusted_ingress_each_client_has_its_own_address_budget_and_an_untrusted_sender_cannot_claim_one()
    {
        // The ingress is trusted (ForwardedHeaders:KnownNetworks): the address it forwards is the client's.
        await using (var gateway = new LimitedGateway(platform.Identity, trustedNetwork: "10.0.0.0/8", behindIngress: true))
        {
            using var client = gateway.CreateClient();
            for (var i = 0; i < 3; i++)
            {
                Assert.NotEqual(HttpStatusCode.TooManyRequests, (await FromClient(client, "203.0.113.7")).StatusCode);
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, (await FromClient(client, "203.0.113.7")).StatusCode);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await FromClient(client, "203.0.113.8")).StatusCode);
        }

        // Not trusted (nothing configured: loopback only): the header is ignored, so every "client" shares the sender's budget.
        await using (var gateway = new LimitedGateway(platform.Identity, behindIngress: true))
        {
            using var client = gateway.CreateClient();
            for (var i = 0; i < 3; i++)
            {
                Assert.NotEqual(HttpStatusCode.TooManyRequests, (await FromClient(client, $"203.0.113.{10 + i}")).StatusCode);
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, (await FromClient(client, "203.0.113.20")).StatusCode);
        }
    }

    [Fact]
    public async Task One_of_two_gateway_instances_allows_half_the_deployments_limit()
    {
        // 6 a minute for the deployment, two replicas: this one answers 3, the other would answer the other 3.
        await using var gateway = new LimitedGateway(platform.Identity, perAddress: 6, instances: 2);
        using var client = gateway.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/risk/risks")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/risk/risks")).StatusCode);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/risk/risks");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private static string Forged(Guid tenant) =>
        $"{Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Encode($"{{\"tenant_id\":\"{tenant}\"}}")}.sig";

    private static string Encode(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
