using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Trust.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Trust.Portal;

/// <summary>
/// Finds the tenant behind a public slug for the anonymous portal. The portal has no token, so the tenant comes from
/// trust-api's own KnownTenants (kept by the tenant-lifecycle consumers, suspension included). A found, active tenant
/// becomes the request's tenant (<see cref="EnterAsync"/>): from there on the DbContext's tenant filter applies exactly
/// as for a signed-in member, so the portal's queries can only ever see that one tenant's rows.
/// </summary>
public sealed partial class PortalTenants(TenantStatusCache statusCache)
{
    public const string TagPrefix = "trust-portal:";

    // A slug never changes for a tenant (identity-api has no rename), so the mapping is kept for the process's life.
    // Unknown slugs are not remembered: a flood of made-up slugs must not grow memory.
    private readonly ConcurrentDictionary<string, Guid> _slugs = new(StringComparer.Ordinal);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex SlugPattern();

    public static string Tag(Guid tenantId) => TagPrefix + tenantId.ToString("N");

    /// <summary>The active tenant behind <paramref name="slug"/>, or null when unknown or suspended.</summary>
    public async Task<Guid?> ResolveAsync(string? slug, TrustDbContext db, CancellationToken cancellationToken)
    {
        if (slug is null || !SlugPattern().IsMatch(slug))
        {
            return null;
        }

        if (!_slugs.TryGetValue(slug, out var tenantId))
        {
            var known = await db.KnownTenants.AsNoTracking()
                .Where(t => t.Slug == slug)
                .Select(t => (Guid?)t.TenantId)
                .FirstOrDefaultAsync(cancellationToken);
            if (known is null)
            {
                return null;
            }

            tenantId = known.Value;
            _slugs[slug] = tenantId;
        }

        // The same few-seconds cache the token check uses; the suspension consumer drops its entry at once.
        return await statusCache.IsSuspendedAsync(tenantId, db, cancellationToken) ? null : tenantId;
    }

    /// <summary>Resolves the slug and runs the rest of the request as that tenant; false when there is no such portal.</summary>
    public async Task<bool> EnterAsync(string? slug, HttpContext http, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var db = services.GetRequiredService<TrustDbContext>();
        var tenantId = await ResolveAsync(slug, db, cancellationToken);
        if (tenantId is null)
        {
            return false;
        }

        var tenant = services.GetRequiredService<TenantContext>();
        if (tenant.TenantId is { } current && current != tenantId)
        {
            // A signed-in member of another tenant looking at this portal: one scope never acts for two tenants, and
            // the portal needs no token, so the visitor is told to look without it.
            return false;
        }

        tenant.Set(tenantId.Value);
        return true;
    }
}

/// <summary>
/// Evicts a tenant's cached portal pages. <see cref="TrustDbContext"/> calls it after every save that changed what the
/// portal shows, so no endpoint or consumer has to remember to.
/// </summary>
public sealed class PortalCache(Microsoft.AspNetCore.OutputCaching.IOutputCacheStore store)
{
    public ValueTask EvictAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        store.EvictByTagAsync(PortalTenants.Tag(tenantId), cancellationToken);

    /// <summary>For a synchronous save only: the in-memory store evicts synchronously, so this rarely waits.</summary>
    public void Evict(Guid tenantId)
    {
        var eviction = EvictAsync(tenantId);
        if (eviction.IsCompletedSuccessfully)
        {
            eviction.GetAwaiter().GetResult();
            return;
        }

        eviction.AsTask().GetAwaiter().GetResult();
    }
}
