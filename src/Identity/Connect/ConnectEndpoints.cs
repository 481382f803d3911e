using System.Security.Claims;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Identity.Infrastructure;
using IsmsCloud.Identity.Members;
using IsmsCloud.Identity.Tenants;
using IsmsCloud.Identity.Users;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenIddict.Server;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IsmsCloud.Identity.Connect;

/// <summary>
/// The OpenIddict pass-through endpoints: OpenIddict validates the protocol, these decide who gets which token.
/// </summary>
public static class ConnectEndpoints
{
    /// <summary>The authorize parameter with which a client asks for a token for one of the user's tenants.</summary>
    public const string TenantParameter = "tenant";
    /// <summary>The value of <see cref="TenantParameter"/> a platform admin picks to act as platform admin.</summary>
    public const string PlatformChoice = "platform";

    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("connect/authorize", [HttpMethods.Get, HttpMethods.Post], Authorize).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("connect/token", Exchange).AllowAnonymous().ExcludeFromDescription();
        app.MapMethods("connect/endsession", [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSession).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Authorize(HttpContext context, UserManager<ApplicationUser> users, IdentityDbContext db, TimeProvider clock, IOptions<OpenIddictServerOptions> server)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal) : null;
        if (user is null || await users.IsLockedOutAsync(user))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The user is not signed in.");
            }

            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + QueryString.Create(Parameters(context)) },
                [IdentityConstants.ApplicationScheme]);
        }

        var time = TokenTime.Of(clock, server.Value);
        var memberships = await ActiveMembershipsAsync(db, user.Id, time.Now, context.RequestAborted);
        var requested = request.GetParameter(TenantParameter)?.ToString();

        if (requested == PlatformChoice && user.IsPlatformAdmin)
        {
            return SignIn(TokenClaims.ForUser(user, null, request.GetScopes(), time));
        }

        var chosen = Guid.TryParse(requested, out var requestedId) ? memberships.FirstOrDefault(m => m.Tenant.Id == requestedId) : null;
        if (chosen is null && memberships.Count == 1 && !user.IsPlatformAdmin)
        {
            chosen = memberships[0];
        }

        if (chosen is not null)
        {
            return SignIn(TokenClaims.ForUser(user, chosen, request.GetScopes(), time));
        }

        if (memberships.Count == 0)
        {
            return user.IsPlatformAdmin
                ? SignIn(TokenClaims.ForUser(user, null, request.GetScopes(), time))
                : Forbid(Errors.AccessDenied, "You are not a member of any active tenant.");
        }

        // Several choices: let the user pick; the page comes back here with the tenant parameter set.
        var returnUrl = context.Request.PathBase + context.Request.Path + QueryString.Create(Parameters(context, exclude: TenantParameter));
        return Results.Redirect($"/identity/account/select-tenant?returnUrl={Uri.EscapeDataString(returnUrl)}");
    }

    private static async Task<IResult> Exchange(HttpContext context, UserManager<ApplicationUser> users, IdentityDbContext db, TimeProvider clock, IOptions<OpenIddictServerOptions> server)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        if (request.IsClientCredentialsGrantType())
        {
            var client = await db.IntegrationClients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == request.ClientId, context.RequestAborted);
            var tenant = client is null ? null : await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == client.TenantId, context.RequestAborted);
            if (client is null || tenant is null || tenant.Status != TenantStatus.Active)
            {
                return Forbid(Errors.InvalidClient, "The client is not allowed to obtain tokens.");
            }

            return SignIn(TokenClaims.ForIntegrationClient(client, tenant, request.GetScopes()));
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // Re-check everything the earlier grant assumed: the user may have been locked out, removed from or
            // suspended in the tenant, given another role, a guest's access may have ended, or the tenant suspended.
            var time = TokenTime.Of(clock, server.Value);
            var granted = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            var user = await users.FindByIdAsync(granted?.GetClaim(Claims.Subject) ?? "");
            if (granted is null || user is null || await users.IsLockedOutAsync(user))
            {
                return Forbid(Errors.InvalidGrant, "The grant is no longer valid.");
            }

            var tenantClaim = granted.GetClaim(Contracts.IsmsClaims.TenantId);
            if (tenantClaim is null)
            {
                return user.IsPlatformAdmin
                    ? SignIn(TokenClaims.ForUser(user, null, granted.GetScopes(), time))
                    : Forbid(Errors.InvalidGrant, "The grant is no longer valid.");
            }

            var membership = (await ActiveMembershipsAsync(db, user.Id, time.Now, context.RequestAborted))
                .FirstOrDefault(m => m.Tenant.Id.ToString() == tenantClaim);
            return membership is null
                ? Forbid(Errors.InvalidGrant, "The tenant is suspended or the user is no longer a member.")
                : SignIn(TokenClaims.ForUser(user, membership, granted.GetScopes(), time));
        }

        return Forbid(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static async Task<IResult> EndSession(HttpContext context)
    {
        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>The memberships a user may sign in with now: an active member (a guest before their end) of an active tenant.</summary>
    internal static async Task<List<ActiveMembership>> ActiveMembershipsAsync(IdentityDbContext db, Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await (from m in db.Memberships.AsNoTracking().Where(Membership.Active.On(now))
               join t in db.Tenants.AsNoTracking() on m.TenantId equals t.Id
               where m.UserId == userId && t.Status == TenantStatus.Active
               orderby t.Name
               select new ActiveMembership(t, m)).ToListAsync(cancellationToken);

    private static IResult SignIn(ClaimsIdentity identity) =>
        Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static List<KeyValuePair<string, StringValues>> Parameters(HttpContext context, string? exclude = null) =>
        (context.Request.HasFormContentType ? context.Request.Form.ToList() : context.Request.Query.ToList())
            .Where(p => p.Key != exclude)
            .ToList();
}
