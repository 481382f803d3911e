using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>
/// A control's own page and the SoA's versions, in a tenant of their own (a custom control and new SoA versions would
/// change the demo tenant's SoA for every other test): a manager adds a custom control and lands on its page, links a
/// risk and unlinks it, sees each save in the control's history, downloads an evidence file and deletes the evidence
/// once the dialog is confirmed; two published versions compare field by field.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ControlDetailBrowserTests(SystemFixture system)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Waits until the page's history shows more than <paramref name="entries"/> entries (a save can write the record and its links); returns how many.</summary>
    private static async Task<int> HistoryGrowsPastAsync(IPage page, int entries)
    {
        await page.WaitForFunctionAsync("n => document.querySelectorAll('[data-testid=record-history] [data-testid=history-entry]').length > n", entries);
        return await page.GetByTestId("record-history").GetByTestId("history-entry").CountAsync();
    }

    [Fact]
    public async Task A_manager_adds_a_custom_control_links_a_risk_sees_its_history_and_downloads_and_deletes_its_evidence()
    {
        var (page, email, token) = await NewTenantBrowser.SignedInNewTenantAdminAsync(system, "ctl");
        using var api = SystemFixture.Authorized(token);
        var riskTitle = "Card data leaves the payment zone";
        var risk = await OkAsync(api.PostAsJsonAsync("/api/risk/risks", new
        {
            title = riskTitle, owner = email, inherentLikelihood = 4, inherentImpact = 4, residualLikelihood = 2, residualImpact = 3,
        }), HttpStatusCode.Created);

        await GotoInteractiveAsync(page, "/soa");
        await page.GetByTestId("custom-control-panel").GetByText("Add a custom control").ClickAsync();
        await page.GetByTestId("custom-reference").FillAsync("PCI-8.3");
        await page.GetByTestId("custom-title").FillAsync("Multi-factor access to the cardholder data environment");
        await page.GetByTestId("custom-add").ClickAsync();
        await Assertions.Expect(page.GetByTestId("control-heading")).ToHaveTextAsync("PCI-8.3 Multi-factor access to the cardholder data environment");
        var controlId = Guid.Parse(page.Url.Split('/')[^1]);
        await Assertions.Expect(page.GetByTestId("record-history").GetByTestId("history-entry")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("record-history")).ToContainTextAsync("Created");

        // Linking a risk is a saved change of the control: both sides show it, and the history gains an entry.
        await PickAsync(page, "risk-picker", "payment zone", riskTitle);
        await page.GetByTestId("link-risk").ClickAsync();
        var risks = page.GetByTestId("control-risks");
        await Assertions.Expect(risks.GetByTestId("linked-item")).ToHaveCountAsync(1);
        await Assertions.Expect(risks.GetByRole(AriaRole.Link, new() { Name = riskTitle })).ToHaveAttributeAsync("href", $"risks/{risk.GetProperty("id").GetGuid()}");
        var linked = await OkAsync(api.GetAsync($"/api/risk/risks/{risk.GetProperty("id").GetGuid()}"));
        Assert.Contains(controlId.ToString(), linked.ToString(), StringComparison.Ordinal);
        var afterLink = await HistoryGrowsPastAsync(page, 1);

        await risks.GetByRole(AriaRole.Button, new() { Name = $"Unlink {riskTitle}" }).ClickAsync();
        await Assertions.Expect(risks).ToContainTextAsync("None linked.");
        await HistoryGrowsPastAsync(page, afterLink);

        // Evidence with a file: the page offers the file as it was recorded, and deletes the record only once confirmed.
        var evidence = await OkAsync(api.PostAsJsonAsync($"/api/risk/controls/{controlId}/evidence",
            new { title = "MFA enrolment report", coversFrom = Today.AddDays(-30), coversTo = Today }), HttpStatusCode.Created);
        var evidenceId = evidence.GetProperty("id").GetGuid();
        byte[] pdf = [.. "%PDF-1.7\nMFA enrolment: 42 of 42 administrators\n"u8.ToArray()];
        var upload = new ByteArrayContent(pdf);
        upload.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        await OkAsync(api.PutAsync($"/api/risk/evidence/{evidenceId}/attachment?fileName=mfa-enrolment.pdf", upload));
        var recorded = await OkAsync(api.GetAsync($"/api/risk/controls/{controlId}"));
        Assert.True(recorded.GetProperty("recentEvidence").GetArrayLength() == 1, recorded.ToString());
        await page.ReloadAsync();
        await WaitForCircuitAsync(page);
        var table = page.GetByTestId("evidence-table");
        await Assertions.Expect(page.GetByTestId("control-heading")).ToBeVisibleAsync();
        Assert.True(await table.CountAsync() == 1, await page.Locator("body").InnerTextAsync());
        await Assertions.Expect(table.GetByTestId("evidence-row")).ToHaveCountAsync(1);
        var download = await page.RunAndWaitForDownloadAsync(() => table.GetByTestId("evidence-download").ClickAsync());
        Assert.Equal("mfa-enrolment.pdf", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), $"evidence-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(saved);
        Assert.Equal(pdf, await File.ReadAllBytesAsync(saved));
        File.Delete(saved);

        await table.GetByRole(AriaRole.Button, new() { Name = "Delete evidence MFA enrolment report" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-message")).ToContainTextAsync("mfa-enrolment.pdf");
        await page.GetByTestId("confirm-cancel").ClickAsync();
        await Assertions.Expect(table.GetByTestId("evidence-row")).ToHaveCountAsync(1);
        await OkAsync(api.GetAsync($"/api/risk/evidence/{evidenceId}"));

        await table.GetByRole(AriaRole.Button, new() { Name = "Delete evidence MFA enrolment report" }).ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Assertions.Expect(table).ToContainTextAsync("No evidence recorded yet.");
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/risk/evidence/{evidenceId}")).StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_published_soa_versions_compare_control_by_control()
    {
        var (page, _, token) = await NewTenantBrowser.SignedInNewTenantAdminAsync(system, "soav");
        using var api = SystemFixture.Authorized(token);

        // Every control decided, published as v1; one control's implementation moves on, published as v2.
        var controls = (await OkAsync(api.GetAsync("/api/risk/controls?pageSize=200"))).GetProperty("items").EnumerateArray().ToList();
        Assert.True(controls.Count >= 93, $"the tenant's SoA has the Annex A controls ({controls.Count})");
        foreach (var control in controls)
        {
            await OkAsync(api.PutAsJsonAsync($"/api/risk/controls/{control.GetProperty("id").GetGuid()}", new
            {
                applicable = true, justification = "Needed for the payment service", implementationStatus = "PartiallyImplemented",
                version = control.GetProperty("version").GetInt64(),
            }));
        }

        await OkAsync(api.PostAsJsonAsync("/api/risk/soa/publish", new { note = "For the internal audit" }), HttpStatusCode.Created);
        var patching = controls.Single(c => c.GetProperty("reference").GetString() == "A.8.8");
        var current = (await OkAsync(api.GetAsync($"/api/risk/controls/{patching.GetProperty("id").GetGuid()}"))).GetProperty("control");
        await OkAsync(api.PutAsJsonAsync($"/api/risk/controls/{patching.GetProperty("id").GetGuid()}", new
        {
            applicable = true, justification = "Needed for the payment service", implementationStatus = "Implemented",
            version = current.GetProperty("version").GetInt64(),
        }));
        await OkAsync(api.PostAsJsonAsync("/api/risk/soa/publish", new { note = "Patching in place" }), HttpStatusCode.Created);

        await GotoInteractiveAsync(page, "/soa");
        await page.GetByTestId("soa-versions-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Published SoA versions" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("soa-version-list").Locator("tbody tr")).ToHaveCountAsync(2);

        // The newest version is shown against the one before it.
        var comparison = page.GetByTestId("soa-comparison");
        await Assertions.Expect(comparison.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("From v1 to v2: 1 control changed");
        var difference = comparison.GetByTestId("soa-difference");
        await Assertions.Expect(difference).ToHaveCountAsync(1);
        await Assertions.Expect(difference).ToContainTextAsync("A.8.8");
        await Assertions.Expect(difference).ToContainTextAsync("Implementation: Partially implemented → Implemented");

        await page.Context.CloseAsync();
    }
}
