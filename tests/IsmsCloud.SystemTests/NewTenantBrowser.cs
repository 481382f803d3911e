using IsmsCloud.Contracts;
using IsmsCloud.Testing;
using Microsoft.Playwright;

namespace IsmsCloud.SystemTests;

/// <summary>
/// A tenant of its own for a browser test whose changes would disturb the demo tenant's other tests (its settings,
/// its first records): onboarded through the gateway, its first admin (a manager) signed in on the home page.
/// </summary>
internal static class NewTenantBrowser
{
    public sealed record SignedIn(IPage Page, string Email, string AccessToken);

    /// <param name="width">A narrow viewport (390 px: a phone) when given; Playwright's default otherwise.</param>
    public static async Task<SignedIn> SignedInNewTenantAdminAsync(SystemFixture system, string prefix, int? width = null)
    {
        var tokens = await SystemFixture.OnboardTenantAsync(prefix);
        var email = JwtPayload.Read(tokens.AccessToken).GetProperty(IsmsClaims.Email).GetString()!;
        var page = await WorkspaceBrowser.NewPageAsync(system);
        if (width is { } w)
        {
            await page.SetViewportSizeAsync(w, 844);
        }

        await WorkspaceBrowser.SubmitLoginAsync(page, email, "System-Pass-2026!");
        await Assertions.Expect(page.GetByTestId("tenant-name")).ToHaveTextAsync("System Test Ltd");
        await WorkspaceBrowser.WaitForCircuitAsync(page);
        return new SignedIn(page, email, tokens.AccessToken);
    }
}
