using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Trust.Certificates;
using IsmsCloud.Trust.Files;
using IsmsCloud.Trust.Infrastructure;
using IsmsCloud.Trust.Portal;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IsmsCloud.Trust.Profile;

/// <summary>The tenant's trust profile (one per tenant, created at onboarding) and the preview of the public page.</summary>
public static class ProfileApi
{
    public static IEndpointRouteBuilder MapProfileApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/trust/profile").WithTags("Profile").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", GetProfile).WithName("GetTrustProfile").WithSummary("Gets the trust profile, the current SoA version and the last external audit.");
        api.MapPut("", UpdateProfile).RequireAuthorization(TrustPolicies.EditTrust).WithName("UpdateTrustProfile").WithSummary("Changes the profile and which sections are public.");
        api.MapPut("logo", UploadLogo).RequireAuthorization(TrustPolicies.EditTrust).DisableAntiforgery().WithName("UploadTrustLogo").WithSummary("Sets the logo (PNG or JPEG, at most 10 MB).");
        api.MapGet("logo", GetLogo).WithName("GetTrustLogo").WithSummary("The logo as uploaded, whether or not the portal is on (the public portal shows it only while on).");
        api.MapGet("preview", Preview).WithName("PreviewTrustPortal").WithSummary("The public page as visitors would see it, even while the portal is off.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        return app;
    }

    public static async Task<Results<Ok<TrustProfileDto>, NotFound>> GetProfile(TrustDbContext db, CancellationToken cancellationToken)
    {
        var profile = await db.Profiles.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var assurance = await db.Assurance.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return profile is null ? TypedResults.NotFound() : TypedResults.Ok(TrustProfileDto.From(profile, assurance));
    }

    public static async Task<Results<Ok<TrustProfileDto>, NotFound, ValidationProblem>> UpdateProfile(
        UpdateProfileRequest request, TrustDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.PublicServices is { } services && services.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 200))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["publicServices"] = ["Each service needs a name of at most 200 characters."] });
        }

        var profile = await db.Profiles.FirstOrDefaultAsync(cancellationToken);
        if (profile is null)
        {
            return TypedResults.NotFound();
        }

        db.ExpectVersion(profile, (uint)request.Version);
        profile.CompanyName = request.CompanyName.Trim();
        profile.Summary = request.Summary?.Trim() ?? "";
        profile.SecurityContact = string.IsNullOrWhiteSpace(request.SecurityContact) ? null : request.SecurityContact.Trim();
        profile.PortalEnabled = request.PortalEnabled;
        profile.ShowCertificates = request.ShowCertificates;
        profile.ShowScope = request.ShowScope;
        profile.ShowServices = request.ShowServices;
        profile.ShowDocuments = request.ShowDocuments;
        profile.PublicServices = (request.PublicServices ?? []).Select(s => s.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        profile.NdaText = string.IsNullOrWhiteSpace(request.NdaText) ? TrustProfile.DefaultNdaText : request.NdaText.Trim();
        profile.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(TrustProfileDto.From(profile, await db.Assurance.AsNoTracking().FirstOrDefaultAsync(cancellationToken)));
    }

    public static async Task<Results<Ok<TrustProfileDto>, NotFound, ValidationProblem>> UploadLogo(
        IFormFile? file, TrustDbContext db, TimeProvider clock, IOptions<TrustOptions> options, HttpContext http,
        CancellationToken cancellationToken)
    {
        var profile = await db.Profiles.FirstOrDefaultAsync(cancellationToken);
        if (profile is null)
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        var (stored, errors) = await FileUploads.ReadAsync(file, "file", FileUploads.Images, options.Value.MaxFileBytes, ActorName.Of(http.User), now, cancellationToken);
        if (stored is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        profile.LogoFileId = await db.Files.ReplaceAsync(profile.LogoFileId, stored, cancellationToken);
        profile.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(TrustProfileDto.From(profile, await db.Assurance.AsNoTracking().FirstOrDefaultAsync(cancellationToken)));
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> GetLogo(TrustDbContext db, CancellationToken cancellationToken)
    {
        var profile = await db.Profiles.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var file = profile?.LogoFileId is { } logoId ? await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == logoId, cancellationToken) : null;
        return file is null ? TypedResults.NotFound() : TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    public static async Task<IResult> Preview(TrustDbContext db, TimeProvider clock, PortalRenderer renderer, CancellationToken cancellationToken)
    {
        var view = await PortalQuery.LoadAsync(db, clock.Today(), preview: true, cancellationToken);
        if (view is null)
        {
            return TypedResults.NotFound();
        }

        return await renderer.PageAsync<PortalPage>(new Dictionary<string, object?>
        {
            [nameof(PortalPage.View)] = view,
            [nameof(PortalPage.Preview)] = true,
        });
    }
}
