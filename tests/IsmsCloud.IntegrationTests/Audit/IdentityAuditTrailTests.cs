using System.Net;
using System.Net.Http.Json;
using IsmsCloud.Contracts;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.Testing;

namespace IsmsCloud.IntegrationTests.Audit;

/// <summary>identity-api's own chain: who invited whom, and who changed whose role, per tenant.</summary>
[Collection(PlatformCollection.Name)]
public sealed class IdentityAuditTrailTests(PlatformFixture platform)
{
    [Fact]
    public async Task Member_changes_are_chained_in_identitys_trail_with_the_admin_as_actor_and_only_for_that_tenant()
    {
        var tenant = await platform.OnboardTenantAsync();
        var other = await platform.OnboardTenantAsync();
        var member = await platform.AddMemberAsync(tenant, IsmsRoles.Viewer);
        var memberId = JwtPayload.Read(member.AccessToken).GetProperty(IsmsClaims.Subject).GetString();
        var adminId = JwtPayload.Read(tenant.Tokens.AccessToken).GetProperty(IsmsClaims.Subject).GetString();
        using var admin = platform.IdentityApi(tenant.Tokens.AccessToken);
        await admin.PutAsJsonAsync($"/api/identity/members/{memberId}", new { role = IsmsRoles.Auditor }).OkJson();

        var trail = await admin.GetAsync("/api/identity/audit-trail?pageSize=200").OkJson();
        var entries = trail.GetProperty("items").EnumerateArray().ToList();
        // Onboarding (the tenant and its first admin), the colleagues, the invitation, the join, the role change.
        Assert.Contains(entries, e => e.GetProperty("recordType").GetString() == "Tenant" && e.GetProperty("action").GetString() == "Created");
        Assert.Contains(entries, e => e.GetProperty("recordType").GetString() == "Invitation" && e.GetProperty("actorId").GetString() == adminId);
        var roleChange = Assert.Single(entries, e => e.GetProperty("recordType").GetString() == "Membership" && e.GetProperty("action").GetString() == "Updated"
            && e.GetProperty("changes").GetString()!.Contains(IsmsRoles.Auditor, StringComparison.Ordinal));
        Assert.Equal(adminId, roleChange.GetProperty("actorId").GetString());
        Assert.DoesNotContain(entries, e => e.GetProperty("changes").GetString()!.Contains("tokenHash", StringComparison.OrdinalIgnoreCase));

        var verified = await admin.GetAsync("/api/identity/audit-trail/verify").OkJson();
        Assert.True(verified.GetProperty("intact").GetBoolean());
        Assert.Equal(entries.Count, verified.GetProperty("entriesChecked").GetInt64());

        // Another tenant's admin sees only their own chain; the member (now an Auditor) may read; a viewer may not.
        var ofOther = await platform.IdentityApi(other.Tokens.AccessToken).GetAsync("/api/identity/audit-trail?pageSize=200").OkJson();
        Assert.DoesNotContain(ofOther.GetProperty("items").EnumerateArray(), e => e.GetProperty("recordId").GetString() == roleChange.GetProperty("recordId").GetString());
        var viewer = await platform.AddMemberAsync(tenant, IsmsRoles.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.IdentityApi(viewer.AccessToken).GetAsync("/api/identity/audit-trail")).StatusCode);
        var asAuditor = await platform.Oidc().RefreshAsync(member.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, (await platform.IdentityApi(asAuditor.AccessToken).GetAsync("/api/identity/audit-trail")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/identity/audit-trail?from=yesterday")).StatusCode);
    }
}
