using System.Globalization;
using IsmsCloud.Contracts;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.JsonWebTokens;

namespace IsmsCloud.Web.Auth;

/// <summary>How a refresh went: new tokens, a refusal (the sign-in is over), or no answer (try again later).</summary>
public sealed record RefreshOutcome(UserTokens? Tokens, bool Refused)
{
    public static RefreshOutcome Unavailable { get; } = new(null, false);

    public static RefreshOutcome Refusal { get; } = new(null, true);
}

/// <summary>
/// Redeems a refresh token at identity-api's token endpoint, as Microsoft's BlazorWebAppOidc sample does, through the
/// OIDC handler's own backchannel (so the request goes straight to identity-api, not through the gateway). The
/// identity token that comes back is validated like the one of the sign-in (signature, issuer, audience) before its
/// roles are believed.
/// </summary>
public sealed class TokenRefresher(IOptionsMonitor<OpenIdConnectOptions> oidcOptions, TimeProvider clock, ILogger<TokenRefresher> logger)
{
    public async Task<RefreshOutcome> RefreshAsync(UserTokens current, CancellationToken cancellationToken)
    {
        if (current.RefreshToken is null)
        {
            return RefreshOutcome.Refusal;
        }

        var options = oidcOptions.Get(OpenIdConnectDefaults.AuthenticationScheme);
        try
        {
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
            var request = new OpenIdConnectMessage
            {
                ClientId = options.ClientId,
                ClientSecret = options.ClientSecret,
                GrantType = OpenIdConnectGrantTypes.RefreshToken,
                RefreshToken = current.RefreshToken,
            };
            using var content = new FormUrlEncodedContent(request.Parameters);
            using var response = await options.Backchannel.PostAsync(configuration.TokenEndpoint, content, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                // A 4xx is identity-api's answer (invalid_grant: the member was removed or suspended, the tenant
                // suspended, the grant revoked); anything else means it did not really answer.
                var refused = (int)response.StatusCode is >= 400 and < 500;
                logger.LogWarning("Refreshing the access token failed with {Status}: {Body}", (int)response.StatusCode, body.Length > 300 ? body[..300] : body);
                return refused ? RefreshOutcome.Refusal : RefreshOutcome.Unavailable;
            }

            var message = new OpenIdConnectMessage(body);
            if (string.IsNullOrEmpty(message.AccessToken))
            {
                return RefreshOutcome.Unavailable;
            }

            IReadOnlyList<string>? roles = null;
            if (!string.IsNullOrEmpty(message.IdToken))
            {
                roles = await RolesOfAsync(message.IdToken, options, configuration);
                if (roles is null)
                {
                    return RefreshOutcome.Refusal;
                }
            }

            var expiresAt = int.TryParse(message.ExpiresIn, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                ? clock.GetUtcNow().AddSeconds(seconds)
                : DateTimeOffset.MaxValue;

            // identity-api rotates refresh tokens; when it does not send one, the old one is still the valid one.
            return new RefreshOutcome(
                new UserTokens(message.AccessToken, string.IsNullOrEmpty(message.RefreshToken) ? current.RefreshToken : message.RefreshToken, expiresAt, roles),
                false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Refreshing the access token failed: identity-api could not be reached");
            return RefreshOutcome.Unavailable;
        }
    }

    /// <summary>The roles of a validated identity token; null when it does not validate (then the refresh is not believed).</summary>
    private async Task<IReadOnlyList<string>?> RolesOfAsync(string idToken, OpenIdConnectOptions options, OpenIdConnectConfiguration configuration)
    {
        var parameters = options.TokenValidationParameters.Clone();
        parameters.ValidIssuer = configuration.Issuer;
        parameters.IssuerSigningKeys = configuration.SigningKeys;
        parameters.ValidAudience ??= options.ClientId;
        var result = await options.TokenHandler.ValidateTokenAsync(idToken, parameters);
        if (!result.IsValid)
        {
            logger.LogWarning(result.Exception, "The identity token of a refresh did not validate");
            return null;
        }

        // The token's own claim names, whatever inbound claim mapping the handler was given.
        var claims = result.SecurityToken is JsonWebToken token ? token.Claims : result.ClaimsIdentity.Claims;
        return claims.Where(c => c.Type == IsmsClaims.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
    }
}
