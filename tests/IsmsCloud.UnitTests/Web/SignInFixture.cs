using System.Net;
using System.Security.Claims;
using IsmsCloud.Contracts;
using IsmsCloud.Web.Auth;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace IsmsCloud.UnitTests.Web;

/// <summary>
/// A <see cref="UserTokenStore"/> with the real <see cref="TokenRefresher"/>, whose token endpoint is a fake that
/// counts the refreshes and answers as <see cref="Answer"/> says; identity tokens are signed with a test key.
/// </summary>
internal sealed class SignInFixture
{
    public const string Issuer = "http://localhost:8080/";
    public const string Session = "session-1";
    private static readonly SymmetricSecurityKey SigningKey = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private int refreshes;

    public SignInFixture()
    {
        var options = new OpenIdConnectOptions
        {
            ClientId = IsmsScopes.WebClientId,
            ClientSecret = "secret",
            Backchannel = new HttpClient(new TokenEndpoint(this)),
            ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(new OpenIdConnectConfiguration
            {
                Issuer = Issuer,
                TokenEndpoint = Issuer + "connect/token",
                SigningKeys = { SigningKey },
            }),
        };
        options.TokenValidationParameters.ValidAudience = IsmsScopes.WebClientId;
        options.TokenValidationParameters.RoleClaimType = IsmsClaims.Role;
        var refresher = new TokenRefresher(new FixedOptions(options), Clock, NullLogger<TokenRefresher>.Instance);
        Store = new UserTokenStore(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())),
            new EphemeralDataProtectionProvider(), refresher, Clock);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    public UserTokenStore Store { get; }

    /// <summary>What the token endpoint answers to a refresh.</summary>
    public Func<HttpResponseMessage> Answer { get; set; } = () => Tokens("access-2", IdToken(IsmsRoles.Viewer));

    public int Refreshes => refreshes;

    /// <summary>Tokens as the cookie holds them after sign-in: half an hour left.</summary>
    public UserTokens SignedIn(string accessToken = "access-1") => new(accessToken, "refresh-1", Clock.GetUtcNow().AddMinutes(30));

    public static HttpResponseMessage Tokens(string accessToken, string? idToken = null) =>
        new(HttpStatusCode.OK)
        {
            Content = JsonContent($$"""{"access_token":"{{accessToken}}","refresh_token":"refresh-{{accessToken}}","expires_in":1800,"token_type":"Bearer"{{(idToken is null ? "" : $",\"id_token\":\"{idToken}\"")}}}"""),
        };

    public static HttpResponseMessage InvalidGrant() =>
        new(HttpStatusCode.BadRequest) { Content = JsonContent("""{"error":"invalid_grant","error_description":"The user is no longer a member."}""") };

    public static string IdToken(string role, SecurityKey? key = null) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = IsmsScopes.WebClientId,
        Claims = new Dictionary<string, object> { [IsmsClaims.Subject] = "user-1", [IsmsClaims.Role] = role },
        IssuedAt = DateTime.UtcNow,
        NotBefore = DateTime.UtcNow.AddMinutes(-1),
        Expires = DateTime.UtcNow.AddMinutes(30),
        SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.HmacSha256),
    });

    public static ClaimsPrincipal User(string role) =>
        new(new ClaimsIdentity([new Claim(WebClaims.Session, Session), new Claim(IsmsClaims.Role, role), new Claim(IsmsClaims.Name, "Pat")],
            "test", IsmsClaims.Name, IsmsClaims.Role));

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private sealed class TokenEndpoint(SignInFixture fixture) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref fixture.refreshes);
            // Slow enough that concurrent callers really overlap.
            await Task.Delay(20, cancellationToken);
            return fixture.Answer();
        }
    }

    private sealed class FixedOptions(OpenIdConnectOptions options) : IOptionsMonitor<OpenIdConnectOptions>
    {
        public OpenIdConnectOptions CurrentValue => options;

        public OpenIdConnectOptions Get(string? name) => options;

        public IDisposable? OnChange(Action<OpenIdConnectOptions, string?> listener) => null;
    }
}
