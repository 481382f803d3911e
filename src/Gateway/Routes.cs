using IsmsCloud.Contracts;
using Yarp.ReverseProxy.Configuration;

namespace IsmsCloud.Gateway;

/// <summary>
/// The routing table: which public path goes to which service. Destinations are service-discovery names
/// (http://risk-api), resolved by Aspire locally and by DNS in Kubernetes.
/// </summary>
internal static class Routes
{
    public static IReadOnlyList<RouteConfig> All { get; } =
    [
        // Identity: the OpenID Connect endpoints, its sign-in pages and its APIs.
        Route("connect", Resources.Identity, "/connect/{**rest}"),
        Route("well-known", Resources.Identity, "/.well-known/{**rest}"),
        Route("identity-pages", Resources.Identity, "/identity/{**rest}"),
        Route("identity-api", Resources.Identity, "/api/identity/{**rest}"),
        Route("admin-api", Resources.Identity, "/api/admin/{**rest}"),
        Route("risk-api", Resources.Risk, "/api/risk/{**rest}"),
        Route("reporting-api", Resources.Reporting, "/api/reporting/{**rest}"),
        Route("trust-api", Resources.Trust, "/api/trust/{**rest}"),
        Route("audit-api", Resources.Audit, "/api/audit/{**rest}"),
        Route("supplier-api", Resources.Supplier, "/api/suppliers/{**rest}"),
        // The public trust portal, rendered by trust-api itself (anonymous); must win over the web catch-all below.
        Route("trust-portal", Resources.Trust, "/trust/{**rest}"),
        // The three public documents trust-api itself caches per tenant and day also get the gateway's short
        // microcache; NDA request, access and download paths never do (they are per visitor).
        Route("trust-portal-page", Resources.Trust, "/trust/{slug}") with { OutputCachePolicy = PortalMicrocache.PolicyName },
        Route("trust-portal-json", Resources.Trust, "/trust/{slug}/trust.json") with { OutputCachePolicy = PortalMicrocache.PolicyName },
        Route("trust-portal-logo", Resources.Trust, "/trust/{slug}/logo") with { OutputCachePolicy = PortalMicrocache.PolicyName },
        // The public supplier questionnaire, rendered by supplier-api itself (anonymous, never cached: per visitor).
        Route("supplier-questionnaire", Resources.Supplier, "/questionnaires/{**rest}"),
        // Everything else is the web workspace; lowest precedence.
        Route("web", Resources.Web, "/{**rest}", order: 1000),
    ];

    public static IReadOnlyList<ClusterConfig> Clusters { get; } =
        new[] { Resources.Identity, Resources.Risk, Resources.Reporting, Resources.Trust, Resources.Audit, Resources.Supplier, Resources.Web }
            .Select(service => new ClusterConfig
            {
                ClusterId = service,
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    [service] = new() { Address = $"http://{service}" },
                },
            })
            .ToList();

    private static RouteConfig Route(string id, string cluster, string path, int order = 0) => new()
    {
        RouteId = id,
        ClusterId = cluster,
        Order = order,
        RateLimiterPolicy = RateLimiting.PolicyName,
        Match = new RouteMatch { Path = path },
    };
}
