using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.Suppliers.Gaps;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests.Suppliers;

/// <summary>Signal 5 as supplier-api shows it: gaps appear and disappear as time passes and assessments complete.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SupplierGapTests(PlatformFixture platform)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>
    /// supplier-api's clock moved by <paramref name="offset"/>, and a client signed in at that time (tokens are checked
    /// against the service's clock, so today's would have expired).
    /// </summary>
    private async Task<HttpClient> LaterAsync(TenantSession tenant, TimeSpan offset)
    {
        platform.SupplierClock.Offset = offset;
        platform.IdentityClock.Offset = offset;
        var tokens = await platform.Oidc().SignInAsync(tenant.AdminEmail, tenant.Password);
        return platform.SupplierApi(tokens.AccessToken);
    }

    private void BackToToday()
    {
        platform.SupplierClock.Offset = TimeSpan.Zero;
        platform.IdentityClock.Offset = TimeSpan.Zero;
    }

    private static async Task<Guid[]> WithGapsAsync(HttpClient suppliers, bool withGaps = true) =>
        (await suppliers.GetFromJsonAsync<JsonElement>($"/api/suppliers?withGaps={withGaps}&pageSize=200")).GetProperty("items").EnumerateArray().Select(s => s.Id()).ToArray();

    [Fact]
    public async Task A_critical_suppliers_gap_closes_with_an_approved_assessment_and_opens_again_when_its_certificate_expires_and_its_interval_ends()
    {
        var tenant = await platform.SupplierTenantAsync();
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        var critical = (await suppliers.CreateSupplierAsync("Critical Cloud B.V.", "Critical")).Id();
        var low = (await suppliers.CreateSupplierAsync("Low Stationery Ltd", "Low")).Id();

        Assert.Equal(["NoValidAssessment"], await suppliers.GapsAsync(critical));
        Assert.Empty(await suppliers.GapsAsync(low));
        Assert.Equal([critical], await WithGapsAsync(suppliers));
        Assert.Contains(low, await WithGapsAsync(suppliers, withGaps: false));

        await suppliers.AddCertificateAsync(critical, "Iso27001", Today.AddYears(-2), Today.AddDays(10));
        // A DPA is an agreement: its expiry never makes a certificate gap.
        await suppliers.AddCertificateAsync(critical, "Dpa", Today.AddYears(-2), Today.AddDays(-1));
        await suppliers.AssessAsync(critical, "ApprovedWithConditions");
        Assert.Empty(await suppliers.GapsAsync(critical));
        Assert.Empty(await WithGapsAsync(suppliers));
        var detail = await suppliers.SupplierAsync(critical);
        Assert.Equal(Today.AddMonths(6), DateOnly.Parse(detail.GetProperty("supplier").GetProperty("reassessment").GetProperty("dueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        try
        {
            using (var later = await LaterAsync(tenant, TimeSpan.FromDays(11)))
            {
                Assert.Equal(["ExpiredCertificate"], await later.GapsAsync(critical));
                Assert.Equal([critical], await WithGapsAsync(later));
            }

            // Half a year and more later the Critical interval (6 months) has ended too; the overdue age grows by the day.
            using var muchLater = await LaterAsync(tenant, TimeSpan.FromDays(200));
            Assert.Equal(["NoValidAssessment", "ExpiredCertificate"], await muchLater.GapsAsync(critical));
            var schedule = (await muchLater.SupplierAsync(critical)).GetProperty("supplier").GetProperty("reassessment");
            Assert.Equal("Overdue", schedule.GetProperty("state").GetString());
            var dueOn = Today.AddMonths(6);
            Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(200)).DayNumber - dueOn.DayNumber, schedule.GetProperty("overdueDays").GetInt32());

            // A renewed certificate and a new assessment close it again.
            await muchLater.AddCertificateAsync(critical, "Iso27001", Today.AddDays(190), Today.AddYears(3));
            await muchLater.AssessAsync(critical);
            Assert.Empty(await muchLater.GapsAsync(critical));
            Assert.Empty(await WithGapsAsync(muchLater));
        }
        finally
        {
            BackToToday();
        }
    }

    [Fact]
    public async Task A_material_change_makes_reassessment_due_at_once_and_is_an_unassessed_change_until_the_next_completed_assessment()
    {
        var tenant = await platform.SupplierTenantAsync();
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        var created = await suppliers.CreateSupplierAsync("Payroll Partner GmbH", "High");
        var id = created.Id();
        var assessed = await suppliers.AssessAsync(id);
        Assert.Empty(await suppliers.GapsAsync(id));

        // Renaming is not material; a new service is.
        var current = (await suppliers.SupplierAsync(id)).GetProperty("supplier");
        var renamed = await suppliers.PutAsJsonAsync($"/api/suppliers/{id}", SupplierApiClient.SupplierBody("Payroll Partner AG", "High", version: current.GetProperty("version").GetUInt32())).OkJson();
        Assert.Empty(renamed.GetProperty("gapReasons").EnumerateArray());
        var changed = await suppliers.PutAsJsonAsync($"/api/suppliers/{id}", SupplierApiClient.SupplierBody(
            "Payroll Partner AG", "High", services: ["Hosting", "Payroll processing"], version: renamed.GetProperty("version").GetUInt32())).OkJson();

        Assert.Equal(["UnassessedChange"], changed.GetProperty("gapReasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("NewService", changed.GetProperty("lastMaterialChange").GetString());
        var schedule = changed.GetProperty("reassessment");
        Assert.Equal("Due", schedule.GetProperty("state").GetString());
        Assert.True(schedule.GetProperty("dueToMaterialChange").GetBoolean());

        // A rejection is a completed assessment: the change has been assessed; the earlier approval is still valid.
        await suppliers.AssessAsync(id, "Rejected");
        Assert.Empty(await suppliers.GapsAsync(id));
        Assert.NotEqual(JsonValueKind.Null, assessed.GetProperty("completedAt").ValueKind);

        // Downgraded to Medium: no gap can be reported at all, whatever happens.
        var latest = (await suppliers.SupplierAsync(id)).GetProperty("supplier");
        await suppliers.PutAsJsonAsync($"/api/suppliers/{id}", SupplierApiClient.SupplierBody(
            "Payroll Partner AG", "Medium", services: ["Hosting", "Payroll processing"], locations: ["EU", "US"], version: latest.GetProperty("version").GetUInt32())).OkJson();
        Assert.Empty(await suppliers.GapsAsync(id));
    }

    [Fact]
    public async Task A_sub_processor_is_a_supplier_under_its_parent_and_a_material_change_of_the_parent_and_the_tree_refuses_cycles()
    {
        var tenant = await platform.SupplierTenantAsync();
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        var parent = (await suppliers.CreateSupplierAsync("Parent Hosting", "Critical")).Id();
        await suppliers.AssessAsync(parent);
        var child = (await suppliers.CreateSupplierAsync("Child Datacentre", "Medium", parentSupplierId: parent)).Id();
        var grandchild = (await suppliers.CreateSupplierAsync("Grandchild Backup", "Low", parentSupplierId: child)).Id();

        Assert.Equal(["UnassessedChange"], await suppliers.GapsAsync(parent));
        var tree = await suppliers.GetFromJsonAsync<JsonElement>($"/api/suppliers/{parent}/tree");
        var level1 = tree.GetProperty("subProcessors").EnumerateArray().Single();
        Assert.Equal(child, level1.Id());
        Assert.Equal(grandchild, level1.GetProperty("subProcessors").EnumerateArray().Single().Id());
        Assert.Equal([child], (await suppliers.GetFromJsonAsync<JsonElement>($"/api/suppliers?parentId={parent}")).GetProperty("items").EnumerateArray().Select(s => s.Id()));

        var version = (await suppliers.SupplierAsync(parent)).GetProperty("supplier").GetProperty("version").GetUInt32();
        var cycle = await suppliers.PutAsJsonAsync($"/api/suppliers/{parent}", SupplierApiClient.SupplierBody("Parent Hosting", "Critical", parentSupplierId: grandchild, version: version)).Problem(HttpStatusCode.BadRequest);
        Assert.True(cycle.GetProperty("errors").TryGetProperty("parentSupplierId", out _));
        var withChildren = await suppliers.DeleteAsync($"/api/suppliers/{child}").Problem(HttpStatusCode.BadRequest);
        Assert.True(withChildren.GetProperty("errors").TryGetProperty("id", out _));
        await suppliers.DeleteAsync($"/api/suppliers/{grandchild}").OkJson(HttpStatusCode.NoContent);
        await suppliers.DeleteAsync($"/api/suppliers/{child}").OkJson(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task The_sweep_announces_a_gap_that_time_alone_opened()
    {
        var tenant = await platform.SupplierTenantAsync();
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        var id = (await suppliers.CreateSupplierAsync("Sweep Target", "High")).Id();
        await suppliers.AddCertificateAsync(id, "Soc2Type2", Today.AddYears(-1), Today.AddDays(3));
        await suppliers.AssessAsync(id);
        var sweep = platform.Suppliers.Services.GetRequiredService<GapSweep>();
        Assert.Equal(0, await sweep.RunTenantAsync(tenant.TenantId, CancellationToken.None));

        try
        {
            platform.SupplierClock.Offset = TimeSpan.FromDays(4);
            Assert.Equal(1, await sweep.RunTenantAsync(tenant.TenantId, CancellationToken.None));
            Assert.Equal(0, await sweep.RunTenantAsync(tenant.TenantId, CancellationToken.None));
        }
        finally
        {
            platform.SupplierClock.Offset = TimeSpan.Zero;
        }

        // Back to today the certificate is valid again: the next sweep closes the gap it announced.
        Assert.Equal(1, await sweep.RunTenantAsync(tenant.TenantId, CancellationToken.None));
    }

    [Fact]
    public async Task Owners_must_be_active_members_versions_are_checked_and_files_go_through_the_upload_pipeline()
    {
        var tenant = await platform.SupplierTenantAsync();
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        var stranger = await suppliers.PostAsJsonAsync("/api/suppliers", SupplierApiClient.SupplierBody("Stranger Owned", owner: "nobody@elsewhere.example")).Problem(HttpStatusCode.BadRequest);
        Assert.True(stranger.GetProperty("errors").TryGetProperty("owner", out _));

        var created = await suppliers.CreateSupplierAsync("Versioned Supplier");
        var id = created.Id();
        await suppliers.PutAsJsonAsync($"/api/suppliers/{id}", SupplierApiClient.SupplierBody("First edit", version: 0)).OkJson();
        await suppliers.PutAsJsonAsync($"/api/suppliers/{id}", SupplierApiClient.SupplierBody("Stale edit", version: 0)).Problem(HttpStatusCode.Conflict);

        var certificate = await suppliers.AddCertificateAsync(id, "Soc2Type1", Today.AddYears(-1), Today.AddYears(1));
        var url = $"/api/suppliers/{id}/certificates/{certificate.Id()}/file";
        using (var bad = new MultipartFormDataContent { { new ByteArrayContent("MZ not a pdf"u8.ToArray()), "file", "report.pdf" } })
        {
            var refused = await suppliers.PutAsync(url, bad).Problem(HttpStatusCode.BadRequest);
            Assert.True(refused.GetProperty("errors").TryGetProperty("file", out _));
        }

        using (var pdf = new MultipartFormDataContent { { new ByteArrayContent(Trust.TrustApiClient.Pdf), "file", "soc2.pdf" } })
        {
            var stored = await suppliers.PutAsync(url, pdf).OkJson();
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Trust.TrustApiClient.Pdf)), stored.GetProperty("sha256").GetString());
            Assert.Equal("application/pdf", stored.GetProperty("contentType").GetString());
        }

        Assert.Equal(Trust.TrustApiClient.Pdf, await suppliers.GetByteArrayAsync(url));
        var listed = (await suppliers.SupplierAsync(id)).GetProperty("certificates")[0];
        Assert.Equal("Valid", listed.GetProperty("validity").GetString());
        Assert.InRange(listed.GetProperty("daysToExpiry").GetInt32(), 365, 366);

        // Viewers read and never write.
        var viewer = await platform.AddMemberAsync(tenant, Contracts.IsmsRoles.Viewer);
        using var asViewer = platform.SupplierApi(viewer.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await asViewer.GetAsync($"/api/suppliers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asViewer.PostAsJsonAsync("/api/suppliers", SupplierApiClient.SupplierBody("Viewer's"))).StatusCode);
    }
}
