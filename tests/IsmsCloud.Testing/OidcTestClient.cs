using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using IsmsCloud.Contracts;
using Microsoft.AspNetCore.WebUtilities;

namespace IsmsCloud.Testing;

public sealed record TokenSet(string AccessToken, string? RefreshToken, string? IdToken);

/// <summary>
/// Drives identity-api's real sign-in the way a browser and the web app would: authorization code with PKCE, the
/// login form with its antiforgery token, the tenant choice, and the code exchange. The HttpClient must not follow
/// redirects and must keep cookies.
/// </summary>
public sealed partial class OidcTestClient(HttpClient http, string redirectUri, string clientSecret = "isms-web-dev-secret")
{
    public const string Scopes = "openid profile email roles offline_access " + IsmsScopes.Api;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"tenant\" value=\"([^\"]+)\"")]
    private static partial Regex TenantChoice();

    /// <summary>Signs in and returns the tokens; <paramref name="tenant"/> picks a tenant when the user has several.</summary>
    public async Task<TokenSet> SignInAsync(string email, string password, string? tenant = null)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = IsmsScopes.WebClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = Scopes,
            ["state"] = state,
            ["nonce"] = Base64Url(RandomNumberGenerator.GetBytes(16)),
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        };
        if (tenant is not null)
        {
            query["tenant"] = tenant;
        }

        var response = await http.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", query));
        var location = Location(response);
        if (location.Contains("/identity/account/login", StringComparison.Ordinal))
        {
            var returnUrl = QueryHelpers.ParseQuery(new Uri(new Uri("http://x"), location).Query)["ReturnUrl"].ToString();
            var login = await PostLoginAsync(email, password, returnUrl);
            if (login.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Sign-in for {email} failed: {login.StatusCode}");
            }

            response = await http.GetAsync(Location(login));
            location = Location(response);
        }

        if (location.Contains("/identity/account/select-tenant", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The user has several tenants: pass one.");
        }

        var callback = QueryHelpers.ParseQuery(new Uri(location).Query);
        if (callback.TryGetValue("error", out var error))
        {
            throw new InvalidOperationException($"Authorization failed: {error} {callback["error_description"]}");
        }

        if (callback["state"] != state)
        {
            throw new InvalidOperationException("The state came back changed.");
        }

        return await ExchangeAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = callback["code"].ToString(),
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier,
        });
    }

    /// <summary>Posts the login form; returns the raw response (a redirect on success, the page with an error otherwise).</summary>
    public async Task<HttpResponseMessage> PostLoginAsync(string email, string password, string returnUrl)
    {
        var page = await http.GetStringAsync($"/identity/account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        return await http.PostAsync("/identity/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["ReturnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value,
        }));
    }

    /// <summary>Follows a one-time link to set a password (the onboarding flow of a new tenant admin).</summary>
    public async Task SetPasswordAsync(string link, string password)
    {
        var path = new Uri(link).PathAndQuery;
        var page = await http.GetStringAsync(path);
        var query = QueryHelpers.ParseQuery(new Uri(link).Query);
        var response = await http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = query["email"].ToString(),
            ["Token"] = query["token"].ToString(),
            ["Password"] = password,
            ["Confirm"] = password,
            ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value,
        }));
        var body = await response.Content.ReadAsStringAsync();
        if (!body.Contains("data-testid=\"password-set\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Setting the password failed: {response.StatusCode}");
        }
    }

    /// <summary>
    /// Follows an invitation link as the invitee: a new person gives a name and password, an existing user their
    /// password. Returns the page's answer (the success marker, or the refusal) so tests can check either.
    /// </summary>
    public async Task<(bool Accepted, string Page)> AcceptInvitationAsync(string link, string password, string? displayName = "Invited Person")
    {
        var path = new Uri(link).PathAndQuery;
        var page = await http.GetStringAsync(path);
        var antiforgery = AntiforgeryField().Match(page);
        if (!antiforgery.Success)
        {
            return (false, page);
        }

        var form = new Dictionary<string, string>
        {
            ["Token"] = QueryHelpers.ParseQuery(new Uri(link).Query)["token"].ToString(),
            ["Password"] = password,
            ["Confirm"] = password,
            ["__RequestVerificationToken"] = antiforgery.Groups[1].Value,
        };
        if (displayName is not null)
        {
            form["DisplayName"] = displayName;
        }

        var body = await (await http.PostAsync(path, new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        return (body.Contains("data-testid=\"invitation-accepted\"", StringComparison.Ordinal), body);
    }

    public Task<TokenSet> RefreshAsync(string refreshToken) =>
        ExchangeAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

    /// <summary>The raw token endpoint response, for tests that expect a refusal.</summary>
    public Task<HttpResponseMessage> PostTokenAsync(Dictionary<string, string> form, string clientId = IsmsScopes.WebClientId, string? secret = null)
    {
        form["client_id"] = clientId;
        form["client_secret"] = secret ?? clientSecret;
        return http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
    }

    public async Task<TokenSet> ClientCredentialsAsync(string clientId, string secret, string scope = IsmsScopes.Api)
    {
        var response = await PostTokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = scope }, clientId, secret);
        return await ReadTokensAsync(response);
    }

    private async Task<TokenSet> ExchangeAsync(Dictionary<string, string> form) => await ReadTokensAsync(await PostTokenAsync(form));

    private static async Task<TokenSet> ReadTokensAsync(HttpResponseMessage response)
    {
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Token request failed: {response.StatusCode} {json}");
        }

        return new TokenSet(
            json.GetProperty("access_token").GetString()!,
            json.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
            json.TryGetProperty("id_token", out var id) ? id.GetString() : null);
    }

    private static string Location(HttpResponseMessage response) =>
        response.Headers.Location?.ToString()
        ?? throw new InvalidOperationException($"Expected a redirect, got {(int)response.StatusCode}.");

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
