using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>A new tenant's home page lists the first steps of an ISMS and ticks one once its data is there.</summary>
[Collection(SystemCollection.Name)]
public sealed class GettingStartedBrowserTests(SystemFixture system)
{
    [Fact]
    public async Task A_new_tenant_registers_an_asset_and_the_checklist_ticks_register_assets_only()
    {
        var (page, _, _) = await NewTenantBrowser.SignedInNewTenantAdminAsync(system, "start");

        var checklist = page.GetByTestId("getting-started");
        await Assertions.Expect(checklist).ToContainTextAsync("0 of 7 done");
        await Assertions.Expect(checklist.GetByTestId("getting-started-assets")).ToHaveAttributeAsync("data-done", "false");
        await Assertions.Expect(checklist.GetByTestId("getting-started-assets")).ToContainTextAsync("to do");

        // The step links to its page, where the asset is registered as anyone would.
        await checklist.GetByRole(AriaRole.Link, new() { Name = "Register assets" }).ClickAsync();
        await page.WaitForURLAsync("**/assets");
        await WaitForCircuitAsync(page);
        await page.GetByTestId("asset-name").FillAsync("Customer database");
        await page.GetByTestId("asset-add").ClickAsync();
        await Assertions.Expect(page.GetByTestId("asset-table")).ToContainTextAsync("Customer database");

        await GotoInteractiveAsync(page, "/");
        await Assertions.Expect(checklist.GetByTestId("getting-started-assets")).ToHaveAttributeAsync("data-done", "true");
        await Assertions.Expect(checklist.GetByTestId("getting-started-assets")).ToContainTextAsync("done");
        await Assertions.Expect(checklist).ToContainTextAsync("1 of 7 done");
        await Assertions.Expect(checklist.GetByTestId("getting-started-risks")).ToHaveAttributeAsync("data-done", "false");
        await page.Context.CloseAsync();
    }
}
