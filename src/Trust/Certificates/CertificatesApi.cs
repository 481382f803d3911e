using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Trust.Files;
using IsmsCloud.Trust.Infrastructure;
using IsmsCloud.Trust.Portal;
using IsmsCloud.Trust.Scope;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IsmsCloud.Trust.Certificates;

/// <summary>The tenant's certificates. Validity is never accepted from the client: every response computes it for today.</summary>
public static class CertificatesApi
{
    public static IEndpointRouteBuilder MapCertificatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/trust/certificates").WithTags("Certificates").RequireAuthorization(IsmsPolicies.TenantMember);

        api.MapGet("", ListCertificates).WithName("ListCertificates").WithSummary("Lists the certificates with today's validity.");
        api.MapGet("{id:guid}", GetCertificate).WithName("GetCertificate").WithSummary("Gets one certificate.");
        api.MapPost("", CreateCertificate).RequireAuthorization(TrustPolicies.EditTrust).WithName("CreateCertificate").WithSummary("Records a certificate.");
        api.MapPut("{id:guid}", UpdateCertificate).RequireAuthorization(TrustPolicies.EditTrust).WithName("UpdateCertificate").WithSummary("Changes a certificate; carries the version read.");
        api.MapDelete("{id:guid}", DeleteCertificate).RequireAuthorization(TrustPolicies.EditTrust).WithName("DeleteCertificate").WithSummary("Removes a certificate.");
        api.MapPut("{id:guid}/file", UploadFile).RequireAuthorization(TrustPolicies.EditTrust).DisableAntiforgery()
            .WithName("UploadCertificateFile").WithSummary("Attaches the certificate document (PDF, PNG or JPEG, at most 10 MB).");
        api.MapGet("{id:guid}/file", DownloadFile).WithName("DownloadCertificateFile").WithSummary("Downloads the certificate document.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<CertificateDto>>, ValidationProblem>> ListCertificates(
        TrustDbContext db, TimeProvider clock, [AsParameters] PageRequest paging, CancellationToken cancellationToken)
    {
        var errors = paging.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await db.Certificates.AsNoTracking().OrderByDescending(c => c.ExpiresOn).ThenBy(c => c.Id).ToPageAsync(paging, cancellationToken);
        var files = await FilesOfAsync(db, page.Items.Select(r => r.FileId), cancellationToken);
        var today = clock.Today();
        return TypedResults.Ok(page.Select(c => CertificateDto.From(c, today, c.FileId is { } f ? files.GetValueOrDefault(f) : null)));
    }

    public static async Task<Results<Ok<CertificateDto>, NotFound>> GetCertificate(Guid id, TrustDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (certificate is null)
        {
            return TypedResults.NotFound();
        }

        var files = await FilesOfAsync(db, [certificate.FileId], cancellationToken);
        return TypedResults.Ok(CertificateDto.From(certificate, clock.Today(), certificate.FileId is { } f ? files.GetValueOrDefault(f) : null));
    }

    public static async Task<Results<Created<CertificateDto>, ValidationProblem>> CreateCertificate(
        SaveCertificateRequest request, TrustDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (errors, scope) = await ValidateAsync(request, null, db, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var certificate = new Certificate
        {
            Standard = request.Standard.Trim(),
            CertificationBody = request.CertificationBody.Trim(),
            CertificateNumber = request.CertificateNumber.Trim(),
            CreatedAt = now,
        };
        Apply(certificate, request, scope, now);
        db.Certificates.Add(certificate);
        db.AddEvent(Changed(certificate, CertificateChange.Added, db, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/trust/certificates/{certificate.Id}", CertificateDto.From(certificate, clock.Today(), null));
    }

    public static async Task<Results<Ok<CertificateDto>, NotFound, ValidationProblem>> UpdateCertificate(
        Guid id, SaveCertificateRequest request, TrustDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (certificate is null)
        {
            return TypedResults.NotFound();
        }

        var (errors, scope) = await ValidateAsync(request, id, db, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        db.ExpectVersion(certificate, (uint)request.Version);
        var now = clock.GetUtcNow();
        certificate.Standard = request.Standard.Trim();
        certificate.CertificationBody = request.CertificationBody.Trim();
        certificate.CertificateNumber = request.CertificateNumber.Trim();
        Apply(certificate, request, scope, now);
        db.AddEvent(Changed(certificate, CertificateChange.Changed, db, now));
        await db.SaveChangesAsync(cancellationToken);
        var files = await FilesOfAsync(db, [certificate.FileId], cancellationToken);
        return TypedResults.Ok(CertificateDto.From(certificate, clock.Today(), certificate.FileId is { } f ? files.GetValueOrDefault(f) : null));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteCertificate(
        Guid id, TrustDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (certificate is null)
        {
            return TypedResults.NotFound();
        }

        db.Certificates.Remove(certificate);
        await db.Files.RemoveAsync(certificate.FileId, cancellationToken);

        db.AddEvent(Changed(certificate, CertificateChange.Removed, db, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<CertificateFileDto>, NotFound, ValidationProblem>> UploadFile(
        Guid id, IFormFile? file, TrustDbContext db, TimeProvider clock, IOptions<TrustOptions> options, HttpContext http,
        CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (certificate is null)
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        var (stored, errors) = await FileUploads.ReadAsync(file, "file", FileUploads.Documents, options.Value.MaxFileBytes, ActorName.Of(http.User), now, cancellationToken);
        if (stored is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        certificate.FileId = await db.Files.ReplaceAsync(certificate.FileId, stored, cancellationToken);
        certificate.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToDto(stored));
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> DownloadFile(Guid id, TrustDbContext db, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        var file = certificate?.FileId is { } fileId ? await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, cancellationToken) : null;
        return file is null ? TypedResults.NotFound() : TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    internal static CertificateFileDto ToDto(StoredFile f) => new(f.FileName, f.ContentType, f.SizeBytes, f.Sha256, f.UploadedAt);

    private static async Task<Dictionary<Guid, CertificateFileDto>> FilesOfAsync(TrustDbContext db, IEnumerable<Guid?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<Guid>().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        // Metadata only: the bytes stay in the database.
        return await db.Files.AsNoTracking().Where(f => wanted.Contains(f.Id))
            .Select(f => new { f.Id, Dto = new CertificateFileDto(f.FileName, f.ContentType, f.SizeBytes, f.Sha256, f.UploadedAt) })
            .ToDictionaryAsync(f => f.Id, f => f.Dto, cancellationToken);
    }

    private static void Apply(Certificate certificate, SaveCertificateRequest request, ScopeVersion? scope, DateTimeOffset now)
    {
        certificate.AccreditationBody = string.IsNullOrWhiteSpace(request.AccreditationBody) ? null : request.AccreditationBody.Trim();
        certificate.IssuedOn = request.IssuedOn;
        certificate.ExpiresOn = request.ExpiresOn;
        certificate.Status = request.Status;
        certificate.ScopeVersionId = scope?.Id;
        certificate.ScopeVersionNumber = scope?.Number;
        certificate.SoaVersionNumber = request.SoaVersionNumber;
        certificate.UpdatedAt = now;
    }

    private static async Task<(Dictionary<string, string[]> Errors, ScopeVersion? Scope)> ValidateAsync(
        SaveCertificateRequest request, Guid? id, TrustDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.IssuedOn == default)
        {
            errors["issuedOn"] = ["Give the issue date."];
        }

        if (request.ExpiresOn <= request.IssuedOn)
        {
            errors["expiresOn"] = ["The expiry date must be after the issue date."];
        }
        else if (request.ExpiresOn > request.IssuedOn.AddYears(3))
        {
            errors["expiresOn"] = ["ISO/IEC 27001 certificates run for at most three years."];
        }

        if (!Enum.IsDefined(request.Status))
        {
            errors["status"] = ["Unknown status."];
        }

        ScopeVersion? scope = null;
        if (request.ScopeVersionId is { } scopeId)
        {
            // Another tenant's scope version is invisible here, so it is "not found" like a made-up id.
            scope = await db.ScopeVersions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == scopeId, cancellationToken);
            if (scope is not { IsPublished: true })
            {
                errors["scopeVersionId"] = ["Choose a published scope version."];
            }
        }

        if (request.SoaVersionNumber is { } soa)
        {
            // The SoA versions are numbered 1, 2, … as risk-api publishes them, so every version up to the newest one
            // trust-api has heard of (SoaPublished) exists; a higher one is a claim about a document nobody published.
            var published = (await db.Assurance.AsNoTracking().FirstOrDefaultAsync(cancellationToken))?.SoaVersionNumber;
            if (published is null)
            {
                errors["soaVersionNumber"] = ["No Statement of Applicability has been published yet: publish one, or leave the version empty."];
            }
            else if (soa > published)
            {
                errors["soaVersionNumber"] = [$"Statement of Applicability version {soa} has not been published; the newest published is version {published}. (One published a moment ago may take a few seconds to arrive.)"];
            }
        }

        var number = request.CertificateNumber?.Trim();
        if (!string.IsNullOrEmpty(number) && await db.Certificates.AnyAsync(c => c.CertificateNumber == number && c.Id != id, cancellationToken))
        {
            errors["certificateNumber"] = ["A certificate with this number is already recorded."];
        }

        return (errors, scope);
    }

    internal static CertificateChanged Changed(Certificate c, CertificateChange change, TrustDbContext db, DateTimeOffset now) => new(
        db.CurrentTenantId, c.Id, change, c.Standard, c.CertificationBody, c.CertificateNumber, c.Status.ToString(), c.IssuedOn, c.ExpiresOn,
        c.ScopeVersionNumber, c.SoaVersionNumber, now, EventVersion.After(db, c));
}
