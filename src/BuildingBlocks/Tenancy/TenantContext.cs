namespace IsmsCloud.BuildingBlocks.Tenancy;

/// <summary>The tenant the current request or message runs for. Scoped: one per request or consumed message.</summary>
public interface ITenantContext
{
    /// <summary>The current tenant, or null outside any tenant (anonymous, platform admin, background relay).</summary>
    Guid? TenantId { get; }
}

/// <summary>
/// The scoped, settable implementation. Set once per scope by the HTTP middleware (from the token) or by the
/// consume filter (from the event); setting a different tenant later in the same scope is refused, so one
/// request can never act for two tenants.
/// </summary>
public sealed class TenantContext : ITenantContext
{
    public Guid? TenantId { get; private set; }

    public void Set(Guid tenantId)
    {
        if (tenantId == Guid.Empty)
        {
            throw new ArgumentException("A tenant id cannot be empty.", nameof(tenantId));
        }

        if (TenantId is { } current && current != tenantId)
        {
            throw new TenantMismatchException($"This scope already runs for tenant {current}; it cannot switch to {tenantId}.");
        }

        TenantId = tenantId;
    }

    /// <summary>The tenant id, or an exception when the scope has none (a tenant-owned write outside a tenant).</summary>
    public static Guid Require(ITenantContext context) =>
        context.TenantId ?? throw new TenantMismatchException("No tenant is set for this operation.");
}

/// <summary>Raised when code tries to read or write another tenant's data, or tenant data with no tenant at all.</summary>
public sealed class TenantMismatchException : InvalidOperationException
{
    public TenantMismatchException(string message) : base(message) { }
    public TenantMismatchException() { }
    public TenantMismatchException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>Marks an entity whose rows belong to one tenant. The building block does the rest.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
