using IsmsCloud.Contracts;

namespace IsmsCloud.Trust;

/// <summary>
/// Who may change what the portal says: the tenant's admins and ISMS managers. Every member reads (the group default,
/// <see cref="IsmsPolicies.TenantMember"/>).
/// </summary>
public static class TrustPolicies
{
    public const string EditTrust = "EditTrust";

    public static IServiceCollection AddTrustPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(EditTrust, policy => policy
            .RequireAuthenticatedUser()
            .RequireClaim(IsmsClaims.TenantId)
            .RequireRole(IsmsRoles.Managers));
        return services;
    }
}
