namespace IsmsCloud.Web.Api.Suppliers;

/// <summary>
/// supplier-api's CSV exports as plain downloads for the browser (a link cannot carry the bearer token): fetched from
/// the gateway with the signed-in user's token and streamed through unchanged, like the audit-trail exports.
/// </summary>
public static class SupplierExportDownloads
{
    public static readonly string[] Registers = ["suppliers", "certificates", "assessments", "access"];

    public static IEndpointRouteBuilder MapSupplierExportDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/suppliers/export/{register}", DownloadAsync).RequireAuthorization();
        return app;
    }

    public static string Href(string register) => $"suppliers/export/{register}";

    private static async Task<IResult> DownloadAsync(string register, ISupplierApi api, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Registers.Contains(register))
        {
            return Results.NotFound();
        }

        return await ApiDownload.StreamAsync(api.ExportAsync(register, cancellationToken), http, cancellationToken);
    }
}
