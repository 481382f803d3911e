using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.Testing;

namespace IsmsCloud.IntegrationTests;

/// <summary>
/// PostgreSQL restarted under load (issue 15): while it is down every request is answered 503 with problem details and
/// Retry-After, never a 500 or a stack; nothing is half-written; once it is back the same service processes serve
/// again, reads, writes and the outbox relay alike, without being restarted.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DatabaseOutageTests(PlatformFixture platform)
{
    private sealed record Answer(HttpStatusCode Status, string? MediaType, string? RetryAfter, string Body);

    private static async Task<Answer> AnswerOf(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter?.ToString(),
            await response.Content.ReadAsStringAsync());
    }

    private static void AssertUnavailable(Answer answer, string what)
    {
        Assert.True(answer.Status == HttpStatusCode.ServiceUnavailable, $"{what}: {(int)answer.Status} {answer.Body}");
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal("5", answer.RetryAfter);
        var problem = JsonDocument.Parse(answer.Body).RootElement;
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("database", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // No exception and no stack: not even in Development, where problem details may carry them.
        Assert.DoesNotContain("Npgsql", answer.Body, StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("exception", out _), answer.Body);
    }

    [Fact]
    public async Task While_PostgreSQL_restarts_requests_get_503_problem_details_and_the_services_recover_without_a_restart()
    {
        var tenant = await platform.OnboardTenantAsync("outage");
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        using var audit = platform.AuditApi(tenant.Tokens.AccessToken);
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);
        await risk.CreateRiskAsync("Before the outage");
        await Eventually.ReturnsAsync(reporting.RiskCountAsync, n => n == 1, because: "the tenant and its first risk reach reporting");

        // Load: four readers keep asking the risk register from before the stop until after the restart.
        var seen = new ConcurrentBag<Answer>();
        using var stopLoad = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stopLoad.IsCancellationRequested)
            {
                seen.Add(await AnswerOf(risk.GetAsync("/api/risk/risks?pageSize=10")));
            }
        })).ToArray();

        await Eventually.ReturnsAsync(() => Task.FromResult(seen.Count), n => n >= 8, because: "the readers are running");
        await TestServers.StopPostgresAsync();
        try
        {
            AssertUnavailable(await AnswerOf(risk.GetAsync("/api/risk/risks")), "a read in risk-api");
            AssertUnavailable(await AnswerOf(risk.PostAsJsonAsync("/api/risk/risks", RiskApiClient.RiskBody("During the outage"))), "a write in risk-api");
            AssertUnavailable(await AnswerOf(audit.GetAsync("/api/audit/audits")), "a read in audit-api");
            await Eventually.ReturnsAsync(() => Task.FromResult(seen.Count(a => a.Status == HttpStatusCode.ServiceUnavailable)), n => n >= 4,
                because: "the readers are answered 503 while the database is down");
        }
        finally
        {
            await TestServers.StartPostgresAsync();
        }

        // Back without restarting anything: the pools open new connections (a broken pooled one may fail one more request).
        await Eventually.ReturnsAsync(async () => (await AnswerOf(risk.GetAsync("/api/risk/risks"))).Status, s => s == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "risk-api serves again");
        var okAfter = seen.Count(a => a.Status == HttpStatusCode.OK);
        await Eventually.ReturnsAsync(() => Task.FromResult(seen.Count(a => a.Status == HttpStatusCode.OK)), n => n >= okAfter + 8,
            TimeSpan.FromSeconds(60), "the readers are answered again");
        await stopLoad.CancelAsync();
        await Task.WhenAll(readers);

        // Under load, every answer was a page or a clean 503: never a 500.
        Assert.All(seen.Where(a => a.Status != HttpStatusCode.OK), a => AssertUnavailable(a, "a reader's answer"));
        Assert.Contains(seen, a => a.Status == HttpStatusCode.ServiceUnavailable);

        // Nothing of the refused write was kept; a new write commits and its event still travels through the outbox.
        // (A pooled connection the restart broke fails the one request that draws it, with the same 503: so each step
        // below is asked until it is answered.)
        var register = await Eventually.ReturnsAsync(() => AnswerOf(risk.GetAsync("/api/risk/risks?pageSize=50")), a => a.Status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "risk-api lists the register");
        var titles = JsonDocument.Parse(register.Body).RootElement.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("title").GetString()).ToList();
        Assert.Equal(["Before the outage"], titles);
        await Eventually.ReturnsAsync(async () => (await AnswerOf(audit.GetAsync("/api/audit/audits"))).Status, s => s == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "audit-api serves again");
        var created = await Eventually.ReturnsAsync(() => AnswerOf(risk.PostAsJsonAsync("/api/risk/risks", RiskApiClient.RiskBody("After the outage"))),
            a => a.Status != HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60), "risk-api takes a write again");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        await Eventually.ReturnsAsync(reporting.RiskCountAsync, n => n == 2, TimeSpan.FromSeconds(60), "the new risk's event reaches reporting");
    }
}
