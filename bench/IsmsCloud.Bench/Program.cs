using IsmsCloud.Bench;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using IsmsCloud.Testing;

// Helpers for the benchmark scripts in bench/: a real sign-in (to get a token the way the web app does), onboarding a
// tenant through the admin API, and a paced load of risk changes (for the event-lag measurement). The measuring itself
// is done by the scripts.
return args switch
{
    ["token", var gateway, var email, var password] => await PrintTokenAsync(gateway, email, password),
    ["onboard", var gateway, var adminEmail, var adminPassword, var slug, var password] =>
        await OnboardAsync(gateway, adminEmail, adminPassword, slug, password),
    ["create-risks", var riskApi, var token, var count] => await CreateRisksAsync(riskApi, token, int.Parse(count), perSecond: 0),
    ["paced-risks", var riskApi, var token, var perSecond, var seconds] =>
        await CreateRisksAsync(riskApi, token, int.Parse(perSecond) * int.Parse(seconds), int.Parse(perSecond)),
    ["update-risk", var riskApis, var token, var riskId, var count, var warmup] =>
        await UpdateRiskAsync(riskApis.Split(','), token, Guid.Parse(riskId), int.Parse(count), int.Parse(warmup)),
    ["signals-lag", var gateway, var token, var owner, var perSecond, var seconds] =>
        await SignalsLag.RunAsync(gateway, token, owner, int.Parse(perSecond), int.Parse(seconds)),
    ["generate-trail", var connection, var tenantId, var service, var count] =>
        await AuditTrailGenerator.AppendAsync(connection, Guid.Parse(tenantId), service, int.Parse(count)),
    _ => Usage(),
};

static async Task<int> PrintTokenAsync(string gateway, string email, string password)
{
    using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
    {
        BaseAddress = new Uri(gateway),
    };
    var tokens = await new OidcTestClient(http, $"{gateway.TrimEnd('/')}/signin-oidc").SignInAsync(email, password);
    Console.WriteLine(tokens.AccessToken);
    return 0;
}

// Onboards a tenant through identity's admin API as the platform admin, sets its first admin's password through the
// one-time link (identity must run with Identity__ReturnInvitationLinks=true) and signs that admin in.
// Prints "TENANT_ID ACCESS_TOKEN".
static async Task<int> OnboardAsync(string gateway, string adminEmail, string adminPassword, string slug, string password)
{
    HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(gateway) };
    var redirect = $"{gateway.TrimEnd('/')}/signin-oidc";
    using var adminBrowser = Browser();
    var adminToken = (await new OidcTestClient(adminBrowser, redirect).SignInAsync(adminEmail, adminPassword)).AccessToken;
    using var api = new HttpClient { BaseAddress = new Uri(gateway) };
    api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
    var email = $"admin@{slug}.example";
    var response = await api.PostAsJsonAsync("/api/admin/tenants", new { name = $"Bench {slug}", slug, firstAdminEmail = email });
    response.EnsureSuccessStatusCode();
    var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    var tenantId = body.GetProperty("tenant").GetProperty("id").GetGuid();
    var link = body.GetProperty("invitationLink").GetString()
        ?? throw new InvalidOperationException("No invitation link: run identity with Identity__ReturnInvitationLinks=true.");
    using var browser = Browser();
    var oidc = new OidcTestClient(browser, redirect);
    await oidc.SetPasswordAsync(link, password);
    var tokens = await oidc.SignInAsync(email, password);
    Console.WriteLine($"{tenantId} {tokens.AccessToken}");
    return 0;
}

// Sends `count` creates, `perSecond` a second on a fixed schedule (0: as fast as one connection goes).
static async Task<int> CreateRisksAsync(string riskApi, string token, int count, int perSecond)
{
    using var http = new HttpClient { BaseAddress = new Uri(riskApi) };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    var clock = Stopwatch.StartNew();
    var inFlight = new List<Task<HttpResponseMessage>>();
    for (var i = 0; i < count; i++)
    {
        if (perSecond > 0)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }
        }

        var request = http.PostAsJsonAsync("/api/risk/risks", new { title = $"Bench risk {i:D5}", owner = "bench@example.com", inherentLikelihood = (i % 5) + 1, inherentImpact = ((i / 5) % 5) + 1, residualLikelihood = (i % 5) + 1, residualImpact = ((i / 5) % 5) + 1 });
        if (perSecond > 0)
        {
            inFlight.Add(request);
        }
        else
        {
            (await request).EnsureSuccessStatusCode();
        }
    }

    foreach (var response in await Task.WhenAll(inFlight))
    {
        response.EnsureSuccessStatusCode();
    }

    Console.Error.WriteLine($"created {count} risks in {clock.Elapsed.TotalSeconds:F1} s");
    return 0;
}

// Reassesses one risk `count` times per risk-api given (comma-separated), one request after the other and taking turns
// between them, so that every build sees the same moments of a noisy machine; each request carries the version the
// last one returned, whichever build answered it. `warmup` unmeasured turns first. Prints one line per risk-api:
// "p50 p95 p99 mean" in milliseconds. Every update changes the residual score with a rationale, so it saves the risk and
// a new assessment (and, with the chain, two audit entries).
static async Task<int> UpdateRiskAsync(string[] riskApis, string token, Guid riskId, int count, int warmup)
{
    var clients = riskApis.Select(url =>
    {
        var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }).ToArray();
    var current = await clients[0].GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/risk/risks/{riskId}");
    var version = current.GetProperty("risk").GetProperty("version").GetUInt32();
    // The owner stays who it is: naming someone else would need them to be an active member.
    var owner = current.GetProperty("risk").GetProperty("owner").GetString();
    var times = clients.Select(_ => new List<double>(count)).ToArray();
    for (var i = 0; i < warmup + count; i++)
    {
        for (var c = 0; c < clients.Length; c++)
        {
            var likelihood = 2 + ((i * clients.Length + c) % 2);
            var started = Stopwatch.GetTimestamp();
            var response = await clients[c].PutAsJsonAsync($"/api/risk/risks/{riskId}", new
            {
                title = "Benchmark risk reassessed", owner, inherentLikelihood = 4, inherentImpact = 4,
                residualLikelihood = likelihood, residualImpact = 3, version, rationale = $"Reassessment {i}.{c}",
            });
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            response.EnsureSuccessStatusCode();
            version = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("version").GetUInt32();
            if (i >= warmup)
            {
                times[c].Add(elapsed);
            }
        }
    }

    foreach (var measured in times)
    {
        measured.Sort();
        double At(double q) => measured[Math.Min(measured.Count - 1, (int)(q * measured.Count))];
        Console.WriteLine(FormattableString.Invariant($"{At(0.50):F2} {At(0.95):F2} {At(0.99):F2} {measured.Average():F2}"));
    }

    foreach (var client in clients)
    {
        client.Dispose();
    }

    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: token GATEWAY EMAIL PASSWORD | onboard GATEWAY ADMIN_EMAIL ADMIN_PASSWORD SLUG NEW_PASSWORD | create-risks RISK_API TOKEN COUNT | paced-risks RISK_API TOKEN PER_SECOND SECONDS | update-risk RISK_API[,RISK_API…] TOKEN RISK_ID COUNT WARMUP | signals-lag GATEWAY TOKEN OWNER PER_SECOND SECONDS | generate-trail CONNECTION TENANT_ID SERVICE COUNT");
    return 2;
}
