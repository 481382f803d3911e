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
            (HttpMethod.Post, "/api/suppliers/import/suppliers"), (HttpMethod.Post, "/api/suppliers/import/certificates"),
            (HttpMethod.Post, "/api/suppliers/import/assessments"),
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

    /// <summary>Each import, with its columns (the required ones first) and the export that counts its records.</summary>
    private static readonly (string Register, string[] Columns, int Required)[] Imports =
    [
        ("suppliers", ["legal_name", "owner", "criticality", "status", "services", "data_categories", "data_classification", "data_locations",
            "parent_supplier_id", "contract_start_on", "contract_end_on", "notice_period_days", "ai_model_provider", "ai_data_used",
            "ai_automated_decisions", "risk_ids", "asset_ids", "id"], 2),
        ("certificates", ["supplier_id", "kind", "issuer", "valid_from", "valid_until", "reference", "is_certificate", "validity", "id"], 5),
        ("assessments", ["supplier_id", "title", "status", "result", "residual_risk_note", "conditions", "created_at", "completed_at", "completed_by", "id"], 2),
    ];

    [Fact]
    public async Task Random_csv_files_on_the_imports_never_cause_a_server_error_and_a_refused_file_imports_nothing()
    {
        var tenant = await platform.SupplierTenantAsync("supfuzzcsv");
        var other = await platform.SupplierTenantAsync("supfuzzcsvb");
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        using var ofOther = platform.SupplierApi(other.Tokens.AccessToken);
        var foreign = (await ofOther.CreateSupplierAsync("Other tenant's parent")).Id();
        var own = (await suppliers.CreateSupplierAsync("Own supplier", "Critical")).Id();
        var ids = Enumerable.Range(1, 4).Select(i => $"00000000-0000-7000-8000-00000000000{i}").ToArray();
        // Cells that are right, wrong, huge, control characters, quotes and separators, other rows' and another tenant's ids.
        var cell = Gen.OneOf(
            Gen.String,
            Gen.Select(Gen.String, Gen.OneOf<string>("\u0000", "\u0001", "\u001b", "\u007f", "\u0085")).Select((s, c) => s.Insert(s.Length / 2, c)),
            Gen.Int[0, 3000].Select(n => new string('x', n)),
            Gen.OneOf<string>("Critical", "High", "low", "Active", "Ended", "Confidential", "yes", "no", "maybe", "EU; US", "a; ;b", RiskApiClient.Owner,
                "stranger@example.com", "2026-01-01", "2026-13-45", "2026-01-01T10:00:00Z", "2026-01-01T10:00:00", "2099-01-01", "0001-01-01",
                "90", "-1", "99999999999", "\"", "\"\"", ",", ";", "\r\n", foreign.ToString(), own.ToString(), own.ToString(),
                "Iso27001", "Soc2Type2", "Dpa", "Approved", "ApprovedWithConditions", "Rejected", "Completed", "InProgress", "AwaitingSupplier", "Encrypt backups",
                ids[0], ids[1], ids[2], ids[3], Guid.Empty.ToString(), ""));
        var file = Gen.Select(Gen.Int[0, Imports.Length - 1], Gen.Int[0, 20].Array[1, 8], cell.Array[0, 10].Array[1, 6]).Select((target, columns, rows) =>
        {
            var (register, all, required) = Imports[target];
            // Mostly with the required columns (so that rows get checked), sometimes without.
            var header = (columns[0] % 5 == 0 ? columns.Select(c => all[c % all.Length]) : [.. all.Take(required), .. columns.Select(c => all[c % all.Length])])
                .Distinct().ToArray();
            var text = new StringBuilder(string.Join(',', header)).Append('\n');
            foreach (var row in rows)
            {
                text.Append(string.Join(',', row.Take(header.Length).Select(v => v.Contains('"') || v.Contains(',') || v.Contains('\n') ? $"\"{v.Replace("\"", "\"\"")}\"" : v))).Append('\n');
            }

            return (register, text.ToString());
        });
        var statuses = new List<int>();

        await file.SampleAsync(async t =>
        {
            var (register, csv) = t;
            var before = await RecordsAsync(suppliers, register);
            var response = await suppliers.PostAsync($"/api/suppliers/import/{register}", new StringContent(csv, Encoding.UTF8, "text/csv"));
            statuses.Add((int)response.StatusCode);
            if ((int)response.StatusCode >= 500)
            {
                throw new InvalidOperationException($"the import of {register} {csv} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            var after = await RecordsAsync(suppliers, register);
            if (response.StatusCode != HttpStatusCode.OK && after != before)
            {
                throw new InvalidOperationException($"a refused import of {register} ({(int)response.StatusCode}) left {after - before} records behind: {csv}");
            }
        }, iter: 300, threads: 1);

        Assert.Contains(400, statuses);
        Assert.Equal(1, (await ofOther.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/suppliers")).GetProperty("totalCount").GetInt32());
        Assert.Equal(1, await RecordsAsync(ofOther, "suppliers"));
        Assert.Equal(0, await RecordsAsync(ofOther, "certificates"));
        Assert.Equal(0, await RecordsAsync(ofOther, "assessments"));
    }

    /// <summary>The register's records, counted in its export (rows after the header).</summary>
    private static async Task<int> RecordsAsync(HttpClient client, string register)
    {
        using var reader = new StringReader(await client.GetStringAsync($"/api/suppliers/export/{register}"));
        using var parser = new CsvHelper.CsvParser(reader, System.Globalization.CultureInfo.InvariantCulture);
        var rows = 0;
        while (parser.Read())
        {
            rows++;
        }

        return rows - 1;
    }
}
