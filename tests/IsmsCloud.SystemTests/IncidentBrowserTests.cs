using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using IsmsCloud.Testing;
using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>
/// An incident's loop closed in a real browser on the demo tenant (rule 7, issue 14): a manager records an incident,
/// which opens on its own page, links the control that failed and a risk it touched, adds a lesson (risk-api creates the
/// treatment action on the risk), and closes it; a tab left open before the link is refused with a 409 that says
/// "Not saved" and why, the close hides the edits, and the dashboard's incident-to-control traceability counts the incident as traced.
/// The incident's page is used at 390 px: nothing may need scrolling sideways.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class IncidentBrowserTests(SystemFixture system)
{
    private const string Manager = "manager@acme.example";
    private const string Control = "A.8.13 Information backup";

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<(int Closed, int Traced)> TraceabilityAsync(HttpClient api)
    {
        var figures = (await OkAsync(api.GetAsync("/api/reporting/signals"))).GetProperty("incidentTraceability");
        return (figures.GetProperty("closed").GetInt32(), figures.GetProperty("traced").GetInt32());
    }

    /// <summary>Nothing sticks out of the screen; when something does, the message names the innermost elements that do.</summary>
    private static async Task<string?> SidewaysScrollAsync(IPage page)
    {
        var outside = await page.EvaluateAsync<string[]>("""
            () => {
                const width = document.documentElement.clientWidth;
                if (document.documentElement.scrollWidth <= width) return [];
                const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 1);
                return wide.filter(e => !wide.some(o => o !== e && e.contains(o))).slice(0, 8)
                    .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} in [${e.closest('[data-testid]')?.getAttribute('data-testid') ?? ''}] right=${Math.round(e.getBoundingClientRect().right)}: ${(e.parentElement?.outerHTML ?? '').slice(0, 300)}`);
            }
            """);
        if (outside.Length == 0)
        {
            return null;
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"incident-{DateTime.UtcNow:HHmmss}.png"), FullPage = true });
        return $"{page.Url} is wider than the {page.ViewportSize?.Width} px screen: {string.Join("; ", outside)}";
    }

    /// <summary>Types into an autocomplete and picks the option that reads exactly <paramref name="option"/>.</summary>
    [Fact]
    public async Task A_manager_records_an_incident_links_a_failed_control_and_a_risk_adds_a_lesson_and_closes_it_and_traceability_counts_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var incidentTitle = $"Backup job silently failing {tag}";
        var riskTitle = $"Loss of customer data {tag}";
        var lesson = $"Alert on every failed backup job {tag}";
        using var api = SystemFixture.Authorized((await SystemFixture.Oidc().SignInAsync(Manager, DemoPassword)).AccessToken);
        var risk = await OkAsync(api.PostAsJsonAsync("/api/risk/risks", new
        {
            title = riskTitle, owner = Manager, inherentLikelihood = 3, inherentImpact = 5, residualLikelihood = 2, residualImpact = 4,
        }), HttpStatusCode.Created);
        var riskId = risk.GetProperty("id").GetGuid();
        var before = await TraceabilityAsync(api);

        // Recorded from the list: open, not resolved, and on its own page at once.
        var page = await SignedInDemoMemberAsync(system, Manager);
        await GotoInteractiveAsync(page, "/incidents");
        await page.GetByTestId("incident-title").FillAsync(incidentTitle);
        await page.GetByTestId("record-incident").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/incidents/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByTestId("incident-heading")).ToHaveTextAsync(incidentTitle);
        await Assertions.Expect(page.GetByTestId("incident-status")).ToHaveTextAsync("Open");
        await Assertions.Expect(page.GetByTestId("incident-dates")).ToContainTextAsync("not resolved yet");
        var incidentId = Guid.Parse(new Uri(page.Url).Segments[^1]);
        await WaitForCircuitAsync(page);

        // A second tab opened now holds the version before the links: its save will meet the 409.
        var stale = await page.Context.NewPageAsync();
        await GotoInteractiveAsync(stale, $"/incidents/{incidentId}");
        await Assertions.Expect(stale.GetByTestId("no-controls")).ToBeVisibleAsync();

        // On a phone-sized screen from here on.
        await page.SetViewportSizeAsync(390, 844);

        // The control that failed, found by its id and a word of its title; then the risk it touched.
        await PickAsync(page, "control-picker", "A.8.13 backup", Control);
        await ChooseAsync(page, "control-role", "Failed");
        await page.GetByTestId("link-control").ClickAsync();
        var linkedControl = page.GetByTestId("linked-control");
        await Assertions.Expect(linkedControl).ToContainTextAsync(Control);
        await Assertions.Expect(linkedControl).ToContainTextAsync("Failed");

        // The tab left open since before the link: its save is refused (409), it says so and why, and it shows the link.
        await stale.GetByTestId("edit-incident").ClickAsync();
        await stale.GetByTestId("edit-title").FillAsync($"{incidentTitle} (edited)");
        await stale.GetByTestId("save-incident").ClickAsync();
        await Assertions.Expect(stale.GetByTestId("problem")).ToContainTextAsync("Not saved. The record was changed by someone else since you read it.");
        await Assertions.Expect(stale.GetByTestId("linked-control")).ToContainTextAsync(Control);
        await stale.CloseAsync();
        Assert.Equal(incidentTitle, (await OkAsync(api.GetAsync($"/api/risk/incidents/{incidentId}"))).GetProperty("incident").GetProperty("title").GetString());

        await PickAsync(page, "risk-picker", $"customer data {tag}", riskTitle);
        await page.GetByTestId("link-risk").ClickAsync();
        await Assertions.Expect(page.GetByTestId("linked-risk")).ToContainTextAsync(riskTitle);

        // The lesson goes to the incident's risk (the dialog's first choice), owned by the manager (its default).
        await page.GetByTestId("open-lesson").ClickAsync();
        await page.GetByTestId("lesson-text").FillAsync(lesson);
        await page.GetByTestId("add-lesson").ClickAsync();
        await Assertions.Expect(page.GetByTestId("lesson-table")).ToContainTextAsync(lesson);
        await Assertions.Expect(page.GetByTestId("lesson-table")).ToContainTextAsync(riskTitle);
        var tooWide = new List<string?> { await SidewaysScrollAsync(page) };

        var actions = await OkAsync(api.GetAsync($"/api/risk/actions?riskId={riskId}"));
        var action = Assert.Single(actions.GetProperty("items").EnumerateArray(), a => a.GetProperty("title").GetString() == lesson);
        Assert.Equal(incidentId, action.GetProperty("sourceIncidentId").GetGuid());
        Assert.Equal("Planned", action.GetProperty("status").GetString());

        // Closing records the resolution (today) and traces the incident to its control; the edits are gone.
        await page.GetByTestId("close-incident").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Close it" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("incident-status")).ToHaveTextAsync("Closed");
        await Assertions.Expect(page.GetByTestId("incident-closed")).ToContainTextAsync("traced to 1 control");
        // Not today's date in the test: the page's day and the test's may straddle midnight.
        await Assertions.Expect(page.GetByTestId("incident-dates")).ToContainTextAsync(new Regex(@"resolved \d{4}-\d{2}-\d{2}"));
        foreach (var control in new[] { "edit-incident", "control-picker", "link-control", "unlink-control", "risk-picker", "link-risk", "unlink-risk", "close-incident" })
        {
            await Assertions.Expect(page.GetByTestId(control)).ToHaveCountAsync(0);
        }

        tooWide.Add(await SidewaysScrollAsync(page));
        var closed = await OkAsync(api.GetAsync($"/api/risk/incidents/{incidentId}"));
        Assert.Equal("Closed", closed.GetProperty("incident").GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, closed.GetProperty("incident").GetProperty("resolvedAt").ValueKind);
        Assert.Equal("Failed", Assert.Single(closed.GetProperty("controls").EnumerateArray()).GetProperty("detail").GetString());

        // The list links the incident to its page.
        await page.SetViewportSizeAsync(1280, 720);
        await GotoInteractiveAsync(page, "/incidents");
        var row = page.GetByTestId("incident-table").GetByRole(AriaRole.Row).Filter(new() { HasText = incidentTitle });
        await Assertions.Expect(row.GetByTestId("incident-status")).ToHaveTextAsync("Closed");
        await row.GetByTestId("incident-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("incident-heading")).ToHaveTextAsync(incidentTitle);

        // Reporting hears of the close and the lesson through RabbitMQ: the dashboard's figure follows once it has.
        var expected = (Closed: before.Closed + 1, Traced: before.Traced + 1);
        await Eventually.ReturnsAsync(() => TraceabilityAsync(api), now => now == expected, TimeSpan.FromSeconds(60),
            "reporting counts the closed incident as traced");
        await GotoInteractiveAsync(page, "/");
        var card = page.GetByTestId("signal-incidentTraceability");
        await Assertions.Expect(card).ToContainTextAsync($"{expected.Traced} of {expected.Closed} closed in the last year");
        var rate = ((double)expected.Traced / expected.Closed).ToString("P0", CultureInfo.InvariantCulture);
        await Assertions.Expect(page.GetByTestId("signal-incidentTraceability-figure")).ToHaveTextAsync(rate);
        await page.GetByTestId("signal-incidentTraceability-records").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signal-records").GetByRole(AriaRole.Row).Filter(new() { HasText = incidentTitle }))
            .ToContainTextAsync("traced: led to a treatment action");
        await page.Context.CloseAsync();
        Assert.Empty(tooWide.OfType<string>());
    }
}
