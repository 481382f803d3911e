namespace IsmsCloud.Contracts.Events;

/// <summary>A tenant was created by a platform admin; every service prepares its own per-tenant data.</summary>
public sealed record TenantOnboarded(Guid TenantId, string Name, string Slug, string FirstAdminEmail, DateTimeOffset OnboardedAt)
    : ITenantEvent;

/// <summary>A tenant was suspended: its tokens must stop working in every service.</summary>
public sealed record TenantSuspended(Guid TenantId, string Reason, DateTimeOffset SuspendedAt) : ITenantEvent;

/// <summary>A suspended tenant was reactivated.</summary>
public sealed record TenantReactivated(Guid TenantId, DateTimeOffset ReactivatedAt) : ITenantEvent;
