using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>
/// Changing and removing register records in the browser: an asset edited and deleted only after the dialog is
/// confirmed (cancel keeps it); an exception approved and renewed until dates the approver chose, a date past the
/// tenant's limit refused at its field; a risk that an exception refers to refused deletion, the reason in the dialog;
/// a risk acceptance revoked once confirmed; a risk and its treatment action edited, the action deleted and then the
/// risk, each only once confirmed.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class RegisterEditingBrowserTests(SystemFixture system)
{
    private const string Manager = "manager@acme.example";
    private const string Approver = "approver@acme.example";

    private static async Task<HttpClient> ApiAsync(string email) =>
        SystemFixture.Authorized((await SystemFixture.Oidc().SignInAsync(email, DemoPassword)).AccessToken);

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_manager_edits_an_asset_and_deletes_it_only_once_the_dialog_is_confirmed()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var name = $"Payroll system {tag}";
        using var api = await ApiAsync(Manager);
        var asset = await OkAsync(api.PostAsJsonAsync("/api/risk/assets", new { name, type = "System", classification = "Confidential", owner = Manager }),
            HttpStatusCode.Created);
        var id = asset.GetProperty("id").GetGuid();

        var page = await SignedInDemoMemberAsync(system, Manager);
        await GotoInteractiveAsync(page, "/assets");
        await page.GetByLabel("Search name or owner").FillAsync(tag);
        var table = page.GetByTestId("asset-table");
        await Assertions.Expect(table).ToContainTextAsync(name);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Edit {name}" }).ClickAsync();
        var renamed = $"{name} (cloud)";
        await page.GetByTestId("edit-asset-name").FillAsync(renamed);
        await page.GetByTestId("edit-asset-save").ClickAsync();
        await Assertions.Expect(table).ToContainTextAsync(renamed);
        Assert.Equal(renamed, (await OkAsync(api.GetAsync($"/api/risk/assets/{id}"))).GetProperty("asset").GetProperty("name").GetString());

        // Cancelling keeps the asset.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete {renamed}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-message")).ToContainTextAsync(renamed);
        await page.GetByTestId("confirm-cancel").ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-message")).ToHaveCountAsync(0);
        await Assertions.Expect(table).ToContainTextAsync(renamed);
        await OkAsync(api.GetAsync($"/api/risk/assets/{id}"));

        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete {renamed}" }).ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Assertions.Expect(page.GetByText($"Asset “{renamed}” deleted.")).ToBeVisibleAsync();
        await Assertions.Expect(table).ToContainTextAsync("No assets yet.");
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/risk/assets/{id}")).StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_approver_revokes_a_risk_acceptance_after_confirming_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var manager = await ApiAsync(Manager);
        using var approverApi = await ApiAsync(Approver);
        var risk = await OkAsync(manager.PostAsJsonAsync("/api/risk/risks", new
        {
            title = $"Accepted vendor lock-in {tag}", owner = Manager, inherentLikelihood = 4, inherentImpact = 4, residualLikelihood = 4, residualImpact = 4,
        }), HttpStatusCode.Created);
        var riskId = risk.GetProperty("id").GetGuid();
        await OkAsync(manager.PutAsJsonAsync($"/api/risk/risks/{riskId}/decision", new { decision = "Accept", version = risk.GetProperty("version").GetInt64() }));
        var acceptance = await OkAsync(approverApi.PostAsJsonAsync($"/api/risk/risks/{riskId}/acceptances", new
        {
            rationale = "Migrating away costs more than the exposure this year", expiresOn = Day(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90)),
        }), HttpStatusCode.Created);
        Assert.Equal("Active", acceptance.GetProperty("status").GetString());

        var page = await SignedInDemoMemberAsync(system, Approver);
        await GotoInteractiveAsync(page, $"/risks/{riskId}");
        var shown = page.GetByTestId("acceptance");
        await Assertions.Expect(shown.GetByTestId("acceptance-status")).ToHaveTextAsync("Active");
        await shown.GetByTestId("revoke-acceptance").ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-message")).ToContainTextAsync("residual score 16");
        await page.GetByTestId("confirm-ok").ClickAsync();

        await Assertions.Expect(shown.GetByTestId("acceptance-status")).ToHaveTextAsync("Revoked");
        await Assertions.Expect(shown.GetByTestId("revoke-acceptance")).ToHaveCountAsync(0);
        var detail = await OkAsync(manager.GetAsync($"/api/risk/risks/{riskId}"));
        Assert.Equal("Revoked", detail.GetProperty("acceptances")[0].GetProperty("status").GetString());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_approver_grants_and_renews_an_exception_until_chosen_dates_and_its_risk_cannot_be_deleted()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var scope = $"Legacy billing {tag}";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var manager = await ApiAsync(Manager);
        var risk = await OkAsync(manager.PostAsJsonAsync("/api/risk/risks", new
        {
            title = $"Billing without SSO {tag}", owner = Manager, inherentLikelihood = 3, inherentImpact = 4, residualLikelihood = 3, residualImpact = 3,
        }), HttpStatusCode.Created);
        var riskId = risk.GetProperty("id").GetGuid();
        var control = (await OkAsync(manager.GetAsync("/api/risk/controls?page=1&pageSize=5&search=A.8.5"))).GetProperty("items").EnumerateArray()
            .Single(c => c.GetProperty("reference").GetString() == "A.8.5");
        var requested = await OkAsync(manager.PostAsJsonAsync("/api/risk/exceptions", new
        {
            controlId = control.GetProperty("id").GetGuid(), riskId, affectedScope = scope, reason = "The billing vendor ships SSO next quarter",
            compensatingControls = "VPN-only access", requestedExpiresOn = Day(today.AddDays(60)),
        }), HttpStatusCode.Created);
        var exceptionId = requested.GetProperty("id").GetGuid();
        var maxDays = (await OkAsync(manager.GetAsync("/api/risk/settings"))).GetProperty("maxExceptionDays").GetInt32();

        var approver = await SignedInDemoMemberAsync(system, Approver);
        await GotoInteractiveAsync(approver, "/exceptions");
        var row = approver.GetByTestId("exception-table").GetByRole(AriaRole.Row).Filter(new() { HasText = scope });

        // Approval suggests the date asked for; the approver shortens it.
        await row.GetByTestId("approve-exception").ClickAsync();
        var expires = approver.GetByTestId("decide-expires");
        await Assertions.Expect(expires).ToHaveValueAsync(Day(today.AddDays(60)));
        await expires.FillAsync(Day(today.AddDays(20)));
        await approver.GetByTestId("decide-confirm").ClickAsync();
        await Assertions.Expect(row.GetByTestId("exception-status")).ToHaveTextAsync("Approved");
        await Assertions.Expect(row).ToContainTextAsync(Day(today.AddDays(20)));

        // Renewal suggests the tenant's longest; past it, risk-api's refusal is shown at the date.
        await row.GetByTestId("renew-exception").ClickAsync();
        await Assertions.Expect(expires).ToHaveValueAsync(Day(today.AddDays(maxDays)));
        await expires.FillAsync(Day(today.AddDays(maxDays + 10)));
        await approver.GetByTestId("decide-confirm").ClickAsync();
        var expiresField = approver.Locator(".mud-input-control").Filter(new() { Has = expires });
        await Assertions.Expect(expiresField.Locator(".mud-input-helper-text.mud-input-error")).ToContainTextAsync($"at most {maxDays} days");
        Assert.Equal(0, (await OkAsync(manager.GetAsync($"/api/risk/exceptions/{exceptionId}"))).GetProperty("renewalCount").GetInt32());

        await expires.FillAsync(Day(today.AddDays(45)));
        await approver.GetByTestId("decide-confirm").ClickAsync();
        await Assertions.Expect(approver.GetByTestId("decide-expires")).ToHaveCountAsync(0);
        await Assertions.Expect(row).ToContainTextAsync(Day(today.AddDays(45)));
        var renewed = await OkAsync(manager.GetAsync($"/api/risk/exceptions/{exceptionId}"));
        Assert.Equal(Day(today.AddDays(45)), renewed.GetProperty("expiresOn").GetString());
        Assert.Equal(1, renewed.GetProperty("renewalCount").GetInt32());
        await approver.Context.CloseAsync();

        // The risk the exception names cannot go: the dialog says why and the risk stays.
        var page = await SignedInDemoMemberAsync(system, Manager);
        await GotoInteractiveAsync(page, $"/risks/{riskId}");
        await page.GetByTestId("delete-risk").ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog").GetByTestId("problem"))
            .ToContainTextAsync("Control exceptions refer to this risk");
        await page.GetByTestId("confirm-cancel").ClickAsync();
        await Assertions.Expect(page.GetByTestId("risk-heading")).ToContainTextAsync(tag);
        await OkAsync(manager.GetAsync($"/api/risk/risks/{riskId}"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_manager_edits_a_risk_and_its_treatment_action_and_deletes_each_only_once_confirmed()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var title = $"Laptops without disk encryption {tag}";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var api = await ApiAsync(Manager);
        var risk = await OkAsync(api.PostAsJsonAsync("/api/risk/risks", new
        {
            title, owner = Manager, inherentLikelihood = 4, inherentImpact = 4, residualLikelihood = 3, residualImpact = 4,
        }), HttpStatusCode.Created);
        var riskId = risk.GetProperty("id").GetGuid();
        await OkAsync(api.PostAsJsonAsync($"/api/risk/risks/{riskId}/actions", new { title = $"Enable BitLocker {tag}", owner = Manager, dueOn = Day(today.AddDays(30)) }),
            HttpStatusCode.Created);

        var page = await SignedInDemoMemberAsync(system, Manager);
        await GotoInteractiveAsync(page, $"/risks/{riskId}");

        // The risk's details.
        await page.GetByTestId("edit-risk").ClickAsync();
        var renamed = $"{title} (remote staff)";
        await page.GetByTestId("edit-risk-title").FillAsync(renamed);
        await page.GetByTestId("edit-risk-description").FillAsync("Lost laptops expose customer exports.");
        await page.GetByTestId("edit-risk-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("risk-heading")).ToHaveTextAsync(renamed);
        await Assertions.Expect(page.GetByTestId("risk-description")).ToContainTextAsync("Lost laptops expose customer exports.");
        var saved = (await OkAsync(api.GetAsync($"/api/risk/risks/{riskId}"))).GetProperty("risk");
        Assert.Equal(renamed, saved.GetProperty("title").GetString());

        // The action: a new title, due date and status.
        var actions = page.GetByTestId("actions-table");
        await actions.GetByRole(AriaRole.Button, new() { Name = $"Edit action Enable BitLocker {tag}" }).ClickAsync();
        await page.GetByTestId("edit-action-title").FillAsync($"Enable BitLocker on every laptop {tag}");
        await page.GetByTestId("edit-action-due").FillAsync(Day(today.AddDays(14)));
        await ChooseAsync(page, "edit-action-status", "In progress");
        await page.GetByTestId("edit-action-save").ClickAsync();
        var row = actions.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Enable BitLocker on every laptop {tag}" });
        await Assertions.Expect(row).ToContainTextAsync(Day(today.AddDays(14)));
        await Assertions.Expect(row).ToContainTextAsync("In progress");
        var edited = (await OkAsync(api.GetAsync($"/api/risk/risks/{riskId}"))).GetProperty("actions").EnumerateArray().Single();
        Assert.Equal((Day(today.AddDays(14)), "InProgress"), (edited.GetProperty("dueOn").GetString(), edited.GetProperty("status").GetString()));

        // Deleting the action: cancelling keeps it, confirming removes it.
        var deleteAction = actions.GetByRole(AriaRole.Button, new() { Name = $"Delete action Enable BitLocker on every laptop {tag}" });
        await deleteAction.ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-message")).ToContainTextAsync($"Enable BitLocker on every laptop {tag}");
        await page.GetByTestId("confirm-cancel").ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-message")).ToHaveCountAsync(0);
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await deleteAction.ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Assertions.Expect(page.GetByText("Treatment action deleted.")).ToBeVisibleAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.Empty((await OkAsync(api.GetAsync($"/api/risk/risks/{riskId}"))).GetProperty("actions").EnumerateArray());

        // Deleting the risk: confirmed, it leaves the register and the page returns to it.
        await page.GetByTestId("delete-risk").ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-message")).ToContainTextAsync(renamed);
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Assertions.Expect(page.GetByText($"Risk “{renamed}” deleted.")).ToBeVisibleAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.EndsWith("/risks", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/risk/risks/{riskId}")).StatusCode);
        await page.Context.CloseAsync();
    }
}
