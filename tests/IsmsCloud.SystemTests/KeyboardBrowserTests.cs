using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>
/// The workspace used with the keyboard alone (issue 14): from the home page a manager reaches the risk register and
/// adds a risk with Tab, Shift+Tab, Enter and typing, never the mouse, and then sees it in the table.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class KeyboardBrowserTests(SystemFixture system)
{
    /// <summary>More Tab presses than any page here needs to reach a control: past it, the control is not reachable.</summary>
    private const int MaxTabs = 80;

    /// <summary>What has the keyboard focus, as a person would name it (for the failure message).</summary>
    private static Task<string> FocusedAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
            const e = document.activeElement;
            if (!e || e === document.body) return '(nothing)';
            const name = e.getAttribute('aria-label') || e.getAttribute('data-testid') || (e.innerText || e.value || '').trim().slice(0, 40);
            return `${e.tagName.toLowerCase()} "${name}"`;
        }
        """);

    /// <summary>
    /// Presses <paramref name="key"/> (Tab or Shift+Tab) until <paramref name="target"/> has the focus, as a keyboard
    /// user does; fails naming every element the focus went through when it never gets there.
    /// </summary>
    private static async Task TabToAsync(IPage page, ILocator target, string key = "Tab")
    {
        await target.WaitForAsync();
        var path = new List<string>();
        for (var i = 0; i < MaxTabs; i++)
        {
            await page.Keyboard.PressAsync(key);
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement || e.contains(document.activeElement)"))
            {
                return;
            }

            path.Add(await FocusedAsync(page));
        }

        Assert.Fail($"{key} never reached the element; the focus went through: {string.Join(" → ", path)}");
    }

    [Fact]
    public async Task A_manager_creates_a_risk_with_the_keyboard_alone_and_sees_it_in_the_register()
    {
        var page = await SignedInDemoMemberAsync(system, "manager@acme.example");
        var title = $"Keyboard-made risk {Guid.NewGuid():N}"[..28];

        // From the navigation: Tab to the Risks link, Enter follows it.
        await TabToAsync(page, page.GetByRole(AriaRole.Navigation, new() { Name = "Workspace" }).GetByRole(AriaRole.Link, new() { Name = "Risks", Exact = true }));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/risks");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Risk register" })).ToBeVisibleAsync();

        // "New risk" opens the dialog, whose first field takes the title.
        await TabToAsync(page, page.GetByTestId("new-risk"));
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        var titleField = page.GetByTestId("risk-title");
        await TabToAsync(page, titleField);
        await page.Keyboard.TypeAsync(title);
        await Assertions.Expect(titleField).ToHaveValueAsync(title);
        // The owner is the signed-in manager already; the scores keep their defaults.
        await Assertions.Expect(page.GetByTestId("risk-owner")).ToHaveValueAsync("manager@acme.example");

        // Past the other fields to Create, then back once with Shift+Tab (Cancel) and forward again: both are reachable.
        await TabToAsync(page, page.GetByTestId("create-risk"));
        await TabToAsync(page, dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }), "Shift+Tab");
        await TabToAsync(page, page.GetByTestId("create-risk"));
        await page.Keyboard.PressAsync("Space");

        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        var row = page.GetByTestId("risk-table").Locator("tr", new() { HasText = title });
        await Assertions.Expect(row).ToContainTextAsync("Morgan Manager");
        await page.Context.CloseAsync();
    }
}
