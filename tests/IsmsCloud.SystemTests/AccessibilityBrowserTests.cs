using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>
/// axe-core over every page of the workspace (issue 14), as the people who use them see them: the demo tenant's admin
/// (who is shown every page and every manager's form), its viewer (the read-only variants), the platform admin, and a
/// visitor not signed in. A violation of impact "serious" or "critical" fails the test, named by page, rule and nodes.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AccessibilityBrowserTests(SystemFixture system)
{
    private const string Manager = "manager@acme.example";
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Every page of a tenant member (the @page routes under src/Web/Components), detail pages filled in later.</summary>
    private static readonly string[] TenantPages =
    [
        "/", "/my-work", "/risks", "/risks/heatmap", "/risks/settings", "/assets", "/soa", "/soa/versions", "/exceptions", "/incidents",
        "/evidence", "/suppliers", "/suppliers/templates", "/audits", "/findings", "/corrective-actions", "/access-reviews",
        "/management-reviews", "/portal", "/portal/profile", "/portal/scope", "/portal/certificates", "/portal/documents",
        "/portal/requests", "/members", "/integrations", "/audit-trail", "/not-found", "/access-denied",
    ];

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>One record of each kind that has a page of its own, made through the API as the demo manager.</summary>
    private static async Task<string[]> DetailPagesAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        using var api = SystemFixture.Authorized((await SystemFixture.Oidc().SignInAsync(Manager, DemoPassword)).AccessToken);
        var risk = await OkAsync(api.PostAsJsonAsync("/api/risk/risks", new
        {
            title = $"Accessible risk {tag}", owner = Manager, inherentLikelihood = 4, inherentImpact = 4, residualLikelihood = 3, residualImpact = 3,
        }), HttpStatusCode.Created);
        var incident = await OkAsync(api.PostAsJsonAsync("/api/risk/incidents", new
        {
            title = $"Accessible incident {tag}", severity = "Low", occurredAt = DateTimeOffset.UtcNow.AddHours(-2), detectedAt = DateTimeOffset.UtcNow.AddHours(-1),
        }), HttpStatusCode.Created);
        var supplier = await OkAsync(api.PostAsJsonAsync("/api/suppliers", new { legalName = $"Accessible supplier {tag}", owner = Manager }),
            HttpStatusCode.Created);
        var audit = await OkAsync(api.PostAsJsonAsync("/api/audit/audits", new
        {
            title = $"Accessible audit {tag}", kind = "Internal", year = Today.Year, scope = "The ISMS", criteria = "Clauses 4–10",
            auditor = "auditor@acme.example", plannedStartOn = Today, plannedEndOn = Today.AddDays(1),
        }), HttpStatusCode.Created);
        var auditId = audit.GetProperty("id").GetGuid();
        await OkAsync(api.PostAsJsonAsync($"/api/audit/audits/{auditId}/start", new { on = Today, version = audit.GetProperty("version").GetUInt32() }));
        var finding = await OkAsync(api.PostAsJsonAsync($"/api/audit/audits/{auditId}/findings",
            new { kind = "MinorNonconformity", reference = "A.8.8", description = $"Patching late {tag}" }), HttpStatusCode.Created);
        var campaign = await OkAsync(api.PostAsJsonAsync("/api/audit/access-reviews", new
        {
            system = $"Accessible system {tag}", title = $"Accessible review {tag}", reviewers = new[] { "owner@acme.example" }, dueOn = Today.AddDays(7),
        }), HttpStatusCode.Created);
        var campaignId = campaign.GetProperty("campaign").GetProperty("id").GetGuid();
        var csv = $"user,email,account,entitlements,privileged,last_login\nPat {tag},pat-{tag}@acme.example,pat-{tag},read,no,2026-06-01\n";
        await OkAsync(api.PostAsync($"/api/audit/access-reviews/{campaignId}/items/import", new StringContent(csv, Encoding.UTF8, "text/csv")));
        var control = (await OkAsync(api.GetAsync("/api/risk/controls?pageSize=1"))).GetProperty("items")[0];
        var review = await OkAsync(api.PostAsJsonAsync("/api/reporting/management-reviews", new { title = $"Accessible management review {tag}", reviewDate = Today, chair = Manager }),
            HttpStatusCode.Created);
        return
        [
            $"/risks/{risk.GetProperty("id").GetGuid()}",
            $"/incidents/{incident.GetProperty("id").GetGuid()}",
            $"/soa/controls/{control.GetProperty("id").GetGuid()}",
            $"/suppliers/{supplier.GetProperty("id").GetGuid()}",
            $"/audits/{auditId}",
            $"/findings/{finding.GetProperty("finding").GetProperty("id").GetGuid()}",
            $"/access-reviews/{campaignId}",
            $"/management-reviews/{review.GetProperty("id").GetGuid()}",
        ];
    }

    /// <summary>
    /// Opens the page interactively and waits for its content: its heading, and no loading indicator left in the main
    /// area (the data of a page arrives after the circuit is up, and axe should judge what a person ends up with).
    /// </summary>
    private static async Task OpenAsync(IPage page, string path)
    {
        await GotoInteractiveAsync(page, path);
        await Assertions.Expect(page.Locator("main h1").First).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("""
            () => {
                const main = document.querySelector('main');
                return main !== null
                    && main.querySelector('[role=progressbar], .mud-table-loading, .mud-skeleton') === null
                    && !/\bLoading\b/.test(main.innerText);
            }
            """);
    }

    /// <summary>The serious and critical violations of the page as shown now, one line per rule with its nodes.</summary>
    private static async Task<IEnumerable<string>> ViolationsAsync(IPage page, string who, string path)
    {
        // Not into frames: the only one, the trust profile's preview of the public portal, is sandboxed without
        // scripts (it shows tenant-written HTML), so axe cannot run in it and waiting for it never ends. Its <iframe>
        // element itself (its title) is still checked here.
        var result = await page.RunAxe(new AxeRunOptions { Iframes = false });
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{who} {path}: {v.Id} ({v.Impact}, {v.Help}) at " +
                         string.Join(" | ", v.Nodes.Select(n => $"{n.Target} {n.Html}")));
    }

    private static async Task<List<string>> VisitAsync(IPage page, string who, IEnumerable<string> paths)
    {
        var found = new List<string>();
        foreach (var path in paths)
        {
            await OpenAsync(page, path);
            // axe's evaluation has no timeout of its own: a page it cannot finish on should fail naming the page.
            try
            {
                found.AddRange(await ViolationsAsync(page, who, path).WaitAsync(TimeSpan.FromSeconds(90)));
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"axe did not finish on {path} ({who}) in 90 s");
            }
        }

        return found;
    }

    [Fact]
    public async Task Every_workspace_page_has_no_serious_or_critical_accessibility_violation()
    {
        var details = await DetailPagesAsync();
        var found = new List<string>();

        var visitor = await NewPageAsync(system);
        found.AddRange(await VisitAsync(visitor, "visitor", ["/", "/not-found", "/access-denied"]));
        await visitor.Context.CloseAsync();

        var admin = await SignedInDemoMemberAsync(system, "admin@acme.example");
        found.AddRange(await VisitAsync(admin, "tenant admin", [.. TenantPages, .. details]));
        await admin.Context.CloseAsync();

        var viewer = await SignedInDemoMemberAsync(system, "viewer@acme.example");
        found.AddRange(await VisitAsync(viewer, "viewer", [.. TenantPages.Except(["/integrations", "/audit-trail"]), .. details]));
        await viewer.Context.CloseAsync();

        var platformAdmin = await NewPageAsync(system);
        await SubmitLoginAsync(platformAdmin, "admin@isms.local", "Admin-Pass-2026!");
        await Assertions.Expect(platformAdmin.GetByRole(AriaRole.Heading, new() { Name = "Platform administration" })).ToBeVisibleAsync();
        found.AddRange(await VisitAsync(platformAdmin, "platform admin", ["/", "/admin/tenants"]));
        await platformAdmin.Context.CloseAsync();

        Assert.True(found.Count == 0, $"{found.Count} serious or critical accessibility violations:\n{string.Join("\n", found)}");
    }
}
