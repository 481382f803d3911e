using Microsoft.Playwright;

namespace IsmsCloud.SystemTests;

/// <summary>The steps every browser test takes: a fresh browser context, waiting for the circuit, signing in.</summary>
internal static class WorkspaceBrowser
{
    public const string DemoPassword = "Demo-Pass-2026!";

    public static async Task<IPage> NewPageAsync(SystemFixture system)
    {
        var context = await system.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = SystemFixture.PublicUrl });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return page;
    }

    /// <summary>Navigates and waits until the circuit is up: clicks on the prerendered copy of a page do nothing.</summary>
    public static async Task GotoInteractiveAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("[data-circuit=ready]").WaitForAsync();
    }

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
        await Assertions.Expect(page.GetByTestId("tenant-name")).ToHaveTextAsync("Acme Cloud");
        return page;
    }
}
