using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>
/// The browser only ever sees the public address: identity-api's own port is not reachable in a real deployment,
/// so a sign-in that sends the browser there works locally and nowhere else.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class SignInNavigationTests(SystemFixture system)
{
    [Fact]
    public async Task Sign_in_tenant_switching_and_sign_out_never_leave_the_gateway()
    {
        var (email, first, second) = await MemberOfTwoTenantsAsync();
        var page = await NewPageAsync(system);
        var navigations = RecordNavigations(page);

        await SubmitLoginAsync(page, email, "Switch-Pass-2026!");
        // A member of two tenants picks one on identity's page, then switches in the workspace (a new authorize).
        await page.GetByTestId("tenant-choice").Filter(new() { HasText = first }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("tenant-name")).ToHaveTextAsync(first);
        await WaitForCircuitAsync(page);
        await page.GetByTestId("tenant-switcher").ClickAsync();
        await page.GetByText(second).ClickAsync();
        await Assertions.Expect(page.GetByTestId("tenant-name")).ToHaveTextAsync(second);
        await WaitForCircuitAsync(page);
        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        Assert.Contains(navigations, url => url.Contains("/connect/authorize", StringComparison.Ordinal));
        Assert.Contains(navigations, url => url.Contains("/connect/endsession", StringComparison.Ordinal));
        Assert.Contains(navigations, url => url.Contains("/account/switch-tenant/", StringComparison.Ordinal));
        AssertStayedOnPublicOrigin(navigations);
    }

    /// <summary>A new user, first admin of one new tenant and then, as an existing user, of a second one.</summary>
    private static async Task<(string Email, string First, string Second)> MemberOfTwoTenantsAsync()
    {
        var platformAdmin = await SystemFixture.Oidc().SignInAsync("admin@isms.local", "Admin-Pass-2026!", tenant: "platform");
        using var admin = SystemFixture.Authorized(platformAdmin.AccessToken);
        var id = Guid.NewGuid().ToString("N")[..8];
        var email = $"switch-{id}@example.com";
        var (first, second) = ($"First {id} Ltd", $"Second {id} Ltd");

        var link = await OnboardAsync(admin, first, $"sw1-{id}", email);
        await SystemFixture.Oidc().SetPasswordAsync(link!, "Switch-Pass-2026!");
        await OnboardAsync(admin, second, $"sw2-{id}", email);
        return (email, first, second);
    }

    private static async Task<string?> OnboardAsync(HttpClient admin, string name, string slug, string email)
    {
        var onboarded = await admin.PostAsJsonAsync("/api/admin/tenants", new { name, slug, firstAdminEmail = email });
        Assert.Equal(HttpStatusCode.Created, onboarded.StatusCode);
        return (await onboarded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitationLink").GetString();
    }
}
