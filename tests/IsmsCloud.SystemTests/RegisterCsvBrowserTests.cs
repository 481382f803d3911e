using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>
/// The registers' CSV in a real browser, through the gateway: the risk register's export downloads through the web app
/// (a link carries no bearer token), and an asset import refused for one bad cell shows that cell and saves nothing,
/// while the corrected file's rows appear in the table.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class RegisterCsvBrowserTests(SystemFixture system)
{
    private const string Manager = "manager@acme.example";

    private static async Task<HttpClient> ManagerApiAsync() =>
        SystemFixture.Authorized((await SystemFixture.Oidc().SignInAsync(Manager, DemoPassword)).AccessToken);

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>
    /// Chooses a file in the import control, as the file picker does. MudFileUpload keeps a hidden input per earlier
    /// choice and listens on the newest, the one not hidden with d-none.
    /// </summary>
    private static Task ChooseCsvAsync(IPage page, string name, string csv) =>
        page.Locator("input[type=file][data-testid=import-csv-file]:not(.d-none)").SetInputFilesAsync(
            new FilePayload { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });

    [Fact]
    public async Task A_manager_exports_the_risk_register_and_the_downloaded_csv_holds_its_rows()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        string[] titles = [$"Exported laptop theft {tag}", $"Exported phishing {tag}"];
        using (var api = await ManagerApiAsync())
        {
            foreach (var title in titles)
            {
                await OkAsync(api.PostAsJsonAsync("/api/risk/risks", new
                {
                    title, owner = Manager, inherentLikelihood = 4, inherentImpact = 4, residualLikelihood = 2, residualImpact = 3,
                }), HttpStatusCode.Created);
            }
        }

        var page = await SignedInDemoMemberAsync(system, Manager);
        await GotoInteractiveAsync(page, "/risks");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());

        Assert.Null(await download.FailureAsync());
        Assert.Matches(@"^risks-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var lines = (await File.ReadAllTextAsync(await download.PathAsync())).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("title,owner,inherent_likelihood,inherent_impact,residual_likelihood,residual_impact", lines[0], StringComparison.Ordinal);
        foreach (var title in titles)
        {
            var row = Assert.Single(lines, line => line.StartsWith(title + ",", StringComparison.Ordinal));
            Assert.StartsWith($"{title},{Manager},4,4,2,3,", row, StringComparison.Ordinal);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_asset_import_with_one_bad_cell_shows_its_row_and_column_and_saves_nothing_and_the_corrected_file_imports()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var first = $"Imported CRM {tag}";
        var second = $"Imported wiki {tag}";
        const string header = "name,type,classification,owner";
        var bad = $"{header}\n{first},System,Confidential,{Manager}\n{second},Spaceship,Internal,{Manager}\n";
        var good = $"{header}\n{first},System,Confidential,{Manager}\n{second},Service,Internal,{Manager}\n";

        var page = await SignedInDemoMemberAsync(system, Manager);
        await GotoInteractiveAsync(page, "/assets");
        await page.GetByLabel("Search name or owner").FillAsync(tag);
        var table = page.GetByTestId("asset-table");
        await Assertions.Expect(table).ToContainTextAsync("No assets yet.");

        await ChooseCsvAsync(page, "assets-bad.csv", bad);
        var problem = page.GetByTestId("import-problem");
        await Assertions.Expect(problem).ToContainTextAsync("Nothing was imported");
        await Assertions.Expect(problem).ToContainTextAsync("No row of the file was saved");
        var error = problem.GetByTestId("import-error");
        await Assertions.Expect(error).ToHaveCountAsync(1);
        await Assertions.Expect(error).ToHaveAttributeAsync("data-row", "3");
        await Assertions.Expect(error).ToHaveAttributeAsync("data-column", "type");
        await Assertions.Expect(error).ToContainTextAsync("Must be one of");
        using (var api = await ManagerApiAsync())
        {
            // All or nothing: the valid first row was not saved either.
            var listed = await OkAsync(api.GetAsync($"/api/risk/assets?page=1&pageSize=10&search={tag}"));
            Assert.Equal(0, listed.GetProperty("totalCount").GetInt32());
        }

        await ChooseCsvAsync(page, "assets-good.csv", good);
        await Assertions.Expect(problem).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("2 assets imported from assets-good.csv.")).ToBeVisibleAsync();
        await Assertions.Expect(table.Locator("tbody tr", new() { HasText = first })).ToContainTextAsync("Confidential");
        await Assertions.Expect(table.Locator("tbody tr", new() { HasText = second })).ToContainTextAsync("Service");
        await page.Context.CloseAsync();
    }
}
