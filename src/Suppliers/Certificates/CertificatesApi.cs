using System.ComponentModel.DataAnnotations;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Suppliers.Access;
using IsmsCloud.Suppliers.Files;
using IsmsCloud.Suppliers.Gaps;
using IsmsCloud.Suppliers.Infrastructure;
using IsmsCloud.Suppliers.Register;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IsmsCloud.Suppliers.Certificates;

public sealed record SaveCertificateRequest(
    CertificateKind Kind,
    [property: Required, StringLength(200, MinimumLength = 2)] string Issuer,
    [property: StringLength(200)] string? Reference,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    [property: Range(0, uint.MaxValue)] long Version = 0);

/// <summary>What a certificate's kind and dates must be, whether it comes from the API or a CSV import.</summary>
internal static class CertificateRules
{
    public enum Field
    {
        Kind,
        ValidFrom,
        ValidUntil,
    }

    public static IEnumerable<(Field Field, string Message)> Check(CertificateKind kind, DateOnly validFrom, DateOnly validUntil)
    {
        if (!Enum.IsDefined(kind))
        {
            yield return (Field.Kind, "Choose Iso27001, Soc2Type1, Soc2Type2, Dpa or Contract.");
        }

        if (validFrom == default)
        {
            yield return (Field.ValidFrom, "Give the first day it is valid.");
        }

        if (validUntil < validFrom)
        {
            yield return (Field.ValidUntil, "The last valid day cannot be before the first.");
        }
        else if (validFrom != default && validUntil > validFrom.AddYears(10))
        {
            yield return (Field.ValidUntil, "At most ten years of validity.");
        }
    }
}

/// <summary>A supplier's certificates and agreements. Validity is never accepted from the client: it is computed for today.</summary>
public static class CertificatesApi
{
    public static IEndpointRouteBuilder MapCertificatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/suppliers/{supplierId:guid}/certificates").WithTags("Certificates").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", List).WithName("ListSupplierCertificates").WithSummary("The supplier's certificates and agreements with today's validity.");
        api.MapPost("", Create).RequireAuthorization(SupplierPolicies.Manage).WithName("CreateSupplierCertificate").WithSummary("Records a certificate or agreement.");
        api.MapPut("{id:guid}", Update).RequireAuthorization(SupplierPolicies.Manage).WithName("UpdateSupplierCertificate").WithSummary("Changes a certificate or agreement; carries the version read.");
        api.MapDelete("{id:guid}", Delete).RequireAuthorization(SupplierPolicies.Manage).WithName("DeleteSupplierCertificate").WithSummary("Removes a certificate or agreement and its file.");
        api.MapPut("{id:guid}/file", UploadFile).RequireAuthorization(SupplierPolicies.Manage).DisableAntiforgery()
            .WithName("UploadSupplierCertificateFile").WithSummary("Attaches the document (PDF, PNG or JPEG, at most 10 MB; checked by content, hashed).");
        api.MapGet("{id:guid}/file", DownloadFile).WithName("DownloadSupplierCertificateFile").WithSummary("Downloads the document.");
        return app;
    }

    public static async Task<Results<Ok<List<SupplierCertificateDto>>, NotFound>> List(Guid supplierId, SupplierDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Suppliers.AnyAsync(s => s.Id == supplierId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var today = clock.Today();
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.SupplierId == supplierId).OrderBy(c => c.Kind).ThenByDescending(c => c.ValidUntil).ToListAsync(cancellationToken);
        var files = await FilesOfAsync(db, certificates.Select(c => c.FileId), cancellationToken);
        return TypedResults.Ok(certificates.Select(c => SupplierCertificateDto.From(c, today, c.FileId is { } f ? files.GetValueOrDefault(f) : null)).ToList());
    }

    public static async Task<Results<Created<SupplierCertificateDto>, NotFound, ValidationProblem>> Create(
        Guid supplierId, SaveCertificateRequest request, SupplierDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var supplier = await db.Suppliers.Include(s => s.Certificates).FirstOrDefaultAsync(s => s.Id == supplierId, cancellationToken);
        if (supplier is null)
        {
            return TypedResults.NotFound();
        }

        if (Validate(request) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var certificate = new SupplierCertificate { SupplierId = supplierId, Issuer = request.Issuer.Trim(), CreatedAt = now };
        Apply(certificate, request, now);
        supplier.Certificates.Add(certificate);
        db.AddEvent(SupplierEventFacts.CertificateChanged(db, certificate, now));
        await GapTracker.RefreshAsync(db, supplier, clock, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/suppliers/{supplierId}/certificates/{certificate.Id}", SupplierCertificateDto.From(certificate, clock.Today(), null));
    }

    public static async Task<Results<Ok<SupplierCertificateDto>, NotFound, ValidationProblem>> Update(
        Guid supplierId, Guid id, SaveCertificateRequest request, SupplierDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var supplier = await db.Suppliers.Include(s => s.Certificates).FirstOrDefaultAsync(s => s.Id == supplierId, cancellationToken);
        var certificate = supplier?.Certificates.FirstOrDefault(c => c.Id == id);
        if (supplier is null || certificate is null)
        {
            return TypedResults.NotFound();
        }

        if (Validate(request) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        db.ExpectVersion(certificate, (uint)request.Version);
        var now = clock.GetUtcNow();
        certificate.Issuer = request.Issuer.Trim();
        Apply(certificate, request, now);
        db.AddEvent(SupplierEventFacts.CertificateChanged(db, certificate, now));
        await GapTracker.RefreshAsync(db, supplier, clock, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var files = await FilesOfAsync(db, [certificate.FileId], cancellationToken);
        return TypedResults.Ok(SupplierCertificateDto.From(certificate, clock.Today(), certificate.FileId is { } f ? files.GetValueOrDefault(f) : null));
    }

    public static async Task<Results<NoContent, NotFound>> Delete(Guid supplierId, Guid id, SupplierDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var supplier = await db.Suppliers.Include(s => s.Certificates).FirstOrDefaultAsync(s => s.Id == supplierId, cancellationToken);
        var certificate = supplier?.Certificates.FirstOrDefault(c => c.Id == id);
        if (supplier is null || certificate is null)
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        await db.Files.RemoveAsync(certificate.FileId, cancellationToken);
        supplier.Certificates.Remove(certificate);
        db.Certificates.Remove(certificate);
        db.AddEvent(SupplierEventFacts.CertificateChanged(db, certificate, now, removed: true));
        await GapTracker.RefreshAsync(db, supplier, clock, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<SupplierCertificateFileDto>, NotFound, ValidationProblem>> UploadFile(
        Guid supplierId, Guid id, IFormFile? file, SupplierDbContext db, TimeProvider clock, IOptions<SupplierOptions> options, HttpContext http,
        CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.Id == id && c.SupplierId == supplierId, cancellationToken);
        if (certificate is null)
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        var (stored, errors) = await FileUploads.ReadAsync(file, "file", options.Value.MaxFileBytes, ActorName.Of(http.User), now, cancellationToken);
        if (stored is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        certificate.FileId = await db.Files.ReplaceAsync(certificate.FileId, stored, cancellationToken);
        certificate.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new SupplierCertificateFileDto(stored.FileName, stored.ContentType, stored.SizeBytes, stored.Sha256, stored.UploadedAt));
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> DownloadFile(Guid supplierId, Guid id, SupplierDbContext db, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.SupplierId == supplierId, cancellationToken);
        var file = certificate?.FileId is { } fileId ? await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, cancellationToken) : null;
        return file is null ? TypedResults.NotFound() : TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    private static async Task<Dictionary<Guid, SupplierCertificateFileDto>> FilesOfAsync(SupplierDbContext db, IEnumerable<Guid?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<Guid>().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        return await db.Files.AsNoTracking().Where(f => wanted.Contains(f.Id))
            .Select(f => new { f.Id, Dto = new SupplierCertificateFileDto(f.FileName, f.ContentType, f.SizeBytes, f.Sha256, f.UploadedAt) })
            .ToDictionaryAsync(f => f.Id, f => f.Dto, cancellationToken);
    }

    private static Dictionary<string, string[]> Validate(SaveCertificateRequest request) =>
        CertificateRules.Check(request.Kind, request.ValidFrom, request.ValidUntil).ToDictionary(
            p => p.Field switch { CertificateRules.Field.Kind => "kind", CertificateRules.Field.ValidFrom => "validFrom", _ => "validUntil" },
            p => new[] { p.Message });

    internal static void Apply(SupplierCertificate certificate, SaveCertificateRequest request, DateTimeOffset now)
    {
        certificate.Kind = request.Kind;
        certificate.Reference = string.IsNullOrWhiteSpace(request.Reference) ? null : request.Reference.Trim();
        certificate.ValidFrom = request.ValidFrom;
        certificate.ValidUntil = request.ValidUntil;
        certificate.UpdatedAt = now;
    }
}
