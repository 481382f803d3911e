using System.Net;
using System.Net.Http.Headers;
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
        var platformAdmin = await SystemFixture.Oidc().SignInAsync("admin@isms.local", "Admin-Pass-2026!", tenant: "platform");
        using var admin = Authorized(platformAdmin.AccessToken);
        var slug = $"sys-{Guid.NewGuid():N}"[..16];
        var onboarded = await admin.PostAsJsonAsync("/api/admin/tenants", new { name = "System Test Ltd", slug, firstAdminEmail = $"admin@{slug}.example" });
        Assert.Equal(HttpStatusCode.Created, onboarded.StatusCode);
        var link = (await onboarded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitationLink").GetString()!;

        var newAdmin = SystemFixture.Oidc();
        await newAdmin.SetPasswordAsync(link, "System-Pass-2026!");
        var tokens = await newAdmin.SignInAsync($"admin@{slug}.example", "System-Pass-2026!");
        Assert.Equal(IsmsRoles.TenantAdmin, JwtPayload.Read(tokens.AccessToken).GetProperty(IsmsClaims.Role).GetString());
        using var tenant = Authorized(tokens.AccessToken);
        Assert.Equal(0, await RiskCountAsync(tenant));

        var created = await tenant.PostAsJsonAsync("/api/risk/risks", new { title = "Cloud account takeover", owner = "platform@example.com", inherentLikelihood = 3, inherentImpact = 5, residualLikelihood = 3, residualImpact = 5 });
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

    private static HttpClient Authorized(string token)
    {
        var client = SystemFixture.GatewayClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<int> RiskCountAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/reporting/risk-summary")).GetProperty("riskCount").GetInt32();
}
