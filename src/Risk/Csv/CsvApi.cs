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
    public const int MaxImportBytes = 20 * 1024 * 1024;

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
        HttpRequest request, RiskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (text, error) = await ReadBodyAsync(request, cancellationToken);
        if (text is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [error!] });
        }

        var (count, errors) = await AssetCsvImport.ImportAsync(text, db, clock, cancellationToken);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors, title: "Nothing was imported: fix these rows and import the file again.") : TypedResults.Ok(new ImportResult(count));
    }

    public static async Task<Results<Ok<ImportResult>, ValidationProblem>> ImportRisks(
        HttpRequest request, RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (text, error) = await ReadBodyAsync(request, cancellationToken);
        if (text is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [error!] });
        }

        var (count, errors) = await RiskCsvImport.ImportAsync(text, db, actor, clock, cancellationToken);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors, title: "Nothing was imported: fix these rows and import the file again.") : TypedResults.Ok(new ImportResult(count));
    }

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

    private static async Task<(string? Text, string? Error)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxImportBytes)
        {
            return (null, $"The file is larger than {MaxImportBytes / (1024 * 1024)} MB.");
        }

        using var reader = new StreamReader(request.Body, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
        var buffer = new char[16 * 1024];
        try
        {
            var text = new System.Text.StringBuilder();
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
            {
                text.Append(buffer, 0, read);
                if (text.Length > MaxImportBytes)
                {
                    return (null, $"The file is larger than {MaxImportBytes / (1024 * 1024)} MB.");
                }
            }

            return text.Length == 0 ? (null, "The file is empty.") : (text.ToString(), null);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return (null, "The file is not UTF-8 text.");
        }
    }
}
