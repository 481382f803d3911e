using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace IsmsCloud.Web.Auth;

/// <summary>
/// Keeps the tokens saved in the auth cookie current on every HTTP request (page loads and the Blazor hub's own
/// requests), as the cookie <c>OnValidatePrincipal</c> refresher of Microsoft's BlazorWebAppOidc sample does, but
/// through <see cref="UserTokenStore"/> so that it agrees with what circuits refreshed meanwhile.
/// </summary>
public sealed class TokenCookieEvents(UserTokenStore store, ILogger<TokenCookieEvents> logger) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var session = SessionOf(context.Principal);
        var cookieTokens = UserTokens.From(context.Properties);
        var current = session is null || cookieTokens is null
            ? null
            : await store.GetCurrentAsync(session, cookieTokens, context.HttpContext.RequestAborted);

        if (current is null)
        {
            // Refresh refused (the member was removed or suspended), expired while identity-api was away, or a
            // cookie from before tokens were kept: the user signs in again, told why when identity-api ended it.
            logger.LogInformation("Sign-in {Session} ended: its tokens could not be refreshed", session);
            if (session is not null && await store.HasEndedAsync(session, context.HttpContext.RequestAborted))
            {
                SignInEnded.Mark(context.HttpContext);
            }

            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        if (!current.SameTokensAs(cookieTokens!))
        {
            current.WriteTo(context.Properties);
            context.ShouldRenew = true;
        }

        if (context.Principal is { } principal && SignInRoles.With(principal, current.Roles) is var withRoles && !ReferenceEquals(withRoles, principal))
        {
            context.ReplacePrincipal(withRoles);
            context.ShouldRenew = true;
        }
    }

    /// <summary>A new sign-in (for example a tenant switch) replaces the previous one: drop its tokens.</summary>
    public override async Task SigningIn(CookieSigningInContext context)
    {
        var previous = SessionOf(context.HttpContext.User);
        if (previous is not null && previous != SessionOf(context.Principal))
        {
            await store.ForgetAsync(previous);
        }
    }

    public override async Task SigningOut(CookieSigningOutContext context)
    {
        if (SessionOf(context.HttpContext.User) is { } session)
        {
            await store.ForgetAsync(session);
        }
    }

    private static string? SessionOf(ClaimsPrincipal? principal) => principal?.FindFirst(WebClaims.Session)?.Value;
}
