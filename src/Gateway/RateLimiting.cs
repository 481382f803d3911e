using System.Threading.RateLimiting;
using IsmsCloud.Contracts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace IsmsCloud.Gateway;

/// <summary>
/// Two limits on every proxied request (sliding windows of a minute): per tenant for requests that carry a tenant's
/// token, per client address for all others.
/// The tenant comes from a validated token only: a forged or expired one counts against its sender's address, so
/// it can neither escape the address limit nor drain another tenant's budget.
/// </summary>
internal static class RateLimiting
{
    public const string PolicyName = "edge";

    public static IServiceCollection AddEdgeRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EdgeRateLimits>(configuration.GetSection("RateLimits"));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(10);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                        detail: $"Slow down: try again in {(int)Math.Ceiling(retryAfter.TotalSeconds)} s.")
                    .ExecuteAsync(context.HttpContext);
            };
            options.AddPolicy(PolicyName, context =>
            {
                // A tenant's calls share the tenant's budget wherever they come from (all users of the web workspace
                // reach the APIs from the web server's one address); anything else is limited per client address.
                var limits = context.RequestServices.GetRequiredService<IOptions<EdgeRateLimits>>().Value;
                var tenant = TenantOf(context);
                return tenant is null
                    ? Window($"ip:{context.Connection.RemoteIpAddress}", limits.PerInstance(limits.PerAddressPerMinute))
                    : Window($"tenant:{tenant}", limits.PerInstance(limits.PerTenantPerMinute));
            });
        });
        return services;
    }

    private static RateLimitPartition<string> Window(string key, int permitsPerMinute) =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        });

    /// <summary>The tenant of a validated token (authentication ran before the limiter); null for anyone else.</summary>
    private static string? TenantOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(IsmsClaims.TenantId)?.Value : null;
}

/// <summary>
/// Requests a minute (configuration section <c>RateLimits</c>), for the whole deployment. Each gateway instance counts
/// in its own memory (no shared store is available), so it allows its share: the limit divided by
/// <see cref="Instances"/>, the number of gateway replicas (docs/deployment.md: set it to the autoscaler's minimum, so
/// the limits hold as configured at that size and loosen proportionally as it scales out).
/// </summary>
public sealed class EdgeRateLimits
{
    public int PerAddressPerMinute { get; set; } = 1200;
    public int PerTenantPerMinute { get; set; } = 3000;

    [System.ComponentModel.DataAnnotations.Range(1, 1000)]
    public int Instances { get; set; } = 1;

    /// <summary>This instance's share of a deployment-wide limit; at least one request, rounded up.</summary>
    public int PerInstance(int perDeployment) => Math.Max(1, (perDeployment + Math.Max(1, Instances) - 1) / Math.Max(1, Instances));
}
