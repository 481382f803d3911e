using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.Suppliers.Assessments;
using IsmsCloud.Suppliers.Certificates;
using IsmsCloud.Suppliers.Questionnaires;
using IsmsCloud.Suppliers.Register;
using IsmsCloud.Suppliers.Settings;
using IsmsCloud.Suppliers.SystemAccess;

namespace IsmsCloud.Suppliers;

internal static class SupplierApis
{
    /// <summary>Every route of supplier-api, all under /api/suppliers (the gateway forwards that prefix here).</summary>
    public static IEndpointRouteBuilder MapSupplierApis(this IEndpointRouteBuilder app) => app
        .MapSupplierSettingsApi()
        .MapSuppliersApi()
        .MapCertificatesApi()
        .MapSupplierAccessApi()
        .MapSupplierCsvExport()
        .MapSupplierCsvImport()
        .MapAssessmentsApi()
        .MapTemplatesApi()
        .MapQuestionnaireSendingApi()
        .MapPublicQuestionnaireApi()
        .MapRecordHistoryApi("api/suppliers")
        .MapAuditTrailApi("api/suppliers");
}
