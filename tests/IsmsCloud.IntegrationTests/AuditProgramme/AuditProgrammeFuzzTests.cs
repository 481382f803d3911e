using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsCheck;
using IsmsCloud.IntegrationTests.Risk;
using Microsoft.Extensions.DependencyInjection;
using static IsmsCloud.IntegrationTests.AuditProgramme.AuditProgrammeApiClient;

namespace IsmsCloud.IntegrationTests.AuditProgramme;

/// <summary>Property-based: 1,200 random JSON bodies on audit-api's create and update endpoints are answered 2xx or 4xx, never 5xx.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AuditProgrammeFuzzTests(PlatformFixture platform)
{
    private static readonly string[] Fields =
    [
        "title", "kind", "year", "scope", "criteria", "auditor", "externalBody", "plannedStartOn", "plannedEndOn", "version", "on",
        "reference", "description", "evidenceSeen", "rootCauseCategory", "rootCauseAnalysis", "raisedOn", "reason",
        "owner", "dueOn", "status", "evidenceLink", "effectivenessCheckDays", "note", "result",
        "system", "reviewers", "decision", "justification", "evidence",
    ];

    private static readonly Gen<string> Body = RandomBodies.Of(Fields);

    [Fact]
    public async Task Random_bodies_on_create_and_update_endpoints_never_cause_a_server_error()
    {
        var tenant = await platform.OnboardTenantAsync("afuzz");
        using var audit = platform.AuditApi(tenant.Tokens.AccessToken);
        var running = await audit.RunAuditAsync("Fuzz audit", Today, auditor: tenant.AdminEmail);
        var planned = await audit.PostAsJsonAsync("/api/audit/audits", AuditBody("Planned fuzz audit", auditor: tenant.AdminEmail)).OkJson(HttpStatusCode.Created);
        var finding = (await audit.RaiseAsync(running.Id(), "A.8.8")).GetProperty("finding");
        var action = await audit.PostAsJsonAsync($"/api/audit/findings/{finding.Id()}/actions",
            new { title = "Fuzz action", owner = tenant.AdminEmail, dueOn = Today.AddDays(5), effectivenessCheckDays = 1 }).OkJson(HttpStatusCode.Created);
        var campaign = (await audit.PostAsJsonAsync("/api/audit/access-reviews",
            new { system = "Fuzz system", title = "Fuzz campaign", reviewers = new[] { tenant.AdminEmail }, dueOn = Today.AddDays(5) }).OkJson(HttpStatusCode.Created)).GetProperty("campaign");
        var imported = await audit.PostAsync($"/api/audit/access-reviews/{campaign.Id()}/items/import", Csv(AccountsCsv(5))).OkJson();
        await audit.PostAsJsonAsync($"/api/audit/access-reviews/{campaign.Id()}/open", new { version = imported.GetProperty("campaign").Version() }).OkJson();
        var item = (await audit.GetFromJsonAsync<JsonElement>($"/api/audit/access-reviews/{campaign.Id()}/items")).GetProperty("items")[0];
        // A draft that can take supplier access (one account of its system is known): the first valid body takes it, the rest are refused.
        var draft = (await audit.PostAsJsonAsync("/api/audit/access-reviews",
            new { system = "Fuzz supplier system", title = "Fuzz supplier campaign", reviewers = new[] { tenant.AdminEmail }, dueOn = Today.AddDays(5) }).OkJson(HttpStatusCode.Created)).GetProperty("campaign");
        await platform.Audit.Services.GetRequiredService<MassTransit.IBus>().Publish(new Contracts.Events.SupplierAccessChanged(tenant.TenantId, Guid.NewGuid(), Guid.NewGuid(), 1,
            "Fuzz Supplier", "Fuzz supplier system", "fuzz-account", null, null, "read", false, Today.AddDays(-1), null, null, false, DateTimeOffset.UtcNow));

        var targets = new (HttpMethod Method, string Url)[]
        {
            (HttpMethod.Post, "/api/audit/audits"), (HttpMethod.Put, $"/api/audit/audits/{planned.Id()}"),
            (HttpMethod.Post, $"/api/audit/audits/{planned.Id()}/start"), (HttpMethod.Post, $"/api/audit/audits/{running.Id()}/complete"),
            (HttpMethod.Post, $"/api/audit/audits/{running.Id()}/findings"), (HttpMethod.Put, $"/api/audit/findings/{finding.Id()}"),
            (HttpMethod.Post, $"/api/audit/findings/{finding.Id()}/withdraw"), (HttpMethod.Post, $"/api/audit/findings/{finding.Id()}/close"),
            (HttpMethod.Post, $"/api/audit/findings/{finding.Id()}/actions"), (HttpMethod.Put, $"/api/audit/corrective-actions/{action.Id()}"),
            (HttpMethod.Post, $"/api/audit/corrective-actions/{action.Id()}/close"), (HttpMethod.Post, $"/api/audit/corrective-actions/{action.Id()}/effectiveness"),
            (HttpMethod.Post, "/api/audit/access-reviews"), (HttpMethod.Put, $"/api/audit/access-reviews/{campaign.Id()}"),
            (HttpMethod.Post, $"/api/audit/access-reviews/{campaign.Id()}/close"),
            (HttpMethod.Post, $"/api/audit/access-reviews/{campaign.Id()}/items/{item.Id()}/decision"),
            (HttpMethod.Post, $"/api/audit/access-reviews/{campaign.Id()}/items/{item.Id()}/verification"),
            (HttpMethod.Post, $"/api/audit/access-reviews/{draft.Id()}/items/from-supplier-access"),
        };
        var answered = 0;
        await Gen.Select(Gen.Int[0, targets.Length - 1], Body).SampleAsync(async t =>
        {
            var (target, body) = t;
            var (method, url) = targets[target];
            using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            var response = await audit.SendAsync(request);
            if ((int)response.StatusCode >= 500)
            {
                throw new InvalidOperationException($"{method} {url} with {body} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            Interlocked.Increment(ref answered);
        }, iter: 1200, threads: 1);
        Assert.Equal(1200, answered);

        // Junk query strings and CSV on the list and import endpoints, too.
        foreach (var url in new[] { "/api/audit/findings?kind=Nope", "/api/audit/findings?recurring=maybe", "/api/audit/audits?year=abc", "/api/audit/findings?pageSize=0",
                     "/api/audit/access-reviews/summary?asOf=2026-13-45", "/api/audit/corrective-actions?sort=Sideways", $"/api/audit/findings?search={new string('x', 300)}" })
        {
            Assert.True((int)(await audit.GetAsync(url)).StatusCode is >= 400 and < 500, url);
        }

        var other = (await audit.PostAsJsonAsync("/api/audit/access-reviews",
            new { system = "Fuzz CSV", title = "Fuzz CSV campaign", reviewers = new[] { tenant.AdminEmail }, dueOn = Today.AddDays(5) }).OkJson(HttpStatusCode.Created)).GetProperty("campaign");
        foreach (var csv in new[] { "", "user", "\"unterminated,account\n", "user,account\n\u0000,\u0001\n", "user,account\nA,\n", "account\nonly\n" })
        {
            var response = await audit.PostAsync($"/api/audit/access-reviews/{other.Id()}/items/import", Csv(csv));
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{csv} answered {(int)response.StatusCode}");
        }
    }
}
