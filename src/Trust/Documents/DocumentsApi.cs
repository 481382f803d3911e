using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.Trust.Files;
using IsmsCloud.Trust.Infrastructure;
using IsmsCloud.Trust.Portal;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IsmsCloud.Trust.Documents;

/// <summary>Documents the tenant publishes on its portal, public or NDA-gated, and the record of their downloads.</summary>
public static class DocumentsApi
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/trust/documents").WithTags("Documents").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", ListDocuments).WithName("ListTrustDocuments").WithSummary("Lists the documents.");
        api.MapGet("{id:guid}", GetDocument).WithName("GetTrustDocument").WithSummary("Gets one document's details.");
        api.MapPost("", UploadDocument).RequireAuthorization(TrustPolicies.EditTrust).DisableAntiforgery()
            .WithName("UploadTrustDocument").WithSummary("Uploads a document (multipart: title, description, access, file; PDF/PNG/JPEG ≤ 10 MB), unpublished.");
        api.MapPut("{id:guid}", UpdateDocument).RequireAuthorization(TrustPolicies.EditTrust).WithName("UpdateTrustDocument").WithSummary("Changes title, access level or publication.");
        api.MapDelete("{id:guid}", DeleteDocument).RequireAuthorization(TrustPolicies.EditTrust).WithName("DeleteTrustDocument").WithSummary("Removes a document.");
        api.MapGet("{id:guid}/downloads", ListDownloads).WithName("ListTrustDocumentDownloads").WithSummary("Every recorded download of a document.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<TrustDocumentDto>>, ValidationProblem>> ListDocuments(
        TrustDbContext db, [AsParameters] PageRequest paging, CancellationToken cancellationToken)
    {
        var errors = paging.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await db.Documents.OrderBy(d => d.Title).ThenBy(d => d.Id)
            .ToPageAsync(paging, documents => Projected(db, documents), cancellationToken));
    }

    public static async Task<Results<Ok<TrustDocumentDto>, NotFound>> GetDocument(Guid id, TrustDbContext db, CancellationToken cancellationToken)
    {
        var document = await Projected(db, db.Documents.Where(d => d.Id == id)).FirstOrDefaultAsync(cancellationToken);
        return document is null ? TypedResults.NotFound() : TypedResults.Ok(document);
    }

    public static async Task<Results<Created<TrustDocumentDto>, ValidationProblem>> UploadDocument(
        [FromForm] string? title, [FromForm] string? description, [FromForm] string? access, IFormFile? file,
        TrustDbContext db, TimeProvider clock, IOptions<TrustOptions> options, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        title = title?.Trim();
        if (title is not { Length: >= 2 and <= 200 })
        {
            errors["title"] = ["Give a title of 2 to 200 characters."];
        }

        if (description is { Length: > 2000 })
        {
            errors["description"] = ["The description is at most 2000 characters."];
        }

        if (!Enum.TryParse<DocumentAccess>(access, ignoreCase: false, out var level) || !Enum.IsDefined(level))
        {
            errors["access"] = ["Access is Public or NdaGated."];
        }

        var now = clock.GetUtcNow();
        var (stored, fileErrors) = errors.Count == 0
            ? await FileUploads.ReadAsync(file, "file", FileUploads.Documents, options.Value.MaxFileBytes, ActorName.Of(http.User), now, cancellationToken)
            : (null, new Dictionary<string, string[]>());
        foreach (var (key, value) in fileErrors)
        {
            errors[key] = value;
        }

        if (errors.Count > 0 || stored is null)
        {
            return TypedResults.ValidationProblem(errors.Count > 0 ? errors : new() { ["file"] = ["Choose a file to upload."] });
        }

        var document = new TrustDocument
        {
            Title = title!, Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(), Access = level,
            FileId = stored.Id, CreatedAt = now, UpdatedAt = now,
        };
        db.Files.Add(stored);
        db.Documents.Add(document);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/trust/documents/{document.Id}", ToDto(document, stored));
    }

    public static async Task<Results<Ok<TrustDocumentDto>, NotFound>> UpdateDocument(
        Guid id, UpdateDocumentRequest request, TrustDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var document = await db.Documents.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return TypedResults.NotFound();
        }

        db.ExpectVersion(document, (uint)request.Version);
        document.Title = request.Title.Trim();
        document.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        document.Access = request.Access;
        document.Published = request.Published;
        document.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await Projected(db, db.Documents.Where(d => d.Id == id)).FirstAsync(cancellationToken));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteDocument(Guid id, TrustDbContext db, CancellationToken cancellationToken)
    {
        var document = await db.Documents.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return TypedResults.NotFound();
        }

        // Its requests and download records stay: they are the record of who was given what.
        db.Documents.Remove(document);
        await db.Files.RemoveAsync(document.FileId, cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<PagedResult<DocumentDownloadDto>>, NotFound, ValidationProblem>> ListDownloads(
        Guid id, TrustDbContext db, [AsParameters] PageRequest paging, CancellationToken cancellationToken)
    {
        var errors = paging.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!await db.Documents.AnyAsync(d => d.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await db.Downloads.AsNoTracking().Where(d => d.DocumentId == id).OrderByDescending(d => d.DownloadedAt)
            .ToPageAsync(paging, rows => rows.Select(d => new DocumentDownloadDto(d.Id, d.DocumentId, d.AccessRequestId, d.Email, d.DownloadedAt, d.IpAddress, d.UserAgent)),
                cancellationToken));
    }

    // Filter and page the documents first: EF cannot translate a filter on the DTO the query constructs.
    private static IQueryable<TrustDocumentDto> Projected(TrustDbContext db, IQueryable<TrustDocument> documents) =>
        from d in documents.AsNoTracking()
        join f in db.Files.AsNoTracking() on d.FileId equals f.Id
        select new TrustDocumentDto(d.Id, d.Title, d.Description, d.Access, d.Published, f.FileName, f.ContentType, f.SizeBytes, f.Sha256, d.Version, d.UpdatedAt);

    private static TrustDocumentDto ToDto(TrustDocument d, StoredFile f) =>
        new(d.Id, d.Title, d.Description, d.Access, d.Published, f.FileName, f.ContentType, f.SizeBytes, f.Sha256, d.Version, d.UpdatedAt);
}
