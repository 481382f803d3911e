using IsmsCloud.Web.Api;
using IsmsCloud.Web.Auth;
using Microsoft.AspNetCore.HttpOverrides;
using MudBlazor.Services;

namespace IsmsCloud.Web;

public static class WebServices
{
    public static IHostApplicationBuilder AddWebServices(this IHostApplicationBuilder builder)
    {
        // The app is reached through the YARP gateway: trusting its X-Forwarded-* headers makes the OIDC handler
        // build redirect URIs on the gateway's public address (http://localhost:8080/signin-oidc), not on ours.
        // Known proxies are cleared because in development the gateway is any loopback process; in production the
        // web app must only be reachable through the gateway (or list it in KnownProxies).
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
        });

        builder.AddSecureCookies();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.AddWebAuthentication();
        builder.AddApiClients();
        return builder;
    }

    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecureCookies();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }
}
