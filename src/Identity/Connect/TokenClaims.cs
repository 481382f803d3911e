using System.Collections.Immutable;
using System.Security.Claims;
using IsmsCloud.Contracts;
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
    public static ClaimsIdentity ForUser(ApplicationUser user, Tenant? tenant, string? role, ImmutableArray<string> scopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.Name, user.DisplayName);

        var roles = new List<string>();
        if (tenant is not null && role is not null)
        {
            identity.SetClaim(IsmsClaims.TenantId, tenant.Id.ToString())
                .SetClaim(IsmsClaims.TenantName, tenant.Name)
                .SetClaim(IsmsClaims.TenantSlug, tenant.Slug);
            roles.Add(role);
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
