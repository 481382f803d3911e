using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Contracts;
using IsmsCloud.Testing;
using IsmsCloud.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IsmsCloud.IntegrationTests.Web;

/// <summary>
/// One instance of the web app as far as sessions go: its real service registrations (AddWebServices) on a database
/// of the test PostgreSQL, with a clock the test moves. Not started (no Kestrel, no sweep): the tests call what a
/// request would. Two of these on one database are two replicas; disposing one and building another is a restart.
/// </summary>
public sealed class WebInstance : IAsyncDisposable
{
    private readonly IHost host;

    private WebInstance(IHost host) => this.host = host;

    public IServiceProvider Services => host.Services;

    /// <summary>The session cookie's format: what the cookie handler writes into and reads from the browser's cookie.</summary>
    public ISecureDataFormat<AuthenticationTicket> CookieFormat =>
        Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme).TicketDataFormat;

    public static string ConnectionString(string database) => $"{TestServers.Postgres};Database={database}";

    /// <summary>Builds an instance on <paramref name="database"/> and applies the web's migrations, as start-up does.</summary>
    public static async Task<WebInstance> StartAsync(string database, TimeProvider clock)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{Resources.WebDb}"] = ConnectionString(database),
            // Sign-in settings the web checks as it starts; no identity-api is called by these tests.
            ["Identity:Issuer"] = "http://localhost:18999/",
            ["Identity:WebClientSecret"] = "web-instance-tests",
            ["Gateway:Url"] = "http://localhost:18998/",
        });
        builder.AddWebServices();
        builder.Services.AddSingleton(clock);
        var host = builder.Build();
        foreach (var migration in host.Services.GetServices<IDatabaseMigration>())
        {
            await migration.MigrateAsync(CancellationToken.None);
        }

        return new WebInstance(host);
    }

    public async ValueTask DisposeAsync()
    {
        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }
}
