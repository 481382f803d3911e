using System.Net;
using System.Text.Json;
using IsmsCloud.Contracts;

namespace IsmsCloud.IntegrationTests;

/// <summary>
/// Authorization requests identity refuses answer as RFC 6749 §4.1.2.1 says, so an integrator can tell what is wrong;
/// PKCE is S256 only (OAuth 2.0 Security Best Current Practice).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AuthorizationErrorTests(PlatformFixture platform)
{
    private const string S256Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    // A request from a registered client to one of its registered redirect URIs is answered there, error and all; one
    // whose client or redirect URI is unknown is answered on identity's own page (never redirect to an unverified address).
    [Fact]
    public async Task An_unknown_scope_is_sent_back_to_the_client_as_invalid_scope_with_a_description_and_the_state()
    {
        var response = await AuthorizeAsync(scope: "openid no-such-scope", challenge: S256Challenge, method: "S256");

        AssertRedirectedWithError(response, "invalid_scope");
    }

    [Fact]
    public async Task A_plain_pkce_challenge_is_sent_back_to_the_client_as_invalid_request()
    {
        var response = await AuthorizeAsync(scope: "openid", challenge: new string('a', 43), method: "plain");

        AssertRedirectedWithError(response, "invalid_request");
    }

    [Fact]
    public async Task A_redirect_uri_that_is_not_the_clients_is_refused_without_a_redirect()
    {
        var response = await AuthorizeAsync(scope: "openid no-such-scope", challenge: S256Challenge, method: "S256", redirectUri: "http://evil.example/cb");

        Assert.Null(response.Headers.Location);
        await AssertRefusedAsync(response, "invalid_request");
    }

    [Fact]
    public async Task An_unknown_client_is_refused_without_a_redirect()
    {
        var response = await AuthorizeAsync(scope: "openid", challenge: S256Challenge, method: "S256", clientId: "no-such-client");

        Assert.Null(response.Headers.Location);
        await AssertRefusedAsync(response, "invalid_request");
    }

    [Fact]
    public async Task Discovery_offers_only_S256_and_names_only_public_addresses()
    {
        using var client = platform.Identity.CreateClient();
        // Asked on another address than the issuer, as a service's back-channel does.
        client.BaseAddress = new Uri("http://identity-api.internal:5100/");

        var discovery = JsonDocument.Parse(await client.GetStringAsync("/.well-known/openid-configuration")).RootElement;

        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(PlatformFixture.Issuer, discovery.GetProperty("issuer").GetString());
        foreach (var endpoint in new[] { "authorization_endpoint", "token_endpoint", "end_session_endpoint", "jwks_uri" })
        {
            Assert.StartsWith(PlatformFixture.Issuer, discovery.GetProperty(endpoint).GetString(), StringComparison.Ordinal);
        }
    }

    private async Task<HttpResponseMessage> AuthorizeAsync(string scope, string challenge, string method,
        string redirectUri = PlatformFixture.RedirectUri, string clientId = IsmsScopes.WebClientId)
    {
        using var client = platform.Identity.CreateClient(new() { AllowAutoRedirect = false });
        return await client.GetAsync(
            $"/connect/authorize?client_id={clientId}&response_type=code&scope={Uri.EscapeDataString(scope)}" +
            $"&redirect_uri={Uri.EscapeDataString(redirectUri)}&state=s&code_challenge={challenge}&code_challenge_method={method}");
    }

    private static void AssertRedirectedWithError(HttpResponseMessage response, string error)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location ?? throw new Xunit.Sdk.XunitException("No Location header");
        Assert.Equal(PlatformFixture.RedirectUri, location.GetLeftPart(UriPartial.Path));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(error, query["error"].ToString());
        Assert.False(string.IsNullOrWhiteSpace(query["error_description"]), "error_description is missing");
        Assert.Equal("s", query["state"].ToString());
        Assert.Equal(PlatformFixture.Issuer, query["iss"].ToString());
        Assert.False(query.ContainsKey("code"));
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string error)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Matches($@"error\W+{error}", body);
        Assert.Matches(@"error_description\W+\w", body);
    }
}
