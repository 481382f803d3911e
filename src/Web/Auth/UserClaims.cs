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
}
