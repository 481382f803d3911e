using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace IsmsCloud.Bench;

/// <summary>
/// Event lag from a commit in risk-api to the changed figure in reporting (issue 12): adds treatment actions due
/// yesterday to 50 risks of its own in turn (an action changes its risk's version, so concurrent ones on one risk
/// would conflict), <c>perSecond</c> a second on a fixed schedule, each making <c>treatmentOverdue.overdueActions</c>
/// one larger; meanwhile one client reads <c>GET /api/reporting/signals</c> through the gateway as fast as it answers.
/// The lag of the n-th action is the first moment a read showed at least n more overdue actions minus the moment the
/// n-th create (in order of their answers) was answered, so it includes the outbox relay, the broker, the consumer and
/// one read. Prints "p50 p95 p99 max reads" in milliseconds.
/// </summary>
public static class SignalsLag
{
    private const int Risks = 50;

    public static async Task<int> RunAsync(string gateway, string token, string owner, int perSecond, int seconds)
    {
        using var http = new HttpClient { BaseAddress = new Uri(gateway) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var risks = new List<Guid>(Risks);
        for (var r = 0; r < Risks; r++)
        {
            var created = await http.PostAsJsonAsync("/api/risk/risks", new
            {
                title = $"Lag probe risk {r:D2}", owner, inherentLikelihood = 4, inherentImpact = 4, residualLikelihood = 3, residualImpact = 3,
            });
            created.EnsureSuccessStatusCode();
            risks.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        var baseline = await OverdueActionsAsync(http);
        var count = perSecond * seconds;
        var clock = Stopwatch.StartNew();
        var committed = new List<double>(count);
        var seen = new List<(double At, int Overdue)>();
        using var stop = new CancellationTokenSource();

        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var overdue = await OverdueActionsAsync(http);
                lock (seen)
                {
                    seen.Add((clock.Elapsed.TotalMilliseconds, overdue - baseline));
                }

                if (overdue - baseline >= count)
                {
                    return;
                }
            }
        });

        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var creates = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var title = $"Lag probe {i:D5}";
            var riskId = risks[i % Risks];
            creates.Add(Task.Run(async () =>
            {
                var response = await http.PostAsJsonAsync($"/api/risk/risks/{riskId}/actions", new { title, owner, dueOn = yesterday });
                if (response.StatusCode == System.Net.HttpStatusCode.Conflict)
                {
                    // Two actions on one risk at the same moment: the client tries again, as the workspace would.
                    response = await http.PostAsJsonAsync($"/api/risk/risks/{riskId}/actions", new { title, owner, dueOn = yesterday });
                }

                response.EnsureSuccessStatusCode();
                lock (committed)
                {
                    committed.Add(clock.Elapsed.TotalMilliseconds);
                }
            }));
        }

        await Task.WhenAll(creates);
        var finished = await Task.WhenAny(reader, Task.Delay(TimeSpan.FromSeconds(60)));
        await stop.CancelAsync();
        if (finished != reader)
        {
            Console.Error.WriteLine($"reporting did not show all {count} actions within 60 s of the last create");
            return 1;
        }

        committed.Sort();
        var lags = new List<double>(count);
        for (var n = 1; n <= count; n++)
        {
            var shown = seen.First(s => s.Overdue >= n).At;
            lags.Add(Math.Max(0, shown - committed[n - 1]));
        }

        lags.Sort();
        double At(double q) => lags[Math.Min(lags.Count - 1, (int)(q * lags.Count))];
        Console.WriteLine(FormattableString.Invariant($"{At(0.50):F1} {At(0.95):F1} {At(0.99):F1} {lags[^1]:F1} {seen.Count}"));
        return 0;
    }

    private static async Task<int> OverdueActionsAsync(HttpClient http)
    {
        var signals = await http.GetFromJsonAsync<JsonElement>("/api/reporting/signals");
        return signals.GetProperty("treatmentOverdue").GetProperty("overdueActions").GetInt32();
    }
}
