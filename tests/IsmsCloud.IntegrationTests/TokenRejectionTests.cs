using System.Net;
using System.Net.Http.Json;
using IsmsCloud.Contracts;
using IsmsCloud.Testing;

namespace IsmsCloud.IntegrationTests;

[Collection(PlatformCollection.Name)]
public sealed class TokenRejectionTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await risk.GetAsync("/api/risk/risks")).StatusCode);

        try
        {
            platform.RiskClock.Offset = TimeSpan.FromHours(2);
            Assert.Equal(HttpStatusCode.Unauthorized, (await risk.GetAsync("/api/risk/risks")).StatusCode);
        }
        finally
        {
            platform.RiskClock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        var a = await platform.OnboardTenantAsync();
        var b = await platform.OnboardTenantAsync();

        // A's signed token, edited to claim tenant B.
        var forged = JwtPayload.Tamper(a.Tokens.AccessToken, IsmsClaims.TenantId, b.TenantId.ToString());
        using var risk = platform.RiskApi(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, (await risk.GetAsync("/api/risk/risks")).StatusCode);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var identity = platform.IdentityApi(tenant.Tokens.AccessToken);
        var client = await (await identity.PostAsJsonAsync("/api/identity/clients", new { displayName = "No API scope", role = IsmsRoles.Viewer }))
            .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        // Without the API scope the token names no API audience.
        var tokens = await platform.Oidc().ClientCredentialsAsync(client.GetProperty("clientId").GetString()!, client.GetProperty("clientSecret").GetString()!, scope: "");
        Assert.False(JwtPayload.Read(tokens.AccessToken).TryGetProperty("aud", out _));
        using var risk = platform.RiskApi(tokens.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, (await risk.GetAsync("/api/risk/risks")).StatusCode);
    }

    [Fact]
    public async Task No_token_is_refused()
    {
        using var risk = platform.Risk.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await risk.GetAsync("/api/risk/risks")).StatusCode);
    }

    [Fact]
    public async Task A_suspended_tenants_tokens_stop_working_and_cannot_be_refreshed()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await risk.GetAsync("/api/risk/risks")).StatusCode);

        using var admin = platform.IdentityApi(await platform.PlatformAdminTokenAsync());
        var suspended = await admin.PostAsJsonAsync($"/api/admin/tenants/{tenant.TenantId}/suspend", new { reason = "Unpaid invoices" });
        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);

        // risk-api learns of the suspension from TenantSuspended over the broker.
        await Eventually.ReturnsAsync(
            async () => (await risk.GetAsync("/api/risk/risks")).StatusCode,
            status => status == HttpStatusCode.Unauthorized,
            because: "risk-api should refuse a suspended tenant's token");
        using var identity = platform.IdentityApi(tenant.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await identity.GetAsync("/api/identity/me")).StatusCode);
        var refresh = await platform.Oidc().PostTokenAsync(
            new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = tenant.Tokens.RefreshToken! });
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);

        // Reactivated, a new sign-in works again.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/tenants/{tenant.TenantId}/reactivate", null)).StatusCode);
        var again = await platform.Oidc().SignInAsync(tenant.AdminEmail, tenant.Password);
        using var riskAgain = platform.RiskApi(again.AccessToken);
        await Eventually.ReturnsAsync(
            async () => (await riskAgain.GetAsync("/api/risk/risks")).StatusCode,
            status => status == HttpStatusCode.OK,
            because: "a reactivated tenant is served again");
    }
}
