using System.Security.Claims;
using IsmsCloud.Web.Auth;
using MudBlazor;

namespace IsmsCloud.Web.Components.Layout;

/// <summary>
/// A capability of the tenant workspace. <see cref="Href"/> is null while it is not built yet. <see cref="IsFor"/>
/// hides one whose API would refuse the user altogether (null: every member).
/// </summary>
public sealed record Capability(string Title, string Icon, string? Href, Func<ClaimsPrincipal, bool>? IsFor = null)
{
    public bool IsAvailable => Href is not null;

    public bool IsShownTo(ClaimsPrincipal user) => IsFor?.Invoke(user) ?? true;
}

/// <summary>The tenant workspace's capabilities, in the order the drawer and the home page list them.</summary>
public static class Capabilities
{
    public static IReadOnlyList<Capability> Tenant { get; } =
    [
        new("Risks", Icons.Material.Filled.ReportProblem, "risks"),
        new("Heat map", Icons.Material.Filled.GridOn, "risks/heatmap"),
        new("Assets", Icons.Material.Filled.Inventory2, "assets"),
        new("Statement of Applicability", Icons.Material.Filled.FactCheck, "soa"),
        new("Evidence", Icons.Material.Filled.AttachFile, "evidence"),
        new("Exceptions", Icons.Material.Filled.EventBusy, "exceptions"),
        new("Incidents", Icons.Material.Filled.Warning, "incidents"),
        new("Suppliers", Icons.Material.Filled.Handshake, "suppliers"),
        new("Audits", Icons.Material.Filled.Checklist, "audits"),
        new("Access reviews", Icons.Material.Filled.ManageAccounts, "access-reviews"),
        new("Reports", Icons.Material.Filled.Insights, null),
        // Every member reads the reviews (reporting-api lets them); managers plan and decide, the chair signs.
        new("Management reviews", Icons.Material.Filled.Gavel, "management-reviews"),
        new("Trust portal", Icons.Material.Filled.VerifiedUser, "portal"),
        // Every member reads the member list (it is who can own a record); tenant admins change it.
        new("Members", Icons.Material.Filled.People, "members"),
        new("Integrations", Icons.Material.Filled.Key, "integrations", UserClaims.IsTenantAdmin),
        new("Audit trail", Icons.Material.Filled.History, "audit-trail", UserClaims.ReadsAuditTrail),
    ];
}
