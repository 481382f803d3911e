using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>
/// The trust portal end to end: edited in the workspace, read anonymously at /trust/acme through the gateway, in a real
/// browser. The demo tenant "acme" (Development seed) starts with a published scope and a valid certificate.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TrustPortalBrowserTests(SystemFixture system)
{
    private static async Task AddCertificateAsync(IPage page, string number, DateOnly? issued = null, DateOnly? expires = null)
    {
        await GotoInteractiveAsync(page, "/portal/certificates");
        await page.GetByTestId("new-certificate").ClickAsync();
        await page.GetByTestId("cert-body").FillAsync("Browser Certification Ltd");
        await page.GetByTestId("cert-number").FillAsync(number);
        if (issued is { } i)
        {
            await page.GetByTestId("cert-issued").FillAsync(i.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (expires is { } e)
        {
            await page.GetByTestId("cert-expires").FillAsync(e.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        await page.GetByTestId("save-certificate").ClickAsync();
        await Assertions.Expect(page.GetByTestId("certificate-table")).ToContainTextAsync(number);
    }

    [Fact]
    public async Task A_scope_published_with_two_exclusions_shows_them_and_their_reasons_on_the_anonymous_portal()
    {
        var page = await SignedInDemoMemberAsync(system, "manager@acme.example");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var exclusions = new[] { ($"Mobile app {tag}", "Built by a separate team outside the ISMS; planned for next year."),
                                 ($"Legacy FTP {tag}", "Being retired; no customer data since March.") };

        await GotoInteractiveAsync(page, "/portal/scope");
        await page.GetByTestId("scope-start-draft").ClickAsync();
        var existing = await page.Locator("[data-testid^=exclusion-subject-]").CountAsync();
        for (var i = 0; i < exclusions.Length; i++)
        {
            await page.GetByTestId("add-exclusion").ClickAsync();
            await page.GetByTestId($"exclusion-subject-{existing + i}").FillAsync(exclusions[i].Item1);
            await page.GetByTestId($"exclusion-justification-{existing + i}").FillAsync(exclusions[i].Item2);
        }

        await page.GetByTestId("publish-scope").ClickAsync();
        await Assertions.Expect(page.GetByTestId("scope-start-draft")).ToBeVisibleAsync();
        // The certification body extends the certificate to the new version (the form picks the latest version).
        await AddCertificateAsync(page, $"EXT-{tag}");
        await page.Context.CloseAsync();

        var visitor = await NewPageAsync(system);
        var response = await visitor.GotoAsync("/trust/acme");
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Not covered by the certificate" })).ToBeVisibleAsync();
        foreach (var (subject, reason) in exclusions)
        {
            await Assertions.Expect(visitor.Locator($"[data-exclusion=\"{subject}\"]")).ToContainTextAsync(reason);
        }

        Assert.Equal(0, await visitor.Locator("script").CountAsync());
        await visitor.Context.CloseAsync();
    }

    [Fact]
    public async Task A_certificate_whose_expiry_date_has_passed_is_shown_as_expired()
    {
        // The moved clock is tested in-process (integration tests, ShiftableClock); here the product runs on the real
        // clock, so the certificate's expiry date is put in the past instead — no test-only switch in production code.
        var page = await SignedInDemoMemberAsync(system, "manager@acme.example");
        var number = $"OLD-{Guid.NewGuid():N}"[..12];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await AddCertificateAsync(page, number, today.AddYears(-3), today.AddDays(-1));
        await Assertions.Expect(page.Locator($"tr[data-certificate=\"{number}\"]")).ToContainTextAsync("Expired");
        await page.Context.CloseAsync();

        var visitor = await NewPageAsync(system);
        await visitor.GotoAsync("/trust/acme");
        var status = visitor.Locator($"[data-certificate=\"{number}\"] [data-validity]");
        await Assertions.Expect(status).ToHaveTextAsync("Expired");
        await Assertions.Expect(visitor.Locator($"[data-certificate=\"{number}\"]")).ToContainTextAsync("it no longer certifies anything");
        await visitor.Context.CloseAsync();
    }

    [Fact]
    public async Task An_unknown_portal_is_a_404_page_through_the_gateway()
    {
        using var client = SystemFixture.GatewayClient();
        var response = await client.GetAsync("/trust/no-such-company");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no trust portal at this address.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var json = await client.GetAsync("/trust/acme/trust.json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.NotNull(json.Headers.ETag);
    }
}
