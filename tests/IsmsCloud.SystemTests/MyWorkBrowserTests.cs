using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using IsmsCloud.Contracts;
using IsmsCloud.Testing;
using Microsoft.Playwright;
using static IsmsCloud.SystemTests.NewTenantMembers;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>
/// My work in a real browser (issue 14): a risk owner of a new tenant first sees plainly that nothing is theirs; once
/// they own an overdue treatment action and an exception that ends in ten days, both are on the page with how late or
/// how soon, someone else's action is not, and the action's line opens its risk. Used at 390 px: nothing scrolls sideways.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class MyWorkBrowserTests(SystemFixture system)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_member_sees_their_overdue_action_and_ending_exception_on_my_work_and_follows_the_link_to_the_risk()
    {
        var admin = await SystemFixture.OnboardTenantAsync("mywork");
        var adminEmail = EmailOf(admin);
        using var asAdmin = SystemFixture.Authorized(admin.AccessToken);
        var owner = await InviteAsync(asAdmin, admin, "owner", IsmsRoles.RiskOwner);
        var ownerEmail = owner.Email;
        using var asOwner = SystemFixture.Authorized(owner.Tokens.AccessToken);

        // Nothing is theirs yet, and the page says so in words.
        var page = await NewPageAsync(system);
        await SubmitLoginAsync(page, ownerEmail, Password);
        await Assertions.Expect(page.GetByTestId("tenant-name")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await WaitForCircuitAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "My work" }).First.ClickAsync();
        await page.WaitForURLAsync("**/my-work");
        await Assertions.Expect(page.GetByTestId("mywork-empty")).ToContainTextAsync("Nothing is yours to do right now");

        var tag = Guid.NewGuid().ToString("N")[..6];
        var riskTitle = $"Unpatched VPN {tag}";
        var risk = await CreatedAsync(asAdmin, "/api/risk/risks", new
        {
            title = riskTitle, owner = ownerEmail, inherentLikelihood = 4, inherentImpact = 4, residualLikelihood = 3, residualImpact = 3,
        });
        var riskId = risk.GetProperty("id").GetGuid();
        var mine = $"Patch the VPN appliance {tag}";
        var theirs = $"Renew the firewall support {tag}";
        await CreatedAsync(asAdmin, $"/api/risk/risks/{riskId}/actions", new { title = mine, owner = ownerEmail, dueOn = Today.AddDays(-6) });
        await CreatedAsync(asAdmin, $"/api/risk/risks/{riskId}/actions", new { title = theirs, owner = adminEmail, dueOn = Today.AddDays(-6) });
        // The SoA is seeded from TenantOnboarded, asynchronously: wait for the control rather than expect it.
        var controls = await Eventually.ReturnsAsync(() => asAdmin.GetFromJsonAsync<JsonElement>("/api/risk/controls?pageSize=200&search=A.8.8"),
            c => c.GetProperty("items").EnumerateArray().Any(x => x.GetProperty("reference").GetString() == "A.8.8"), because: "the SoA is seeded");
        var control = controls.GetProperty("items").EnumerateArray().First(c => c.GetProperty("reference").GetString() == "A.8.8");
        var scope = $"Legacy VPN concentrator {tag}";
        var exception = await CreatedAsync(asOwner, "/api/risk/exceptions", new
        {
            controlId = control.GetProperty("id").GetGuid(), riskId, affectedScope = scope, reason = "Replaced next quarter",
            compensatingControls = "Access from managed devices only", requestedExpiresOn = Today.AddDays(10),
        });
        await CreatedAsync(asAdmin, $"/api/risk/exceptions/{exception.GetProperty("id").GetGuid()}/approve", new { expiresOn = Today.AddDays(10), version = 0 });

        // On a phone-sized screen from here on.
        await page.SetViewportSizeAsync(390, 844);
        await GotoInteractiveAsync(page, "/my-work");
        var actions = page.GetByTestId("mywork-section-treatment-actions");
        await Assertions.Expect(actions.GetByTestId("mywork-count")).ToHaveTextAsync("(1)");
        var actionRow = actions.GetByTestId("mywork-item");
        await Assertions.Expect(actionRow).ToContainTextAsync(mine);
        await Assertions.Expect(actionRow).ToContainTextAsync("Overdue by 6 days");
        await Assertions.Expect(actions).Not.ToContainTextAsync(theirs);
        var exceptions = page.GetByTestId("mywork-section-exceptions");
        await Assertions.Expect(exceptions.GetByTestId("mywork-count")).ToHaveTextAsync("(1)");
        await Assertions.Expect(exceptions.GetByTestId("mywork-item")).ToContainTextAsync(scope);
        await Assertions.Expect(exceptions.GetByTestId("mywork-item")).ToContainTextAsync("Due in 10 days");
        await Assertions.Expect(page.GetByTestId("mywork-summary")).ToContainTextAsync("1 overdue");
        await Assertions.Expect(page.GetByTestId("mywork-section-questionnaires")).ToContainTextAsync("No supplier questionnaire is waiting for your review.");

        var wide = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.False(wide, "My work scrolls sideways at 390 px");

        await actionRow.GetByRole(AriaRole.Link, new() { Name = mine }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/risks/{riskId}$"));
        await Assertions.Expect(page.GetByText(riskTitle).First).ToBeVisibleAsync();
    }
}
