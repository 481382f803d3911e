using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.Identity.Tenants;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests;

/// <summary>A platform admin exports a tenant's whole data, and deletes a tenant after its grace period.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TenantDataTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_export_holds_every_services_records_of_the_tenant_and_nothing_of_another()
    {
        var tenant = await platform.OnboardTenantAsync();
        var other = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        await risk.CreateRiskAsync("Exported: laptop theft");
        await platform.RiskApi(other.Tokens.AccessToken).CreateRiskAsync("Never exported: the other tenant's risk");
        await Eventually.ReturnsAsync(platform.ReportingApi(tenant.Tokens.AccessToken).RiskCountAsync, n => n == 1, because: "reporting counts the risk");
        using var admin = platform.IdentityApi(await platform.PlatformAdminTokenAsync());

        var parts = new Dictionary<string, ZipArchive>
        {
            ["identity"] = await ZipAsync(admin, $"/api/admin/tenants/{tenant.TenantId}/export"),
            ["risk"] = await ZipAsync(platform.RiskApi(await platform.PlatformAdminTokenAsync()), $"/api/risk/admin/tenants/{tenant.TenantId}/export"),
            ["reporting"] = await ZipAsync(platform.ReportingApi(await platform.PlatformAdminTokenAsync()), $"/api/reporting/admin/tenants/{tenant.TenantId}/export"),
            ["trust"] = await ZipAsync(platform.TrustApi(await platform.PlatformAdminTokenAsync()), $"/api/trust/admin/tenants/{tenant.TenantId}/export"),
            ["audit"] = await ZipAsync(platform.AuditApi(await platform.PlatformAdminTokenAsync()), $"/api/audit/admin/tenants/{tenant.TenantId}/export"),
            ["suppliers"] = await ZipAsync(platform.SupplierApi(await platform.PlatformAdminTokenAsync()), $"/api/suppliers/admin/tenants/{tenant.TenantId}/export"),
        };

        foreach (var (service, zip) in parts)
        {
            Assert.NotNull(zip.GetEntry($"{service}/manifest.json"));
            // Each table twice: JSON lines and CSV.
            var tables = zip.Entries.Where(e => e.Name.EndsWith(".jsonl", StringComparison.Ordinal)).Select(e => e.Name[..^6]).ToList();
            Assert.NotEmpty(tables);
            Assert.All(tables, t => Assert.NotNull(zip.GetEntry($"{service}/{t}.csv")));
            var everything = string.Join('\n', zip.Entries.Select(Read));
            Assert.DoesNotContain(other.TenantId.ToString(), everything, StringComparison.Ordinal);
            Assert.DoesNotContain("Never exported", everything, StringComparison.Ordinal);
        }

        Assert.Contains("Exported: laptop theft", Read(parts["risk"].GetEntry("risk/Risks.jsonl")!), StringComparison.Ordinal);
        Assert.Contains("Exported: laptop theft", Read(parts["risk"].GetEntry("risk/Risks.csv")!), StringComparison.Ordinal);
        Assert.Equal(93, Lines(parts["risk"].GetEntry("risk/Controls.jsonl")!).Count);
        var members = Lines(parts["identity"].GetEntry("identity/Users.jsonl")!);
        Assert.Contains(members, m => m.GetProperty("Email").GetString() == tenant.AdminEmail);
        Assert.DoesNotContain("PasswordHash", Read(parts["identity"].GetEntry("identity/Users.jsonl")!), StringComparison.Ordinal);
        Assert.DoesNotContain("TokenHash", Read(parts["identity"].GetEntry("identity/Invitations.csv")!), StringComparison.Ordinal);
        Assert.Single(Lines(parts["identity"].GetEntry("identity/Tenants.jsonl")!));
        Assert.NotEmpty(Lines(parts["reporting"].GetEntry("reporting/KnownMembers.jsonl")!));
        Assert.NotEmpty(Lines(parts["audit"].GetEntry("audit/KnownMembers.jsonl")!));

        // Only platform admins export; a tenant admin gets 403, an unknown tenant 404.
        Assert.Equal(HttpStatusCode.Forbidden, (await risk.GetAsync($"/api/risk/admin/tenants/{tenant.TenantId}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.IdentityApi(tenant.Tokens.AccessToken).GetAsync($"/api/admin/tenants/{tenant.TenantId}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.RiskApi(await platform.PlatformAdminTokenAsync()).GetAsync($"/api/risk/admin/tenants/{Guid.NewGuid()}/export")).StatusCode);
    }

    [Fact]
    public async Task A_deleted_tenant_is_suspended_during_its_grace_period_then_erased_everywhere_with_a_receipt_from_each_service()
    {
        var doomed = await platform.OnboardTenantAsync();
        var survivor = await platform.OnboardTenantAsync();
        using var doomedRisk = platform.RiskApi(doomed.Tokens.AccessToken);
        await doomedRisk.CreateRiskAsync("Erased with its tenant");
        await platform.RiskApi(survivor.Tokens.AccessToken).CreateRiskAsync("Survives");
        using var admin = platform.IdentityApi(await platform.PlatformAdminTokenAsync());

        var wrong = await admin.PostAsJsonAsync($"/api/admin/tenants/{doomed.TenantId}/deletion", new { confirmSlug = "not-the-slug" }).Problem(HttpStatusCode.BadRequest);
        Assert.True(wrong.GetProperty("errors").TryGetProperty("confirmSlug", out _));
        var scheduled = await admin.PostAsJsonAsync($"/api/admin/tenants/{doomed.TenantId}/deletion", new { confirmSlug = doomed.Slug }).OkJson();
        Assert.True(scheduled.GetProperty("dueAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(29));
        await Eventually.ReturnsAsync(async () => (await doomedRisk.GetAsync("/api/risk/risks")).StatusCode, s => s == HttpStatusCode.Unauthorized,
            because: "a tenant scheduled for deletion is suspended");
        await admin.PostAsync($"/api/admin/tenants/{doomed.TenantId}/reactivate", null).Problem(HttpStatusCode.Conflict);

        // Cancel and schedule again: nothing happens before the grace period ends.
        await admin.DeleteAsync($"/api/admin/tenants/{doomed.TenantId}/deletion").OkJson();
        await admin.PostAsJsonAsync($"/api/admin/tenants/{doomed.TenantId}/deletion", new { confirmSlug = doomed.Slug }).OkJson();
        var sweep = platform.Identity.Services.GetRequiredService<TenantDeletionSweep>();
        Assert.Equal(0, await sweep.RunAsync(CancellationToken.None));

        try
        {
            platform.IdentityClock.Offset = TimeSpan.FromDays(31);
            Assert.Equal(1, await sweep.RunAsync(CancellationToken.None));
        }
        finally
        {
            platform.IdentityClock.Offset = TimeSpan.Zero;
        }

        var done = await Eventually.ReturnsAsync(() => admin.GetAsync($"/api/admin/tenants/{doomed.TenantId}/deletion").OkJson(),
            d => d.GetProperty("receipts").GetArrayLength() == 5, because: "audit, risk, reporting, suppliers and trust confirm the erasure");
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("deletedAt").ValueKind);
        Assert.Equal(["audit", "reporting", "risk", "suppliers", "trust"], done.GetProperty("receipts").EnumerateArray().Select(r => r.GetProperty("service").GetString()));
        await using (var scope = platform.Audit.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IsmsCloud.Audits.Infrastructure.AuditDbContext>();
            Assert.Equal(0, await db.KnownMembers.IgnoreQueryFilters().CountAsync(m => m.TenantId == doomed.TenantId));
            Assert.Equal(0, await db.AuditTrail.IgnoreQueryFilters().CountAsync(e => e.TenantId == doomed.TenantId));
        }


        await using (var scope = platform.Risk.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RiskDbContext>();
            Assert.Equal(0, await db.Risks.IgnoreQueryFilters().CountAsync(r => r.TenantId == doomed.TenantId));
            Assert.Equal(0, await db.Controls.IgnoreQueryFilters().CountAsync(c => c.TenantId == doomed.TenantId));
            Assert.Equal(0, await db.KnownMembers.IgnoreQueryFilters().CountAsync(m => m.TenantId == doomed.TenantId));
            // The trail's append-only trigger lets the erasure through for the deleted tenant alone (decision 0013).
            Assert.Equal(0, await db.AuditTrail.IgnoreQueryFilters().CountAsync(e => e.TenantId == doomed.TenantId));
            Assert.NotEqual(0, await db.AuditTrail.IgnoreQueryFilters().CountAsync(e => e.TenantId == survivor.TenantId));
            Assert.Equal(1, await db.Risks.IgnoreQueryFilters().CountAsync(r => r.TenantId == survivor.TenantId));
        }

        // The person who belonged only to the deleted tenant has no account any more; the other tenant works on.
        await Assert.ThrowsAnyAsync<Exception>(() => platform.Oidc().SignInAsync(doomed.AdminEmail, doomed.Password));
        Assert.Equal(HttpStatusCode.OK, (await platform.RiskApi(survivor.Tokens.AccessToken).GetAsync("/api/risk/risks")).StatusCode);
        await admin.DeleteAsync($"/api/admin/tenants/{doomed.TenantId}/deletion").Problem(HttpStatusCode.Conflict);
    }

    private static async Task<ZipArchive> ZipAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
    }

    private static string Read(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static List<JsonElement> Lines(ZipArchiveEntry entry) =>
        Read(entry).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
}
