using System.Net;
using System.Net.Http.Json;
using System.Text;
using CsCheck;
using IsmsCloud.IntegrationTests.Risk;

namespace IsmsCloud.IntegrationTests.Suppliers;

/// <summary>Random bodies on every supplier-api write endpoint, another tenant's ids among them: 2xx, 400, 404 or 409, never a 5xx.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SupplierFuzzTests(PlatformFixture platform)
{
    private static readonly Gen<string> Body = RandomBodies.Of(
    [
        "legalName", "owner", "criticality", "status", "services", "dataCategories", "dataClassification", "dataLocations", "parentSupplierId",
        "contractStartOn", "contractEndOn", "noticePeriodDays", "aiModelProvider", "aiDataUsed", "aiAutomatedDecisions", "riskIds", "assetIds",
        "version", "kinds", "kind", "issuer", "reference", "validFrom", "validUntil", "title", "result", "residualRiskNote", "conditions",
        "lowMonths", "mediumMonths", "highMonths", "criticalMonths", "name", "questions", "templateId", "contactEmail", "note",
        "system", "account", "personName", "email", "entitlements", "privileged", "since", "until", "lastLoginAt",
    ]);

    [Fact]
    public async Task A_thousand_random_bodies_on_the_write_endpoints_never_cause_a_server_error()
    {
        var tenant = await platform.SupplierTenantAsync("supfuzz");
        var other = await platform.SupplierTenantAsync("supfuzzb");
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        using var ofOther = platform.SupplierApi(other.Tokens.AccessToken);
        var supplier = (await suppliers.CreateSupplierAsync("Fuzz target")).Id();
        var certificate = (await suppliers.AddCertificateAsync(supplier, "Iso27001", new DateOnly(2026, 1, 1), new DateOnly(2028, 1, 1))).Id();
        var assessment = (await suppliers.PostAsJsonAsync($"/api/suppliers/{supplier}/assessments", new { title = "Fuzzed review" }).OkJson(HttpStatusCode.Created)).Id();
        var foreign = (await ofOther.CreateSupplierAsync("Other tenant's supplier")).Id();
        var access = (await suppliers.PostAsJsonAsync($"/api/suppliers/{supplier}/access", new { system = "Jira", account = "fuzz", since = "2026-01-01" })
            .OkJson(HttpStatusCode.Created)).Id();
        var foreignAccess = (await ofOther.PostAsJsonAsync($"/api/suppliers/{foreign}/access", new { system = "Jira", account = "other", since = "2026-01-01" })
            .OkJson(HttpStatusCode.Created)).Id();
        var template = (await suppliers.PostAsJsonAsync("/api/suppliers/questionnaire-templates", new
        {
            name = "Fuzzed questionnaire", questions = new object[] { new { text = "Fuzz?", type = "Choice", choices = new[] { "A", "B" } } },
        }).OkJson(HttpStatusCode.Created)).Id();
        var sent = (await suppliers.PostAsJsonAsync($"/api/suppliers/{supplier}/questionnaires", new { templateId = template, contactEmail = "fuzz@supplier.example" })
            .OkJson(HttpStatusCode.Created)).GetProperty("assessment").Id();
        var targets = new (HttpMethod Method, string Url)[]
        {
            (HttpMethod.Post, "/api/suppliers"), (HttpMethod.Put, $"/api/suppliers/{supplier}"), (HttpMethod.Put, $"/api/suppliers/{foreign}"),
            (HttpMethod.Post, $"/api/suppliers/{supplier}/material-changes"), (HttpMethod.Post, $"/api/suppliers/{supplier}/certificates"),
            (HttpMethod.Put, $"/api/suppliers/{supplier}/certificates/{certificate}"), (HttpMethod.Post, $"/api/suppliers/{foreign}/certificates"),
            (HttpMethod.Post, $"/api/suppliers/{supplier}/assessments"), (HttpMethod.Post, $"/api/suppliers/assessments/{assessment}/complete"),
            (HttpMethod.Put, "/api/suppliers/settings"), (HttpMethod.Post, "/api/suppliers/questionnaire-templates"),
            (HttpMethod.Put, $"/api/suppliers/questionnaire-templates/{template}"), (HttpMethod.Post, $"/api/suppliers/{supplier}/questionnaires"),
            (HttpMethod.Post, $"/api/suppliers/assessments/{sent}/send-back"),
            (HttpMethod.Post, $"/api/suppliers/{supplier}/access"), (HttpMethod.Put, $"/api/suppliers/{supplier}/access/{access}"),
            (HttpMethod.Put, $"/api/suppliers/{supplier}/access/{foreignAccess}"), (HttpMethod.Post, $"/api/suppliers/{foreign}/access"),
        };
        var statuses = new List<int>();

        await Gen.Select(Gen.Int[0, targets.Length - 1], Body).SampleAsync(async t =>
        {
            var (target, body) = t;
            var (method, url) = targets[target];
            using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            var response = await suppliers.SendAsync(request);
            statuses.Add((int)response.StatusCode);
            if ((int)response.StatusCode >= 500)
            {
                throw new InvalidOperationException($"{method} {url} with {body} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }, iter: 1100, threads: 1);

        Assert.True(statuses.Count >= 1000);
        Assert.Contains(400, statuses);
        // The other tenant's supplier stays as it was.
        Assert.Equal("Other tenant's supplier", (await ofOther.SupplierAsync(foreign)).GetProperty("supplier").GetProperty("legalName").GetString());
        Assert.Equal("other", (await ofOther.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/suppliers/{foreign}/access"))[0].GetProperty("account").GetString());
    }
}
