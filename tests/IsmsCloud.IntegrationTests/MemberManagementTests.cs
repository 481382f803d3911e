using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.Contracts;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.Testing;

namespace IsmsCloud.IntegrationTests;

/// <summary>Invitations, roles, suspension and removal, as a tenant admin manages them, and what each does to tokens.</summary>
[Collection(PlatformCollection.Name)]
public sealed class MemberManagementTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_invited_person_sets_a_password_signs_in_with_the_role_and_the_link_works_once()
    {
        var tenant = await platform.OnboardTenantAsync();
        var email = $"new-{Guid.NewGuid():N}"[..16] + "@invited.example";
        var link = await platform.InviteAsync(tenant, email, IsmsRoles.Approver);

        using var admin = platform.IdentityApi(tenant.Tokens.AccessToken);
        var pending = await admin.GetAsync("/api/identity/invitations").OkJson();
        Assert.Equal(email, Assert.Single(pending.GetProperty("items").EnumerateArray()).GetProperty("email").GetString());

        var (accepted, _) = await platform.Oidc().AcceptInvitationAsync(link, PlatformFixture.Password, "Nova Newcomer");
        Assert.True(accepted);
        var tokens = await platform.Oidc().SignInAsync(email, PlatformFixture.Password);
        var claims = JwtPayload.Read(tokens.AccessToken);
        Assert.Equal(tenant.TenantId.ToString(), claims.GetProperty(IsmsClaims.TenantId).GetString());
        Assert.Equal(IsmsRoles.Approver, RoleOf(claims));

        // The link is spent: a second use (another tab, a forwarded mail) is refused and changes nothing.
        var (again, page) = await platform.Oidc().AcceptInvitationAsync(link, "Another-Pass-2026!", "Someone Else");
        Assert.False(again);
        Assert.Contains("data-testid=\"invitation-invalid\"", page, StringComparison.Ordinal);

        var members = await admin.GetAsync("/api/identity/members").OkJson();
        var member = members.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("email").GetString() == email);
        Assert.Equal("Nova Newcomer", member.GetProperty("displayName").GetString());
        Assert.Equal(IsmsRoles.Approver, member.GetProperty("role").GetString());
        Assert.Equal(0, (await admin.GetAsync("/api/identity/invitations").OkJson()).GetProperty("totalCount").GetInt32());

        // The member's own token works in every service.
        Assert.Equal(HttpStatusCode.OK, (await platform.RiskApi(tokens.AccessToken).GetAsync("/api/risk/risks")).StatusCode);
    }

    [Fact]
    public async Task An_invitation_expires_after_seven_days_can_be_resent_with_a_new_link_and_revoked()
    {
        var tenant = await platform.OnboardTenantAsync();
        var email = $"late-{Guid.NewGuid():N}"[..16] + "@invited.example";
        var first = await platform.InviteAsync(tenant, email, IsmsRoles.Viewer);
        using var admin = platform.IdentityApi(tenant.Tokens.AccessToken);
        var invitationId = (await admin.GetAsync("/api/identity/invitations").OkJson()).GetProperty("items")[0].Id();

        try
        {
            platform.IdentityClock.Offset = Invitation7Days + TimeSpan.FromMinutes(1);
            Assert.False((await platform.Oidc().AcceptInvitationAsync(first, PlatformFixture.Password)).Accepted);
        }
        finally
        {
            platform.IdentityClock.Offset = TimeSpan.Zero;
        }

        // Re-sending makes a new link and a new week; the old link stays dead.
        var resent = await admin.PostAsync($"/api/identity/invitations/{invitationId}/resend", null).OkJson();
        var second = resent.GetProperty("invitationLink").GetString()!;
        Assert.NotEqual(first, second);
        Assert.Equal(2, resent.GetProperty("invitation").GetProperty("sendCount").GetInt32());
        Assert.False((await platform.Oidc().AcceptInvitationAsync(first, PlatformFixture.Password)).Accepted);

        // Revoked: the new link stops working too.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/identity/invitations/{invitationId}")).StatusCode);
        Assert.False((await platform.Oidc().AcceptInvitationAsync(second, PlatformFixture.Password)).Accepted);
        var revoked = await admin.GetAsync("/api/identity/invitations?status=Revoked").OkJson();
        Assert.Equal(invitationId, Assert.Single(revoked.GetProperty("items").EnumerateArray()).Id());
    }

    [Fact]
    public async Task A_user_of_another_tenant_joins_with_the_same_account_and_picks_the_tenant_at_sign_in()
    {
        var home = await platform.OnboardTenantAsync();
        var other = await platform.OnboardTenantAsync();
        var link = await platform.InviteAsync(other, home.AdminEmail, IsmsRoles.Auditor);

        // An existing account proves itself with its own password; a wrong one is refused.
        Assert.False((await platform.Oidc().AcceptInvitationAsync(link, "Not-The-Password-1!", displayName: null)).Accepted);
        Assert.True((await platform.Oidc().AcceptInvitationAsync(link, home.Password, displayName: null)).Accepted);

        var ambiguous = await Assert.ThrowsAsync<InvalidOperationException>(() => platform.Oidc().SignInAsync(home.AdminEmail, home.Password));
        Assert.Contains("several tenants", ambiguous.Message, StringComparison.Ordinal);
        var inOther = await platform.Oidc().SignInAsync(home.AdminEmail, home.Password, tenant: other.TenantId.ToString());
        Assert.Equal(IsmsRoles.Auditor, RoleOf(JwtPayload.Read(inOther.AccessToken)));
        var inHome = await platform.Oidc().SignInAsync(home.AdminEmail, home.Password, tenant: home.TenantId.ToString());
        Assert.Equal(IsmsRoles.TenantAdmin, RoleOf(JwtPayload.Read(inHome.AccessToken)));
    }

    [Fact]
    public async Task The_last_active_tenant_admin_cannot_be_demoted_suspended_or_removed()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var admin = platform.IdentityApi(tenant.Tokens.AccessToken);
        var self = JwtPayload.Read(tenant.Tokens.AccessToken).GetProperty(IsmsClaims.Subject).GetString();

        var demote = await admin.PutAsJsonAsync($"/api/identity/members/{self}", new { role = IsmsRoles.Viewer }).Problem(HttpStatusCode.Conflict);
        Assert.Contains("only active TenantAdmin", demote.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await admin.PostAsync($"/api/identity/members/{self}/suspend", null).Problem(HttpStatusCode.Conflict);
        await admin.DeleteAsync($"/api/identity/members/{self}").Problem(HttpStatusCode.Conflict);

        // With a second admin the first may step down.
        var second = await platform.AddMemberAsync(tenant, IsmsRoles.TenantAdmin);
        var changed = await admin.PutAsJsonAsync($"/api/identity/members/{self}", new { role = IsmsRoles.IsmsManager }).OkJson();
        Assert.Equal(IsmsRoles.IsmsManager, changed.GetProperty("role").GetString());

        // Now the second is the last one.
        using var secondAdmin = platform.IdentityApi(second.AccessToken);
        var secondId = JwtPayload.Read(second.AccessToken).GetProperty(IsmsClaims.Subject).GetString();
        await secondAdmin.DeleteAsync($"/api/identity/members/{secondId}").Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_removed_members_token_is_refused_everywhere_and_cannot_be_refreshed()
    {
        var tenant = await platform.OnboardTenantAsync();
        var member = await platform.AddMemberAsync(tenant, IsmsRoles.IsmsManager);
        var memberId = JwtPayload.Read(member.AccessToken).GetProperty(IsmsClaims.Subject).GetString();
        var calls = EveryService(member.AccessToken);
        foreach (var (name, call) in calls)
        {
            Assert.True((await call()).IsSuccessStatusCode, $"{name} before removal");
        }

        using var admin = platform.IdentityApi(tenant.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/identity/members/{memberId}")).StatusCode);

        foreach (var (name, call) in calls)
        {
            await Eventually.ReturnsAsync(async () => (await call()).StatusCode, s => s == HttpStatusCode.Unauthorized, because: $"{name} refuses the removed member");
        }

        var refresh = await platform.Oidc().PostTokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = member.RefreshToken! });
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Equal("invalid_grant", (await refresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.DoesNotContain((await admin.GetAsync("/api/identity/members").OkJson()).GetProperty("items").EnumerateArray(),
            m => m.GetProperty("userId").GetString() == memberId);
    }

    [Fact]
    public async Task A_suspended_member_is_refused_until_reactivated_and_a_changed_role_needs_a_new_token()
    {
        var tenant = await platform.OnboardTenantAsync();
        var member = await platform.AddMemberAsync(tenant, IsmsRoles.Viewer);
        var memberId = JwtPayload.Read(member.AccessToken).GetProperty(IsmsClaims.Subject).GetString();
        using var admin = platform.IdentityApi(tenant.Tokens.AccessToken);
        using var risk = platform.RiskApi(member.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await risk.GetAsync("/api/risk/risks")).StatusCode);

        await admin.PostAsync($"/api/identity/members/{memberId}/suspend", null).OkJson();
        await Eventually.ReturnsAsync(async () => (await risk.GetAsync("/api/risk/risks")).StatusCode, s => s == HttpStatusCode.Unauthorized, because: "risk refuses the suspended member");
        await Assert.ThrowsAsync<InvalidOperationException>(() => platform.Oidc().SignInAsync(PlatformFixture.EmailOf(member), PlatformFixture.Password));

        await admin.PostAsync($"/api/identity/members/{memberId}/reactivate", null).OkJson();
        var back = await platform.Oidc().SignInAsync(PlatformFixture.EmailOf(member), PlatformFixture.Password);
        using var riskBack = platform.RiskApi(back.AccessToken);
        await Eventually.ReturnsAsync(async () => (await riskBack.GetAsync("/api/risk/risks")).StatusCode, s => s == HttpStatusCode.OK, because: "risk lets the reactivated member in");

        // Promoted: the Viewer token no longer stands (it names an older revision); a refreshed one carries the new role.
        await admin.PutAsJsonAsync($"/api/identity/members/{memberId}", new { role = IsmsRoles.IsmsManager }).OkJson();
        await Eventually.ReturnsAsync(async () => (await riskBack.GetAsync("/api/risk/risks")).StatusCode, s => s == HttpStatusCode.Unauthorized, because: "risk refuses the stale token");
        var refreshed = await platform.Oidc().RefreshAsync(back.RefreshToken!);
        Assert.Equal(IsmsRoles.IsmsManager, RoleOf(JwtPayload.Read(refreshed.AccessToken)));
        using var asManager = platform.RiskApi(refreshed.AccessToken);
        await asManager.PostAsJsonAsync("/api/risk/risks", RiskApiClient.RiskBody("Written by the promoted member")).OkJson(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_guest_auditor_reads_until_the_end_date_and_then_is_refused()
    {
        var tenant = await platform.OnboardTenantAsync();
        var ends = DateTimeOffset.UtcNow.AddHours(2);
        var guest = await platform.AddMemberAsync(tenant, IsmsRoles.Auditor, accessEndsAt: ends);
        var claims = JwtPayload.Read(guest.AccessToken);
        Assert.Equal(ends.ToUnixTimeSeconds(), long.Parse(claims.GetProperty(IsmsClaims.AccessEndsAt).GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        using var risk = platform.RiskApi(guest.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await risk.GetAsync("/api/risk/risks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await risk.PostAsJsonAsync("/api/risk/risks", RiskApiClient.RiskBody("Guest write"))).StatusCode);

        try
        {
            platform.RiskClock.Offset = TimeSpan.FromHours(3);
            platform.IdentityClock.Offset = TimeSpan.FromHours(3);
            Assert.Equal(HttpStatusCode.Unauthorized, (await risk.GetAsync("/api/risk/risks")).StatusCode);
            await Assert.ThrowsAsync<InvalidOperationException>(() => platform.Oidc().SignInAsync(PlatformFixture.EmailOf(guest), PlatformFixture.Password));
        }
        finally
        {
            platform.RiskClock.Offset = TimeSpan.Zero;
            platform.IdentityClock.Offset = TimeSpan.Zero;
        }

        // Only an auditor's access is time-boxed, and only into the future.
        using var admin = platform.IdentityApi(tenant.Tokens.AccessToken);
        var wrongRole = await admin.PostAsJsonAsync("/api/identity/invitations", new { email = "x@guest.example", role = IsmsRoles.IsmsManager, accessEndsAt = ends }).Problem(HttpStatusCode.BadRequest);
        Assert.True(wrongRole.GetProperty("errors").TryGetProperty("accessEndsAt", out _));
        var past = await admin.PostAsJsonAsync("/api/identity/invitations", new { email = "x@guest.example", role = IsmsRoles.Auditor, accessEndsAt = DateTimeOffset.UtcNow.AddDays(-1) }).Problem(HttpStatusCode.BadRequest);
        Assert.True(past.GetProperty("errors").TryGetProperty("accessEndsAt", out _));
    }

    [Fact]
    public async Task Owners_must_be_active_members_and_records_of_a_removed_owner_keep_working()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        var stranger = await risk.PostAsJsonAsync("/api/risk/risks", RiskApiClient.RiskBody("Owned by a stranger", owner: "stranger@nowhere.example")).Problem(HttpStatusCode.BadRequest);
        Assert.True(stranger.GetProperty("errors").TryGetProperty("owner", out _));
        var asset = await risk.PostAsJsonAsync("/api/risk/assets", new { name = "CRM", type = "System", classification = "Internal", owner = "stranger@nowhere.example" }).Problem(HttpStatusCode.BadRequest);
        Assert.True(asset.GetProperty("errors").TryGetProperty("owner", out _));
        var csv = new StringContent("title,owner,inherent_likelihood,inherent_impact,residual_likelihood,residual_impact\nFine,riley.owner@example.com,3,3,2,2\nNot fine,stranger@nowhere.example,3,3,2,2\n", System.Text.Encoding.UTF8, "text/csv");
        var import = await risk.PostAsync("/api/risk/import/risks", csv).Problem(HttpStatusCode.BadRequest);
        Assert.True(import.GetProperty("errors").TryGetProperty("row 3: owner", out _));

        // A risk whose owner leaves the tenant stays, and can still be edited without handing it over.
        var owned = await risk.CreateRiskAsync("Owned by a colleague who leaves", owner: RiskApiClient.OtherOwner);
        using var admin = platform.IdentityApi(tenant.Tokens.AccessToken);
        var leaver = (await admin.GetAsync("/api/identity/members?search=other%40example.com").OkJson()).GetProperty("items")[0].GetProperty("userId").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/identity/members/{leaver}")).StatusCode);
        await Eventually.ReturnsAsync(
            async () => (await risk.PostAsJsonAsync("/api/risk/risks", RiskApiClient.RiskBody("New for the leaver", owner: RiskApiClient.OtherOwner))).StatusCode,
            s => s == HttpStatusCode.BadRequest, because: "risk-api hears that the owner left");
        await risk.PutAsJsonAsync($"/api/risk/risks/{owned.Id()}",
            RiskApiClient.UpdateBody("Owned by a colleague who left", 3, 4, owned.GetProperty("version").GetInt64(), owner: RiskApiClient.OtherOwner)).OkJson();
    }

    private static readonly TimeSpan Invitation7Days = TimeSpan.FromDays(7);

    private static string? RoleOf(JsonElement claims) =>
        claims.GetProperty(IsmsClaims.Role) is { ValueKind: JsonValueKind.Array } many ? many[0].GetString() : claims.GetProperty(IsmsClaims.Role).GetString();

    private List<(string Name, Func<Task<HttpResponseMessage>> Call)> EveryService(string token)
    {
        var identity = platform.IdentityApi(token);
        var risk = platform.RiskApi(token);
        var reporting = platform.ReportingApi(token);
        var trust = platform.TrustApi(token);
        return
        [
            ("identity-api", () => identity.GetAsync("/api/identity/me")),
            ("risk-api", () => risk.GetAsync("/api/risk/risks")),
            ("reporting-api", () => reporting.GetAsync("/api/reporting/risk-summary")),
            ("trust-api", () => trust.GetAsync("/api/trust/scope/versions")),
        ];
    }
}
