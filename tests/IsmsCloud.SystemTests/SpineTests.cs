using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.Contracts;
using IsmsCloud.Testing;

namespace IsmsCloud.SystemTests;

/// <summary>The spine end to end, through the gateway only: onboarding, sign-in, a change in risk-api, reporting's projection.</summary>
[Collection(SystemCollection.Name)]
public sealed class SpineTests
{
    [Fact]
    public async Task Onboard_a_tenant_sign_in_create_a_risk_and_see_reportings_count_change()
    {
        var tokens = await SystemFixture.OnboardTenantAsync("sys");
        Assert.Equal(IsmsRoles.TenantAdmin, JwtPayload.Read(tokens.AccessToken).GetProperty(IsmsClaims.Role).GetString());
        using var tenant = SystemFixture.Authorized(tokens.AccessToken);
        Assert.Equal(0, await RiskCountAsync(tenant));

        // Owners must be active members now: the tenant's first admin is one.
        var owner = JwtPayload.Read(tokens.AccessToken).GetProperty(IsmsClaims.Email).GetString();
        var created = await tenant.PostAsJsonAsync("/api/risk/risks", new { title = "Cloud account takeover", owner, inherentLikelihood = 3, inherentImpact = 5, residualLikelihood = 3, residualImpact = 5 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await Eventually.ReturnsAsync(() => RiskCountAsync(tenant), n => n == 1, because: "reporting-api should count the new risk");
    }

    [Fact]
    public async Task The_gateway_adds_a_correlation_id_and_keeps_one_that_was_sent()
    {
        using var client = SystemFixture.GatewayClient();

        var fresh = await client.GetAsync("/.well-known/openid-configuration");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Add("X-Correlation-ID", "trace-me-123");
        var kept = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.False(string.IsNullOrEmpty(fresh.Headers.GetValues("X-Correlation-ID").Single()));
        Assert.Equal("trace-me-123", kept.Headers.GetValues("X-Correlation-ID").Single());
        Assert.Equal(SystemFixture.PublicUrl, (await fresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("issuer").GetString());
    }

    private static async Task<int> RiskCountAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/reporting/risk-summary")).GetProperty("riskCount").GetInt32();
}
