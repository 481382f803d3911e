using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using IsmsCloud.Testing;

// Helpers for the benchmark scripts in bench/: a real sign-in (to get a token the way the web app does) and a
// paced load of risk changes (for the event-lag measurement). The measuring itself is done by the scripts.
return args switch
{
    ["token", var gateway, var email, var password] => await PrintTokenAsync(gateway, email, password),
    ["create-risks", var riskApi, var token, var count] => await CreateRisksAsync(riskApi, token, int.Parse(count), perSecond: 0),
    ["paced-risks", var riskApi, var token, var perSecond, var seconds] =>
        await CreateRisksAsync(riskApi, token, int.Parse(perSecond) * int.Parse(seconds), int.Parse(perSecond)),
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

static int Usage()
{
    Console.Error.WriteLine("usage: token GATEWAY EMAIL PASSWORD | create-risks RISK_API TOKEN COUNT | paced-risks RISK_API TOKEN PER_SECOND SECONDS");
    return 2;
}
