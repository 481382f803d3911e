namespace IsmsCloud.Contracts.Events;

/// <summary>A tenant was created by a platform admin; every service prepares its own per-tenant data.</summary>
public sealed record TenantOnboarded(Guid TenantId, string Name, string Slug, string FirstAdminEmail, DateTimeOffset OnboardedAt)
    : ITenantEvent;

/// <summary>A tenant was suspended: its tokens must stop working in every service.</summary>
public sealed record TenantSuspended(Guid TenantId, string Reason, DateTimeOffset SuspendedAt) : ITenantEvent;

/// <summary>A suspended tenant was reactivated.</summary>
public sealed record TenantReactivated(Guid TenantId, DateTimeOffset ReactivatedAt) : ITenantEvent;

/// <summary>
/// A tenant's grace period after a platform admin asked to delete it has ended: every service erases all it keeps
/// of the tenant and answers with <see cref="TenantDataErased"/>.
/// </summary>
public sealed record TenantDeleted(Guid TenantId, DateTimeOffset RequestedAt, DateTimeOffset DeletedAt) : ITenantEvent;

/// <summary>A service has erased a deleted tenant's data (its receipt, kept by identity-api).</summary>
public sealed record TenantDataErased(Guid TenantId, string Service, int Rows, DateTimeOffset ErasedAt) : ITenantEvent;

/// <summary>
/// A tenant's figures for today changed (at most once every 5 seconds per tenant, and at each day's rollover).
/// <see cref="Figures"/> is reporting-api's <c>GET /api/reporting/signals</c> answer as JSON, without records.
/// </summary>
public sealed record SignalsChanged(Guid TenantId, DateOnly AsOf, int DefinitionVersion, string Figures, DateTimeOffset ComputedAt) : ITenantEvent;
