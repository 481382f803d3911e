using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IsmsCloud.Identity.Connect;

/// <summary>
/// Sends a refused authorization request back to the client (RFC 6749 §4.1.2.1): with <c>error</c>,
/// <c>error_description</c>, <c>state</c> and <c>iss</c> on its redirect URI, so the client can tell its user what
/// went wrong. OpenIddict only redirects requests that passed every check, and answers the others on its own page;
/// that is right when the client or its redirect URI is the problem (never redirect to an address that is not the
/// client's), and wrong for everything else (an unknown scope, a refused PKCE method). This handler redirects exactly
/// when the request names a registered client and one of that client's registered redirect URIs.
/// </summary>
internal sealed class RedirectRefusedAuthorizations(IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ApplyAuthorizationResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyAuthorizationResponseContext>()
            .UseScopedHandler<RedirectRefusedAuthorizations>()
            // After OpenIddict has (not) chosen the redirect URI and response mode; before it attaches state and iss.
            .SetOrder(OpenIddictServerHandlers.Authentication.InferResponseMode.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ApplyAuthorizationResponseContext context)
    {
        if (context.Request is not { ClientId: { Length: > 0 } clientId, RedirectUri: { Length: > 0 } redirectUri } request
            || !string.IsNullOrEmpty(context.RedirectUri)
            || string.IsNullOrEmpty(context.Response.Error)
            || context.Response.Error is Errors.InvalidClient or Errors.InvalidRequestUri)
        {
            return;
        }

        // A response mode the client did not ask for, or one this server does not know, is no address to answer on.
        if (request.ResponseMode is { Length: > 0 } mode && mode is not (ResponseModes.Query or ResponseModes.FormPost or ResponseModes.Fragment))
        {
            return;
        }

        if (await applications.FindByClientIdAsync(clientId, context.CancellationToken) is not { } application
            || !await applications.ValidateRedirectUriAsync(application, redirectUri, context.CancellationToken))
        {
            return;
        }

        context.RedirectUri = redirectUri;
        // Only the code flow is offered, whose responses go in the query unless the client asked otherwise.
        context.ResponseMode = request.ResponseMode is { Length: > 0 } asked ? asked : ResponseModes.Query;
    }
}
