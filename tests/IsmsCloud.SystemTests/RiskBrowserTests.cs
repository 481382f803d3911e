using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>The risk workspace in a real browser: scoring, treatment, the heat map, and an exception requested and approved by two people.</summary>
[Collection(SystemCollection.Name)]
public sealed class RiskBrowserTests(SystemFixture system)
{
    /// <summary>Scores a likelihood × impact pair and waits until the page shows the product, so it is what gets saved.</summary>
    private static async Task ScoreAsync(IPage page, string testId, (int Value, string Name) likelihood, (int Value, string Name) impact)
    {
        await ChooseAsync(page, $"{testId}-likelihood", $"{likelihood.Value} – {likelihood.Name}");
        await ChooseAsync(page, $"{testId}-impact", $"{impact.Value} – {impact.Name}");
        await Assertions.Expect(page.GetByTestId($"{testId}-score")).ToContainTextAsync($"= {likelihood.Value * impact.Value}");
    }

    private static async Task<int> ResidualCellAsync(IPage page, int likelihood, int impact)
    {
        await GotoInteractiveAsync(page, "/risks/heatmap");
        var text = await page.GetByTestId($"heatmap-residual-{likelihood}-{impact}").InnerTextAsync();
        return string.IsNullOrWhiteSpace(text) ? 0 : int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_manager_creates_and_rescores_a_risk_adds_a_treatment_action_and_sees_it_in_the_heat_map()
    {
        var page = await SignedInDemoMemberAsync(system, "manager@acme.example");
        var before = await ResidualCellAsync(page, 2, 2);
        var title = $"Heat-mapped risk {Guid.NewGuid():N}"[..28];

        await GotoInteractiveAsync(page, "/risks");
        await page.GetByTestId("new-risk").ClickAsync();
        await page.GetByTestId("risk-title").FillAsync(title);
        await ScoreAsync(page, "inherent", (5, "Almost certain"), (5, "Severe"));
        await ScoreAsync(page, "residual", (4, "Likely"), (4, "Major"));
        await page.GetByTestId("create-risk").ClickAsync();
        await page.GetByTestId("risk-table").GetByText(title).ClickAsync();

        await Assertions.Expect(page.GetByTestId("risk-heading")).ToHaveTextAsync(title);
        await Assertions.Expect(page.GetByTestId("risk-residual")).ToHaveTextAsync("16");
        await ScoreAsync(page, "assess-residual", (2, "Unlikely"), (2, "Minor"));
        await page.GetByTestId("assess-rationale").FillAsync("Disk encryption and remote wipe rolled out");
        await page.GetByTestId("assess-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("risk-residual")).ToHaveTextAsync("4");

        await page.GetByTestId("action-title").FillAsync("Quarterly check of remote wipe");
        await page.GetByTestId("action-add").ClickAsync();
        await Assertions.Expect(page.GetByTestId("actions-table")).ToContainTextAsync("Quarterly check of remote wipe");

        Assert.Equal(before + 1, await ResidualCellAsync(page, 2, 2));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_manager_requests_an_exception_and_an_approver_grants_it()
    {
        var manager = await SignedInDemoMemberAsync(system, "manager@acme.example");
        var riskTitle = $"Exception risk {Guid.NewGuid():N}"[..26];
        var scope = $"Legacy ERP {Guid.NewGuid():N}"[..22];
        await GotoInteractiveAsync(manager, "/risks");
        await manager.GetByTestId("new-risk").ClickAsync();
        await manager.GetByTestId("risk-title").FillAsync(riskTitle);
        await manager.GetByTestId("create-risk").ClickAsync();
        await Assertions.Expect(manager.GetByTestId("risk-table")).ToContainTextAsync(riskTitle);

        await GotoInteractiveAsync(manager, "/exceptions");
        await manager.GetByTestId("request-exception").ClickAsync();
        await ChooseAsync(manager, "exception-control", "A.8.5 Secure authentication");
        await ChooseAsync(manager, "exception-risk", riskTitle);
        await manager.GetByTestId("exception-scope").FillAsync(scope);
        await manager.GetByTestId("exception-reason").FillAsync("The ERP vendor ships SSO in the next release");
        await manager.GetByTestId("exception-compensating").FillAsync("VPN-only access and an IP allow-list");
        await manager.GetByTestId("submit-exception").ClickAsync();
        var requestedRow = manager.GetByTestId("exception-table").GetByRole(AriaRole.Row).Filter(new() { HasText = scope });
        await Assertions.Expect(requestedRow.GetByTestId("exception-status")).ToHaveTextAsync("Requested");
        await manager.Context.CloseAsync();

        var approver = await SignedInDemoMemberAsync(system, "approver@acme.example");
        await GotoInteractiveAsync(approver, "/exceptions");
        var row = approver.GetByTestId("exception-table").GetByRole(AriaRole.Row).Filter(new() { HasText = scope });
        await row.GetByTestId("approve-exception").ClickAsync();
        // The dialog suggests the date the requester asked for; granting it as asked.
        await approver.GetByTestId("decide-confirm").ClickAsync();

        await Assertions.Expect(row.GetByTestId("exception-status")).ToHaveTextAsync("Approved");
        await Assertions.Expect(row).ToContainTextAsync("(in ");
        await approver.Context.CloseAsync();
    }
}
