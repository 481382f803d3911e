using System.Net;
using IsmsCloud.Gateway;
using IsmsCloud.Identity.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests;

/// <summary>
/// The gateway's microcache for the public trust portal: repeated anonymous reads of a portal page within the lifetime
/// reach trust-api once; per-visitor paths (NDA links, downloads) reach it every time.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class GatewayPortalCacheTests(PlatformFixture platform)
{
    private sealed class PortalGateway(ServiceFactory<TenantOnboarding> identity, string trustUrl) : WebApplicationFactory<GatewayEntryPoint>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("PortalMicrocache:Lifetime", "00:00:30");
            builder.UseSetting("services:trust-api:http:0", trustUrl);
            builder.ConfigureTestServices(services =>
                services.AddHttpClient("identity-metadata").ConfigurePrimaryHttpMessageHandler(() => identity.Server.CreateHandler()));
        }
    }

    [Fact]
    public async Task Portal_pages_are_served_from_the_edge_within_the_lifetime_but_visitor_paths_never_are()
    {
        // A stand-in trust-api that counts what reaches it.
        var hits = new Dictionary<string, int>();
        var backend = WebApplication.CreateSlimBuilder();
        backend.WebHost.UseUrls("http://127.0.0.1:0");
        await using var trust = backend.Build();
        trust.Run(async context =>
        {
            lock (hits)
            {
                hits[context.Request.Path] = hits.GetValueOrDefault(context.Request.Path) + 1;
            }

            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync($"<h1>{context.Request.Path}</h1>");
        });
        await trust.StartAsync();
        await using var gateway = new PortalGateway(platform.Identity, trust.Urls.First());
        using var client = gateway.CreateClient();

        foreach (var path in new[] { "/trust/acme", "/trust/acme", "/trust/acme/trust.json", "/trust/acme/trust.json", "/trust/acme/access/t0k3n/download", "/trust/acme/access/t0k3n/download" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        }

        Assert.Equal(1, hits["/trust/acme"]);
        Assert.Equal(1, hits["/trust/acme/trust.json"]);
        Assert.Equal(2, hits["/trust/acme/access/t0k3n/download"]);
        await trust.StopAsync();
    }
}
