using IsmsCloud.Web.Api;
using IsmsCloud.Web.Auth;
using MudBlazor.Services;

namespace IsmsCloud.Web;

public static class WebServices
{
    public static IHostApplicationBuilder AddWebServices(this IHostApplicationBuilder builder)
    {
        // Reached through the YARP gateway: the OIDC handler builds redirect URIs on the gateway's public address
        // (http://localhost:8080/signin-oidc), not on ours.
        builder.AddGatewayForwardedHeaders();

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
