using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>
/// Supplier assurance end to end through the gateway: a manager registers a Critical supplier and sends it a
/// questionnaire; the link, opened in a fresh anonymous browser context, is answered and submitted; the manager completes
/// the assessment and the supplier's assurance gap goes away.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class SupplierBrowserTests(SystemFixture system)
{
    [Fact]
    public async Task A_manager_registers_a_critical_supplier_sends_a_questionnaire_the_supplier_answers_it_anonymously_and_the_gap_closes()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var supplierName = $"Critical Hosting {tag} B.V.";
        var templateName = $"Security questionnaire {tag}";
        var page = await SignedInDemoMemberAsync(system, "manager@acme.example");

        await GotoInteractiveAsync(page, "/suppliers/templates");
        await page.GetByTestId("template-name").FillAsync(templateName);
        await page.GetByTestId("template-add").ClickAsync();
        await Assertions.Expect(page.GetByTestId("template").Filter(new() { HasText = templateName })).ToHaveCountAsync(1);

        await GotoInteractiveAsync(page, "/suppliers");
        await page.GetByTestId("supplier-name").FillAsync(supplierName);
        await ChooseAsync(page, "supplier-criticality", "Critical");
        await page.GetByTestId("supplier-services").FillAsync("Hosting, Backups");
        await page.GetByTestId("supplier-add").ClickAsync();
        var row = page.GetByTestId("supplier-table").Locator("tr", new() { HasText = supplierName });
        await Assertions.Expect(row).ToContainTextAsync("No valid assessment");
        await row.GetByRole(AriaRole.Link, new() { Name = supplierName }).ClickAsync();
        await WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("supplier-gap-reasons")).ToContainTextAsync("No valid assessment");

        await ChooseAsync(page, "questionnaire-template", templateName);
        await page.GetByTestId("questionnaire-contact").FillAsync("security@critical-hosting.example");
        await page.GetByTestId("questionnaire-send").ClickAsync();
        var linkField = page.GetByTestId("questionnaire-link");
        await Assertions.Expect(linkField).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/questionnaires/t/"));
        var link = await linkField.InputValueAsync();

        // The supplier's contact: no account, a browser of their own, no script needed.
        var visitorContext = await system.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, ViewportSize = new() { Width = 390, Height = 844 } });
        var visitor = await visitorContext.NewPageAsync();
        var opened = await visitor.GotoAsync(link);
        Assert.Equal(200, opened!.Status);
        Assert.DoesNotContain("/questionnaires/t/", visitor.Url, StringComparison.Ordinal);
        Assert.Equal("no-referrer", await opened.HeaderValueAsync("referrer-policy"));
        await visitor.GetByLabel("Yes").First.CheckAsync();
        await visitor.GetByLabel("EU").CheckAsync();
        await visitor.Locator("textarea").First.FillAsync("We page the on-call engineer and inform customers within 24 hours.");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Status)).ToContainTextAsync("Your draft is saved.");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Submit answers" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Thank you" })).ToBeVisibleAsync();
        await visitorContext.CloseAsync();

        await page.ReloadAsync();
        await WaitForCircuitAsync(page);
        var assessment = page.Locator("[data-testid=assessment][data-status=Submitted]");
        await Assertions.Expect(assessment.GetByTestId("assessment-answers")).ToContainTextAsync("We page the on-call engineer");
        await assessment.GetByTestId("assessment-note").FillAsync("Low residual risk.");
        await assessment.GetByTestId("assessment-complete").ClickAsync();
        await Assertions.Expect(page.GetByTestId("supplier-no-gap")).ToBeVisibleAsync();

        await GotoInteractiveAsync(page, "/suppliers");
        await page.GetByText("With gaps only").ClickAsync();
        await Assertions.Expect(page.GetByTestId("supplier-table")).Not.ToContainTextAsync(supplierName);
        await page.Context.CloseAsync();
    }
}
