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
        var box = await element.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= Phone, $"The element spans {box.X}–{box.X + box.Width} px on a {Phone} px screen.");
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
