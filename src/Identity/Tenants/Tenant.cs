using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Identity.Tenants;

/// <summary>A subscribing company. identity-api owns tenants; every other service learns of them from events.</summary>
public sealed class Tenant : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public uint Version { get; set; }
    public required string Name { get; set; }
    /// <summary>Lower-case, URL-safe, unique: used in the trust portal's address.</summary>
    public required string Slug { get; init; }
    public required string FirstAdminEmail { get; init; }
    public TenantStatus Status { get; private set; } = TenantStatus.Active;
    public string? SuspensionReason { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SuspendedAt { get; private set; }

    /// <summary>Stops the tenant's tokens everywhere; false (and nothing changes) when it is already suspended.</summary>
    public bool Suspend(string reason, DateTimeOffset at)
    {
        if (Status == TenantStatus.Suspended)
        {
            return false;
        }

        Status = TenantStatus.Suspended;
        SuspendedAt = at;
        SuspensionReason = reason.Trim();
        return true;
    }

    /// <summary>Lets a suspended tenant in again; false (and nothing changes) when it is not suspended.</summary>
    public bool Reactivate()
    {
        if (Status != TenantStatus.Suspended)
        {
            return false;
        }

        Status = TenantStatus.Active;
        SuspendedAt = null;
        SuspensionReason = null;
        return true;
    }
}

/// <summary>
/// A client-credentials client a tenant admin created for an integration. The OpenIddict application holds the
/// hashed secret; this row ties it to its tenant and role so tokens issued to it carry them.
/// </summary>
public sealed class IntegrationClient
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public required string ClientId { get; init; }
    public required string DisplayName { get; init; }
    public required string Role { get; init; }
    public Guid CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
