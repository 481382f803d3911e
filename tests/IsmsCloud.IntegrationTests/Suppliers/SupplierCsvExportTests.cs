using System.Net;
using System.Net.Http.Json;
using IsmsCloud.IntegrationTests.Risk;

namespace IsmsCloud.IntegrationTests.Suppliers;

/// <summary>The supplier registers as CSV: one header, one line per record, today's computed columns.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SupplierCsvExportTests(PlatformFixture platform)
{
    [Fact]
    public async Task Suppliers_certificates_assessments_and_access_export_as_csv_with_todays_gaps_and_validity()
    {
        var tenant = await platform.SupplierTenantAsync("supcsv");
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var supplier = (await suppliers.CreateSupplierAsync("Exported, \"Quoted\" B.V.", "Critical")).Id();
        var certificate = (await suppliers.AddCertificateAsync(supplier, "Iso27001", today.AddYears(-3), today.AddDays(-1))).Id();
        var assessment = (await suppliers.AssessAsync(supplier, "ApprovedWithConditions")).Id();
        var access = (await suppliers.PostAsJsonAsync($"/api/suppliers/{supplier}/access",
            new { system = "Jira", account = "vendor", since = "2026-01-01", privileged = true }).OkJson(HttpStatusCode.Created)).Id();

        var rows = await CsvAsync(suppliers, "suppliers");
        Assert.Equal("legal_name", rows[0][0]);
        var row = Assert.Single(rows.Skip(1));
        Assert.Equal("Exported, \"Quoted\" B.V.", row[0]);
        Assert.Equal("Critical", Column(rows, row, "criticality"));
        Assert.Equal("Hosting", Column(rows, row, "services"));
        Assert.Equal("ExpiredCertificate", Column(rows, row, "gap_reasons")); // approved today, but the ISO certificate ended yesterday
        Assert.Equal(supplier.ToString(), Column(rows, row, "id"));

        var certificates = await CsvAsync(suppliers, "certificates.csv");
        Assert.Equal(["Expired", "yes", today.AddDays(-1).ToString("yyyy-MM-dd"), certificate.ToString()],
            [Column(certificates, certificates[1], "validity"), Column(certificates, certificates[1], "is_certificate"),
                Column(certificates, certificates[1], "valid_until"), Column(certificates, certificates[1], "id")]);

        var assessments = await CsvAsync(suppliers, "assessments");
        Assert.Equal(["ApprovedWithConditions", "Provide the SOC 2 bridge letter", assessment.ToString()],
            [Column(assessments, assessments[1], "result"), Column(assessments, assessments[1], "conditions"), Column(assessments, assessments[1], "id")]);

        var accessRows = await CsvAsync(suppliers, "access");
        Assert.Equal(["Jira", "vendor", "yes", "yes", access.ToString()],
            [Column(accessRows, accessRows[1], "system"), Column(accessRows, accessRows[1], "account"), Column(accessRows, accessRows[1], "privileged"),
                Column(accessRows, accessRows[1], "active"), Column(accessRows, accessRows[1], "id")]);

        Assert.Equal(HttpStatusCode.NotFound, (await suppliers.GetAsync("/api/suppliers/export/passwords")).StatusCode);
        var other = await platform.SupplierTenantAsync("supcsvb");
        using var ofOther = platform.SupplierApi(other.Tokens.AccessToken);
        foreach (var register in new[] { "suppliers", "certificates", "assessments", "access" })
        {
            Assert.Single(await CsvAsync(ofOther, register)); // the header only
        }
    }

    private static string Column(List<string[]> rows, string[] row, string name) => row[Array.IndexOf(rows[0], name)];

    private static async Task<List<string[]>> CsvAsync(HttpClient client, string register)
    {
        var response = await client.GetAsync($"/api/suppliers/export/{register}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StringReader(await response.Content.ReadAsStringAsync());
        using var csv = new CsvHelper.CsvParser(reader, System.Globalization.CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (await csv.ReadAsync())
        {
            rows.Add(csv.Record!);
        }

        return rows;
    }
}
