using System.IO.Compression;
using System.Text;

namespace IsmsCloud.Web.Api;

/// <summary>
/// A tenant's whole export in one ZIP for a platform admin: identity-api's part and each service's part (each a ZIP
/// whose entries already start with the service's name), fetched through the gateway with the admin's token and put
/// side by side. Services never call each other; the browser's side (this app) gathers the parts.
/// </summary>
public static class TenantExportDownloads
{
    /// <summary>The services with a part, by their route prefix; identity-api's part comes from the admin API.</summary>
    public static readonly IReadOnlyList<string> Services = ["risk", "trust", "suppliers", "reporting", "audit"];

    public static IEndpointRouteBuilder MapTenantExportDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/tenants/{id:guid}/export.zip", DownloadAsync).RequireAuthorization(IsmsPolicies.PlatformAdmin);
        return app;
    }

    private static async Task<IResult> DownloadAsync(Guid id, IAdminApi api, TimeProvider clock, CancellationToken cancellationToken)
    {
        var parts = new List<(string Name, HttpResponseMessage Response)>();
        try
        {
            parts.Add(("identity", await api.ExportIdentityPartAsync(id, cancellationToken)));
            foreach (var service in Services)
            {
                parts.Add((service, await api.ExportServicePartAsync(service, id, cancellationToken)));
            }

            if (parts.FirstOrDefault(p => !p.Response.IsSuccessStatusCode) is { Response: not null } failed)
            {
                return failed.Response.StatusCode == System.Net.HttpStatusCode.NotFound
                    ? Results.NotFound()
                    : Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The export is incomplete",
                        detail: $"{failed.Name} did not deliver its part ({(int)failed.Response.StatusCode}); nothing was downloaded. Try again.");
            }

            var file = TenantExportBundle.TemporaryFile();
            var streams = new List<(string, Stream)>();
            foreach (var (name, response) in parts)
            {
                streams.Add((name, await response.Content.ReadAsStreamAsync(cancellationToken)));
            }

            await TenantExportBundle.WriteAsync(id, clock.GetUtcNow(), streams, file, cancellationToken);
            file.Position = 0;
            return Results.File(file, "application/zip", $"tenant-{id}-export-{clock.GetUtcNow():yyyyMMdd}.zip");
        }
        finally
        {
            foreach (var (_, response) in parts)
            {
                response.Dispose();
            }
        }
    }
}

/// <summary>Puts the services' export ZIPs into one, entry by entry, with a short guide at the top.</summary>
public static class TenantExportBundle
{
    /// <summary>A file that is gone once closed: parts and bundles can be large (evidence, documents), so not memory.</summary>
    public static FileStream TemporaryFile() =>
        new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);

    public static async Task WriteAsync(Guid tenantId, DateTimeOffset at, IReadOnlyList<(string Service, Stream Zip)> parts, Stream destination, CancellationToken cancellationToken)
    {
        using var bundle = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        var guide = new StringBuilder()
            .AppendLine($"IsmsCloud export of tenant {tenantId}, made {at:yyyy-MM-dd HH:mm} UTC.")
            .AppendLine()
            .AppendLine("One folder per service. Each table the service keeps for the tenant is there twice: as JSON lines")
            .AppendLine("(<table>.jsonl, one row per line, columns as stored) and as CSV (<table>.csv, same columns), with a")
            .AppendLine("manifest.json of the row counts. AuditTrail is the service's tamper-evident audit trail with their")
            .AppendLine("hashes; docs/audit-trail.md describes how to check them offline.")
            .AppendLine()
            .AppendLine("Parts: " + string.Join(", ", parts.Select(p => p.Service)));
        await using (var readme = bundle.CreateEntry("README.txt", CompressionLevel.Optimal).Open())
        {
            await readme.WriteAsync(Encoding.UTF8.GetBytes(guide.ToString()), cancellationToken);
        }

        foreach (var (service, zip) in parts)
        {
            // ZipArchive reads from a seekable stream; a temporary file, because evidence and documents can be large.
            await using var buffer = TemporaryFile();
            await zip.CopyToAsync(buffer, cancellationToken);
            buffer.Position = 0;
            using var part = new ZipArchive(buffer, ZipArchiveMode.Read);
            foreach (var entry in part.Entries)
            {
                // Every part names its entries under its own folder; one that does not is put there.
                var name = entry.FullName.StartsWith(service + "/", StringComparison.Ordinal) ? entry.FullName : $"{service}/{entry.FullName}";
                await using var from = entry.Open();
                await using var to = bundle.CreateEntry(name, CompressionLevel.Optimal).Open();
                await from.CopyToAsync(to, cancellationToken);
            }
        }
    }
}
