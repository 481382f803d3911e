using MudBlazor;

namespace IsmsCloud.Web.Components.Layout;

/// <summary>A capability of the tenant workspace. <see cref="Href"/> is null while it is not built yet.</summary>
public sealed record Capability(string Title, string Icon, string? Href)
{
    public bool IsAvailable => Href is not null;
}

/// <summary>The tenant workspace's capabilities, in the order the drawer and the home page list them.</summary>
public static class Capabilities
{
    public static IReadOnlyList<Capability> Tenant { get; } =
    [
        new("Risks", Icons.Material.Filled.ReportProblem, "risks"),
        new("Assets", Icons.Material.Filled.Inventory2, null),
        new("Statement of Applicability", Icons.Material.Filled.FactCheck, null),
        new("Evidence", Icons.Material.Filled.AttachFile, null),
        new("Exceptions", Icons.Material.Filled.EventBusy, null),
        new("Incidents", Icons.Material.Filled.Warning, null),
        new("Suppliers", Icons.Material.Filled.Handshake, null),
        new("Audits", Icons.Material.Filled.Checklist, null),
        new("Reports", Icons.Material.Filled.Insights, null),
        new("Trust portal", Icons.Material.Filled.VerifiedUser, "portal"),
    ];
}
