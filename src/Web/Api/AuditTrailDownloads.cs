using IsmsCloud.Contracts;
using Microsoft.AspNetCore.Authorization;

namespace IsmsCloud.Web.Api;

/// <summary>
/// The audit-trail exports as plain downloads for the browser: a link cannot carry the bearer token, so the web app
/// fetches the export from the gateway with the signed-in user's token and streams it through unchanged.
/// </summary>
public static class AuditTrailDownloads
{
    private static readonly AuthorizeAttribute Readers = new() { Roles = string.Join(',', IsmsRoles.AuditTrailReaders) };

    public static IEndpointRouteBuilder MapAuditTrailDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit-trail/export/{service}", DownloadAsync).RequireAuthorization(Readers);
        return app;
    }

    private static async Task<IResult> DownloadAsync(string service, string? format, IAuditTrailApi api, HttpContext http, CancellationToken cancellationToken)
    {
        if (!AuditTrailServices.IsKnown(service))
        {
            return Results.NotFound();
        }

        return await ApiDownload.StreamAsync(api.ExportAsync(service, format ?? "jsonl", cancellationToken), http, cancellationToken);
    }
}
