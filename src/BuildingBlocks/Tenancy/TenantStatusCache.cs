using System.Collections.Concurrent;
using IsmsCloud.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.BuildingBlocks.Tenancy;

/// <summary>
/// Remembers, for a few seconds, whether a tenant is suspended, so the check on every request costs a dictionary
/// look-up. Short-lived on purpose: with several instances only one consumes the TenantSuspended event, and the
/// others must still stop the tenant's tokens within seconds.
/// </summary>
public sealed class TenantStatusCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<Guid, (bool Suspended, DateTimeOffset Until)> _entries = new();

    public async ValueTask<bool> IsSuspendedAsync(Guid tenantId, ServiceDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(tenantId, out var entry) && entry.Until > now)
        {
            return entry.Suspended;
        }

        // A tenant this service has not heard of yet is not refused: its TenantOnboarded may still be on its way.
        var suspended = await db.KnownTenants.AsNoTracking()
            .AnyAsync(t => t.TenantId == tenantId && t.Status == TenantStatus.Suspended, cancellationToken);
        _entries[tenantId] = (suspended, now + Lifetime);
        return suspended;
    }

    public void Forget(Guid tenantId) => _entries.TryRemove(tenantId, out _);
}
