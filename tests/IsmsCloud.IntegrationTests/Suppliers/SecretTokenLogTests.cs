using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using IsmsCloud.Gateway;
using IsmsCloud.Identity.Tenants;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IsmsCloud.IntegrationTests.Suppliers;

/// <summary>
/// The secrets in public links (a questionnaire's token, a trust portal NDA link's token) never reach a request log, a
/// proxy log or a trace attribute: not in supplier-api or trust-api, and not in the gateway that forwards them.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SecretTokenLogTests(PlatformFixture platform)
{
    private sealed class Gateway(ServiceFactory<TenantOnboarding> identity, string backendUrl, CapturedLogs logs) : WebApplicationFactory<GatewayEntryPoint>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("services:supplier-api:http:0", backendUrl);
            builder.UseSetting("services:trust-api:http:0", backendUrl);
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
            builder.ConfigureTestServices(services =>
                services.AddHttpClient("identity-metadata").ConfigurePrimaryHttpMessageHandler(() => identity.Server.CreateHandler()));
        }
    }

    private const string StandInTag = "test.stand-in";

    [Fact]
    public async Task Questionnaire_and_NDA_link_tokens_are_in_no_log_and_no_trace_of_the_services_or_the_gateway()
    {
        var tenant = await platform.SupplierTenantAsync("suplog");
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        var template = (await suppliers.PostAsJsonAsync("/api/suppliers/questionnaire-templates", new
        {
            name = "Logged questionnaire", questions = new[] { new { text = "Logged?", type = "YesNo" } },
        }).OkJson(HttpStatusCode.Created)).Id();
        var supplier = (await suppliers.CreateSupplierAsync("Logged Supplier")).Id();
        var linkPath = (await suppliers.PostAsJsonAsync($"/api/suppliers/{supplier}/questionnaires", new { templateId = template, contactEmail = "log@supplier.example" })
            .OkJson(HttpStatusCode.Created)).GetProperty("linkPath").GetString()!;
        var questionnaireToken = linkPath.Split('/')[^1];
        var ndaToken = $"nda{Guid.NewGuid():N}";
        var ndaPath = $"/trust/{tenant.Slug}/access/{ndaToken}";

        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        // A stand-in behind the gateway, so the gateway's own logs and traces are what is looked at.
        var backend = WebApplication.CreateSlimBuilder();
        backend.WebHost.UseUrls("http://127.0.0.1:0");
        await using var standIn = backend.Build();
        standIn.Run(context =>
        {
            // The stand-in is no part of the product: its own request activity is left out of the check.
            Activity.Current?.SetTag(StandInTag, true);
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = "/questionnaires/answer";
            return Task.CompletedTask;
        });
        await standIn.StartAsync();
        var gatewayLogs = new CapturedLogs();
        await using var gateway = new Gateway(platform.Identity, standIn.Urls.First(), gatewayLogs);
        using var throughGateway = gateway.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var toSuppliers = platform.Suppliers.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var toTrust = platform.Trust.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.SeeOther, (await toSuppliers.GetAsync(linkPath)).StatusCode);
        await toTrust.GetAsync(ndaPath); // an unknown token: refused, but its path went through the same pipeline
        Assert.Equal(HttpStatusCode.SeeOther, (await throughGateway.GetAsync(linkPath)).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await throughGateway.GetAsync(ndaPath)).StatusCode);

        // Each request's activities stop when its pipeline ends, which may be a moment after the client has the answer.
        bool Redacted(Activity a, string prefix) => a.GetTagItem("url.path") is string path && path.StartsWith(prefix + "[redacted]", StringComparison.Ordinal);
        await Eventually.ReturnsAsync(() => Task.FromResult(activities.ToArray()),
            seen => seen.Count(a => Redacted(a, "/questionnaires/t/")) >= 3 && seen.Count(a => Redacted(a, $"/trust/{tenant.Slug}/access/")) >= 3,
            because: "the server activities of supplier-api, trust-api and the gateway (and its proxied call) stop");

        foreach (var token in new[] { questionnaireToken, ndaToken })
        {
            Assert.All(activities.Where(a => a.GetTagItem(StandInTag) is null), a =>
            {
                Assert.DoesNotContain(token, a.DisplayName, StringComparison.Ordinal);
                Assert.All(a.TagObjects, t => Assert.DoesNotContain(token, t.Value?.ToString() ?? "", StringComparison.Ordinal));
            });
            foreach (var (host, logs) in new[] { ("supplier-api", platform.Suppliers.Logs), ("trust-api", platform.Trust.Logs), ("gateway", gatewayLogs) })
            {
                Assert.True(logs.Entries.Count > 0, $"{host} logged nothing: the capture is not wired");
                Assert.DoesNotContain(logs.Entries, e => e.Contains(token, StringComparison.Ordinal));
            }
        }

        await standIn.StopAsync();
    }
}
