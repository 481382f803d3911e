using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.Contracts;
using IsmsCloud.Testing;

namespace IsmsCloud.IntegrationTests;

[Collection(PlatformCollection.Name)]
public sealed class TokenIssuanceTests(PlatformFixture platform)
{
    [Fact]
    public async Task Code_flow_with_pkce_issues_a_token_for_the_tenant_with_the_members_role()
    {
        var tenant = await platform.OnboardTenantAsync();

        var claims = JwtPayload.Read(tenant.Tokens.AccessToken);

        Assert.Equal(PlatformFixture.Issuer, claims.GetProperty("iss").GetString());
        Assert.Equal(IsmsScopes.ApiAudience, AudienceOf(claims));
        Assert.Equal(tenant.TenantId.ToString(), claims.GetProperty(IsmsClaims.TenantId).GetString());
        Assert.Equal(IsmsRoles.TenantAdmin, claims.GetProperty(IsmsClaims.Role).GetString());
        Assert.NotNull(tenant.Tokens.RefreshToken);
        Assert.Equal(tenant.TenantId.ToString(), JwtPayload.Read(tenant.Tokens.IdToken!).GetProperty(IsmsClaims.TenantId).GetString());
    }

    [Fact]
    public async Task An_authorization_request_without_pkce_is_refused()
    {
        using var client = platform.Identity.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(
            $"/connect/authorize?client_id={IsmsScopes.WebClientId}&response_type=code&scope=openid&redirect_uri={Uri.EscapeDataString(PlatformFixture.RedirectUri)}&state=s");

        // OpenIddict answers an invalid request either on its own page (400) or back to the client with an error.
        var location = response.Headers.Location?.ToString() ?? "";
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest || location.Contains("error=invalid_request", StringComparison.Ordinal),
            $"Expected a refusal, got {(int)response.StatusCode} {location}");
    }

    [Fact]
    public async Task A_refresh_token_gives_a_new_access_token_for_the_same_tenant()
    {
        var tenant = await platform.OnboardTenantAsync();

        var refreshed = await platform.Oidc().RefreshAsync(tenant.Tokens.RefreshToken!);

        Assert.NotEqual(tenant.Tokens.AccessToken, refreshed.AccessToken);
        Assert.Equal(tenant.TenantId.ToString(), JwtPayload.Read(refreshed.AccessToken).GetProperty(IsmsClaims.TenantId).GetString());
        using var risk = platform.RiskApi(refreshed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await risk.GetAsync("/api/risk/risks")).StatusCode);
    }

    [Fact]
    public async Task A_tenant_admins_integration_client_gets_client_credentials_tokens_for_that_tenant_only()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var identity = platform.IdentityApi(tenant.Tokens.AccessToken);

        var created = await identity.PostAsJsonAsync("/api/identity/clients", new { displayName = "SIEM export", role = IsmsRoles.Viewer });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var client = await created.Content.ReadFromJsonAsync<JsonElement>();
        var clientId = client.GetProperty("clientId").GetString()!;
        var secret = client.GetProperty("clientSecret").GetString()!;

        var tokens = await platform.Oidc().ClientCredentialsAsync(clientId, secret);
        var claims = JwtPayload.Read(tokens.AccessToken);
        Assert.Equal(tenant.TenantId.ToString(), claims.GetProperty(IsmsClaims.TenantId).GetString());
        Assert.Equal(IsmsRoles.Viewer, claims.GetProperty(IsmsClaims.Role).GetString());
        using var risk = platform.RiskApi(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await risk.GetAsync("/api/risk/risks")).StatusCode);
        // A viewer reads but does not change the register.
        var write = await risk.PostAsJsonAsync("/api/risk/risks", RiskApiClient.RiskBody("Viewer's risk", 1, 1));
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);

        // The list never shows secrets; a wrong secret gets no token.
        var listed = await identity.GetStringAsync("/api/identity/clients");
        Assert.Contains(clientId, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        var wrong = await platform.Oidc().PostTokenAsync(
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = IsmsScopes.Api }, clientId, "wrong-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Another_tenant_cannot_see_or_delete_an_integration_client()
    {
        var a = await platform.OnboardTenantAsync();
        var b = await platform.OnboardTenantAsync();
        using var asA = platform.IdentityApi(a.Tokens.AccessToken);
        using var asB = platform.IdentityApi(b.Tokens.AccessToken);
        var created = await (await asA.PostAsJsonAsync("/api/identity/clients", new { displayName = "Ticketing", role = IsmsRoles.RiskOwner }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var clientId = created.GetProperty("clientId").GetString()!;

        Assert.DoesNotContain(clientId, await asB.GetStringAsync("/api/identity/clients"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await asB.DeleteAsync($"/api/identity/clients/{clientId}")).StatusCode);
        Assert.Contains(clientId, await asA.GetStringAsync("/api/identity/clients"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_repeated_failures_lock_the_account()
    {
        var tenant = await platform.OnboardTenantAsync();
        var oidc = platform.Oidc();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var failed = await oidc.PostLoginAsync(tenant.AdminEmail, "Not-The-Password-1!", "/");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            var page = await failed.Content.ReadAsStringAsync();
            Assert.Contains("data-testid=\"login-error\"", page, StringComparison.Ordinal);
        }

        // Locked: even the right password is refused now.
        var locked = await oidc.PostLoginAsync(tenant.AdminEmail, tenant.Password, "/");
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    private static string? AudienceOf(JsonElement claims)
    {
        var aud = claims.GetProperty("aud");
        return aud.ValueKind == JsonValueKind.Array ? aud[0].GetString() : aud.GetString();
    }
}
