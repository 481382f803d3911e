using System.Globalization;
using Microsoft.AspNetCore.Authentication;

namespace IsmsCloud.Web.Auth;

/// <summary>
/// The tokens of one sign-in, as the OIDC handler saved them in the cookie (<c>SaveTokens</c>). <see cref="Roles"/>
/// are the roles of the identity token a refresh returned (null when the tokens came from the cookie, or identity-api
/// sent no identity token): a role changed by an admin reaches the workspace's menus and buttons with the refresh.
/// </summary>
public sealed record UserTokens(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt, IReadOnlyList<string>? Roles = null)
{
    private const string AccessTokenName = "access_token";
    private const string RefreshTokenName = "refresh_token";
    private const string ExpiresAtName = "expires_at";

    public bool ExpiresWithin(TimeSpan margin, DateTimeOffset now) => ExpiresAt - now <= margin;

    /// <summary>The same tokens, whatever is known of the roles: what the cookie keeps.</summary>
    public bool SameTokensAs(UserTokens other) =>
        AccessToken == other.AccessToken && RefreshToken == other.RefreshToken && ExpiresAt == other.ExpiresAt;

    // Roles compared by content: the store deserialises a new list on every read.
    public bool Equals(UserTokens? other) =>
        other is not null && SameTokensAs(other) && (Roles ?? []).SequenceEqual(other.Roles ?? [], StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(AccessToken, RefreshToken, ExpiresAt);

    public static UserTokens? From(AuthenticationProperties properties)
    {
        var accessToken = properties.GetTokenValue(AccessTokenName);
        if (string.IsNullOrEmpty(accessToken))
        {
            return null;
        }

        // Without expires_at we cannot know when to refresh; treat the token as lasting rather than refreshing on
        // every request. The API's 401 then tells the user to sign in again.
        var expiresAt = DateTimeOffset.TryParse(properties.GetTokenValue(ExpiresAtName), CultureInfo.InvariantCulture,
            DateTimeStyles.RoundtripKind, out var parsed) ? parsed : DateTimeOffset.MaxValue;
        return new UserTokens(accessToken, properties.GetTokenValue(RefreshTokenName), expiresAt);
    }

    /// <summary>Replaces the tokens in the cookie's properties; the id_token stays as issued (it is the logout hint).</summary>
    public void WriteTo(AuthenticationProperties properties)
    {
        var tokens = properties.GetTokens().Where(t => t.Name is not (AccessTokenName or RefreshTokenName or ExpiresAtName)).ToList();
        tokens.Add(new AuthenticationToken { Name = AccessTokenName, Value = AccessToken });
        if (RefreshToken is not null)
        {
            tokens.Add(new AuthenticationToken { Name = RefreshTokenName, Value = RefreshToken });
        }

        tokens.Add(new AuthenticationToken { Name = ExpiresAtName, Value = ExpiresAt.ToString("o", CultureInfo.InvariantCulture) });
        properties.StoreTokens(tokens);
    }
}
