namespace IsmsCloud.Web.Api;

/// <summary>
/// risk-api's and audit-api's register exports as CSV downloads for the browser, streamed through
/// <see cref="ApiDownload"/> like the supplier exports (<see cref="Suppliers.SupplierExportDownloads"/>). Only the
/// registers named here are passed on: the web app is no proxy for arbitrary API paths.
/// </summary>
public static class RegisterExportDownloads
{
    /// <summary>risk-api's <c>GET api/risk/export/{register}</c> (its CsvExport.Registers).</summary>
    public static readonly string[] RiskRegisters = ["assets", "risks", "actions", "controls", "evidence", "exceptions", "incidents"];

    /// <summary>audit-api's <c>GET api/audit/export/{register}</c> (its CsvExportApi.Registers).</summary>
    public static readonly string[] AuditRegisters = ["audits", "findings", "corrective-actions", "review-items"];

    public static IEndpointRouteBuilder MapRegisterExportDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/risk/export/{register}", (string register, IRiskApi api, HttpContext http, CancellationToken cancellationToken) =>
            RiskRegisters.Contains(register)
                ? ApiDownload.StreamAsync(api.ExportAsync(register, cancellationToken), http, cancellationToken)
                : Task.FromResult(Results.NotFound())).RequireAuthorization(IsmsPolicies.TenantMember);
        app.MapGet("/audit/export/{register}", (string register, Guid? campaignId, IAuditProgrammeApi api, HttpContext http, CancellationToken cancellationToken) =>
            AuditRegisters.Contains(register)
                ? ApiDownload.StreamAsync(api.ExportAsync(register, campaignId, cancellationToken), http, cancellationToken)
                : Task.FromResult(Results.NotFound())).RequireAuthorization(IsmsPolicies.TenantMember);
        return app;
    }

    public static string RiskHref(string register) => $"risk/export/{register}";

    /// <summary>audit-api filters only the review items, by campaign; its other exports are the whole register.</summary>
    public static string AuditHref(string register, Guid? campaignId = null) =>
        campaignId is { } id ? $"audit/export/{register}?campaignId={id}" : $"audit/export/{register}";
}
