using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.Risk.Acceptance;
using IsmsCloud.Risk.Assets;
using IsmsCloud.Risk.Csv;
using IsmsCloud.Risk.Evidence;
using IsmsCloud.Risk.Exceptions;
using IsmsCloud.Risk.Incidents;
using IsmsCloud.Risk.Reviews;
using IsmsCloud.Risk.Risks;
using IsmsCloud.Risk.Settings;
using IsmsCloud.Risk.Soa;
using IsmsCloud.Risk.Treatment;

namespace IsmsCloud.Risk;

internal static class RiskApis
{
    /// <summary>Every route of risk-api, all under /api/risk (the gateway forwards that prefix here).</summary>
    public static IEndpointRouteBuilder MapRiskApis(this IEndpointRouteBuilder app) => app
        .MapSettingsApi()
        .MapAssetsApi()
        .MapRisksApi()
        .MapTreatmentApi()
        .MapAcceptanceApi()
        .MapControlsApi()
        .MapControlFindingsApi()
        .MapSoaApi()
        .MapEvidenceApi()
        .MapExceptionsApi()
        .MapIncidentsApi()
        .MapReviewsApi()
        .MapRecordHistoryApi("api/risk")
        .MapAuditTrailApi("api/risk")
        .MapCsvApi();
}
