using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>The getting-started checklist and the risk settings read on a 390 px phone screen: nothing wider than the screen.</summary>
[Collection(SystemCollection.Name)]
public sealed class NarrowScreenBrowserTests(SystemFixture system)
{
    private const int Phone = 390;

    private static async Task AssertFitsAsync(ILocator element)
    {
        await Assertions.Expect(element).ToBeVisibleAsync();
        // Measured in the page, on the element as it is then: a step that finishes checking re-renders the checklist, and
        // a bounding box asked for in between comes back empty. A locator's evaluation waits for the element instead.
        var edges = await element.EvaluateAsync<double[]>("e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; }");
        Assert.True(edges[0] >= 0 && edges[1] <= Phone, $"The element spans {edges[0]}–{edges[1]} px on a {Phone} px screen.");
        var overflowing = await element.EvaluateAsync<int>(
            $"e => [...e.querySelectorAll('*')].filter(c => {{ const r = c.getBoundingClientRect(); return r.width > 0 && (r.left < 0 || r.right > {Phone}); }}).length");
        Assert.Equal(0, overflowing);
    }

    [Fact]
    public async Task The_checklist_and_the_risk_settings_fit_a_390_px_screen()
    {
        var (page, _, _) = await NewTenantBrowser.SignedInNewTenantAdminAsync(system, "narrow", Phone);

        var checklist = page.GetByTestId("getting-started");
        await Assertions.Expect(checklist.GetByTestId("getting-started-review")).ToContainTextAsync("to do");
        await AssertFitsAsync(checklist);

        await GotoInteractiveAsync(page, "/risks/settings");
        await Assertions.Expect(page.GetByTestId("settings-appetite")).ToHaveValueAsync("9");
        await AssertFitsAsync(page.Locator(".mud-paper", new() { Has = page.GetByTestId("settings-save") }));
        await page.Context.CloseAsync();
    }
}
