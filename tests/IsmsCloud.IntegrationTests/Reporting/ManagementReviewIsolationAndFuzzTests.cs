using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using IsmsCloud.IntegrationTests.Risk;
using static IsmsCloud.IntegrationTests.Reporting.ManagementReviewTests;

namespace IsmsCloud.IntegrationTests.Reporting;

/// <summary>Every management-review endpoint: 404 for another tenant's ids, lists kept apart, and bad input answered 4xx, never 5xx.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ManagementReviewIsolationAndFuzzTests(PlatformFixture platform)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Another_tenants_reviews_answer_404_on_every_endpoint_and_never_appear_in_its_list()
    {
        var a = await platform.OnboardTenantAsync("mri-a");
        var b = await platform.OnboardTenantAsync("mri-b");
        await platform.KnownToReportingAsync(a.TenantId);
        await platform.KnownToReportingAsync(b.TenantId);
        using var asA = platform.ReportingApi(a.Tokens.AccessToken);
        using var asB = platform.ReportingApi(b.Tokens.AccessToken);
        using var riskA = platform.RiskApi(a.Tokens.AccessToken);
        var riskOfA = await riskA.CreateRiskAsync("Secret risk A");
        await KnowsRiskAsync(riskOfA.Id());
        var review = await PlanAsync(asA, a, "Secret review A", Today);
        var decision = await asA.PostAsJsonAsync($"{Reviews}/{review.Id()}/decisions",
            new { kind = "Resources", summary = "Secret decision A", version = review.GetProperty("version").GetInt64() }).OkJson(HttpStatusCode.Created);
        var version = (await asA.GetAsync($"{Reviews}/{review.Id()}").OkJson()).GetProperty("version").GetInt64();

        foreach (var url in new[] { $"{Reviews}/{review.Id()}", $"{Reviews}/{review.Id()}/pack.pdf", $"{Reviews}/{review.Id()}/decisions.csv" })
        {
            Assert.True((await asB.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, $"GET {url} must be 404 for another tenant");
        }

        var writes = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Put, $"{Reviews}/{review.Id()}", new { title = "Taken", reviewDate = Today, chair = b.AdminEmail, attendees = Array.Empty<string>(), version }),
            (HttpMethod.Post, $"{Reviews}/{review.Id()}/decisions", new { kind = "Resources", summary = "Injected", version }),
            (HttpMethod.Put, $"{Reviews}/{review.Id()}/decisions/{decision.Id()}", new { kind = "Resources", summary = "Taken", version }),
            (HttpMethod.Delete, $"{Reviews}/{review.Id()}/decisions/{decision.Id()}?version={version}", null),
            (HttpMethod.Post, $"{Reviews}/{review.Id()}/sign", new { version }),
        };
        foreach (var (method, url, body) in writes)
        {
            using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
            var response = await asB.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {url} must be 404 for another tenant, was {(int)response.StatusCode}");
        }

        // B cannot link A's risk or request an action on it: it is no risk of B's.
        var ofB = await PlanAsync(asB, b, "Review B", Today);
        var refused = await asB.PostAsJsonAsync($"{Reviews}/{ofB.Id()}/decisions", new
        {
            kind = "RiskAcceptance", summary = "Accept A's risk", links = new[] { new { type = "Risk", id = riskOfA.Id() } },
            actions = new[] { new { riskId = riskOfA.Id(), title = "Injected", owner = b.AdminEmail, dueOn = Today } },
            version = ofB.GetProperty("version").GetInt64(),
        }).Problem(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("links[0].id", out _));
        Assert.DoesNotContain("Secret", (await asB.GetAsync($"{Reviews}/{ofB.Id()}").OkJson()).GetRawText(), StringComparison.Ordinal);

        var listOfB = await asB.GetAsync(Reviews).OkJson();
        Assert.Equal(1, listOfB.GetProperty("totalCount").GetInt32());
        Assert.DoesNotContain("Secret", listOfB.GetRawText(), StringComparison.Ordinal);
        var listOfA = await asA.GetAsync(Reviews).OkJson();
        Assert.Equal("Secret review A", Assert.Single(listOfA.GetProperty("items").EnumerateArray()).GetProperty("title").GetString());
        Assert.Equal("Secret decision A", (await asA.GetAsync($"{Reviews}/{review.Id()}").OkJson()).GetProperty("decisions")[0].GetProperty("summary").GetString());
    }

    /// <summary>Waits until reporting holds the risk as a fact (decisions link only risks reporting knows).</summary>
    private Task KnowsRiskAsync(Guid riskId) =>
        IsmsCloud.Testing.Eventually.ReturnsAsync(async () =>
        {
            await using var scope = platform.Reporting.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IsmsCloud.Reporting.Infrastructure.ReportingDbContext>().Facts.IgnoreQueryFilters()
                .AnyAsync(f => f.RecordId == riskId);
        }, known => known, because: "reporting knows the risk");

    private static readonly string[] Fields =
    [
        "title", "reviewDate", "chair", "attendees", "issueChanges", "interestedPartiesFeedback", "improvementOpportunities", "version",
        "kind", "summary", "links", "actions", "type", "id", "riskId", "owner", "dueOn",
    ];

    [Fact]
    public async Task Random_bodies_and_junk_on_every_management_review_endpoint_never_cause_a_server_error()
    {
        var tenant = await platform.OnboardTenantAsync("mrfuzz");
        await platform.KnownToReportingAsync(tenant.TenantId);
        using var reporting = platform.ReportingApi(tenant.Tokens.AccessToken);
        // Dated tomorrow, so that a random body can never sign it and lock the rest of the run out.
        var review = await PlanAsync(reporting, tenant, "Fuzz review", Today.AddDays(1));
        var decision = await reporting.PostAsJsonAsync($"{Reviews}/{review.Id()}/decisions",
            new { kind = "Objectives", summary = "Fuzz decision", version = review.GetProperty("version").GetInt64() }).OkJson(HttpStatusCode.Created);

        var targets = new (HttpMethod Method, string Url)[]
        {
            (HttpMethod.Post, Reviews), (HttpMethod.Put, $"{Reviews}/{review.Id()}"), (HttpMethod.Post, $"{Reviews}/{review.Id()}/decisions"),
            (HttpMethod.Put, $"{Reviews}/{review.Id()}/decisions/{decision.Id()}"), (HttpMethod.Post, $"{Reviews}/{review.Id()}/sign"),
        };
        var body = RandomBodies.Of(Fields);
        var answered = 0;
        await Gen.Select(Gen.Int[0, targets.Length - 1], body).SampleAsync(async t =>
        {
            var (target, json) = t;
            var (method, url) = targets[target];
            using var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            var response = await reporting.SendAsync(request);
            if ((int)response.StatusCode >= 500)
            {
                throw new InvalidOperationException($"{method} {url} with {json} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            Interlocked.Increment(ref answered);
        }, iter: 400, threads: 1);
        Assert.Equal(400, answered);

        var version = (await reporting.GetAsync($"{Reviews}/{review.Id()}").OkJson()).GetProperty("version").GetInt64();
        var cases = new (HttpMethod Method, string Url, string? Body, HttpStatusCode Expected)[]
        {
            (HttpMethod.Post, Reviews, "{}", HttpStatusCode.BadRequest),
            (HttpMethod.Post, Reviews, "null", HttpStatusCode.BadRequest),
            (HttpMethod.Post, Reviews, $"{{\"title\":\"T\",\"reviewDate\":\"2027-01-01\",\"chair\":\"{tenant.AdminEmail}\"}}", HttpStatusCode.BadRequest),
            (HttpMethod.Post, Reviews, $"{{\"title\":\"Title\",\"reviewDate\":\"9999-12-31\",\"chair\":\"{tenant.AdminEmail}\"}}", HttpStatusCode.BadRequest),
            (HttpMethod.Post, Reviews, "{\"title\":\"Title\",\"reviewDate\":\"2027-01-01\",\"chair\":\"nobody@elsewhere.example\"}", HttpStatusCode.BadRequest),
            (HttpMethod.Post, Reviews, $"{{\"title\":\"Title\",\"reviewDate\":\"2027-01-01\",\"chair\":\"{tenant.AdminEmail}\",\"attendees\":[null,\"x\"]}}", HttpStatusCode.BadRequest),
            (HttpMethod.Post, Reviews, $"{{\"title\":\"Title\",\"reviewDate\":\"2027-01-01\",\"chair\":\"{tenant.AdminEmail}\",\"attendees\":[{string.Join(',', Enumerable.Repeat("\"a@b.c\"", 51))}]}}", HttpStatusCode.BadRequest),
            (HttpMethod.Put, $"{Reviews}/{review.Id()}", $"{{\"title\":\"Title\",\"reviewDate\":\"2027-01-01\",\"chair\":\"{tenant.AdminEmail}\",\"issueChanges\":\"{new string('x', 4001)}\",\"version\":{version}}}", HttpStatusCode.BadRequest),
            (HttpMethod.Put, $"{Reviews}/{review.Id()}", $"{{\"title\":\"Title\",\"reviewDate\":\"2027-01-01\",\"chair\":\"{tenant.AdminEmail}\",\"version\":-1}}", HttpStatusCode.BadRequest),
            (HttpMethod.Put, $"{Reviews}/{review.Id()}", $"{{\"title\":\"Title\",\"reviewDate\":\"{Today.AddDays(1):yyyy-MM-dd}\",\"chair\":\"{tenant.AdminEmail}\",\"version\":{version + 7}}}", HttpStatusCode.Conflict),
            (HttpMethod.Post, $"{Reviews}/{review.Id()}/decisions", $"{{\"kind\":\"Nope\",\"summary\":\"S\",\"version\":{version}}}", HttpStatusCode.BadRequest),
            (HttpMethod.Post, $"{Reviews}/{review.Id()}/decisions", $"{{\"kind\":\"Resources\",\"summary\":\"Summary\",\"links\":[null,{{\"type\":\"Risk\"}}],\"actions\":[null,{{}}],\"version\":{version}}}", HttpStatusCode.BadRequest),
            (HttpMethod.Post, $"{Reviews}/{review.Id()}/decisions", $"{{\"kind\":\"Resources\",\"summary\":\"Summary\",\"links\":[{{\"type\":\"Planet\",\"id\":\"{Guid.NewGuid()}\"}}],\"version\":{version}}}", HttpStatusCode.BadRequest),
            (HttpMethod.Post, $"{Reviews}/{review.Id()}/sign", "{\"version\":\"one\"}", HttpStatusCode.BadRequest),
            (HttpMethod.Post, $"{Reviews}/{review.Id()}/sign", $"{{\"version\":{version}}}", HttpStatusCode.Conflict), // dated tomorrow
            (HttpMethod.Delete, $"{Reviews}/{review.Id()}/decisions/{decision.Id()}?version=abc", null, HttpStatusCode.BadRequest),
            (HttpMethod.Delete, $"{Reviews}/{review.Id()}/decisions/{decision.Id()}", null, HttpStatusCode.BadRequest),
            (HttpMethod.Delete, $"{Reviews}/{review.Id()}/decisions/{Guid.NewGuid()}?version={version}", null, HttpStatusCode.NotFound),
            (HttpMethod.Get, $"{Reviews}/{Guid.NewGuid()}", null, HttpStatusCode.NotFound),
            (HttpMethod.Get, $"{Reviews}/{Guid.NewGuid()}/pack.pdf", null, HttpStatusCode.NotFound),
            (HttpMethod.Get, $"{Reviews}/{Guid.NewGuid()}/decisions.csv", null, HttpStatusCode.NotFound),
            (HttpMethod.Get, $"{Reviews}/not-a-guid", null, HttpStatusCode.NotFound),
        };
        foreach (var (method, url, json, expected) in cases)
        {
            using var request = new HttpRequestMessage(method, url) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };
            var response = await reporting.SendAsync(request);
            Assert.True(response.StatusCode == expected, $"{method} {url} {json?[..Math.Min(json.Length, 120)]} answered {(int)response.StatusCode}, expected {(int)expected}");
        }

        // A viewer-like member (a risk owner) may read but not plan.
        var owner = await platform.Oidc().SignInAsync(RiskApiClient.Owner, PlatformFixture.Password, tenant: tenant.TenantId.ToString());
        using var asOwner = platform.ReportingApi(owner.AccessToken);
        await asOwner.GetAsync(Reviews).OkJson();
        await asOwner.PostAsJsonAsync(Reviews, new { title = "Not mine", reviewDate = Today, chair = RiskApiClient.Owner }).Problem(HttpStatusCode.Forbidden);
    }
}
