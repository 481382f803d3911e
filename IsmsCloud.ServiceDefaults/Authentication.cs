using IsmsCloud.Contracts;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Microsoft.Extensions.Hosting;

/// <summary>Policy names every API uses.</summary>
public static class IsmsPolicies
{
    /// <summary>Signed in, for a tenant (the default policy of every tenant API).</summary>
    public const string TenantMember = "TenantMember";
    public const string PlatformAdmin = "PlatformAdmin";
    /// <summary>A tenant member who may read the audit trail (<see cref="IsmsRoles.AuditTrailReaders"/>).</summary>
    public const string AuditTrailReader = "AuditTrailReader";
}

/// <summary>
/// Bearer token validation against identity-api, done locally in each service: issuer, audience, lifetime and
/// signature (keys from identity's JWKS, cached and refreshed by the handler).
///
/// Configuration: <c>Identity:Issuer</c> is the public issuer the tokens carry (the gateway's address, because the
/// browser signs in through it); <c>Identity:Url</c> is where this service reaches identity-api directly. Requests
/// for metadata and keys under the issuer are sent to <c>Identity:Url</c> instead, so a service never depends on the
/// gateway to validate a token.
/// </summary>
public static class AuthenticationExtensions
{
    /// <param name="requireSignedInByDefault">
    /// APIs refuse anonymous requests unless an endpoint allows them; the gateway passes false: it only reads the
    /// validated caller (for rate limits) and leaves authorization to the services.
    /// </param>
    public static TBuilder AddDefaultAuthentication<TBuilder>(this TBuilder builder, bool requireSignedInByDefault = true) where TBuilder : IHostApplicationBuilder
    {
        var identity = builder.Configuration.GetSection("Identity");
        var issuer = identity["Issuer"] ?? throw new InvalidOperationException("Identity:Issuer is not configured.");
        var identityUrl = identity["Url"] ?? issuer;

        // First in the chain: the rewritten address (e.g. http://identity-api) must still pass through service discovery.
        builder.Services.AddHttpClient("identity-metadata")
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Insert(0, new IssuerRewriteHandler(new Uri(issuer), new Uri(identityUrl))));

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IHttpClientFactory, TimeProvider>((options, clients, clock) =>
            {
                options.Authority = issuer;
                options.Audience = IsmsScopes.ApiAudience;
                options.RequireHttpsMetadata = false;
                options.MapInboundClaims = false;
                options.Backchannel = clients.CreateClient("identity-metadata");
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = issuer,
                    ValidAudience = IsmsScopes.ApiAudience,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    // The application's clock rather than the machine's, so lifetime follows the same time as the
                    // rest of the service (and tests can move it).
                    LifetimeValidator = (notBefore, expires, _, parameters) =>
                    {
                        var now = clock.GetUtcNow().UtcDateTime;
                        return expires is { } end && end > now - parameters.ClockSkew
                            && (notBefore is not { } start || start <= now + parameters.ClockSkew);
                    },
                    NameClaimType = IsmsClaims.Name,
                    RoleClaimType = IsmsClaims.Role,
                };
            });

        var authorization = builder.Services.AddAuthorizationBuilder()
            .AddPolicy(IsmsPolicies.TenantMember, policy => policy.RequireAuthenticatedUser().RequireClaim(IsmsClaims.TenantId))
            .AddPolicy(IsmsPolicies.PlatformAdmin, policy => policy.RequireAuthenticatedUser().RequireRole(IsmsRoles.PlatformAdmin))
            .AddPolicy(IsmsPolicies.AuditTrailReader, policy => policy.RequireAuthenticatedUser().RequireClaim(IsmsClaims.TenantId).RequireRole(IsmsRoles.AuditTrailReaders));
        if (requireSignedInByDefault)
        {
            authorization.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        }

        return builder;
    }
}

/// <summary>Sends requests addressed to the public issuer to identity-api's direct address.</summary>
public sealed class IssuerRewriteHandler(Uri issuer, Uri identityUrl) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && issuer != identityUrl
            && uri.GetLeftPart(UriPartial.Authority) == issuer.GetLeftPart(UriPartial.Authority))
        {
            var builder = new UriBuilder(uri) { Scheme = identityUrl.Scheme, Host = identityUrl.Host, Port = identityUrl.Port };
            request.RequestUri = builder.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
