using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.Trust.Certificates;
using IsmsCloud.Trust.Documents;
using IsmsCloud.Trust.Portal;
using IsmsCloud.Trust.Profile;
using IsmsCloud.Trust.Scope;
using IsmsCloud.Trust.Warnings;

namespace IsmsCloud.Trust;

internal static class TrustApis
{
    /// <summary>
    /// Every route of trust-api: the workspace's API under /api/trust and the anonymous portal under /trust/{slug} (the
    /// gateway forwards both prefixes here).
    /// </summary>
    public static IEndpointRouteBuilder MapTrustApis(this IEndpointRouteBuilder app) => app
        .MapScopeApi()
        .MapCertificatesApi()
        .MapProfileApi()
        .MapDocumentsApi()
        .MapAccessRequestsApi()
        .MapWarningsApi()
        .MapRecordHistoryApi("api/trust")
        .MapAuditTrailApi("api/trust")
        .MapPortal();
}
