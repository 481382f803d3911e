using IsmsCloud.Contracts;

namespace IsmsCloud.Risk.Access;

/// <summary>
/// Coarse, role-only gates in front of the write endpoints. The finer rule — a RiskOwner or ControlOwner changes only
/// what they own — needs the record, so the handlers check it with <see cref="Actor.CanEditOwned"/>.
/// Viewers and auditors read only.
/// </summary>
public static class RiskPolicies
{
    /// <summary>May change some records: managers everything, owners what they own.</summary>
    public const string Contribute = "Contribute";

    /// <summary>May grant acceptances and exceptions (domain rules 3 and 6).</summary>
    public const string Approve = "Approve";

    /// <summary>May change tenant-wide things: settings, the SoA's publication, custom controls, imports.</summary>
    public const string Manage = "Manage";

    public static IServiceCollection AddRiskPolicies(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();
        services.AddScoped(sp => sp.GetRequiredService<CurrentActor>().Value);
        services.AddAuthorizationBuilder()
            .AddPolicy(Contribute, policy => policy.RequireClaim(IsmsClaims.TenantId).RequireRole(IsmsRoles.Contributors))
            .AddPolicy(Approve, policy => policy.RequireClaim(IsmsClaims.TenantId).RequireRole(IsmsRoles.Approvers))
            .AddPolicy(Manage, policy => policy.RequireClaim(IsmsClaims.TenantId).RequireRole(IsmsRoles.Managers));
        return services;
    }
}

/// <summary>The answer when the role allows the endpoint but not this record.</summary>
public static class Forbidden
{
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Because(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
}
