using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.Contracts;
using IsmsCloud.Testing;
using Microsoft.Playwright;
using static IsmsCloud.SystemTests.NewTenantMembers;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>The home dashboard in a real browser: the signals of a tenant, and the records behind them.</summary>
[Collection(SystemCollection.Name)]
public sealed class DashboardBrowserTests(SystemFixture system)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task The_home_dashboard_shows_a_permanent_exception_and_an_overdue_action_and_drills_down_to_them()
    {
        // A tenant of its own, with an approver beside its admin (an exception is never granted by its requester).
        var admin = await SystemFixture.OnboardTenantAsync("dash");
        var adminEmail = EmailOf(admin);
        using var asAdmin = SystemFixture.Authorized(admin.AccessToken);
        var approver = await InviteAsync(asAdmin, admin, "approver", "Approver");
        using var asApprover = SystemFixture.Authorized(approver.Tokens.AccessToken);

        var actionTitle = $"Rotate the VPN keys {Guid.NewGuid():N}"[..28];
        var risk = await CreatedAsync(asAdmin, "/api/risk/risks", new
        {
            title = "Stale VPN keys", owner = adminEmail, inherentLikelihood = 4, inherentImpact = 4, residualLikelihood = 3, residualImpact = 3,
        });
        var riskId = risk.GetProperty("id").GetGuid();
        await CreatedAsync(asAdmin, $"/api/risk/risks/{riskId}/actions", new { title = actionTitle, owner = adminEmail, dueOn = Today.AddDays(-4) });
        // The SoA is seeded from TenantOnboarded, asynchronously: wait for the control rather than expect it.
        var controls = await Eventually.ReturnsAsync(() => asAdmin.GetFromJsonAsync<JsonElement>("/api/risk/controls?pageSize=200&search=A.8.5"),
            c => c.GetProperty("items").EnumerateArray().Any(x => x.GetProperty("reference").GetString() == "A.8.5"), because: "the SoA is seeded");
        var control = controls.GetProperty("items").EnumerateArray().First(c => c.GetProperty("reference").GetString() == "A.8.5");
        var exception = await CreatedAsync(asAdmin, "/api/risk/exceptions", new
        {
            controlId = control.GetProperty("id").GetGuid(), riskId, affectedScope = "Legacy VPN concentrator", reason = "Replaced next quarter",
            compensatingControls = "Access from managed devices only", requestedExpiresOn = Today.AddDays(60),
        });
        var exceptionId = exception.GetProperty("id").GetGuid();
        var granted = await CreatedAsync(asApprover, $"/api/risk/exceptions/{exceptionId}/approve", new { expiresOn = Today.AddDays(30), version = 0 });
        var renewed = await CreatedAsync(asApprover, $"/api/risk/exceptions/{exceptionId}/renew", new { expiresOn = Today.AddDays(60), version = granted.GetProperty("version").GetInt64() });
        await CreatedAsync(asApprover, $"/api/risk/exceptions/{exceptionId}/renew", new { expiresOn = Today.AddDays(90), version = renewed.GetProperty("version").GetInt64() });

        var page = await NewPageAsync(system);
        await SubmitLoginAsync(page, adminEmail, Password);
        await Assertions.Expect(page.GetByTestId("tenant-name")).ToBeVisibleAsync();
        // Events reach reporting asynchronously: reload until the figures are there.
        await ReloadUntilAsync(page, "signal-treatmentOverdue-figure", "1");
        await ReloadUntilAsync(page, "signal-exceptions-figure", "1");

        await page.GetByTestId("signal-treatmentOverdue-records").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signal-records")).ToContainTextAsync(actionTitle);
        await Assertions.Expect(page.GetByTestId("signal-records")).ToContainTextAsync("overdue 4 days");
        await page.GetByTestId("signal-exceptions-records").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signal-records")).ToContainTextAsync("A.8.5");
        await Assertions.Expect(page.GetByTestId("signal-records")).ToContainTextAsync("permanent (renewed 2 times)");
        await Assertions.Expect(page.GetByTestId("patterns")).ToContainTextAsync("Permanent exceptions");
        await page.Context.CloseAsync();
    }

    private static async Task ReloadUntilAsync(IPage page, string testId, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await GotoInteractiveAsync(page, "/");
            var figure = page.GetByTestId(testId);
            await figure.WaitForAsync();
            if ((await figure.InnerTextAsync()).Trim() == text)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{testId} still shows {(await figure.InnerTextAsync()).Trim()}, not {text}");
            await Task.Delay(500);
        }
    }
}
