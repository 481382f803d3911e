using System.Net;
using System.Net.Http.Json;
using IsmsCloud.Contracts;
using IsmsCloud.Testing;

namespace IsmsCloud.SystemTests;

/// <summary>What the dashboard shows: one user request is one trace across every process it touched.</summary>
[Collection(SystemCollection.Name)]
public sealed class TracingTests(SystemFixture system)
{
    private const int Server = 2;
    private const int Producer = 4;
    private const int Consumer = 5;

    [Fact]
    public async Task A_risk_created_through_the_gateway_is_one_trace_across_gateway_risk_api_rabbitmq_and_reporting_api()
    {
        var tokens = await SystemFixture.OnboardTenantAsync("trace");
        using var tenant = SystemFixture.Authorized(tokens.AccessToken);
        // Owners must be active members now: the tenant's first admin is one.
        var owner = IsmsCloud.Testing.JwtPayload.Read(tokens.AccessToken).GetProperty("email").GetString();

        var created = await tenant.PostAsJsonAsync("/api/risk/risks", new { title = "Traced risk", owner, inherentLikelihood = 2, inherentImpact = 2, residualLikelihood = 1, residualImpact = 1 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // Without an id from the caller, the gateway's correlation id is the trace id of the request.
        var traceId = created.Headers.GetValues(CorrelationIdHeader).Single();

        try
        {
            await Eventually.ReturnsAsync(
                () => Task.FromResult(system.Traces.Trace(traceId)),
                spans => spans.Any(s => s.Service == Resources.Gateway && s.Kind == Server)
                    && spans.Any(s => s.Service == Resources.Risk && s.Kind == Server)
                    && spans.Any(s => s.Service == Resources.Risk && s.Kind == Producer && IsRabbitMq(s))
                    && spans.Any(s => s.Service == Resources.Reporting && s.Kind == Consumer && IsRabbitMq(s)),
                TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            var seen = system.Traces.Trace(traceId).Select(s => $"{s.Service}/{s.Kind}/{s.Name}" +
                (s.Kind is Producer or Consumer ? $" {{{string.Join("; ", s.Attributes.Select(a => $"{a.Key}={a.Value}"))}}}" : ""));
            var services = system.Traces.Spans.GroupBy(s => s.Service).Select(g => $"{g.Key}: {g.Count()}");
            throw new TimeoutException($"Trace {traceId} did not reach reporting-api through RabbitMQ. In the trace: [{string.Join(", ", seen)}]. " +
                $"Spans collected per service: [{string.Join(", ", services)}].");
        }
    }

    private const string CorrelationIdHeader = "X-Correlation-ID";

    // MassTransit names the broker in its addresses (rabbitmq://host/queue) and, in newer versions, in messaging.system.
    private static bool IsRabbitMq(CollectedSpan span) =>
        span.Attributes.GetValueOrDefault("messaging.system") == "rabbitmq"
        || span.Attributes.Values.Any(v => v.StartsWith("rabbitmq://", StringComparison.Ordinal));
}
