using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using IsmsCloud.Contracts;
using IsmsCloud.Testing;
using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>A platform admin exports a tenant's whole data in one ZIP and schedules its deletion, in a real browser.</summary>
[Collection(SystemCollection.Name)]
public sealed class TenantAdministrationBrowserTests(SystemFixture system)
{
    [Fact]
    public async Task A_platform_admin_downloads_one_zip_with_every_services_part_and_schedules_the_deletion()
    {
        var tenantAdmin = await SystemFixture.OnboardTenantAsync("export");
        var claims = JwtPayload.Read(tenantAdmin.AccessToken);
        var slug = claims.GetProperty(IsmsClaims.TenantSlug).GetString()!;
        using var asTenant = SystemFixture.Authorized(tenantAdmin.AccessToken);
        var created = await asTenant.PostAsJsonAsync("/api/risk/risks", new
        {
            title = "Exported through the browser", owner = claims.GetProperty(IsmsClaims.Email).GetString(),
            inherentLikelihood = 3, inherentImpact = 3, residualLikelihood = 2, residualImpact = 2,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var admin = await NewPageAsync(system);
        await SubmitLoginAsync(admin, "admin@isms.local", "Admin-Pass-2026!");
        await GotoInteractiveAsync(admin, "/admin/tenants");
        await admin.GetByLabel("Search name or slug").FillAsync(slug);
        var row = admin.GetByTestId("tenant-table").Locator("tr", new() { HasText = slug });
        await Assertions.Expect(row).ToHaveCountAsync(1);

        var download = await admin.RunAndWaitForDownloadAsync(() => row.GetByTestId("export-tenant").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"{slug}-export.zip");
        await download.SaveAsAsync(path);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            foreach (var service in new[] { "identity", "risk", "trust", "suppliers", "reporting" })
            {
                Assert.NotNull(zip.GetEntry($"{service}/manifest.json"));
            }

            using var risks = new StreamReader(zip.GetEntry("risk/Risks.jsonl")!.Open());
            Assert.Contains("Exported through the browser", await risks.ReadToEndAsync(), StringComparison.Ordinal);
            Assert.NotNull(zip.GetEntry("risk/AuditTrail.jsonl"));
            Assert.NotNull(zip.GetEntry("README.txt"));
        }
        finally
        {
            File.Delete(path);
        }

        await row.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Delete ") }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("delete-tenant-confirm")).ToBeDisabledAsync();
        await admin.GetByTestId("delete-confirm-slug").FillAsync(slug);
        await admin.GetByTestId("delete-tenant-confirm").ClickAsync();
        await Assertions.Expect(row.GetByTestId("deletion-due")).ToBeVisibleAsync();

        // Scheduled for deletion means suspended: the tenant's tokens stop working.
        await Eventually.ReturnsAsync(async () => (await asTenant.GetAsync("/api/risk/risks")).StatusCode, s => s == HttpStatusCode.Unauthorized,
            because: "a tenant scheduled for deletion is suspended");
        await admin.Context.CloseAsync();
    }
}
