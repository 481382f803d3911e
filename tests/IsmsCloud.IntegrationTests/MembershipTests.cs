using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.Contracts;
using IsmsCloud.Testing;

namespace IsmsCloud.IntegrationTests;

[Collection(PlatformCollection.Name)]
public sealed class MembershipTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_member_of_two_tenants_picks_one_at_sign_in_and_can_switch_to_the_other()
    {
        var first = await platform.OnboardTenantAsync();
        // The same person becomes the first admin of a second tenant.
        using var admin = platform.IdentityApi(await platform.PlatformAdminTokenAsync());
        var slug = $"second-{Guid.NewGuid():N}"[..20];
        var response = await admin.PostAsJsonAsync("/api/admin/tenants", new { name = "Second Co", slug, firstAdminEmail = first.AdminEmail });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var second = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tenant").GetProperty("id").GetGuid();

        // Without a choice, identity asks which workspace to open.
        var ambiguous = await Assert.ThrowsAsync<InvalidOperationException>(() => platform.Oidc().SignInAsync(first.AdminEmail, first.Password));
        Assert.Contains("several tenants", ambiguous.Message, StringComparison.Ordinal);

        var inSecond = await platform.Oidc().SignInAsync(first.AdminEmail, first.Password, tenant: second.ToString());
        var inFirst = await platform.Oidc().SignInAsync(first.AdminEmail, first.Password, tenant: first.TenantId.ToString());
        Assert.Equal(second.ToString(), JwtPayload.Read(inSecond.AccessToken).GetProperty(IsmsClaims.TenantId).GetString());
        Assert.Equal(first.TenantId.ToString(), JwtPayload.Read(inFirst.AccessToken).GetProperty(IsmsClaims.TenantId).GetString());

        using var identity = platform.IdentityApi(inSecond.AccessToken);
        var me = await identity.GetFromJsonAsync<JsonElement>("/api/identity/me");
        Assert.Equal(2, me.GetProperty("memberships").GetArrayLength());

        // Data stays in its tenant even for the same person.
        using var riskInSecond = platform.RiskApi(inSecond.AccessToken);
        using var riskInFirst = platform.RiskApi(inFirst.AccessToken);
        // The owner must be a member of the second tenant: the person is its first admin (the test tenants' colleagues
        // belong to the first only). Waiting for risk-api's directory keeps the check from racing the member event.
        await platform.KnownToRiskAsync(second, first.AdminEmail);
        await riskInSecond.CreateRiskAsync("Only in the second tenant", owner: first.AdminEmail);
        Assert.Equal(0, (await riskInFirst.GetFromJsonAsync<JsonElement>("/api/risk/risks")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Asking_for_a_tenant_the_user_does_not_belong_to_gives_no_token_for_it()
    {
        var mine = await platform.OnboardTenantAsync();
        var other = await platform.OnboardTenantAsync();

        var tokens = await platform.Oidc().SignInAsync(mine.AdminEmail, mine.Password, tenant: other.TenantId.ToString());

        // The foreign tenant is ignored: the only tenant the user belongs to is the one in the token.
        Assert.Equal(mine.TenantId.ToString(), JwtPayload.Read(tokens.AccessToken).GetProperty(IsmsClaims.TenantId).GetString());
    }

    [Fact]
    public async Task A_weak_password_is_refused_when_setting_it()
    {
        using var admin = platform.IdentityApi(await platform.PlatformAdminTokenAsync());
        var slug = $"pw-{Guid.NewGuid():N}"[..16];
        var created = await (await admin.PostAsJsonAsync("/api/admin/tenants", new { name = "Password Co", slug, firstAdminEmail = $"a@{slug}.example" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var link = created.GetProperty("invitationLink").GetString()!;
        var oidc = platform.Oidc();

        await Assert.ThrowsAsync<InvalidOperationException>(() => oidc.SetPasswordAsync(link, "short1!A"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => oidc.SetPasswordAsync(link, "alllowercaseletters"));
        await oidc.SetPasswordAsync(link, "Long-Enough-Pass-2026!");
        var tokens = await oidc.SignInAsync($"a@{slug}.example", "Long-Enough-Pass-2026!");
        Assert.False(string.IsNullOrEmpty(tokens.AccessToken));
    }
}
