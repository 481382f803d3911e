using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace IsmsCloud.IntegrationTests.Risk;

/// <summary>
/// Property-based: random JSON bodies for every create and update endpoint must be answered with a 2xx or a 4xx,
/// never a 5xx. Values mix right types, wrong types, out-of-range numbers, huge strings, strings with control
/// characters, nulls and junk dates.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RiskFuzzTests(PlatformFixture platform)
{
    private static readonly string[] Fields =
    [
        "title", "owner", "description", "threat", "vulnerability", "inherentLikelihood", "inherentImpact", "residualLikelihood", "residualImpact",
        "version", "rationale", "assetIds", "riskIds", "decision", "dueOn", "status", "ticketUrl", "name", "type", "classification", "inScope",
        "applicable", "justification", "implementationStatus", "evidenceCadenceDays", "controlId", "riskId", "affectedScope", "reason",
        "compensatingControls", "requestedExpiresOn", "expiresOn", "severity", "occurredAt", "detectedAt", "resolvedAt", "controls",
        "coversFrom", "coversTo", "source", "link", "lesson", "noControlReason", "note", "riskAppetite", "reviewIntervalDays",
    ];

    private static readonly Gen<string> Body = RandomBodies.Of(Fields);

    [Fact]
    public async Task Random_bodies_on_create_and_update_endpoints_never_cause_a_server_error()
    {
        var tenant = await platform.OnboardTenantAsync("fuzz");
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        var control = (await risk.ControlsAsync())[0];
        var existing = await risk.CreateRiskAsync("Fuzz target risk");
        var asset = await risk.PostAsJsonAsync("/api/risk/assets", new { name = "Fuzz asset", type = "System", classification = "Internal", owner = "riley.owner@example.com" }).OkJson(System.Net.HttpStatusCode.Created);
        var targets = new (HttpMethod Method, string Url)[]
        {
            (HttpMethod.Post, "/api/risk/risks"), (HttpMethod.Put, $"/api/risk/risks/{existing.Id()}"), (HttpMethod.Put, $"/api/risk/risks/{existing.Id()}/decision"),
            (HttpMethod.Post, $"/api/risk/risks/{existing.Id()}/actions"), (HttpMethod.Post, $"/api/risk/risks/{existing.Id()}/acceptances"),
            (HttpMethod.Post, "/api/risk/assets"), (HttpMethod.Put, $"/api/risk/assets/{asset.Id()}"),
            (HttpMethod.Put, $"/api/risk/controls/{control.Id()}"), (HttpMethod.Post, "/api/risk/controls"),
            (HttpMethod.Post, $"/api/risk/controls/{control.Id()}/evidence"), (HttpMethod.Post, "/api/risk/exceptions"),
            (HttpMethod.Post, "/api/risk/incidents"), (HttpMethod.Put, "/api/risk/settings"), (HttpMethod.Post, "/api/risk/soa/publish"),
        };

        await Gen.Select(Gen.Int[0, targets.Length - 1], Body).SampleAsync(async t =>
        {
            var (target, body) = t;
            var (method, url) = targets[target];
            using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            var response = await risk.SendAsync(request);
            if ((int)response.StatusCode >= 500)
            {
                throw new InvalidOperationException($"{method} {url} with {body} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }, iter: 400, threads: 1);
    }
}
