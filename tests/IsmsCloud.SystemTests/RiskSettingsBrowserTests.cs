using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>
/// A manager changes the tenant's risk settings in the browser: a value risk-api refuses is shown at its field and
/// nothing is saved; a valid change is saved and read back. On a tenant of its own: the demo tenant's appetite is
/// what the other tests' risks are measured against.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class RiskSettingsBrowserTests(SystemFixture system)
{
    [Fact]
    public async Task The_demo_manager_reaches_the_risk_settings_by_the_link_on_the_risk_register_and_may_change_them()
    {
        var page = await SignedInDemoMemberAsync(system, "manager@acme.example");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Workspace" }).GetByRole(AriaRole.Link, new() { Name = "Risks", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/risks");
        await WaitForCircuitAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Risk settings" }).ClickAsync();

        await page.WaitForURLAsync("**/risks/settings");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Risk settings", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("settings-save")).ToBeEnabledAsync();
        await Assertions.Expect(page.GetByTestId("settings-read-only")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_manager_sees_the_field_error_for_an_appetite_out_of_range_and_then_saves_a_valid_one()
    {
        var (page, _, token) = await NewTenantBrowser.SignedInNewTenantAdminAsync(system, "settings");
        await GotoInteractiveAsync(page, "/risks");
        await page.GetByTestId("open-risk-settings").ClickAsync();
        await page.WaitForURLAsync("**/risks/settings");
        await WaitForCircuitAsync(page);

        var appetite = page.GetByTestId("settings-appetite");
        await Assertions.Expect(appetite).ToHaveValueAsync("9");
        await Assertions.Expect(page.GetByTestId("settings-review-interval")).ToHaveValueAsync("180");

        await appetite.FillAsync("30");
        await page.GetByTestId("settings-review-interval").FillAsync("90");
        await page.GetByTestId("settings-save").ClickAsync();
        var appetiteField = page.Locator(".mud-input-control").Filter(new() { Has = appetite });
        await Assertions.Expect(appetiteField.Locator(".mud-input-helper-text.mud-input-error")).ToContainTextAsync("25");
        await Assertions.Expect(appetite).ToHaveAttributeAsync("aria-invalid", "true");
        // Only the refused field is marked; the other was fine.
        await Assertions.Expect(page.GetByTestId("settings-review-interval")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        using var api = SystemFixture.Authorized(token);
        var unchanged = await api.GetFromJsonAsync<JsonElement>("/api/risk/settings");
        Assert.Equal(9, unchanged.GetProperty("riskAppetite").GetInt32());
        Assert.Equal(180, unchanged.GetProperty("reviewIntervalDays").GetInt32());

        await appetite.FillAsync("12");
        await page.GetByTestId("settings-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Risk settings saved.")).ToBeVisibleAsync();
        await Assertions.Expect(appetite).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByTestId("settings-appetite-meaning")).ToContainTextAsync("above 12 (High band)");
        var saved = await api.GetFromJsonAsync<JsonElement>("/api/risk/settings");
        Assert.Equal(12, saved.GetProperty("riskAppetite").GetInt32());
        Assert.Equal(90, saved.GetProperty("reviewIntervalDays").GetInt32());

        await GotoInteractiveAsync(page, "/risks/settings");
        await Assertions.Expect(appetite).ToHaveValueAsync("12");
        await page.Context.CloseAsync();
    }
}
