using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Identity.Tenants;

/// <summary>A subscribing company. identity-api owns tenants; every other service learns of them from events.</summary>
public sealed class Tenant : IVersioned, IAudited
{
    Guid IAudited.AuditRecordId => Id;

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

    /// <summary>When a platform admin asked to delete the tenant; its data is erased everywhere at <see cref="DeletionDueAt"/>.</summary>
    public DateTimeOffset? DeletionRequestedAt { get; private set; }
    public DateTimeOffset? DeletionDueAt { get; private set; }
    /// <summary>When the grace period ended and every service was told to erase the tenant's data; the row stays as a tombstone.</summary>
    public DateTimeOffset? DeletedAt { get; private set; }

    /// <summary>
    /// Schedules the deletion and suspends the tenant now (its tokens stop everywhere); during the grace period the
    /// deletion can be cancelled and the data exported. False when already scheduled or deleted.
    /// </summary>
    public bool ScheduleDeletion(DateTimeOffset now, TimeSpan grace)
    {
        if (DeletionDueAt is not null || DeletedAt is not null)
        {
            return false;
        }

        DeletionRequestedAt = now;
        DeletionDueAt = now + grace;
        Suspend($"Scheduled for deletion on {DeletionDueAt:yyyy-MM-dd}.", now);
        return true;
    }

    /// <summary>Cancels a scheduled deletion; the tenant stays suspended until a platform admin reactivates it.</summary>
    public bool CancelDeletion()
    {
        if (DeletionDueAt is null || DeletedAt is not null)
        {
            return false;
        }

        DeletionRequestedAt = null;
        DeletionDueAt = null;
        return true;
    }

    public bool IsDueForDeletion(DateTimeOffset now) => DeletedAt is null && DeletionDueAt <= now;

    public void MarkDeleted(DateTimeOffset now) => DeletedAt = now;

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

    /// <summary>Lets a suspended tenant in again; false (and nothing changes) when it is not suspended, or is being deleted.</summary>
    public bool Reactivate()
    {
        if (Status != TenantStatus.Suspended || DeletionDueAt is not null || DeletedAt is not null)
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
public sealed class IntegrationClient : IAudited
{
    Guid IAudited.AuditRecordId => Id;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public required string ClientId { get; init; }
    public required string DisplayName { get; init; }
    public required string Role { get; init; }
    public Guid CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A service's answer that it erased a deleted tenant's data (from TenantDataErased).</summary>
public sealed class TenantErasureReceipt
{
    public Guid TenantId { get; init; }
    public required string Service { get; init; }
    public int Rows { get; set; }
    public DateTimeOffset ErasedAt { get; set; }
}
