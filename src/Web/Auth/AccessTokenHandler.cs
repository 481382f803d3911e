using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace IsmsCloud.Web.Auth;

/// <summary>
/// Adds the current user's access token to every call the Refit clients make to the gateway.
///
/// How the token gets here: HttpContext is not available inside an interactive circuit, so the handler never reads
/// tokens from it. It only needs to know *who* the caller is: inside a circuit from the circuit's
/// AuthenticationStateProvider (reached through <see cref="CircuitServicesAccessor"/>, because IHttpClientFactory
/// creates handlers in its own DI scope), during prerendering from HttpContext.User. The user's sign-in id then
/// finds the current tokens in <see cref="UserTokenStore"/>, which the cookie filled on the first request and which
/// refreshes them when they near expiry. A circuit open for hours therefore keeps sending a valid token.
/// </summary>
public sealed class AccessTokenHandler(
    CircuitServicesAccessor circuit, IHttpContextAccessor httpContextAccessor, UserTokenStore store) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var session = (await CurrentUserAsync())?.FindFirst(WebClaims.Session)?.Value;
        if (session is not null && await store.GetCurrentAsync(session, seed: null, cancellationToken) is { } tokens)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        }

        // Without a token the API answers 401, which the page shows as "sign in again".
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<ClaimsPrincipal?> CurrentUserAsync()
    {
        if (circuit.Services is { } services)
        {
            var state = await services.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync();
            return state.User;
        }

        return httpContextAccessor.HttpContext?.User;
    }
}
