using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using IsmsCloud.Testing;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>
/// The management review (issue 13) in a real browser on the demo tenant: a manager plans a review, fills a free-text
/// input and records a decision that requests a treatment action; as the chair they sign it, the page shows the
/// snapshot hash and offers no more edits, a page left open meanwhile is refused with the lock's 409, and the PDF pack
/// and the decisions CSV download through the web app.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ManagementReviewBrowserTests(SystemFixture system)
{
    private const string Manager = "manager@acme.example";

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join('\n', document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
    }

    private static async Task<byte[]> DownloadAsync(IPage page, string testId)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId(testId).ClickAsync());
        Assert.Null(await download.FailureAsync());
        return await File.ReadAllBytesAsync(await download.PathAsync());
    }

    [Fact]
    public async Task A_manager_plans_fills_and_decides_a_review_signs_it_as_chair_and_the_locked_record_shows_its_hash_and_downloads_its_pack()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var reviewTitle = $"Management review {tag}";
        var riskTitle = $"Unpatched VPN {tag}";
        var requestedAction = $"Automate VPN patching {tag}";
        var issueChanges = $"New data-protection law in force {tag}";
        using var api = SystemFixture.Authorized((await SystemFixture.Oidc().SignInAsync(Manager, DemoPassword)).AccessToken);

        // A risk with an overdue action, so the review has a figure to show. A decision may only name risks reporting
        // holds (its facts), and the action's record in the overdue signal appears only once reporting has both.
        var risk = await OkAsync(api.PostAsJsonAsync("/api/risk/risks", new
        {
            title = riskTitle, owner = Manager, inherentLikelihood = 4, inherentImpact = 4, residualLikelihood = 3, residualImpact = 3,
        }), HttpStatusCode.Created);
        var riskId = risk.GetProperty("id").GetGuid();
        var overdue = await OkAsync(api.PostAsJsonAsync($"/api/risk/risks/{riskId}/actions", new { title = $"Patch the VPN {tag}", owner = Manager, dueOn = Today.AddDays(-3) }),
            HttpStatusCode.Created);
        var overdueId = overdue.GetProperty("id").GetGuid();
        await Eventually.ReturnsAsync(() => api.GetFromJsonAsync<JsonElement>("/api/reporting/signals/treatmentOverdue/records"),
            records => records.EnumerateArray().Any(r => r.GetProperty("id").GetGuid() == overdueId), TimeSpan.FromSeconds(60), "reporting holds the risk and its overdue action");

        // Plan: from the navigation, the manager as chair (the default) and an attendee picked among the members.
        var page = await SignedInDemoMemberAsync(system, Manager);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Workspace" }).GetByRole(AriaRole.Link, new() { Name = "Management reviews" }).ClickAsync();
        await WaitForCircuitAsync(page);
        await page.GetByTestId("review-title").FillAsync(reviewTitle);
        var openList = page.Locator(".mud-popover-open");
        await page.GetByTestId("review-attendee").FillAsync("owner@acme");
        await openList.GetByText("owner@acme.example").ClickAsync();
        await Assertions.Expect(openList).ToHaveCountAsync(0);
        await page.GetByTestId("review-attendee-add").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-attendee-chip")).ToContainTextAsync("owner@acme.example");
        await page.GetByTestId("review-plan").ClickAsync();

        await Assertions.Expect(page.GetByTestId("review-heading")).ToHaveTextAsync(reviewTitle);
        await Assertions.Expect(page.GetByTestId("review-status")).ToContainTextAsync("Planned");
        await Assertions.Expect(page.GetByTestId("review-attendees")).ToContainTextAsync("owner@acme.example");
        await Assertions.Expect(page.GetByTestId("input-signal-treatmentOverdue")).ToContainTextAsync("Overdue treatment");
        var reviewId = Guid.Parse(new Uri(page.Url).Segments[^1]);

        // Fill a free-text input and decide: a priority change that asks for a treatment action on the risk.
        await page.GetByTestId("input-issue-changes").FillAsync(issueChanges);
        await page.GetByTestId("review-save-inputs").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-status")).ToContainTextAsync("In progress");
        await page.GetByTestId("decision-new").ClickAsync();
        await ChooseAsync(page, "decision-kind", "Priority change");
        await page.GetByTestId("decision-summary").FillAsync($"Patch internet-facing appliances within 14 days {tag}");
        await page.GetByTestId("decision-add-action").ClickAsync();
        await ChooseAsync(page, "action-risk", riskTitle);
        await page.GetByTestId("action-title").FillAsync(requestedAction);
        await page.GetByTestId("decision-record").ClickAsync();
        var decision = page.GetByTestId("decision");
        await Assertions.Expect(decision).ToContainTextAsync("Priority change");
        await Assertions.Expect(decision).ToContainTextAsync($"Risk: {riskTitle}");
        await Assertions.Expect(decision.GetByTestId("decision-actions")).ToContainTextAsync(requestedAction);

        // A second tab left open on the review before the signature: its edit will meet the lock.
        var stale = await page.Context.NewPageAsync();
        await GotoInteractiveAsync(stale, $"/management-reviews/{reviewId}");
        await Assertions.Expect(stale.GetByTestId("input-issue-changes")).ToHaveValueAsync(issueChanges);

        // The chair signs: the hash is shown and nothing can be edited any more.
        await page.GetByTestId("review-sign").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign and lock" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-signed")).ToContainTextAsync($"Signed by {Manager}");
        await Assertions.Expect(page.GetByTestId("review-status")).ToContainTextAsync("Signed");
        var sha = page.GetByTestId("review-sha");
        await Assertions.Expect(sha).ToHaveValueAsync(new Regex("^[0-9a-f]{64}$"));
        var hash = await sha.InputValueAsync();
        var signed = await OkAsync(api.GetAsync($"/api/reporting/management-reviews/{reviewId}"));
        Assert.Equal(hash, signed.GetProperty("snapshotSha256").GetString());
        var heads = signed.GetProperty("auditHeads").EnumerateArray().Select(h => h.GetProperty("hash").GetString()!).ToList();
        // The heads quoted are those reporting held at the signature (none if no service has published one yet).
        if (heads.Count == 0)
        {
            await Assertions.Expect(page.GetByTestId("audit-head-hash")).ToHaveCountAsync(0);
        }
        else
        {
            await Assertions.Expect(page.GetByTestId("audit-head-hash")).ToHaveTextAsync(heads.ToArray());
        }
        await Assertions.Expect(page.GetByTestId("freetext-issue-changes")).ToContainTextAsync(issueChanges);
        foreach (var control in new[] { "input-issue-changes", "review-save-inputs", "decision-new", "review-sign" })
        {
            await Assertions.Expect(page.GetByTestId(control)).ToHaveCountAsync(0);
        }

        // The stale tab's save is refused by the API (409); the page says so and shows the lock.
        await stale.GetByTestId("input-issue-changes").FillAsync("An edit after the signature");
        await stale.GetByTestId("review-save-inputs").ClickAsync();
        await Assertions.Expect(stale.GetByTestId("problem")).ToContainTextAsync("Not saved. The management review is signed: its record is locked");
        await Assertions.Expect(stale.GetByTestId("review-sha")).ToHaveValueAsync(hash);
        await Assertions.Expect(stale.GetByTestId("input-issue-changes")).ToHaveCountAsync(0);
        await stale.CloseAsync();

        // The pack and the CSV download through the web app with the user's token.
        var pack = await DownloadAsync(page, "review-pack");
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pack, 0, 4));
        var text = PdfText(pack);
        Assert.Contains(hash, text, StringComparison.Ordinal);
        Assert.Contains(requestedAction, text, StringComparison.Ordinal);
        var csv = Encoding.UTF8.GetString(await DownloadAsync(page, "review-csv"));
        Assert.Contains(requestedAction, csv, StringComparison.Ordinal);

        // The signature changed work: risk-api created the requested action.
        await Eventually.ReturnsAsync(() => api.GetFromJsonAsync<JsonElement>($"/api/risk/actions?riskId={riskId}"),
            actions => actions.GetProperty("items").EnumerateArray().Any(a => a.GetProperty("title").GetString() == requestedAction),
            TimeSpan.FromSeconds(60), "risk-api creates the action the review requested");

        // The list shows the review signed and counts the days from it.
        await GotoInteractiveAsync(page, "/management-reviews");
        await Assertions.Expect(page.GetByTestId("review-table").Locator("tr", new() { HasText = reviewTitle })).ToContainTextAsync("Signed");
        await Assertions.Expect(page.GetByTestId("days-since-signed")).ToContainTextAsync("days since the last signed review");
        await page.Context.CloseAsync();
    }
}
