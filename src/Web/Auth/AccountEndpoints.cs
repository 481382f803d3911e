using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;

namespace IsmsCloud.Web.Auth;

/// <summary>Sign-in, sign-out and tenant switching: plain HTTP endpoints, because each one redirects the browser.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("account");

        // A sign-in that identity-api just ended (a removed or suspended member) is first told why, with the way
        // back to where they were; signing in from there comes back here unmarked.
        account.MapGet("login", IResult (HttpContext context, string? returnUrl) =>
                SignInEnded.Take(context)
                    ? TypedResults.LocalRedirect($"/?signin=ended&returnUrl={Uri.EscapeDataString(LocalUrl.OrRoot(returnUrl))}")
                    : TypedResults.Challenge(new AuthenticationProperties { RedirectUri = LocalUrl.OrRoot(returnUrl) },
                        [OpenIdConnectDefaults.AuthenticationScheme]))
            .AllowAnonymous();

        // A form POST with an antiforgery token ([FromForm] makes the endpoint require one), so another site
        // cannot sign the user out. Signing out of OIDC too ends the session at identity-api (end-session endpoint).
        account.MapPost("logout", ([FromForm] string? returnUrl) =>
                TypedResults.SignOut(new AuthenticationProperties { RedirectUri = LocalUrl.OrRoot(returnUrl) },
                    [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]))
            .AllowAnonymous();

        // Identity issues a new token for the chosen tenant (it checks the membership); the new sign-in replaces
        // the cookie, and the old sign-in's tokens are dropped (TokenCookieEvents.SigningIn).
        account.MapGet("switch-tenant/{tenantId:guid}", (Guid tenantId) =>
            {
                var properties = new AuthenticationProperties { RedirectUri = "/" };
                properties.SetParameter(WebAuthentication.TenantParameter, tenantId.ToString());
                return TypedResults.Challenge(properties, [OpenIdConnectDefaults.AuthenticationScheme]);
            })
            .RequireAuthorization();

        return app;
    }
}
