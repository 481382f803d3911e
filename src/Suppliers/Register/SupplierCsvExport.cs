using IsmsCloud.BuildingBlocks.Csv;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Suppliers.Certificates;
using IsmsCloud.Suppliers.Gaps;
using IsmsCloud.Suppliers.Infrastructure;
using IsmsCloud.Suppliers.Settings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Suppliers.Register;

/// <summary>
/// The supplier registers as CSV, streamed row by row (<see cref="CsvRowWriter"/>, the tenant filter applies as
/// everywhere): suppliers with today's gap reasons, certificates and agreements with today's validity, assessments,
/// and supplier access. Lists inside a field are joined with "; ".
/// </summary>
public static class SupplierCsvExport
{
    public static readonly HashSet<string> Registers = ["suppliers", "certificates", "assessments", "access"];

    public static IEndpointRouteBuilder MapSupplierCsvExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("api/suppliers/export/{register}", Export).WithTags("Import and export").RequireAuthorization(IsmsPolicies.TenantMember)
            .WithName("ExportSupplierRegister").WithSummary("Exports a register as CSV: suppliers, certificates, assessments or access.");
        return app;
    }

    public static async Task<Results<EmptyHttpResult, NotFound>> Export(
        string register, HttpContext http, SupplierDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = register.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? register[..^4].ToLowerInvariant() : register.ToLowerInvariant();
        if (!Registers.Contains(name))
        {
            return TypedResults.NotFound();
        }

        var today = clock.Today();
        var intervals = await SupplierSettings.IntervalsAsync(db, cancellationToken);
        await using var csv = CsvRowWriter.Open(http.Response, $"supplier-{name}", today);
        switch (name)
        {
            case "suppliers":
                await CsvRowWriter.WriteRowsAsync(csv,
                    ["legal_name", "owner", "criticality", "status", "services", "data_categories", "data_classification", "data_locations", "parent_supplier_id",
                        "contract_start_on", "contract_end_on", "notice_period_days", "ai_model_provider", "ai_data_used", "ai_automated_decisions", "risk_ids",
                        "asset_ids", "last_material_change_at", "last_completed_at", "last_approved_on", "gap_reasons", "id"],
                    db.Suppliers.AsNoTracking().Include(s => s.Certificates).OrderBy(s => s.LegalName).ThenBy(s => s.Id),
                    s => [s.LegalName, s.Owner, s.Criticality, s.Status, Join(s.Services), Join(s.DataCategories), s.DataClassification, Join(s.DataLocations),
                        s.ParentSupplierId, s.ContractStartOn, s.ContractEndOn, s.NoticePeriodDays, s.AiModelProvider, s.AiDataUsed, YesNo(s.AiAutomatedDecisions),
                        Join(s.RiskIds), Join(s.AssetIds), s.LastMaterialChangeAt, s.LastCompletedAt, s.LastApprovedOn, Join(AssuranceGaps.ReasonsOf(s, intervals, today)), s.Id],
                    cancellationToken);
                break;
            case "certificates":
                await CsvRowWriter.WriteRowsAsync(csv,
                    ["supplier_id", "kind", "is_certificate", "issuer", "reference", "valid_from", "valid_until", "validity", "id"],
                    db.Certificates.AsNoTracking().OrderBy(c => c.SupplierId).ThenBy(c => c.Kind).ThenBy(c => c.Id),
                    c => [c.SupplierId, c.Kind, YesNo(c.IsCertificate), c.Issuer, c.Reference, c.ValidFrom, c.ValidUntil, Kinds.ValidityOn(c.ValidFrom, c.ValidUntil, today), c.Id],
                    cancellationToken);
                break;
            case "assessments":
                await CsvRowWriter.WriteRowsAsync(csv,
                    ["supplier_id", "title", "status", "result", "residual_risk_note", "conditions", "created_at", "created_by", "completed_at", "completed_by", "id"],
                    db.Assessments.AsNoTracking().OrderBy(a => a.CreatedAt).ThenBy(a => a.Id),
                    a => [a.SupplierId, a.Title, a.Status, a.Result, a.ResidualRiskNote, Join(a.Conditions), a.CreatedAt, a.CreatedBy, a.CompletedAt, a.CompletedBy, a.Id],
                    cancellationToken);
                break;
            default:
                await CsvRowWriter.WriteRowsAsync(csv,
                    ["supplier_id", "system", "account", "person_name", "email", "entitlements", "privileged", "since", "until", "last_login_at", "active", "id"],
                    db.SupplierAccess.AsNoTracking().OrderBy(a => a.SupplierId).ThenBy(a => a.System).ThenBy(a => a.Account).ThenBy(a => a.Id),
                    a => [a.SupplierId, a.System, a.Account, a.PersonName, a.Email, a.Entitlements, YesNo(a.Privileged), a.Since, a.Until, a.LastLoginAt,
                        YesNo(a.ActiveOn(today)), a.Id],
                    cancellationToken);
                break;
        }

        return TypedResults.Empty;
    }

    private static string Join<T>(IEnumerable<T> values) => string.Join("; ", values);

    private static string YesNo(bool value) => value ? "yes" : "no";
}
