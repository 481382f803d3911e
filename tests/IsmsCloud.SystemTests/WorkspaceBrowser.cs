using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace IsmsCloud.SystemTests;

/// <summary>The steps every browser test takes: a fresh browser context, waiting for the circuit, signing in.</summary>
internal static class WorkspaceBrowser
{
    public const string DemoPassword = "Demo-Pass-2026!";

    private static readonly string PublicOrigin = new Uri(SystemFixture.PublicUrl).GetLeftPart(UriPartial.Authority);

    public static async Task<IPage> NewPageAsync(SystemFixture system)
    {
        var context = await system.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = SystemFixture.PublicUrl });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        // Expect(...) waits on its condition with its own default of 5 s, which a table loading on a loaded 2-core CI
        // machine overran (SupplierBrowserTests, once): the same 30 s bound as the page's actions.
        Assertions.SetDefaultExpectTimeout(30_000);
        return page;
    }

    /// <summary>Navigates and waits until the circuit is up: clicks on the prerendered copy of a page do nothing.</summary>
    public static async Task GotoInteractiveAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitForCircuitAsync(page);
    }

    /// <summary>
    /// Waits until the page shown is the interactive one. A link clicked while the circuit starts moved the address but
    /// left the old page on screen (twice in CI, after sign-in); the layout now catches up, but a test that means to
    /// follow a link acts on the page a user would have had time to see.
    /// </summary>
    public static Task WaitForCircuitAsync(IPage page) => page.Locator("[data-circuit=ready]").WaitForAsync();

    public static async Task SubmitLoginAsync(IPage page, string email, string password)
    {
        await GotoInteractiveAsync(page, "/");
        await page.GetByTestId("sign-in").ClickAsync();
        await page.WaitForURLAsync("**/identity/account/login**");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>A new browser signed in as a member of the demo tenant, on its home page.</summary>
    public static async Task<IPage> SignedInDemoMemberAsync(SystemFixture system, string email)
    {
        var page = await NewPageAsync(system);
        await SubmitLoginAsync(page, email, DemoPassword);
        // Sign-in is a chain of redirects and a code exchange before the home page renders: on a loaded 2-core CI
        // machine it took longer than Playwright's default 5 s.
        await Assertions.Expect(page.GetByTestId("tenant-name")).ToHaveTextAsync("Acme Cloud", new() { Timeout = 30_000 });
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>
    /// Picks an option of a MudSelect and waits until its list has closed: the choice reaches the server as an event
    /// whose handler awaits JavaScript before it closes the list, so a click sent at once (the dialog's Create) can be
    /// handled before the value is set. On a busy machine that happened (a 4 × 4 risk was saved as 4 × 3).
    /// </summary>
    public static async Task ChooseAsync(IPage page, string testId, string option)
    {
        var openList = page.Locator(".mud-popover-open");
        await page.GetByTestId(testId).ClickAsync();
        await openList.GetByText(option, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(openList).ToHaveCountAsync(0);
    }

    /// <summary>Types into a MudAutocomplete (a record picker) and picks the option, waiting until its list has closed.</summary>
    public static async Task PickAsync(IPage page, string testId, string typed, string option)
    {
        var openList = page.Locator(".mud-popover-open");
        await page.GetByTestId(testId).FillAsync(typed);
        await openList.GetByText(option, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(openList).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Chooses a file as a person does: clicks the upload's button and answers the browser's file chooser. Setting the
    /// files on the hidden input instead can land on an input that the page's interactive render has just replaced.
    /// </summary>
    public static async Task ChooseFileAsync(IPage page, ILocator button, string name, string mimeType, byte[] content)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => button.ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = name, MimeType = mimeType, Buffer = content });
    }

    /// <summary>
    /// Every document request of the page, redirect hops included (each hop is a request of its own), and every URL
    /// the page ended up showing, for <see cref="AssertStayedOnPublicOrigin"/>.
    /// </summary>
    public static ConcurrentQueue<string> RecordNavigations(IPage page)
    {
        var navigations = new ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            if (request.IsNavigationRequest)
            {
                navigations.Enqueue(request.Url);
            }
        };
        page.FrameNavigated += (_, frame) =>
        {
            if (frame.ParentFrame is null)
            {
                navigations.Enqueue(frame.Url);
            }
        };
        return navigations;
    }

    /// <summary>The browser only ever saw the gateway: identity-api's own port is not public in a real deployment.</summary>
    public static void AssertStayedOnPublicOrigin(IEnumerable<string> navigations)
    {
        var elsewhere = navigations.Select(url => new Uri(url))
            .Where(url => url.GetLeftPart(UriPartial.Authority) != PublicOrigin)
            .Select(url => url.GetLeftPart(UriPartial.Path)) // the query holds tokens and is long
            .ToList();
        Assert.True(elsewhere.Count == 0, $"The browser left {PublicOrigin}: {string.Join(", ", elsewhere)}");
    }
}
