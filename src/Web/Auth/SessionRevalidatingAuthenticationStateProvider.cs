using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace IsmsCloud.Web.Auth;

/// <summary>
/// A circuit keeps the user it started with. Checking every minute that the sign-in still has usable tokens (and
/// refreshing them ahead of expiry while at it) signs an open circuit out when identity-api has revoked them,
/// instead of leaving a page that looks signed in but whose every call fails.
/// </summary>
public sealed class SessionRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, UserTokenStore store)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var session = authenticationState.User.FindFirst(WebClaims.Session)?.Value;
        return session is not null && await store.GetCurrentAsync(session, seed: null, cancellationToken) is not null;
    }
}
