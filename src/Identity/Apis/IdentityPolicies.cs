using System.Security.Claims;
using IsmsCloud.Contracts;
using OpenIddict.Validation.AspNetCore;

namespace IsmsCloud.Identity.Apis;

/// <summary>
/// identity-api validates bearer tokens with OpenIddict's local validation (it is the issuer); the other services
/// use ServiceDefaults' JWT validation. The policy names are the same.
/// </summary>
public static class IdentityPolicies
{
    public const string TenantMember = IsmsPolicies.TenantMember;
    public const string TenantAdmin = "TenantAdmin";
    public const string SignedIn = "SignedIn";
    public const string PlatformAdmin = IsmsPolicies.PlatformAdmin;

    public static IServiceCollection AddIdentityPolicies(this IServiceCollection services)
    {
        const string bearer = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
        services.AddAuthorizationBuilder()
            .AddPolicy(SignedIn, p => p.AddAuthenticationSchemes(bearer).RequireAuthenticatedUser())
            .AddPolicy(TenantMember, p => p.AddAuthenticationSchemes(bearer).RequireAuthenticatedUser().RequireClaim(IsmsClaims.TenantId))
            .AddPolicy(TenantAdmin, p => p.AddAuthenticationSchemes(bearer).RequireClaim(IsmsClaims.TenantId).RequireRole(IsmsRoles.TenantAdmin))
            .AddPolicy(PlatformAdmin, p => p.AddAuthenticationSchemes(bearer).RequireRole(IsmsRoles.PlatformAdmin))
            .AddPolicy(IsmsPolicies.AuditTrailReader, p => p.AddAuthenticationSchemes(bearer).RequireClaim(IsmsClaims.TenantId).RequireRole(IsmsRoles.AuditTrailReaders));
        return services;
    }

    public static Guid? TenantId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(IsmsClaims.TenantId)?.Value, out var id) ? id : null;

    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(IsmsClaims.Subject)?.Value, out var id) ? id : null;
}
