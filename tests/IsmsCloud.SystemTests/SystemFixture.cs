using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using IsmsCloud.Contracts;
using IsmsCloud.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IsmsCloud.SystemTests;

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}

/// <summary>
/// The whole product as the run command starts it — the AppHost with every service — on the test profile's
/// PostgreSQL and RabbitMQ, started once for the collection, plus one headless Chromium (Debian's) for the
/// browser tests. The gateway listens on a fixed port (tokens name it as their issuer and the browser is redirected
/// to it), one that does not collide with a developer's run on 8080.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    public const string PublicUrl = "http://localhost:18080/";
    private IPlaywright? _playwright;

    public DistributedApplication App { get; private set; } = null!;
    /// <summary>Every span every service exported while the collection ran (the dashboard is off in tests).</summary>
    public TraceCollector Traces { get; } = new();
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The AppHost's databases on the test server (isms_<service>), fresh for every run.
        await TestServers.DropDatabasesAsync("isms_identity", "isms_risk", "isms_reporting", "isms_trust", "isms_supplier", "isms_audit", "isms_web");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.IsmsCloud_AppHost>(
            [
                "DcpPublisher:RandomizePorts=false",
                $"PublicUrl={PublicUrl}",
                $"ConnectionStrings:postgres={TestServers.Postgres}",
                $"ConnectionStrings:rabbitmq={TestServers.RabbitMq}",
            ],
            (options, _) => options.DisableDashboard = true);
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.CreateResourceBuilder(project)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", Traces.Endpoint)
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "500")
                // The browser tests work in the demo tenant's workspace with records they make themselves; the 18-month
                // demo stories (tested by DemoStoryTests) would only slow start-up and crowd their pages.
                .WithEnvironment("Seed__DemoStory", "false");
        }

        App = await builder.BuildAsync();
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var states = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        _ = Task.Run(async () =>
        {
            await foreach (var e in App.ResourceNotifications.WatchAsync(startup.Token))
            {
                states[e.Resource.Name] = $"{e.Snapshot.State?.Text} health={e.Snapshot.HealthStatus}";
            }
        });
        try
        {
            await App.StartAsync(startup.Token);
            foreach (var resource in new[] { Resources.Identity, Resources.Risk, Resources.Reporting, Resources.Trust, Resources.Audit, Resources.Supplier, Resources.Web, Resources.Gateway })
            {
                await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, startup.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Say which resource never came up, rather than only "a task was canceled".
            throw new TimeoutException("The AppHost did not come up in 4 minutes: " +
                string.Join("; ", states.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            // As root in a sandbox-less container; no background traffic to hosts this machine cannot reach.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Traces.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    /// <summary>A client of the gateway that keeps cookies and shows each redirect, like a browser step by step.</summary>
    public static HttpClient GatewayClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = new Uri(PublicUrl),
        };

    public static OidcTestClient Oidc() => new(GatewayClient(), $"{PublicUrl}signin-oidc");

    public static HttpClient Authorized(string token)
    {
        var client = GatewayClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Onboards a tenant through the gateway as the platform admin does, and signs its first admin in.</summary>
    public static async Task<TokenSet> OnboardTenantAsync(string prefix)
    {
        var platformAdmin = await Oidc().SignInAsync("admin@isms.local", "Admin-Pass-2026!", tenant: "platform");
        using var admin = Authorized(platformAdmin.AccessToken);
        var slug = $"{prefix}-{Guid.NewGuid():N}"[..16];
        var onboarded = await admin.PostAsJsonAsync("/api/admin/tenants", new { name = "System Test Ltd", slug, firstAdminEmail = $"admin@{slug}.example" });
        Assert.Equal(HttpStatusCode.Created, onboarded.StatusCode);
        var link = (await onboarded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitationLink").GetString()!;

        var newAdmin = Oidc();
        await newAdmin.SetPasswordAsync(link, "System-Pass-2026!");
        return await newAdmin.SignInAsync($"admin@{slug}.example", "System-Pass-2026!");
    }
}
