using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>
/// audit-api through the gateway in a real browser, on the demo tenant: an auditor sees a recurring finding and its
/// link to last year's; a reviewer decides a campaign, which closes only once the revocation is verified.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AuditProgrammeBrowserTests(SystemFixture system)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<HttpClient> ManagerAsync() =>
        SystemFixture.Authorized((await SystemFixture.Oidc().SignInAsync("manager@acme.example", DemoPassword)).AccessToken);

    private static async Task<JsonElement> RunAuditAsync(HttpClient api, string title, DateOnly start, bool complete)
    {
        var created = await OkAsync(api.PostAsJsonAsync("/api/audit/audits", new
        {
            title, kind = "Internal", year = start.Year, scope = "The ISMS", criteria = "Clauses 4–10, Annex A", auditor = "auditor@acme.example",
            plannedStartOn = start, plannedEndOn = start.AddDays(1),
        }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var started = await OkAsync(api.PostAsJsonAsync($"/api/audit/audits/{id}/start", new { on = start, version = created.GetProperty("version").GetUInt32() }));
        return complete
            ? await OkAsync(api.PostAsJsonAsync($"/api/audit/audits/{id}/complete", new { on = start.AddDays(1), version = started.GetProperty("version").GetUInt32() }))
            : started;
    }

    [Fact]
    public async Task An_auditor_records_a_minor_nc_on_A_8_8_and_sees_it_recurring_with_a_link_to_last_years_finding()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        using var manager = await ManagerAsync();
        var lastYear = await RunAuditAsync(manager, $"Internal audit last year {tag}", Today.AddDays(-365), complete: true);
        var earlier = await OkAsync(manager.PostAsJsonAsync($"/api/audit/audits/{lastYear.GetProperty("id").GetGuid()}/findings",
            new { kind = "MinorNonconformity", reference = "A.8.8", description = $"Patching late {tag}", raisedOn = Today.AddDays(-365) }), HttpStatusCode.Created);
        var earlierId = earlier.GetProperty("finding").GetProperty("id").GetGuid();
        var thisYear = await RunAuditAsync(manager, $"Internal audit this year {tag}", Today, complete: false);

        var page = await SignedInDemoMemberAsync(system, "auditor@acme.example");
        await GotoInteractiveAsync(page, $"/audits/{thisYear.GetProperty("id").GetGuid()}");
        await Assertions.Expect(page.GetByTestId("audit-status")).ToContainTextAsync("In progress");
        await page.GetByTestId("finding-reference").FillAsync("a.8.8");
        await page.GetByTestId("finding-description").FillAsync($"Critical patches still late {tag}");
        await page.GetByTestId("raise-finding").ClickAsync();

        await Assertions.Expect(page.GetByTestId("recurring").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("escalate").First).ToBeVisibleAsync();
        var link = page.Locator($"[data-testid=earlier-finding][href$='findings/{earlierId}']");
        await Assertions.Expect(link).ToContainTextAsync($"Internal audit last year {tag}");
        await link.ClickAsync();
        await page.WaitForURLAsync($"**/findings/{earlierId}");
        await Assertions.Expect(page.GetByText($"Patching late {tag}")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_auditor_edits_a_finding_then_withdraws_it_and_the_findings_list_filters_it_by_status()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        using var manager = await ManagerAsync();
        var audit = await RunAuditAsync(manager, $"Internal audit {tag}", Today, complete: false);
        var auditId = audit.GetProperty("id").GetGuid();
        var finding = await OkAsync(manager.PostAsJsonAsync($"/api/audit/audits/{auditId}/findings",
            new { kind = "MinorNonconformity", reference = "A.8.13", description = $"Backups untested {tag}" }), HttpStatusCode.Created);
        var id = finding.GetProperty("finding").GetProperty("id").GetGuid();
        await OkAsync(manager.PostAsJsonAsync($"/api/audit/audits/{auditId}/findings",
            new { kind = "Observation", reference = "5.1", description = $"Leadership rarely attends {tag}" }), HttpStatusCode.Created);

        var page = await SignedInDemoMemberAsync(system, "auditor@acme.example");
        await GotoInteractiveAsync(page, $"/findings/{id}");
        await page.GetByTestId("edit-finding").ClickAsync();
        await ChooseAsync(page, "edit-kind", "Major nonconformity");
        await page.GetByTestId("edit-description").FillAsync($"Backups untested for six months {tag}");
        await page.GetByTestId("save-finding").ClickAsync();
        await Assertions.Expect(page.GetByTestId("finding-description")).ToHaveTextAsync($"Backups untested for six months {tag}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Major nonconformity on A.8.13");

        await page.GetByTestId("withdraw-finding").ClickAsync();
        await page.GetByTestId("withdraw-reason").FillAsync("Raised against the wrong system");
        await page.GetByTestId("confirm-withdraw").ClickAsync();
        await Assertions.Expect(page.GetByTestId("finding-status")).ToContainTextAsync("Withdrawn");
        await Assertions.Expect(page.GetByTestId("withdrawal-reason")).ToContainTextAsync("Raised against the wrong system");
        await Assertions.Expect(page.GetByTestId("edit-finding")).ToHaveCountAsync(0); // a withdrawn finding no longer changes

        await GotoInteractiveAsync(page, "/findings");
        var rows = page.Locator("[data-testid=findings-table] tbody tr", new() { HasText = tag });
        await page.GetByTestId("filter-search").FillAsync(tag);
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await ChooseAsync(page, "filter-status", "Withdrawn");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("A.8.13");
        await ChooseAsync(page, "filter-status", "Open");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("Leadership rarely attends");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_reviewer_decides_the_items_and_closing_is_refused_until_the_revocation_is_verified()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        using var manager = await ManagerAsync();
        var created = await OkAsync(manager.PostAsJsonAsync("/api/audit/access-reviews", new
        {
            system = $"Browser system {tag}", title = $"Browser review {tag}", reviewers = new[] { "owner@acme.example" }, dueOn = Today.AddDays(7),
        }), HttpStatusCode.Created);
        var id = created.GetProperty("campaign").GetProperty("id").GetGuid();
        var csv = $"user,email,account,entitlements,privileged,last_login\nLeaver {tag},leaver-{tag}@acme.example,leaver-{tag},read,no,2026-06-01\nStayer {tag},stayer-{tag}@acme.example,stayer-{tag},read,no,2026-11-20\n";
        var imported = await OkAsync(manager.PostAsync($"/api/audit/access-reviews/{id}/items/import", new StringContent(csv, Encoding.UTF8, "text/csv")));
        await OkAsync(manager.PostAsJsonAsync($"/api/audit/access-reviews/{id}/open", new { version = imported.GetProperty("campaign").GetProperty("version").GetUInt32() }));

        var page = await SignedInDemoMemberAsync(system, "owner@acme.example");
        await GotoInteractiveAsync(page, $"/access-reviews/{id}");
        var leaver = page.Locator("tr", new() { HasText = $"leaver-{tag}" });
        var stayer = page.Locator("tr", new() { HasText = $"stayer-{tag}" });
        await leaver.GetByTestId("justification").FillAsync("Left the company in June");
        await leaver.GetByTestId("decide-Revoke").ClickAsync();
        await Assertions.Expect(leaver.GetByTestId("decision")).ToHaveTextAsync("Revoke");
        await stayer.GetByTestId("decide-Keep").ClickAsync();
        await Assertions.Expect(stayer.GetByTestId("decision")).ToHaveTextAsync("Keep");
        await Assertions.Expect(page.GetByTestId("campaign-progress")).ToContainTextAsync("2 of 2 decided");

        await page.GetByTestId("close-campaign").ClickAsync();
        await Assertions.Expect(page.GetByTestId("problem")).ToContainTextAsync("not verified");
        await Assertions.Expect(page.GetByTestId("campaign-status")).ToContainTextAsync("Open");

        await leaver.GetByTestId("verification-evidence").FillAsync($"IAM ticket {tag}: account disabled");
        await leaver.GetByTestId("verify").ClickAsync();
        await Assertions.Expect(leaver).ToContainTextAsync("verified by owner@acme.example");
        await page.GetByTestId("close-campaign").ClickAsync();
        await Assertions.Expect(page.GetByTestId("campaign-status")).ToContainTextAsync("Closed");
        await page.Context.CloseAsync();
    }
}
