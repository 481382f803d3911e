using System.Text;
using CsCheck;
using IsmsCloud.Contracts;
using IsmsCloud.Testing;

namespace IsmsCloud.IntegrationTests;

/// <summary>Random bodies on identity-api's member, invitation and tenant-administration endpoints: never a 5xx.</summary>
[Collection(PlatformCollection.Name)]
public sealed class IdentityFuzzTests(PlatformFixture platform)
{
    private static readonly Gen<string> Body = RandomBodies.Of(
        ["email", "role", "accessEndsAt", "confirmSlug", "displayName", "name", "slug", "firstAdminEmail", "reason"]);

    [Fact]
    public async Task Random_bodies_on_member_and_tenant_endpoints_never_cause_a_server_error()
    {
        var tenant = await platform.OnboardTenantAsync("fuzzid");
        var member = await platform.AddMemberAsync(tenant, IsmsRoles.Viewer);
        var memberId = JwtPayload.Read(member.AccessToken).GetProperty(IsmsClaims.Subject).GetString();
        var victim = await platform.OnboardTenantAsync("fuzzvictim");
        using var asAdmin = platform.IdentityApi(tenant.Tokens.AccessToken);
        using var asPlatform = platform.IdentityApi(await platform.PlatformAdminTokenAsync());
        var targets = new (HttpClient Client, HttpMethod Method, string Url)[]
        {
            (asAdmin, HttpMethod.Post, "/api/identity/invitations"),
            (asAdmin, HttpMethod.Put, $"/api/identity/members/{memberId}"),
            (asAdmin, HttpMethod.Post, "/api/identity/clients"),
            (asPlatform, HttpMethod.Post, "/api/admin/tenants"),
            (asPlatform, HttpMethod.Post, $"/api/admin/tenants/{victim.TenantId}/suspend"),
            (asPlatform, HttpMethod.Post, $"/api/admin/tenants/{victim.TenantId}/deletion"),
        };

        await Gen.Select(Gen.Int[0, targets.Length - 1], Body).SampleAsync(async t =>
        {
            var (target, body) = t;
            var (client, method, url) = targets[target];
            using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            var response = await client.SendAsync(request);
            if ((int)response.StatusCode >= 500)
            {
                throw new InvalidOperationException($"{method} {url} with {body} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }, iter: 250, threads: 1);
    }
}
