using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace IsmsCloud.Web.Auth;

/// <summary>
/// Adds the current user's access token to every call the Refit clients make to the gateway, and answers an API's
/// 401 the way a sign-in should.
///
/// How the token gets here: HttpContext is not available inside an interactive circuit, so the handler never reads
/// tokens from it. It only needs to know *who* the caller is: inside a circuit from the circuit's
/// AuthenticationStateProvider (reached through <see cref="CircuitServicesAccessor"/>, because IHttpClientFactory
/// creates handlers in its own DI scope), during prerendering from HttpContext.User. The user's sign-in id then
/// finds the current tokens in <see cref="UserTokenStore"/>, which the cookie filled on the first request and which
/// refreshes them when they near expiry. A circuit open for hours therefore keeps sending a valid token.
///
/// A 401 to an unexpired token means the token no longer stands for the membership (a changed role, a removal or
/// suspension): the store refreshes once (only it may redeem the refresh token) and the call is sent again once with
/// the new token, and the workspace takes the new role. If identity-api refuses the refresh, the sign-in is over:
/// the circuit (or the prerendering request) learns it through <see cref="SignInSession"/>.
/// </summary>
public sealed class AccessTokenHandler(
    CircuitServicesAccessor circuit, IHttpContextAccessor httpContextAccessor, UserTokenStore store) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var session = (await CurrentUserAsync())?.FindFirst(WebClaims.Session)?.Value;
        var tokens = session is null ? null : await store.GetCurrentAsync(session, seed: null, cancellationToken);
        if (tokens is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        }
        else if (session is not null && await store.HasEndedAsync(session, cancellationToken))
        {
            Services?.GetService<SignInSession>()?.End();
        }

        // Without a token the API answers 401, which the page shows as "sign in again".
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || session is null || tokens is null)
        {
            return response;
        }

        var renewal = await store.RenewRejectedAsync(session, tokens.AccessToken, cancellationToken);
        if (renewal.SignInEnded)
        {
            Services?.GetService<SignInSession>()?.End();
            return response;
        }

        if (renewal.Tokens is not { } renewed)
        {
            return response;
        }

        await ApplyRolesAsync(renewed);
        if (!CanSendAgain(request))
        {
            // A streamed upload cannot be read twice; the next attempt goes with the new token.
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed.AccessToken);
        return await base.SendAsync(request, cancellationToken);
    }

    private IServiceProvider? Services => circuit.Services ?? httpContextAccessor.HttpContext?.RequestServices;

    /// <summary>Bodies held in memory (JSON, forms, strings) can be sent again; streams cannot.</summary>
    private static bool CanSendAgain(HttpRequestMessage request) => request.Content is null or ByteArrayContent or JsonContent;

    /// <summary>A circuit shows the new role at once; a prerendering request's cookie picks it up at the next request.</summary>
    private async Task ApplyRolesAsync(UserTokens renewed)
    {
        if (circuit.Services?.GetService<AuthenticationStateProvider>() is SessionRevalidatingAuthenticationStateProvider provider)
        {
            await provider.ApplyRolesAsync(renewed.Roles);
        }
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
