using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Suppliers.SystemAccess;

/// <summary>
/// Which account (or person) of a supplier can reach which of the tenant's systems, with what entitlements, whether
/// privileged, since when and until when (issue 10 §5b, DESIGN.md rule 11). Kept so supplier access is reviewed like
/// staff access: each record is announced as <see cref="Contracts.Events.SupplierAccessChanged"/>, which audit-api
/// offers as an access-review campaign item. Audited like every supplier record.
/// </summary>
public sealed class SupplierAccess : ITenantOwned, IVersioned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public Guid SupplierId { get; init; }
    /// <summary>The tenant's system the access is to ("Production AWS account", "Jira").</summary>
    public required string System { get; set; }
    /// <summary>The account as the system names it (a user name, a role ARN, a service account).</summary>
    public required string Account { get; set; }
    public string? PersonName { get; set; }
    /// <summary>Lower-cased.</summary>
    public string? Email { get; set; }
    /// <summary>What the account may do there, as the system names it (roles, groups, scopes); empty when not known.</summary>
    public string Entitlements { get; set; } = "";
    public bool Privileged { get; set; }
    public DateOnly Since { get; set; }
    /// <summary>The last day of access (inclusive); null while it is open-ended.</summary>
    public DateOnly? Until { get; set; }
    public DateTimeOffset? LastLoginAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Whether the access is in force on <paramref name="day"/> (both ends inclusive).</summary>
    public bool ActiveOn(DateOnly day) => Since <= day && (Until is null || day <= Until);
}
