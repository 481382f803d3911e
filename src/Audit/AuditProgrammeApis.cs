using IsmsCloud.Audits.AccessReviews;
using IsmsCloud.Audits.Actions;
using IsmsCloud.Audits.Csv;
using IsmsCloud.Audits.Findings;
using IsmsCloud.Audits.Programme;
using IsmsCloud.Audits.SupplierAccess;
using IsmsCloud.BuildingBlocks.Audit;

namespace IsmsCloud.Audits;

internal static class AuditProgrammeApis
{
    /// <summary>
    /// Every route of audit-api, under /api/audit (the gateway forwards the prefix here). Its history is the shared
    /// audit trail at /api/audit/audit-trail.
    /// </summary>
    public static IEndpointRouteBuilder MapAuditProgrammeApis(this IEndpointRouteBuilder app) => app
        .MapAuditsApi()
        .MapFindingsApi()
        .MapCorrectiveActionsApi()
        .MapCampaignsApi()
        .MapSupplierAccessItemsApi()
        .MapCsvExportApi()
        .MapRecordHistoryApi("api/audit")
        .MapAuditTrailApi("api/audit");
}
