using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// HTTPS behind a TLS-terminating ingress (decision 0031). TLS ends at the ingress; the gateway believes the ingress's
/// X-Forwarded-For/Proto/Host (only from <c>ForwardedHeaders:KnownNetworks</c>, so a client cannot claim an address)
/// and passes the original scheme, host and client address on, so every service sees the request as the browser made
/// it: https links and redirects, per-client rate limits. Cookies are marked Secure outside Development
/// (<c>Security:SecureCookies</c>, default true there), whatever scheme the hop inside the cluster used.
/// </summary>
public static class TransportSecurity
{
    public const string SecureCookiesKey = "Security:SecureCookies";

    /// <summary>Whether every cookie is Secure: the setting when given, otherwise everywhere but Development (local runs are plain http).</summary>
    public static bool SecureCookies(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>(SecureCookiesKey) ?? !environment.IsDevelopment();

    /// <summary>
    /// Marks every cookie the app writes (sign-in, OIDC correlation and nonce, antiforgery) Secure when
    /// <see cref="SecureCookies"/> says so, through the cookie policy middleware: one rule for all of them, rather than
    /// one setting per cookie that a new cookie could miss. Use it with <see cref="UseSecureCookies"/>.
    /// </summary>
    public static TBuilder AddSecureCookies<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var secure = SecureCookies(builder.Configuration, builder.Environment);
        builder.Services.Configure<CookiePolicyOptions>(options => options.Secure = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.None);
        return builder;
    }

    /// <summary>Before anything that writes a cookie.</summary>
    public static WebApplication UseSecureCookies(this WebApplication app)
    {
        app.UseCookiePolicy();
        return app;
    }

    /// <summary>
    /// The edge (the gateway) trusts X-Forwarded-* only from the networks and proxies configured
    /// (<c>ForwardedHeaders:KnownNetworks</c> as CIDR, <c>ForwardedHeaders:KnownProxies</c> as addresses); with none
    /// configured, only from loopback (ASP.NET Core's default). One hop: the ingress.
    /// </summary>
    public static TBuilder AddEdgeForwardedHeaders<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var section = builder.Configuration.GetSection("ForwardedHeaders");
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var parsedNetworks = networks.Select(n => System.Net.IPNetwork.TryParse(n, out var network)
            ? network
            : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks has '{n}', which is not a network in CIDR notation (10.0.0.0/8).")).ToList();
        var parsedProxies = proxies.Select(p => IPAddress.TryParse(p, out var address)
            ? address
            : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies has '{p}', which is not an IP address.")).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.ForwardLimit = 1;
            foreach (var network in parsedNetworks)
            {
                options.KnownIPNetworks.Add(network);
            }

            foreach (var proxy in parsedProxies)
            {
                options.KnownProxies.Add(proxy);
            }
        });
        return builder;
    }

    /// <summary>
    /// Behind the gateway (web, identity-api): believe the X-Forwarded-* it sets, from any address, so redirects and
    /// links are built on the public scheme and host. The gateway is the only way in: in development it is any
    /// loopback process, in Kubernetes the only pod the NetworkPolicies let through. Use with <c>UseForwardedHeaders</c>.
    /// </summary>
    public static TBuilder AddGatewayForwardedHeaders<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
        });
        return builder;
    }

    /// <summary>
    /// At the edge: the forwarded headers first (so the rate limits see the client, not the ingress), then HSTS outside
    /// Development. HSTS is only sent on a request that arrived over https, which behind the ingress it now does.
    /// </summary>
    public static WebApplication UseEdgeTransportSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        return app;
    }
}
