using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.Contracts;
using IsmsCloud.IntegrationTests.AuditProgramme;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.IntegrationTests.Suppliers;
using IsmsCloud.IntegrationTests.Trust;
using static IsmsCloud.IntegrationTests.AuditProgramme.AuditProgrammeApiClient;

namespace IsmsCloud.IntegrationTests.Audit;

/// <summary>
/// A record's history (<c>/api/{service}/history/{id}</c>) is the same building block in every service with an audit
/// trail: every member of the tenant reads it, newest first; another tenant sees none of it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RecordHistoryTests(PlatformFixture platform)
{
    [Fact]
    public async Task Every_service_shows_a_records_changes_newest_first_to_every_member_and_nothing_to_another_tenant()
    {
        var a = await platform.OnboardTenantAsync("hist-a");
        var b = await platform.OnboardTenantAsync("hist-b");
        var viewer = await platform.AddMemberAsync(a, IsmsRoles.Viewer);

        using var auditA = platform.AuditApi(a.Tokens.AccessToken);
        var audit = await auditA.RunAuditAsync("History audit", Today, auditor: a.AdminEmail);
        using var suppliersA = platform.SupplierApi(a.Tokens.AccessToken);
        var supplier = await suppliersA.CreateSupplierAsync("History Hosting B.V.");
        await suppliersA.PutAsJsonAsync($"/api/suppliers/{supplier.Id()}",
            SupplierApiClient.SupplierBody("History Hosting B.V.", criticality: "Critical", version: supplier.GetProperty("version").GetInt64())).OkJson();
        using var trustA = platform.TrustApi(a.Tokens.AccessToken);
        await trustA.WaitForProfileAsync();
        var certificate = await trustA.CreateCertificateAsync(null, Today.AddDays(-10), Today.AddYears(1));

        foreach (var (service, recordId, type) in new[] { ("audit", audit.Id(), "Audit"), ("suppliers", supplier.Id(), "Supplier"), ("trust", certificate.Id(), "Certificate") })
        {
            using var asViewer = ClientFor(service, viewer.AccessToken);
            var history = await asViewer.GetFromJsonAsync<JsonElement>($"/api/{service}/history/{recordId}");
            var entries = history.GetProperty("items").EnumerateArray().ToList();
            Assert.True(entries.Count >= 1, $"{service}: the record's history shows its changes");
            Assert.All(entries, e => Assert.Equal(recordId, e.GetProperty("recordId").GetGuid()));
            Assert.Equal(type, entries[^1].GetProperty("recordType").GetString());
            Assert.Equal("Created", entries[^1].GetProperty("kind").GetString());
            var sequences = entries.Select(e => e.GetProperty("sequence").GetInt64()).ToList();
            Assert.Equal(sequences.OrderByDescending(s => s), sequences);

            using var asB = ClientFor(service, b.Tokens.AccessToken);
            var ofB = await asB.GetFromJsonAsync<JsonElement>($"/api/{service}/history/{recordId}");
            Assert.Equal(0, ofB.GetProperty("totalCount").GetInt32());
            Assert.Equal(HttpStatusCode.BadRequest, (await asViewer.GetAsync($"/api/{service}/history/{recordId}?pageSize=0")).StatusCode);
        }

        // The supplier's update is its newest entry, with the field's before and after.
        using var suppliersViewer = platform.SupplierApi(viewer.AccessToken);
        var supplierHistory = await suppliersViewer.GetFromJsonAsync<JsonElement>($"/api/suppliers/history/{supplier.Id()}");
        Assert.Equal(2, supplierHistory.GetProperty("totalCount").GetInt32());
        var newest = supplierHistory.GetProperty("items")[0];
        Assert.Equal("Updated", newest.GetProperty("kind").GetString());
        Assert.Contains("Critical", newest.GetProperty("changes").GetString(), StringComparison.Ordinal);
    }

    private HttpClient ClientFor(string service, string token) => service switch
    {
        "audit" => platform.AuditApi(token),
        "suppliers" => platform.SupplierApi(token),
        _ => platform.TrustApi(token),
    };
}
