using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace IsmsCloud.IntegrationTests.Risk;

[Collection(PlatformCollection.Name)]
public sealed class RiskCsvTests(PlatformFixture platform)
{
    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task A_file_with_a_bad_row_imports_nothing_and_names_each_bad_field_by_row()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        const string file = """
            title,owner,inherent_likelihood,inherent_impact,residual_likelihood,residual_impact,decision
            Ransomware,ops@example.com,4,5,2,4,Treat
            Bad one,not-an-email,9,5,2,4,Maybe
            Insider misuse,other@example.com,3,3,2,2,
            """;

        var problem = await risk.PostAsync("/api/risk/import/risks", Csv(file)).Problem(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("row 3: owner", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("row 3: inherent_likelihood", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("row 3: decision", out _), errors.ToString());
        Assert.Equal(3, errors.EnumerateObject().Count());
        Assert.Equal(0, (await risk.GetFromJsonAsync<JsonElement>("/api/risk/risks")).GetProperty("totalCount").GetInt32());

        var missingColumn = await risk.PostAsync("/api/risk/import/risks", Csv("title,owner\nA,b@example.com\n")).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("inherent_likelihood", missingColumn.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assets_and_risks_import_together_and_export_back_with_the_same_columns()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        var assets = await risk.PostAsync("/api/risk/import/assets", Csv("""
            name,type,classification,owner,in_scope,ai_model_provider
            CRM,Service,Confidential,other@example.com,yes,
            "Support bot, v2",AI system,Confidential,ops@example.com,yes,Hosted LLM
            """)).OkJson();
        Assert.Equal(2, assets.GetProperty("imported").GetInt32());

        var risks = await risk.PostAsync("/api/risk/import/risks", Csv("""
            title,owner,inherent_likelihood,inherent_impact,residual_likelihood,residual_impact,decision,assets
            CRM data exported by a leaver,other@example.com,4,4,2,3,Treat,CRM
            "Bot reveals ""internal"" notes",ops@example.com,3,5,3,3,Accept,"Support bot, v2;CRM"
            """)).OkJson();
        Assert.Equal(2, risks.GetProperty("imported").GetInt32());

        var list = await risk.GetFromJsonAsync<JsonElement>("/api/risk/risks?sort=Title");
        Assert.Equal("Bot reveals \"internal\" notes", list.GetProperty("items")[0].GetProperty("title").GetString());
        Assert.Equal("Accepted", list.GetProperty("items")[0].GetProperty("status").GetString()); // 9 is within the default appetite
        Assert.Equal(2, await platform.OutboxCountAsync("RiskAssessed", list.GetProperty("items")[0].Id()) + await platform.OutboxCountAsync("RiskAssessed", list.GetProperty("items")[1].Id()));

        var export = await risk.GetAsync("/api/risk/export/risks.csv");
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("title,owner,inherent_likelihood,inherent_impact,residual_likelihood,residual_impact", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"Bot reveals \"\"internal\"\" notes\"", lines[2], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await risk.GetAsync("/api/risk/export/passwords.csv")).StatusCode);
    }

    [Fact]
    public async Task A_bad_last_row_rolls_back_the_rows_already_saved_in_earlier_chunks()
    {
        // More rows than two save chunks: the import has written rows before it reads the bad one, so only the
        // transaction around all chunks keeps "nothing was imported" true.
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        var rows = 2_500;
        var file = new StringBuilder("title,owner,inherent_likelihood,inherent_impact,residual_likelihood,residual_impact\n");
        for (var i = 1; i <= rows; i++)
        {
            file.Append(CultureInfo.InvariantCulture, $"Risk number {i},{PlatformFixture.Colleagues[i % PlatformFixture.Colleagues.Length].Email},3,4,2,2\n");
        }

        var bad = file.ToString() + "Last one,ops@example.com,3,4,2,6\n";
        var problem = await risk.PostAsync("/api/risk/import/risks", Csv(bad)).Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty($"row {rows + 2}: residual_impact", out _), problem.ToString());
        Assert.Equal(0, (await risk.GetFromJsonAsync<JsonElement>("/api/risk/risks")).GetProperty("totalCount").GetInt32());
        Assert.Equal(0, await platform.OutboxCountAsync("RiskAssessed", tenant.TenantId));

        var imported = await risk.PostAsync("/api/risk/import/risks", Csv(file.ToString())).OkJson();
        Assert.Equal(rows, imported.GetProperty("imported").GetInt32());
        Assert.Equal(rows, (await risk.GetFromJsonAsync<JsonElement>("/api/risk/risks?pageSize=1")).GetProperty("totalCount").GetInt32());
        Assert.Equal(rows, await platform.OutboxCountAsync("RiskAssessed", tenant.TenantId));
    }

    [Fact]
    public async Task An_empty_file_a_header_only_file_and_a_file_that_is_not_UTF8_are_refused_as_a_whole()
    {
        var tenant = await platform.OnboardTenantAsync();
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);

        async Task<string> FileError(HttpContent content) =>
            (await risk.PostAsync("/api/risk/import/assets", content).Problem(HttpStatusCode.BadRequest))
                .GetProperty("errors").GetProperty("file")[0].GetString()!;

        Assert.Equal("The file is empty.", await FileError(Csv("")));
        Assert.Equal("The file has no rows to import.", await FileError(Csv("name,type,classification,owner\n")));
        var latin1 = new ByteArrayContent([.. Encoding.ASCII.GetBytes("name,type,classification,owner\nCaf"), 0xE9, .. Encoding.ASCII.GetBytes(",Service,Internal,a@example.com\n")]);
        latin1.Headers.ContentType = new("text/csv");
        Assert.Equal("The file is not UTF-8 text.", await FileError(latin1));
        Assert.Equal(0, (await risk.GetFromJsonAsync<JsonElement>("/api/risk/assets")).GetProperty("totalCount").GetInt32());
    }
}
