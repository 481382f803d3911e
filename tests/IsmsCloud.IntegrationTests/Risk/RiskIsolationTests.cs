using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace IsmsCloud.IntegrationTests.Risk;

/// <summary>Every risk-api endpoint answers 404 for another tenant's ids and keeps its records out of lists and exports.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RiskIsolationTests(PlatformFixture platform)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Another_tenants_ids_answer_404_on_every_endpoint_and_never_appear_in_lists_or_exports()
    {
        var a = await platform.OnboardTenantAsync("iso-a");
        var b = await platform.OnboardTenantAsync("iso-b");
        using var asA = platform.RiskApi(a.Tokens.AccessToken);
        using var asB = platform.RiskApi(b.Tokens.AccessToken);
        var controlsA = await asA.ControlsAsync();
        await asB.ControlsAsync();

        // Tenant A owns one of everything.
        var asset = await asA.PostAsJsonAsync("/api/risk/assets", new { name = "Secret asset A", type = "System", classification = "Restricted", owner = "riley.owner@example.com" }).OkJson(HttpStatusCode.Created);
        var risk = await asA.CreateRiskAsync("Secret risk A", 5, 5);
        var action = await asA.PostAsJsonAsync($"/api/risk/risks/{risk.Id()}/actions", new { title = "Secret action A", owner = "riley.owner@example.com", dueOn = Today.AddDays(1) }).OkJson(HttpStatusCode.Created);
        // Adding the action moved the risk's treatment schedule, so the risk is at version 1.
        await asA.PutAsJsonAsync($"/api/risk/risks/{risk.Id()}/decision", new { decision = "Accept", version = 1 }).OkJson();
        var control = controlsA[0];
        var evidence = await asA.PostAsJsonAsync($"/api/risk/controls/{control.Id()}/evidence", new { title = "Secret evidence A", coversFrom = Today.AddDays(-3), coversTo = Today }).OkJson(HttpStatusCode.Created);
        var exception = await asA.PostAsJsonAsync("/api/risk/exceptions", new
        {
            controlId = control.Id(), riskId = risk.Id(), affectedScope = "Secret scope A", reason = "A reason that is long enough",
            compensatingControls = "Something", requestedExpiresOn = Today.AddDays(30),
        }).OkJson(HttpStatusCode.Created);
        var now = DateTimeOffset.UtcNow;
        var incident = await asA.PostAsJsonAsync("/api/risk/incidents", new { title = "Secret incident A", severity = "Low", occurredAt = now.AddHours(-2), detectedAt = now.AddHours(-1) }).OkJson(HttpStatusCode.Created);

        var gets = new[]
        {
            $"/api/risk/assets/{asset.Id()}", $"/api/risk/risks/{risk.Id()}", $"/api/risk/risks/{risk.Id()}/assessments",
            $"/api/risk/controls/{control.Id()}", $"/api/risk/evidence/{evidence.Id()}", $"/api/risk/evidence/{evidence.Id()}/attachment",
            $"/api/risk/exceptions/{exception.Id()}", $"/api/risk/incidents/{incident.Id()}", "/api/risk/soa/versions/1",
        };
        foreach (var url in gets)
        {
            Assert.True((await asB.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, $"GET {url} must be 404 for another tenant");
        }

        var writes = new (HttpMethod Method, string Url, object Body)[]
        {
            (HttpMethod.Put, $"/api/risk/assets/{asset.Id()}", new { name = "Taken", type = "System", classification = "Public", owner = "other@example.com", version = 0 }),
            (HttpMethod.Put, $"/api/risk/risks/{risk.Id()}", RiskApiClient.UpdateBody("Taken", 1, 1, 0)),
            (HttpMethod.Put, $"/api/risk/risks/{risk.Id()}/decision", new { decision = "Avoid", version = 1 }),
            (HttpMethod.Post, $"/api/risk/risks/{risk.Id()}/actions", new { title = "Injected", owner = "other@example.com", dueOn = Today }),
            (HttpMethod.Post, $"/api/risk/risks/{risk.Id()}/acceptances", new { rationale = "Accepted by the wrong tenant", expiresOn = Today.AddDays(10) }),
            (HttpMethod.Put, $"/api/risk/actions/{action.Id()}", new { title = "Taken", owner = "other@example.com", dueOn = Today, version = 0 }),
            (HttpMethod.Put, $"/api/risk/controls/{control.Id()}", RiskTestKit.Control(false, "Taken", "NotImplemented")),
            (HttpMethod.Post, $"/api/risk/controls/{control.Id()}/evidence", new { title = "Injected", coversFrom = Today, coversTo = Today }),
            (HttpMethod.Put, $"/api/risk/evidence/{evidence.Id()}/attachment?fileName=a.txt", "hello"),
            (HttpMethod.Post, $"/api/risk/exceptions/{exception.Id()}/approve", new { version = 0 }),
            (HttpMethod.Post, $"/api/risk/exceptions/{exception.Id()}/reject", new { version = 0 }),
            (HttpMethod.Post, $"/api/risk/exceptions/{exception.Id()}/renew", new { version = 0 }),
            (HttpMethod.Post, $"/api/risk/exceptions/{exception.Id()}/close", new { version = 0 }),
            (HttpMethod.Put, $"/api/risk/incidents/{incident.Id()}", new { title = "Taken", severity = "Low", occurredAt = now.AddHours(-2), detectedAt = now.AddHours(-1), version = 0 }),
            (HttpMethod.Post, $"/api/risk/incidents/{incident.Id()}/lessons", new { lesson = "Injected", riskId = risk.Id(), owner = "other@example.com", dueOn = Today }),
            (HttpMethod.Post, $"/api/risk/incidents/{incident.Id()}/close", new { noControlReason = "n/a", version = 0 }),
            (HttpMethod.Delete, $"/api/risk/actions/{action.Id()}", new { }),
            (HttpMethod.Delete, $"/api/risk/evidence/{evidence.Id()}", new { }),
            (HttpMethod.Delete, $"/api/risk/assets/{asset.Id()}", new { }),
            (HttpMethod.Delete, $"/api/risk/risks/{risk.Id()}", new { }),
        };
        foreach (var (method, url, body) in writes)
        {
            using var request = new HttpRequestMessage(method, url) { Content = body is string text ? new StringContent(text) : JsonContent.Create(body) };
            var response = await asB.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {url} must be 404 for another tenant, was {(int)response.StatusCode}");
        }

        // Links to another tenant's records are refused as unknown, never made.
        var linked = await asB.PostAsJsonAsync("/api/risk/exceptions", new
        {
            controlId = control.Id(), riskId = risk.Id(), affectedScope = "x scope", reason = "A reason that is long enough", compensatingControls = "Some controls", requestedExpiresOn = Today.AddDays(3),
        }).Problem(HttpStatusCode.BadRequest);
        Assert.True(linked.GetProperty("errors").TryGetProperty("riskId", out _));

        foreach (var list in new[]
        {
            "assets", "risks", "actions", "evidence", "exceptions", "incidents", "reviews?open=false", "history/" + risk.Id(),
            // My work's filters: the same owner by name, and "me" for B's admin, see nothing of A's.
            $"actions?owner={RiskApiClient.Owner}&dueWithinDays=366", "actions?owner=me&dueWithinDays=366", "exceptions?owner=me&dueWithinDays=366",
            "exceptions?dueWithinDays=366", "controls?owner=me&evidenceDueWithinDays=366", "reviews?owner=me",
        })
        {
            var page = await asB.GetFromJsonAsync<JsonElement>($"/api/risk/{list}");
            Assert.False(page.ToString().Contains("Secret", StringComparison.Ordinal), $"{list} of B shows A's data: {page}");
        }

        Assert.Equal(0, (await asB.GetFromJsonAsync<JsonElement>("/api/risk/heatmap")).GetProperty("total").GetInt32());
        foreach (var register in new[] { "assets", "risks", "actions", "controls", "evidence", "exceptions", "incidents" })
        {
            var csv = await asB.GetStringAsync($"/api/risk/export/{register}.csv");
            Assert.False(csv.Contains("Secret", StringComparison.Ordinal), $"{register}.csv of B shows A's data");
            Assert.DoesNotContain(risk.Id().ToString(), csv, StringComparison.Ordinal);
        }

        // A still sees all of it, unchanged.
        var riskOfA = await asA.GetFromJsonAsync<JsonElement>($"/api/risk/risks/{risk.Id()}");
        Assert.Equal("Secret risk A", riskOfA.GetProperty("risk").GetProperty("title").GetString());
        Assert.Contains("Secret risk A", await asA.GetStringAsync("/api/risk/export/risks.csv"), StringComparison.Ordinal);
    }
}
