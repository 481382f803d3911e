using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>The web workspace in a real browser (Debian's Chromium, headless), through the gateway.</summary>
[Collection(SystemCollection.Name)]
public sealed class BrowserTests(SystemFixture system)
{
    [Fact]
    public async Task The_demo_admin_signs_in_and_sees_the_tenant_home_page()
    {
        var page = await NewPageAsync(system);

        await SubmitLoginAsync(page, "admin@acme.example", "Demo-Pass-2026!");

        await Assertions.Expect(page.GetByTestId("tenant-name")).ToHaveTextAsync("Acme Cloud");
        await Assertions.Expect(page.GetByTestId("user-role")).ToContainTextAsync("TenantAdmin");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_not_a_crash()
    {
        var page = await NewPageAsync(system);

        await SubmitLoginAsync(page, "viewer@acme.example", "Wrong-Password-1!");

        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("not correct");
        Assert.Contains("/identity/account/login", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_member_creates_a_risk_and_sees_it_in_the_register()
    {
        var page = await NewPageAsync(system);
        await SubmitLoginAsync(page, "manager@acme.example", "Demo-Pass-2026!");
        await Assertions.Expect(page.GetByTestId("tenant-name")).ToHaveTextAsync("Acme Cloud");
        var title = $"Browser-made risk {Guid.NewGuid():N}"[..28];

        await GotoInteractiveAsync(page, "/risks");
        await page.GetByTestId("new-risk").ClickAsync();
        await page.GetByTestId("risk-title").FillAsync(title);
        await page.GetByTestId("risk-owner").FillAsync("manager@acme.example");
        await page.GetByTestId("create-risk").ClickAsync();

        await Assertions.Expect(page.GetByTestId("risk-table")).ToContainTextAsync(title);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_platform_admin_onboards_a_tenant_whose_first_admin_sets_a_password_and_signs_in()
    {
        var admin = await NewPageAsync(system);
        await SubmitLoginAsync(admin, "admin@isms.local", "Admin-Pass-2026!");
        var slug = $"web-{Guid.NewGuid():N}"[..14];

        await GotoInteractiveAsync(admin, "/admin/tenants");
        await admin.GetByTestId("tenant-name-input").FillAsync("Browser Onboarded Ltd");
        await admin.GetByTestId("tenant-slug-input").FillAsync(slug);
        await admin.GetByTestId("tenant-admin-input").FillAsync($"first@{slug}.example");
        await admin.GetByTestId("onboard-tenant").ClickAsync();
        var linkField = admin.GetByTestId("invitation-link");
        await Assertions.Expect(linkField).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("set-password"));
        var link = await linkField.InputValueAsync();
        await admin.Context.CloseAsync();

        var firstAdmin = await NewPageAsync(system);
        await firstAdmin.GotoAsync(link);
        await firstAdmin.GetByLabel("New password").FillAsync("Browser-Pass-2026!");
        await firstAdmin.GetByLabel("Repeat it").FillAsync("Browser-Pass-2026!");
        await firstAdmin.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(firstAdmin.GetByTestId("password-set")).ToBeVisibleAsync();
        await SubmitLoginAsync(firstAdmin, $"first@{slug}.example", "Browser-Pass-2026!");

        await Assertions.Expect(firstAdmin.GetByTestId("tenant-name")).ToHaveTextAsync("Browser Onboarded Ltd");
        await Assertions.Expect(firstAdmin.GetByTestId("user-role")).ToContainTextAsync("TenantAdmin");
        await firstAdmin.Context.CloseAsync();
    }
}
