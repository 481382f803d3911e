using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.Contracts;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.Testing;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task Identitys_daily_head_is_published_per_tenant_kept_by_reporting_and_verifies_as_an_anchor()
    {
        var tenant = await platform.OnboardTenantAsync();
        var other = await platform.OnboardTenantAsync();
        using var admin = platform.IdentityApi(tenant.Tokens.AccessToken);
        var publisher = platform.Identity.Services.GetRequiredService<AuditHeadPublisher>();
        var today = DateOnly.FromDateTime(platform.IdentityClock.GetUtcNow().UtcDateTime);
        var headBefore = (await admin.VerifyAsync("identity")).Head();

        var published = await publisher.PublishAsync(tenant.TenantId, today, CancellationToken.None);
        var again = await publisher.PublishAsync(tenant.TenantId, today, CancellationToken.None);
        var ofOther = await publisher.PublishAsync(other.TenantId, today, CancellationToken.None);

        Assert.NotNull(published);
        Assert.Null(again);
        Assert.Equal("identity", published.Service);
        Assert.Equal(headBefore, published.Sequence);
        Assert.NotNull(ofOther);
        Assert.NotEqual(published.Hash, ofOther.Hash);
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);
        var heads = await Eventually.ReturnsAsync(() => reporting.GetFromJsonAsync<JsonElement>("/api/reporting/audit-heads?service=identity"),
            h => h.GetProperty("totalCount").GetInt32() == 1, because: "reporting keeps identity's published head for this tenant only");
        var head = heads.GetProperty("items")[0];
        Assert.Equal(published.Hash, head.GetProperty("hash").GetString());
        var verified = await admin.VerifyAsync("identity", head.GetProperty("sequence").GetInt64(), head.GetProperty("hash").GetString());
        Assert.True(verified.GetProperty("intact").GetBoolean(), verified.ToString());
        Assert.Equal(published.Sequence, verified.GetProperty("anchorSequence").GetInt64());
    }
}
