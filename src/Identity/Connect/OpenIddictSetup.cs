using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Contracts;
using IsmsCloud.Identity.Infrastructure;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IsmsCloud.Identity.Connect;

internal static class OpenIddictSetup
{
    /// <summary>
    /// The OpenIddict server: authorization code with PKCE (the web app), client credentials (integrations) and
    /// refresh tokens. Access tokens are signed JWTs, not encrypted, so every service validates them locally with
    /// the public keys. The issuer is fixed by configuration (the gateway's public address) so tokens name the
    /// same issuer whichever way the request arrived.
    /// </summary>
    public static IServiceCollection AddIsmsOpenIddict(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var identity = configuration.GetSection("Identity");
        // The migrate-only run (the release Job) issues no token and is not given the keys.
        var certificates = MigrationSwitches.MigrateOnly(configuration, Environment.GetCommandLineArgs())
            ? null
            : TokenCertificates.Load(configuration, environment, DateTimeOffset.UtcNow);
        services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(options =>
            {
                if (identity["Issuer"] is { Length: > 0 } issuer)
                {
                    options.SetIssuer(new Uri(issuer));
                    // Without this the discovery document names the address it was asked on: asked directly (as
                    // the web app's and the APIs' back-channels do), it would send the browser to identity-api's
                    // own port, which is not public. Every endpoint it names is under the issuer (the gateway).
                    options.AddEventHandler<OpenIddictServerEvents.HandleConfigurationRequestContext>(handler => handler
                        .UseInlineHandler(context =>
                        {
                            context.BaseUri = context.Options.Issuer;
                            return ValueTask.CompletedTask;
                        })
                        .SetOrder(OpenIddictServerHandlers.Discovery.AttachEndpoints.Descriptor.Order - 1));
                }

                options.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/endsession");

                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                // "plain" sends the verifier itself through the browser; OAuth 2.0 Security BCP: S256 only. OpenIddict
                // refuses (invalid_request) a challenge method that is not in this set, and discovery lists the set.
                options.Configure(server =>
                {
                    server.CodeChallengeMethods.Clear();
                    server.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
                });
                options.AddEventHandler(RedirectRefusedAuthorizations.Descriptor);
                options.AllowClientCredentialsFlow();
                options.AllowRefreshTokenFlow();
                options.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess, IsmsScopes.Api);

                options.SetAccessTokenLifetime(identity.GetValue("AccessTokenLifetime", TimeSpan.FromMinutes(30)));
                options.SetRefreshTokenLifetime(identity.GetValue("RefreshTokenLifetime", TimeSpan.FromDays(14)));

                // Configured certificates (decision 0031): every replica signs with the same keys.
                certificates?.AddTo(options);
                options.DisableAccessTokenEncryption();

                options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // No status code pages integration: with it, a refused request was answered by the app's status
                    // code page, a bare 400 without error/error_description. OpenIddict's own answer names both
                    // (RFC 6749 §4.1.2.1, §5.2).
                    // TLS terminates in front of the platform (ingress); locally everything is plain http.
                    .DisableTransportSecurityRequirement();
            })
            .AddValidation(options =>
            {
                options.UseLocalServer();
                options.UseAspNetCore();
            });
        return services;
    }
}
