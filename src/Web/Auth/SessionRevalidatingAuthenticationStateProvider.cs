using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace IsmsCloud.Web.Auth;

/// <summary>
/// A circuit keeps the user it started with. Checking every minute that the sign-in still has usable tokens (and
/// refreshing them ahead of expiry while at it) signs an open circuit out when identity-api has revoked them,
/// instead of leaving a page that looks signed in but whose every call fails; and a role an admin changed reaches
/// the circuit's menus and buttons with the refresh that brought it.
/// </summary>
public sealed class SessionRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, UserTokenStore store, SignInSession signIn)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    /// <summary>Shows the circuit the roles of a refreshed sign-in, when they differ from the ones it has.</summary>
    public async Task ApplyRolesAsync(IReadOnlyList<string>? roles)
    {
        var current = (await GetAuthenticationStateAsync()).User;
        var changed = SignInRoles.With(current, roles);
        if (!ReferenceEquals(changed, current))
        {
            SetAuthenticationState(Task.FromResult(new AuthenticationState(changed)));
        }
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var session = authenticationState.User.FindFirst(WebClaims.Session)?.Value;
        var tokens = session is null ? null : await store.GetCurrentAsync(session, seed: null, cancellationToken);
        if (tokens is null)
        {
            if (session is not null && await store.HasEndedAsync(session, cancellationToken))
            {
                signIn.End();
            }

            return false;
        }

        await ApplyRolesAsync(tokens.Roles);
        return true;
    }
}
