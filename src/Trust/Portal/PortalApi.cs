using System.Text;
using System.Text.Json;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Trust.Certificates;
using IsmsCloud.Trust.Documents;
using IsmsCloud.Trust.Files;
using IsmsCloud.Trust.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Trust.Portal;

/// <summary>
/// The anonymous public portal at /trust/{slug}: server-rendered HTML and trust.json, cached per tenant. The group
/// runs every handler as the slug's tenant (<see cref="PortalTenantFilter"/>); an unknown, suspended or switched-off
/// portal answers the same 404 page, which contains no tenant data.
/// </summary>
public static class PortalApi
{
    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder app)
    {
        var portal = app.MapGroup("trust/{slug}").AllowAnonymous().ExcludeFromDescription().ForPortalTenant();
        portal.MapGet("", PageAsync).CacheOutput(PortalCachePolicy.Name).WithName("PortalPage");
        portal.MapGet("trust.json", JsonAsync).CacheOutput(PortalCachePolicy.Name).WhenPortalMissing(PortalMissing.Problem).WithName("PortalJson");
        portal.MapGet("logo", LogoAsync).CacheOutput(PortalCachePolicy.Name).WhenPortalMissing(PortalMissing.Empty).WithName("PortalLogo");
        portal.MapGet("documents/{id:guid}", PublicDocumentAsync).WithName("PortalPublicDocument");
        portal.MapDocumentRequests();
        return app;
    }

    public static async Task<IResult> PageAsync(
        HttpContext http, TrustDbContext db, TimeProvider clock, PortalRenderer renderer, CancellationToken cancellationToken)
    {
        if (await PortalQuery.LoadAsync(db, clock.Today(), preview: false, cancellationToken) is not { } view)
        {
            return await NotFoundPageAsync(renderer);
        }

        var html = await renderer.RenderAsync<PortalPage>(new Dictionary<string, object?> { [nameof(PortalPage.View)] = view });
        return PortalRenderer.Conditional(http, Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8");
    }

    public static async Task<IResult> JsonAsync(HttpContext http, TrustDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await PortalQuery.LoadAsync(db, clock.Today(), preview: false, cancellationToken) is not { } view)
        {
            return await PortalMissing.Problem.Respond(http);
        }

        return PortalRenderer.Conditional(http, JsonSerializer.SerializeToUtf8Bytes(view, PortalRenderer.Json), "application/json; charset=utf-8");
    }

    public static async Task<IResult> LogoAsync(HttpContext http, TrustDbContext db, CancellationToken cancellationToken)
    {
        var profile = await db.Profiles.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (profile is not { PortalEnabled: true, LogoFileId: { } logoId })
        {
            return Results.NotFound();
        }

        var file = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == logoId, cancellationToken);
        return file is null ? Results.NotFound() : PortalRenderer.Conditional(http, file.Content, file.ContentType);
    }

    public static async Task<IResult> PublicDocumentAsync(
        Guid id, HttpContext http, TrustDbContext db, TimeProvider clock, PortalRenderer renderer, CancellationToken cancellationToken)
    {
        if (await PublishedDocumentAsync(db, id, cancellationToken) is not { Access: DocumentAccess.Public } document)
        {
            return await NotFoundPageAsync(renderer);
        }

        var file = await db.Files.AsNoTracking().FirstAsync(f => f.Id == document.FileId, cancellationToken);
        db.Downloads.Add(Download(http, document.Id, null, null, clock));
        await db.SaveChangesAsync(cancellationToken);
        return FileResult(file);
    }

    /// <summary>A published document of the current tenant, when the portal is on and shows documents.</summary>
    internal static async Task<TrustDocument?> PublishedDocumentAsync(TrustDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var profile = await db.Profiles.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (profile is not { PortalEnabled: true, ShowDocuments: true })
        {
            return null;
        }

        return await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.Published, cancellationToken);
    }

    internal static DocumentDownload Download(HttpContext http, Guid documentId, Guid? requestId, string? email, TimeProvider clock) => new()
    {
        DocumentId = documentId,
        AccessRequestId = requestId,
        Email = email,
        DownloadedAt = clock.GetUtcNow(),
        IpAddress = Truncate(ClientAddress(http), 64),
        UserAgent = Truncate(http.Request.Headers.UserAgent.ToString(), 500),
    };

    /// <summary>
    /// The visitor's address as the gateway saw it: YARP appends the address it received the request from to
    /// X-Forwarded-For, so the last entry is the one a client cannot forge; without the header, the connection's.
    /// </summary>
    internal static string? ClientAddress(HttpContext http)
    {
        var forwarded = http.Request.Headers["X-Forwarded-For"].ToString();
        var last = forwarded.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return last ?? http.Connection.RemoteIpAddress?.ToString();
    }

    internal static IResult FileResult(StoredFile file)
    {
        return Results.File(file.Content, file.ContentType, file.FileName);
    }

    internal static Task<IResult> NotFoundPageAsync(PortalRenderer renderer) =>
        renderer.PageAsync<PortalMessagePage>(new Dictionary<string, object?>
        {
            [nameof(PortalMessagePage.Heading)] = "Trust portal not found",
            [nameof(PortalMessagePage.Message)] = "There is no trust portal at this address.",
        }, StatusCodes.Status404NotFound);

    internal static string? Truncate(string? text, int max) =>
        string.IsNullOrEmpty(text) ? null : text.Length <= max ? text : text[..max];

}
