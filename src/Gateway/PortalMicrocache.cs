using Microsoft.AspNetCore.OutputCaching;

namespace IsmsCloud.Gateway;

public sealed class PortalMicrocacheOptions
{
    /// <summary>How long the gateway may answer a public portal page from memory. 0 turns the microcache off.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// A short cache at the edge for the anonymous trust portal (<c>/trust/**</c>), so a burst of visitors does not cost a
/// proxy hop each (decision 0011). trust-api stays the source of truth and keeps its own per-tenant, per-day cache
/// with eviction on publish; the gateway only repeats an answer for <see cref="PortalMicrocacheOptions.Lifetime"/>,
/// which bounds how long a publish, an expiry at midnight or a suspension takes to show at the edge. Requests with an
/// Authorization header, non-GET requests, non-200 answers and answers that set cookies (NDA links) are never cached,
/// by the output cache's own rules. Conditional GETs are answered 304 from the cached ETag.
/// </summary>
internal static class PortalMicrocache
{
    public const string PolicyName = "trust-portal";

    public static IServiceCollection AddPortalMicrocache(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("PortalMicrocache").Get<PortalMicrocacheOptions>() ?? new PortalMicrocacheOptions();
        services.AddOutputCache(cache =>
        {
            cache.SizeLimit = 64 * 1024 * 1024;
            cache.AddPolicy(PolicyName, policy =>
            {
                if (options.Lifetime <= TimeSpan.Zero)
                {
                    policy.NoCache();
                    return;
                }

                policy.Expire(options.Lifetime).SetVaryByQuery("*");
            });
        });
        return services;
    }
}
