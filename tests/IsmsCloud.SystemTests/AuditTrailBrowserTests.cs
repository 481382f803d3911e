using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>The "Audit trail" page in a real browser, through the gateway: for auditors and admins only, verify and export.</summary>
[Collection(SystemCollection.Name)]
public sealed class AuditTrailBrowserTests(SystemFixture system)
{
    [Fact]
    public async Task An_auditor_reads_the_trail_verifies_the_chain_and_downloads_the_export()
    {
        var page = await SignedInDemoMemberAsync(system, "auditor@acme.example");
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();
        // The home page shows the same circuit marker: wait for the new address before waiting for the marker.
        await page.WaitForURLAsync("**/audit-trail");
        await WaitForCircuitAsync(page);

        // The newest entry first, whatever other tests changed last: a numbered, hashed change of some record.
        await Assertions.Expect(page.GetByTestId("trail-table").Locator("tbody tr").First).ToContainTextAsync(new Regex("(Created|Updated|Deleted)"));
        await page.GetByTestId("trail-verify").ClickAsync();
        await Assertions.Expect(page.GetByTestId("trail-verification")).ToContainTextAsync("Intact");

        var export = await page.Context.APIRequest.GetAsync("/audit-trail/export/risk?format=jsonl");
        Assert.Equal(200, export.Status);
        var first = (await export.TextAsync()).Split('\n')[0];
        Assert.StartsWith("{\"action\":\"Created\"", first, StringComparison.Ordinal);
        Assert.Contains("\"sequence\":1,\"service\":\"risk\"", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_is_not_offered_the_trail_and_its_export_is_refused()
    {
        var page = await SignedInDemoMemberAsync(system, "viewer@acme.example");

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit trail" })).ToHaveCountAsync(0);
        var export = await page.Context.APIRequest.GetAsync("/audit-trail/export/risk", new() { MaxRedirects = 0 });
        Assert.NotEqual(200, export.Status);
    }
}
