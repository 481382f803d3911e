using System.Globalization;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IsmsCloud.Web.Auth;

/// <summary>
/// Redeems a refresh token at identity-api's token endpoint, as Microsoft's BlazorWebAppOidc sample does, through the
/// OIDC handler's own backchannel (so the request goes straight to identity-api, not through the gateway).
/// </summary>
public sealed class TokenRefresher(IOptionsMonitor<OpenIdConnectOptions> oidcOptions, TimeProvider clock, ILogger<TokenRefresher> logger)
{
    /// <returns>The new tokens, or null when identity-api refused or could not be reached.</returns>
    public async Task<UserTokens?> RefreshAsync(UserTokens current, CancellationToken cancellationToken)
    {
        if (current.RefreshToken is null)
        {
            return null;
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
                logger.LogWarning("Refreshing the access token failed with {Status}: {Body}", (int)response.StatusCode, body.Length > 300 ? body[..300] : body);
                return null;
            }

            var message = new OpenIdConnectMessage(body);
            if (string.IsNullOrEmpty(message.AccessToken))
            {
                return null;
            }

            var expiresAt = int.TryParse(message.ExpiresIn, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                ? clock.GetUtcNow().AddSeconds(seconds)
                : DateTimeOffset.MaxValue;

            // identity-api rotates refresh tokens; when it does not send one, the old one is still the valid one.
            return new UserTokens(message.AccessToken, string.IsNullOrEmpty(message.RefreshToken) ? current.RefreshToken : message.RefreshToken, expiresAt);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Refreshing the access token failed: identity-api could not be reached");
            return null;
        }
    }
}
