using System.Security.Claims;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IsmsCloud.Audits.Access;

/// <summary>Who is acting: the key records name people by (lower-cased e-mail, see ActorName) and the roles they hold.</summary>
public sealed class Actor(string key, string displayName, IEnumerable<string> roles)
{
    private readonly HashSet<string> _roles = new(roles, StringComparer.Ordinal);

    public static Actor System { get; } = new("system", "IsmsCloud", []);

    public string Key { get; } = key;
    public string DisplayName { get; } = displayName;

    public bool IsManager => IsmsRoles.Managers.Any(_roles.Contains);

    public bool IsAuditor => _roles.Contains(IsmsRoles.Auditor);

    public bool Is(string? key) => key is not null && string.Equals(Key, key, StringComparison.OrdinalIgnoreCase);

    public static Actor From(ClaimsPrincipal user)
    {
        var (key, name) = ActorName.Of(user);
        return new Actor(key, name, user.FindAll(IsmsClaims.Role).Select(c => c.Value));
    }
}

/// <summary>The actor of the current request, or <see cref="Actor.System"/> outside one.</summary>
public sealed class CurrentActor(IHttpContextAccessor accessor)
{
    private Actor? _actor;

    public Actor Value => _actor ??= accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? Actor.From(user) : Actor.System;
}

/// <summary>
/// Role gates in front of the write endpoints; the finer rules (owners act on their own actions, reviewers on their
/// campaign, an auditor never checks their own audit's correction) need the record and are checked by the handlers.
/// </summary>
public static class AuditPolicies
{
    /// <summary>Plan and run audits, manage corrective actions and campaigns: the tenant's admins and ISMS managers.</summary>
    public const string Manage = "AuditManage";

    /// <summary>Record findings and effectiveness checks: auditors and managers.</summary>
    public const string Audit = "AuditRecord";

    public static IServiceCollection AddAuditPolicies(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();
        services.AddScoped(sp => sp.GetRequiredService<CurrentActor>().Value);
        services.AddAuthorizationBuilder()
            .AddPolicy(Manage, policy => policy.RequireClaim(IsmsClaims.TenantId).RequireRole(IsmsRoles.Managers))
            .AddPolicy(Audit, policy => policy.RequireClaim(IsmsClaims.TenantId).RequireRole([.. IsmsRoles.Managers, IsmsRoles.Auditor]));
        return services;
    }
}

public static class Refuse
{
    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    /// <summary>A state rule refused the change (the record is in the wrong state): 409 with the reason.</summary>
    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
