using IsmsCloud.BuildingBlocks.Csv;
using IsmsCloud.BuildingBlocks.Members;
using System.Globalization;
using CsvHelper;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Csv;

public sealed record ImportResult(int Imported);

/// <summary>
/// CSV in and out. Imports are all or nothing: every row is checked first, every error is reported with its row
/// number, and only a file without errors is saved, in one transaction. Exports stream every register, row by row.
/// </summary>
public static class CsvApi
{
    public static IEndpointRouteBuilder MapCsvApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("api/risk/import/assets", ImportAssets).WithTags("Import and export").RequireAuthorization(RiskPolicies.Manage)
            .Accepts<string>("text/csv").WithName("ImportAssets").WithSummary("Imports assets from CSV; nothing is saved unless every row is valid.");
        app.MapPost("api/risk/import/risks", ImportRisks).WithTags("Import and export").RequireAuthorization(RiskPolicies.Manage)
            .Accepts<string>("text/csv").WithName("ImportRisks").WithSummary("Imports risks from CSV; nothing is saved unless every row is valid.");
        app.MapGet("api/risk/export/{register}", Export).WithTags("Import and export").RequireAuthorization(IsmsPolicies.TenantMember)
            .WithName("ExportRegister").WithSummary("Exports a register as CSV: assets, risks, actions, controls, evidence, exceptions or incidents.");
        return app;
    }

    public static async Task<Results<Ok<ImportResult>, ValidationProblem>> ImportAssets(
        HttpRequest request, RiskDbContext db, Actor actor, MemberDirectory members, TimeProvider clock, CancellationToken cancellationToken) =>
        ToResult(await CsvImport.RunAsync(request, new AssetCsvImport(clock, await members.ActiveMembersAsync(actor.Key, cancellationToken)), db, cancellationToken));

    public static async Task<Results<Ok<ImportResult>, ValidationProblem>> ImportRisks(
        HttpRequest request, RiskDbContext db, Actor actor, MemberDirectory members, TimeProvider clock, CancellationToken cancellationToken) =>
        ToResult(await CsvImport.RunAsync(request, await RiskCsvImport.CreateAsync(db, actor, members, clock, cancellationToken), db, cancellationToken));

    public static async Task<Results<EmptyHttpResult, NotFound>> Export(
        string register, HttpContext http, RiskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = register.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? register[..^4].ToLowerInvariant() : register.ToLowerInvariant();
        if (!CsvExport.Registers.Contains(name))
        {
            return TypedResults.NotFound();
        }

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}-{clock.Today():yyyy-MM-dd}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(false));
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        await CsvExport.WriteAsync(name, csv, db, clock.Today(), cancellationToken);
        return TypedResults.Empty;
    }

    private static Results<Ok<ImportResult>, ValidationProblem> ToResult((int Count, Dictionary<string, string[]> Errors) import) =>
        import.Errors.Count > 0
            ? TypedResults.ValidationProblem(import.Errors, title: CsvImport.NothingImportedTitle)
            : TypedResults.Ok(new ImportResult(import.Count));
}
