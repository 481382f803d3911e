using System.Collections.Immutable;
using System.Security.Claims;
using IsmsCloud.Contracts;
using System.Globalization;
using IsmsCloud.Identity.Members;
using IsmsCloud.Identity.Tenants;
using IsmsCloud.Identity.Users;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IsmsCloud.Identity.Connect;

/// <summary>
/// Builds the claims of the tokens identity-api issues. One token, one tenant: a member's token carries the tenant
/// it was issued for and the role held there; a platform admin's token carries no tenant.
/// </summary>
public static class TokenClaims
{
    public static ClaimsIdentity ForUser(ApplicationUser user, ActiveMembership? membership, ImmutableArray<string> scopes, TokenTime time)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.Name, user.DisplayName);

        var roles = new List<string>();
        if (membership is var (tenant, member))
        {
            identity.SetClaim(IsmsClaims.TenantId, tenant.Id.ToString())
                .SetClaim(IsmsClaims.TenantName, tenant.Name)
                .SetClaim(IsmsClaims.TenantSlug, tenant.Slug)
                .SetClaim(IsmsClaims.MembershipRevision, member.Revision.ToString(CultureInfo.InvariantCulture));
            roles.Add(member.Role);
            if (member.AccessEndsAt is { } end)
            {
                // A guest's tokens never outlive the guest's access, whatever the usual lifetimes.
                identity.SetClaim(IsmsClaims.AccessEndsAt, end.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
                var left = end - time.Now;
                if (left < time.AccessTokenLifetime)
                {
                    identity.SetAccessTokenLifetime(left);
                }

                if (left < time.RefreshTokenLifetime)
                {
                    identity.SetRefreshTokenLifetime(left);
                }
            }
        }
        else if (user.IsPlatformAdmin)
        {
            roles.Add(IsmsRoles.PlatformAdmin);
        }

        identity.SetClaims(Claims.Role, [.. roles]);
        return Finish(identity, scopes);
    }

    public static ClaimsIdentity ForIntegrationClient(IntegrationClient client, Tenant tenant, ImmutableArray<string> scopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, client.ClientId)
            .SetClaim(Claims.Name, client.DisplayName)
            .SetClaim(IsmsClaims.TenantId, tenant.Id.ToString())
            .SetClaim(IsmsClaims.TenantName, tenant.Name)
            .SetClaim(IsmsClaims.TenantSlug, tenant.Slug)
            .SetClaims(Claims.Role, [client.Role]);
        return Finish(identity, scopes.Intersect([IsmsScopes.Api]).ToImmutableArray());
    }

    private static ClaimsIdentity NewIdentity() =>
        new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    private static ClaimsIdentity Finish(ClaimsIdentity identity, ImmutableArray<string> scopes)
    {
        identity.SetScopes(scopes);
        if (scopes.Contains(IsmsScopes.Api))
        {
            identity.SetResources(IsmsScopes.ApiAudience);
        }

        identity.SetDestinations(Destinations);
        return identity;
    }

    /// <summary>Which token each claim goes into: the APIs need tenant and role; the web app also reads them from the id token.</summary>
    private static IEnumerable<string> Destinations(Claim claim)
    {
        switch (claim.Type)
        {
            case Claims.Name or Claims.Email:
                yield return OpenIddictConstants.Destinations.AccessToken;
                if (claim.Subject?.HasScope(Scopes.Profile) == true || claim.Subject?.HasScope(Scopes.Email) == true)
                {
                    yield return OpenIddictConstants.Destinations.IdentityToken;
                }

                break;
            case IsmsClaims.MembershipRevision or IsmsClaims.AccessEndsAt:
                yield return OpenIddictConstants.Destinations.AccessToken;
                break;
            case Claims.Role or IsmsClaims.TenantId or IsmsClaims.TenantName or IsmsClaims.TenantSlug:
                yield return OpenIddictConstants.Destinations.AccessToken;
                yield return OpenIddictConstants.Destinations.IdentityToken;
                break;
            case "AspNet.Identity.SecurityStamp":
                yield break;
            default:
                yield return OpenIddictConstants.Destinations.AccessToken;
                break;
        }
    }
}

/// <summary>The moment a token is issued and the server's usual lifetimes (a guest's tokens end sooner when their access does).</summary>
public sealed record TokenTime(DateTimeOffset Now, TimeSpan? AccessTokenLifetime, TimeSpan? RefreshTokenLifetime)
{
    public static TokenTime Of(TimeProvider clock, OpenIddict.Server.OpenIddictServerOptions options) =>
        new(clock.GetUtcNow(), options.AccessTokenLifetime, options.RefreshTokenLifetime);
}
