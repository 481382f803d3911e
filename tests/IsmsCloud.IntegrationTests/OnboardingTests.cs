using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests;

[Collection(PlatformCollection.Name)]
public sealed class OnboardingTests(PlatformFixture platform)
{
    [Fact]
    public async Task Every_service_receives_TenantOnboarded()
    {
        var tenant = await platform.OnboardTenantAsync();

        foreach (var services in new[] { platform.Risk.Services, platform.Reporting.Services })
        {
            var known = await Eventually.ReturnsAsync(async () =>
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
                return await db.KnownTenants.AsNoTracking().FirstOrDefaultAsync(t => t.TenantId == tenant.TenantId);
            }, t => t is not null, because: "the service should record the new tenant");
            Assert.Equal(tenant.Slug, known!.Slug);
            Assert.Equal(TenantStatus.Active, known.Status);
        }
    }

    [Fact]
    public async Task The_new_admin_sees_the_tenant_and_role_in_me()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var identity = platform.IdentityApi(tenant.Tokens.AccessToken);

        var me = await identity.GetFromJsonAsync<JsonElement>("/api/identity/me");

        Assert.Equal(tenant.TenantId, me.GetProperty("tenantId").GetGuid());
        Assert.Equal("TenantAdmin", me.GetProperty("roles")[0].GetString());
        Assert.Single(me.GetProperty("memberships").EnumerateArray());
    }
}
