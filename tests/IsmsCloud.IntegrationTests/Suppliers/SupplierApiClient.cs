using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.Suppliers.Infrastructure;
using IsmsCloud.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests.Suppliers;

/// <summary>Small helpers for the supplier-api tests.</summary>
internal static class SupplierApiClient
{
    public static object SupplierBody(
        string legalName, string criticality = "High", string owner = RiskApiClient.Owner, string status = "Active", string[]? services = null,
        string[]? dataCategories = null, string[]? locations = null, Guid? parentSupplierId = null, string? aiModelProvider = null,
        Guid[]? riskIds = null, long version = 0) => new
    {
        legalName, owner, criticality, status,
        services = services ?? ["Hosting"],
        dataCategories = dataCategories ?? ["Customer contact data"],
        dataClassification = "Confidential",
        dataLocations = locations ?? ["EU"],
        parentSupplierId,
        contractStartOn = "2026-01-01",
        contractEndOn = "2028-12-31",
        noticePeriodDays = 90,
        aiModelProvider,
        riskIds = riskIds ?? [],
        version,
    };

    public static Task<JsonElement> CreateSupplierAsync(this HttpClient suppliers, string legalName, string criticality = "High", Guid? parentSupplierId = null) =>
        suppliers.PostAsJsonAsync("/api/suppliers", SupplierBody(legalName, criticality, parentSupplierId: parentSupplierId)).OkJson(HttpStatusCode.Created);

    public static Task<JsonElement> SupplierAsync(this HttpClient suppliers, Guid id) =>
        suppliers.GetFromJsonAsync<JsonElement>($"/api/suppliers/{id}");

    public static async Task<string[]> GapsAsync(this HttpClient suppliers, Guid id) =>
        (await suppliers.SupplierAsync(id)).GetProperty("supplier").GetProperty("gapReasons").EnumerateArray().Select(r => r.GetString()!).ToArray();

    public static Task<JsonElement> AddCertificateAsync(this HttpClient suppliers, Guid supplierId, string kind, DateOnly validFrom, DateOnly validUntil) =>
        suppliers.PostAsJsonAsync($"/api/suppliers/{supplierId}/certificates", new
        {
            kind, issuer = "Example Certification B.V.", reference = "C-1", validFrom = validFrom.ToString("yyyy-MM-dd"), validUntil = validUntil.ToString("yyyy-MM-dd"),
        }).OkJson(HttpStatusCode.Created);

    public static async Task<JsonElement> AssessAsync(this HttpClient suppliers, Guid supplierId, string result = "Approved")
    {
        var started = await suppliers.PostAsJsonAsync($"/api/suppliers/{supplierId}/assessments", new { title = "Annual review" }).OkJson(HttpStatusCode.Created);
        return await suppliers.PostAsJsonAsync($"/api/suppliers/assessments/{started.Id()}/complete", new
        {
            result,
            residualRiskNote = "Acceptable with the DPA in place.",
            conditions = result == "ApprovedWithConditions" ? new[] { "Provide the SOC 2 bridge letter" } : [],
            version = started.GetProperty("version").GetUInt32(),
        }).OkJson();
    }

    /// <summary>
    /// supplier-api knows a tenant once it consumed TenantOnboarded, and its owners once it consumed their MemberAdded:
    /// a user would find both a moment after onboarding.
    /// </summary>
    public static Task ReadyForAsync(this PlatformFixture platform, TenantSession tenant) =>
        Eventually.ReturnsAsync(async () =>
        {
            await using var scope = platform.Suppliers.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SupplierDbContext>();
            var known = await db.KnownTenants.IgnoreQueryFilters().AnyAsync(t => t.TenantId == tenant.TenantId);
            var members = await db.KnownMembers.IgnoreQueryFilters().CountAsync(m => m.TenantId == tenant.TenantId);
            return known && members >= PlatformFixture.Colleagues.Length + 1;
        }, ready => ready, because: "supplier-api knows the tenant and its members");

    public static async Task<TenantSession> SupplierTenantAsync(this PlatformFixture platform, string prefix = "sup")
    {
        var tenant = await platform.OnboardTenantAsync(prefix);
        await platform.ReadyForAsync(tenant);
        return tenant;
    }
}
