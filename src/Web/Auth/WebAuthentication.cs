using System.Security.Claims;
using IsmsCloud.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IsmsCloud.Web.Auth;

/// <summary>
/// Sign-in with identity-api: OIDC authorization code + PKCE, the session in a cookie that also holds the tokens.
///
/// <c>Identity:Issuer</c> is the public issuer the browser is sent to (the gateway); <c>Identity:Url</c> is where
/// this server reaches identity-api directly. Identity's discovery document names only addresses under the issuer,
/// so every redirect the browser follows (authorize, end-session) stays on the gateway. The backchannel rewrites
/// issuer addresses to the direct one: discovery, code exchange and refresh are server-to-server calls that need
/// not share the gateway's per-caller rate limits (every user's refresh would come from this one caller) nor
/// depend on the gateway being up.
/// </summary>
public static class WebAuthentication
{
    /// <summary>The authorize parameter identity-api reads to issue tokens for one of the user's tenants.</summary>
    public const string TenantParameter = "tenant";

    private const string BackchannelClient = "identity-backchannel";

    public static IHostApplicationBuilder AddWebAuthentication(this IHostApplicationBuilder builder)
    {
        var identity = builder.Configuration.GetSection("Identity");
        var issuer = identity["Issuer"] ?? throw new InvalidOperationException("Identity:Issuer is not configured.");
        var identityUrl = identity["Url"] ?? ServiceAddress.Referenced(builder.Configuration, Resources.Identity) ?? issuer;
        var clientSecret = identity["WebClientSecret"]
            ?? throw new InvalidOperationException("Identity:WebClientSecret is not configured (appsettings.Development.json has the development one).");

        // The rewrite goes first, ahead of the default handlers, so that service discovery (and the resilience
        // pipeline) see the rewritten address: under Aspire Identity:Url is http://identity-api, a discovery name.
        builder.Services.AddHttpClient(BackchannelClient)
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
                handlers.Insert(0, new IssuerRewriteHandler(new Uri(issuer), new Uri(identityUrl))));

        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = "isms.web";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax; // the OIDC callback is a cross-site top-level redirect
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.AccessDeniedPath = "/access-denied";
                options.EventsType = typeof(TokenCookieEvents);
            })
            .AddOpenIdConnect(options => ConfigureOpenIdConnect(options, issuer, clientSecret));

        builder.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
            .Configure<IHttpClientFactory>((options, clients) => options.Backchannel = clients.CreateClient(BackchannelClient));

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(IsmsPolicies.TenantMember, policy => policy.RequireAuthenticatedUser().RequireClaim(IsmsClaims.TenantId))
            .AddPolicy(IsmsPolicies.PlatformAdmin, policy => policy.RequireAuthenticatedUser().RequireRole(IsmsRoles.PlatformAdmin));

        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddWebSessionStore();
        builder.Services.AddSingleton<TokenRefresher>();
        builder.Services.AddSingleton<UserTokenStore>();
        builder.Services.AddScoped<TokenCookieEvents>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<CircuitServicesAccessor>();
        builder.Services.AddScoped<CircuitHandler, ServicesAccessorCircuitHandler>();
        builder.Services.AddTransient<AccessTokenHandler>();
        builder.Services.AddScoped<SignInSession>();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, SessionRevalidatingAuthenticationStateProvider>();
        return builder;
    }

    private static void ConfigureOpenIdConnect(OpenIdConnectOptions options, string issuer, string clientSecret)
    {
        options.Authority = issuer;
        options.RequireHttpsMetadata = false;
        options.ClientId = IsmsScopes.WebClientId;
        options.ClientSecret = clientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        options.SaveTokens = true;
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.CallbackPath = "/signin-oidc";
        options.SignedOutCallbackPath = "/signout-callback-oidc";
        options.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile", "email", "roles", "offline_access", IsmsScopes.Api })
        {
            options.Scope.Add(scope);
        }

        options.TokenValidationParameters.NameClaimType = IsmsClaims.Name;
        options.TokenValidationParameters.RoleClaimType = IsmsClaims.Role;

        options.Events.OnRedirectToIdentityProvider = context =>
        {
            if (context.Properties.GetParameter<string>(TenantParameter) is { Length: > 0 } tenant)
            {
                context.ProtocolMessage.SetParameter(TenantParameter, tenant);
            }

            return Task.CompletedTask;
        };
        options.Events.OnTokenValidated = context =>
        {
            if (context.Principal?.Identity is ClaimsIdentity identity)
            {
                identity.AddClaim(new Claim(WebClaims.Session, Guid.NewGuid().ToString("N")));
            }

            return Task.CompletedTask;
        };
        options.Events.OnRemoteFailure = context =>
        {
            // A stale state or an identity error: say so on the home page instead of a 500. access_denied is identity
            // refusing the person (no active membership left, e.g. just removed), which deserves its own words.
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>()
                .CreateLogger(typeof(WebAuthentication)).LogWarning(context.Failure, "Sign-in failed");
            var denied = context.Failure is OpenIdConnectProtocolException { Data: var data }
                && data["error"] is "access_denied";
            context.Response.Redirect(denied ? "/?signin=denied" : "/?signin=failed");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }
}
