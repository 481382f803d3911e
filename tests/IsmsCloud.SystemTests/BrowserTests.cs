using Microsoft.Playwright;

namespace IsmsCloud.SystemTests;

/// <summary>The web workspace in a real browser (Debian's Chromium, headless), through the gateway.</summary>
[Collection(SystemCollection.Name)]
public sealed class BrowserTests(SystemFixture system)
{
    private async Task<IPage> NewPageAsync()
    {
        var context = await system.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = SystemFixture.PublicUrl });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return page;
    }

    private static async Task SubmitLoginAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/");
        await page.GetByTestId("sign-in").ClickAsync();
        await page.WaitForURLAsync("**/identity/account/login**");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    [Fact]
    public async Task The_demo_admin_signs_in_and_sees_the_tenant_home_page()
    {
        var page = await NewPageAsync();

        await SubmitLoginAsync(page, "admin@acme.example", "Demo-Pass-2026!");

        await Assertions.Expect(page.GetByTestId("tenant-name")).ToHaveTextAsync("Acme Cloud");
        await Assertions.Expect(page.GetByTestId("user-role")).ToContainTextAsync("TenantAdmin");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_not_a_crash()
    {
        var page = await NewPageAsync();

        await SubmitLoginAsync(page, "viewer@acme.example", "Wrong-Password-1!");

        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("not correct");
        Assert.Contains("/identity/account/login", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
