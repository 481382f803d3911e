using IsmsCloud.Contracts;

namespace IsmsCloud.Suppliers.Access;

/// <summary>
/// Who may change the supplier register: the tenant's admins and ISMS managers (supplier assurance is a management
/// duty; owners are named on the record and keep it, but do not approve their own suppliers). Every member reads.
/// </summary>
public static class SupplierPolicies
{
    public const string Manage = "ManageSuppliers";

    public static IServiceCollection AddSupplierPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(Manage, policy => policy
            .RequireAuthenticatedUser()
            .RequireClaim(IsmsClaims.TenantId)
            .RequireRole(IsmsRoles.Managers));
        return services;
    }
}
