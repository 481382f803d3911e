using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using IsmsCloud.Testing;
using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>
/// Members in a real browser: a tenant admin invites, the invitee joins and works with the role, and what the
/// admin changes reaches the member's open workspace. Every wait is for something the page shows: identity-api
/// checks the membership itself on every call, so the member's next call to it (their Members page) meets the
/// change at once, whatever the other services' member directories have heard yet.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class MemberBrowserTests(SystemFixture system)
{
    private const string MemberPassword = "Member-Pass-2026!";

    [Fact]
    public async Task An_invited_viewer_joins_works_read_only_and_their_open_session_ends_when_the_admin_removes_them()
    {
        var email = $"invited-{Guid.NewGuid():N}"[..20] + "@acme.example";
        var admin = await SignedInDemoMemberAsync(system, "admin@acme.example");
        var adminNavigations = RecordNavigations(admin);

        // The admin invites through the Members page; development returns the link to copy.
        await GotoInteractiveAsync(admin, "/members");
        await admin.GetByTestId("invite-member").ClickAsync();
        await admin.GetByTestId("invite-email").FillAsync(email);
        await ChooseAsync(admin, "member-role", "Viewer");
        await admin.GetByTestId("send-invitation").ClickAsync();
        var linkField = admin.GetByTestId("invitation-link");
        await Assertions.Expect(linkField).ToHaveValueAsync(AcceptInvitationLink());
        var link = await linkField.InputValueAsync();
        await Assertions.Expect(admin.GetByTestId("invitation-table")).ToContainTextAsync(email);

        // The invitee opens it in a browser of their own, sets a password and signs in to the workspace.
        var member = await NewPageAsync(system);
        var memberNavigations = RecordNavigations(member);
        await JoinAsync(member, link, "Invited Viewer");
        await Assertions.Expect(member.GetByTestId("user-role")).ToHaveTextAsync("Viewer");
        await GotoInteractiveAsync(member, "/risks");
        await Assertions.Expect(member.GetByTestId("risk-table")).ToBeVisibleAsync();
        await Assertions.Expect(member.GetByTestId("new-risk")).ToHaveCountAsync(0);
        await Assertions.Expect(Nav(member).GetByRole(AriaRole.Link, new() { Name = "Integrations" })).ToHaveCountAsync(0);

        // The admin removes them (with a confirmation) ...
        await GotoInteractiveAsync(admin, "/members");
        var row = admin.GetByTestId("member-table").GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await row.GetByTestId("remove-member").ClickAsync();
        await admin.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = true }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);

        // ... and the member's next action in the page they have open ends their sign-in, saying why.
        await Nav(member).GetByRole(AriaRole.Link, new() { Name = "Members" }).ClickAsync();
        await Assertions.Expect(member.GetByTestId("signin-ended")).ToBeVisibleAsync();
        Assert.Contains("signin=ended", member.Url, StringComparison.Ordinal);
        // Signing in again is refused by identity-api: they belong to no tenant any more.
        await WaitForCircuitAsync(member);
        await member.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(member.GetByTestId("signin-denied")).ToBeVisibleAsync();

        await admin.Context.CloseAsync();
        await member.Context.CloseAsync();
        AssertStayedOnPublicOrigin(adminNavigations);
        AssertStayedOnPublicOrigin(memberNavigations);
    }

    [Fact]
    public async Task A_changed_role_reaches_the_members_open_workspace_a_suspension_ends_it_and_their_risk_gets_a_new_owner()
    {
        var email = $"changed-{Guid.NewGuid():N}"[..20] + "@acme.example";
        var link = await InviteByApiAsync(email, "Viewer");
        var member = await NewPageAsync(system);
        var memberNavigations = RecordNavigations(member);
        await JoinAsync(member, link, "Changing Member");
        await GotoInteractiveAsync(member, "/risks");
        await Assertions.Expect(member.GetByTestId("risk-table")).ToBeVisibleAsync();
        await Assertions.Expect(member.GetByTestId("new-risk")).ToHaveCountAsync(0);

        var admin = await SignedInDemoMemberAsync(system, "admin@acme.example");
        await GotoInteractiveAsync(admin, "/members");
        var row = admin.GetByTestId("member-table").GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await row.GetByTestId("change-member").ClickAsync();
        await ChooseAsync(admin, "member-role", "Risk owner");
        await admin.GetByTestId("save-member").ClickAsync();
        await Assertions.Expect(row.GetByTestId("member-role-name")).ToHaveTextAsync("Risk owner");

        // identity-api refuses the old token (issued for the old role); the workspace refreshes it, repeats the call
        // and takes the new role, without the member signing in again.
        await Nav(member).GetByRole(AriaRole.Link, new() { Name = "Members" }).ClickAsync();
        await Assertions.Expect(member.GetByTestId("member-table")).ToContainTextAsync(email);
        await Assertions.Expect(member.GetByTestId("problem")).ToHaveCountAsync(0);
        await Nav(member).GetByRole(AriaRole.Link, new() { Name = "Risks", Exact = true }).ClickAsync();
        await Assertions.Expect(member.GetByTestId("new-risk")).ToBeVisibleAsync();
        // As a risk owner they add a risk, which the owner picker gives to them.
        var title = $"Owned risk {Guid.NewGuid():N}"[..24];
        await member.GetByTestId("new-risk").ClickAsync();
        await member.GetByTestId("risk-title").FillAsync(title);
        await Assertions.Expect(member.GetByTestId("risk-owner")).ToHaveValueAsync(email);
        await member.GetByTestId("create-risk").ClickAsync();
        await Assertions.Expect(member.GetByTestId("risk-table")).ToContainTextAsync(title);

        // A suspension: the next full page load (prerendered on the server) ends the sign-in too.
        await row.GetByTestId("suspend-member").ClickAsync();
        await admin.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Suspend", Exact = true }).ClickAsync();
        await Assertions.Expect(row.GetByTestId("member-status")).ToHaveTextAsync("Suspended");
        await member.GotoAsync("/risks");
        await Assertions.Expect(member.GetByTestId("signin-ended")).ToBeVisibleAsync();

        // Their risk is not refused: it shows its owner is no member now, and the admin picks a new one.
        await GotoInteractiveAsync(admin, "/risks");
        await admin.GetByLabel("Search title or owner").FillAsync(title);
        var riskRow = admin.GetByTestId("risk-table").GetByRole(AriaRole.Row).Filter(new() { HasText = title });
        await Assertions.Expect(riskRow.GetByTestId("owner-not-member")).ToBeVisibleAsync();
        await riskRow.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await admin.GetByTestId("change-owner").ClickAsync();
        await admin.GetByTestId("new-owner").FillAsync("Morgan");
        var options = admin.Locator(".mud-popover-open");
        await options.GetByText("Morgan Manager").ClickAsync();
        await Assertions.Expect(options).ToHaveCountAsync(0);
        await Assertions.Expect(admin.GetByTestId("new-owner")).ToHaveValueAsync("manager@acme.example");
        await admin.GetByTestId("save-owner").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("risk-owner-line")).ToContainTextAsync("Morgan Manager");
        await Assertions.Expect(admin.GetByTestId("owner-not-member")).ToHaveCountAsync(0);
        await GotoInteractiveAsync(admin, "/members");

        // Reactivated, they sign in again and find the page they were on.
        await row.GetByTestId("reactivate-member").ClickAsync();
        await Assertions.Expect(row.GetByTestId("member-status")).ToHaveTextAsync("Active");
        await WaitForCircuitAsync(member);
        await member.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(member.GetByTestId("new-risk")).ToBeVisibleAsync();
        Assert.EndsWith("/risks", new Uri(member.Url).AbsolutePath, StringComparison.Ordinal);

        await admin.Context.CloseAsync();
        await member.Context.CloseAsync();
        AssertStayedOnPublicOrigin(memberNavigations);
    }

    [Fact]
    public async Task A_tenant_admin_creates_an_integration_client_sees_its_secret_once_and_deletes_it()
    {
        var name = $"Jira sync {Guid.NewGuid():N}"[..18];
        var admin = await SignedInDemoMemberAsync(system, "admin@acme.example");
        await GotoInteractiveAsync(admin, "/integrations");
        await admin.GetByTestId("new-client").ClickAsync();
        await admin.GetByTestId("client-name").FillAsync(name);
        await ChooseAsync(admin, "client-role", "Risk owner");
        await admin.GetByTestId("create-client").ClickAsync();

        await Assertions.Expect(admin.GetByTestId("secret-warning")).ToContainTextAsync("You will not see it again");
        var clientId = await admin.GetByTestId("created-client-id").InputValueAsync();
        var secret = await admin.GetByTestId("created-client-secret").InputValueAsync();
        var token = await SystemFixture.Oidc().ClientCredentialsAsync(clientId, secret);
        Assert.Equal("RiskOwner", JwtPayload.Read(token.AccessToken).GetProperty("role").GetString());
        await admin.GetByTestId("secret-copied").ClickAsync();

        var row = admin.GetByTestId("client-table").GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync(clientId);
        Assert.DoesNotContain(secret, await admin.ContentAsync(), StringComparison.Ordinal);
        await row.GetByTestId("delete-client").ClickAsync();
        await admin.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        var refused = await SystemFixture.Oidc().PostTokenAsync(
            new() { ["grant_type"] = "client_credentials", ["scope"] = "isms_api" }, clientId, secret);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        await admin.Context.CloseAsync();
    }

    private static ILocator Nav(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Workspace" });

    /// <summary>Opens the invitation link, sets name and password, and signs in to the workspace from identity's welcome page.</summary>
    private static async Task JoinAsync(IPage page, string link, string name)
    {
        await page.GotoAsync(link);
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Choose a password").FillAsync(MemberPassword);
        await page.GetByLabel("Repeat it").FillAsync(MemberPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("invitation-accepted")).ToBeVisibleAsync();
        await page.GetByTestId("open-workspace").ClickAsync();
        await WaitForCircuitAsync(page);
        // Joining signed them in at identity-api: the workspace's sign-in needs no second password.
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("tenant-name")).ToHaveTextAsync("Acme Cloud");
    }

    private static async Task<string> InviteByApiAsync(string email, string role)
    {
        var tokens = await SystemFixture.Oidc().SignInAsync("admin@acme.example", DemoPassword);
        using var admin = SystemFixture.Authorized(tokens.AccessToken);
        var sent = await admin.PostAsJsonAsync("/api/identity/invitations", new { email, role });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        return (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitationLink").GetString()!;
    }

    [GeneratedRegex("/identity/account/accept-invitation\\?token=")]
    private static partial Regex AcceptInvitationLink();
}
