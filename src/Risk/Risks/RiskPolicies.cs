using IsmsCloud.Contracts;

namespace IsmsCloud.Risk.Risks;

/// <summary>
/// Who may change the risk register. Viewers and auditors read only. (Owner-scoped editing — a risk owner changing
/// only the risks they own — comes with the full risk register.)
/// </summary>
public static class RiskPolicies
{
    public const string EditRisks = "EditRisks";

    public static IServiceCollection AddRiskPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(EditRisks, policy => policy
            .RequireAuthenticatedUser()
            .RequireClaim(IsmsClaims.TenantId)
            .RequireRole(IsmsRoles.TenantAdmin, IsmsRoles.IsmsManager, IsmsRoles.RiskOwner));
        return services;
    }
}
