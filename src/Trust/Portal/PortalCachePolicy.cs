using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Trust.Certificates;
using IsmsCloud.Trust.Files;
using IsmsCloud.Trust.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace IsmsCloud.Trust.Portal;

/// <summary>
/// Output caching of the public pages. Each entry is tagged with its tenant (changes evict the tag), keyed by the UTC
/// date the validity was computed for (so a certificate that expires at midnight is never served as valid the next
/// day from the cache), and lives at most <see cref="TrustOptions.PortalCacheLifetime"/> as a safety net for changes
/// made by another instance. Unknown, disabled or suspended portals are never cached; the slug is resolved on every
/// request (from memory), so a suspension takes effect within the tenant status cache's few seconds.
/// </summary>
public sealed class PortalCachePolicy : IOutputCachePolicy
{
    public const string Name = "TrustPortal";

    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var request = http.Request;
        var tenantId = await services.GetRequiredService<PortalTenants>().ResolveAsync(
            request.RouteValues["slug"] as string, services.GetRequiredService<TrustDbContext>(), cancellation);
        var cacheable = tenantId is not null
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey("Authorization");

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (tenantId is { } id)
        {
            context.Tags.Add(PortalTenants.Tag(id));
            context.CacheVaryByRules.VaryByValues["utc-date"] = services.GetRequiredService<TimeProvider>().Today().ToString("yyyy-MM-dd");
        }

        context.ResponseExpirationTimeSpan = services.GetRequiredService<IOptions<TrustOptions>>().Value.PortalCacheLifetime;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        // Only complete, cookie-free successes are shared between visitors.
        if (response.StatusCode != StatusCodes.Status200OK || !StringValues.IsNullOrEmpty(response.Headers.SetCookie))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
