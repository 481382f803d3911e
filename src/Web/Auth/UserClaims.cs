using System.Security.Claims;
using IsmsCloud.Contracts;

namespace IsmsCloud.Web.Auth;

/// <summary>What the UI reads from the signed-in user's id_token claims (no API call needed to draw the frame).</summary>
public static class UserClaims
{
    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirst(IsmsClaims.Name)?.Value ?? user.FindFirst(IsmsClaims.Email)?.Value ?? "Signed-in user";

    public static Guid? TenantId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(IsmsClaims.TenantId)?.Value, out var id) ? id : null;

    public static string? TenantName(this ClaimsPrincipal user) => user.FindFirst(IsmsClaims.TenantName)?.Value;

    public static IReadOnlyList<string> Roles(this ClaimsPrincipal user) =>
        user.FindAll(IsmsClaims.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();

    public static bool IsPlatformAdmin(this ClaimsPrincipal user) => user.IsInRole(IsmsRoles.PlatformAdmin);

    // What the workspace offers follows the APIs' role rules (risk-api decides; these only hide what would be refused).

    /// <summary>Manages the tenant's members and integration clients (identity-api's TenantAdmin policy).</summary>
    public static bool IsTenantAdmin(this ClaimsPrincipal user) => user.Roles().Contains(IsmsRoles.TenantAdmin, StringComparer.Ordinal);

    /// <inheritdoc cref="IsmsRoles.AuditTrailReaders"/>
    public static bool ReadsAuditTrail(this ClaimsPrincipal user) => HoldsAny(user, IsmsRoles.AuditTrailReaders);

    /// <inheritdoc cref="IsmsRoles.Managers"/>
    public static bool IsManager(this ClaimsPrincipal user) => HoldsAny(user, IsmsRoles.Managers);

    /// <inheritdoc cref="IsmsRoles.Contributors"/>
    public static bool CanContribute(this ClaimsPrincipal user) => HoldsAny(user, IsmsRoles.Contributors);

    /// <inheritdoc cref="IsmsRoles.Approvers"/>
    public static bool CanApprove(this ClaimsPrincipal user) => HoldsAny(user, IsmsRoles.Approvers);

    private static bool HoldsAny(ClaimsPrincipal user, IReadOnlyList<string> group) => user.Roles().Any(group.Contains);
}
