using System.ComponentModel.DataAnnotations;
using IsmsCloud.Trust.Documents;
using IsmsCloud.Trust.Files;
using IsmsCloud.Trust.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IsmsCloud.Trust.Portal;

/// <summary>
/// The visitor's side of NDA-gated documents: the request form, and the approved link. The link is single-visitor:
/// the first browser to confirm the requester's e-mail address binds it (an HttpOnly cookie whose hash is stored);
/// every other browser is refused, and it stops working at its expiry. Plain form posts, no script, never cached.
/// </summary>
public static class PortalAccessApi
{
    public const string BindingCookiePrefix = "trust_link_";

    public static RouteGroupBuilder MapDocumentRequests(this RouteGroupBuilder portal)
    {
        portal.MapGet("documents/{id:guid}/request", RequestFormAsync).WithName("PortalAccessRequestForm");
        portal.MapPost("documents/{id:guid}/request", SubmitRequestAsync).WithName("PortalAccessRequestSubmit");
        portal.MapGet("access/{token}", LinkAsync).WhenPortalMissing(PortalMissing.PageNotStored).WithName("PortalAccessLink");
        portal.MapPost("access/{token}", ConfirmVisitorAsync).WhenPortalMissing(PortalMissing.PageNotStored).WithName("PortalAccessConfirm");
        portal.MapGet("access/{token}/download", DownloadAsync).WhenPortalMissing(PortalMissing.PageNotStored).WithName("PortalAccessDownload");
        return portal;
    }

    public static async Task<IResult> RequestFormAsync(
        string slug, Guid id, TrustDbContext db, PortalRenderer renderer, CancellationToken cancellationToken)
    {
        if (await GatedDocumentAsync(id, db, cancellationToken) is not { } gated)
        {
            return await PortalApi.NotFoundPageAsync(renderer);
        }

        return await renderer.PageAsync<AccessRequestPage>(FormParameters(slug, gated, new Dictionary<string, string[]>(), null, null, null));
    }

    public static async Task<IResult> SubmitRequestAsync(
        string slug, Guid id, HttpContext http, TrustDbContext db, PortalRenderer renderer, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await GatedDocumentAsync(id, db, cancellationToken) is not { } gated)
        {
            return await PortalApi.NotFoundPageAsync(renderer);
        }

        if (!http.Request.HasFormContentType)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the form as a form post.");
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var name = form["name"].ToString().Trim();
        var company = form["company"].ToString().Trim();
        var email = form["email"].ToString().Trim();
        var errors = new Dictionary<string, string[]>();
        if (name.Length is 0 or > 200)
        {
            errors["name"] = ["Enter your name (at most 200 characters)."];
        }

        if (company.Length is 0 or > 200)
        {
            errors["company"] = ["Enter your company (at most 200 characters)."];
        }

        if (email.Length > 320 || !new EmailAddressAttribute().IsValid(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            errors["email"] = ["Enter a valid e-mail address."];
        }

        if (!string.Equals(form["acceptNda"].ToString(), "true", StringComparison.OrdinalIgnoreCase))
        {
            errors["acceptNda"] = ["Accept the non-disclosure agreement to request access."];
        }

        if (errors.Count > 0)
        {
            return await renderer.PageAsync<AccessRequestPage>(FormParameters(slug, gated, errors, name, company, email), StatusCodes.Status400BadRequest);
        }

        db.AccessRequests.Add(new AccessRequest
        {
            DocumentId = gated.Document.Id,
            VisitorName = name,
            Company = company,
            Email = email,
            AcceptedNdaText = gated.NdaText,
            RequestedAt = clock.GetUtcNow(),
            RequestedFromIp = PortalApi.Truncate(PortalApi.ClientAddress(http), 64),
        });
        await db.SaveChangesAsync(cancellationToken);
        return await renderer.PageAsync<PortalMessagePage>(new Dictionary<string, object?>
        {
            [nameof(PortalMessagePage.Heading)] = "Request received",
            [nameof(PortalMessagePage.Message)] = $"{gated.CompanyName} will review your request for “{gated.Document.Title}”. If it is approved, you receive a personal download link.",
            [nameof(PortalMessagePage.CompanyName)] = gated.CompanyName,
            [nameof(PortalMessagePage.BackHref)] = $"/trust/{slug}",
        });
    }

    public static async Task<IResult> LinkAsync(
        string slug, string token, HttpContext http, TrustDbContext db, PortalRenderer renderer, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var link = await OpenLinkAsync(slug, token, http, db, clock, cancellationToken);
        if (link.Refusal is { } refusal)
        {
            return await refusal(renderer);
        }

        return await LinkPageAsync(renderer, slug, token, link, link.Request!.IsBoundTo(http.Request.Cookies[CookieName(link.Request)]), null);
    }

    public static async Task<IResult> ConfirmVisitorAsync(
        string slug, string token, HttpContext http, TrustDbContext db, PortalRenderer renderer, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var link = await OpenLinkAsync(slug, token, http, db, clock, cancellationToken);
        if (link.Refusal is { } refusal)
        {
            return await refusal(renderer);
        }

        var request = link.Request!;
        if (request.IsBound)
        {
            return request.IsBoundTo(http.Request.Cookies[CookieName(request)])
                ? Results.Redirect($"/trust/{slug}/access/{token}", permanent: false, preserveMethod: false)
                : await RefusedAsync(renderer, link.CompanyName);
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(cancellationToken) : null;
        var email = form?["email"].ToString().Trim() ?? "";
        if (!string.Equals(email, request.Email, StringComparison.OrdinalIgnoreCase))
        {
            return await LinkPageAsync(renderer, slug, token, link, bound: false,
                "That is not the e-mail address the request was made with.", StatusCodes.Status400BadRequest);
        }

        var secret = request.BindVisitor(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Cookies.Append(CookieName(request), secret, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = $"/trust/{slug}/access",
            Expires = request.LinkExpiresAt,
            IsEssential = true,
        });
        // Post/redirect/get: a reload does not post the form again.
        return Results.Redirect($"/trust/{slug}/access/{token}", permanent: false, preserveMethod: false);
    }

    public static async Task<IResult> DownloadAsync(
        string slug, string token, HttpContext http, TrustDbContext db, PortalRenderer renderer, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var link = await OpenLinkAsync(slug, token, http, db, clock, cancellationToken);
        if (link.Refusal is { } refusal)
        {
            return await refusal(renderer);
        }

        var request = link.Request!;
        if (!request.IsBoundTo(http.Request.Cookies[CookieName(request)]))
        {
            return request.IsBound
                ? await RefusedAsync(renderer, link.CompanyName)
                : Results.Redirect($"/trust/{slug}/access/{token}", permanent: false, preserveMethod: false);
        }

        var file = await db.Files.AsNoTracking().FirstAsync(f => f.Id == link.Document!.FileId, cancellationToken);
        db.Downloads.Add(PortalApi.Download(http, link.Document!.Id, request.Id, request.Email, clock));
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        return PortalApi.FileResult(file);
    }

    private sealed record GatedDocument(TrustDocument Document, string CompanyName, string NdaText);

    private sealed record OpenedLink(
        AccessRequest? Request, TrustDocument? Document, string CompanyName, Func<PortalRenderer, Task<IResult>>? Refusal);

    private static async Task<GatedDocument?> GatedDocumentAsync(Guid id, TrustDbContext db, CancellationToken cancellationToken)
    {
        if (await PortalApi.PublishedDocumentAsync(db, id, cancellationToken) is not { Access: DocumentAccess.NdaGated } document)
        {
            return null;
        }

        var profile = await db.Profiles.AsNoTracking().FirstAsync(cancellationToken);
        return new GatedDocument(document, profile.CompanyName, profile.NdaText);
    }

    private static async Task<OpenedLink> OpenLinkAsync(
        string slug, string token, HttpContext http, TrustDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (token.Length > 100)
        {
            return new OpenedLink(null, null, "", PortalApi.NotFoundPageAsync);
        }

        var hash = AccessRequest.Hash(token);
        var request = await db.AccessRequests.FirstOrDefaultAsync(r => r.TokenHash == hash && r.Status == AccessRequestStatus.Approved, cancellationToken);
        var profile = await db.Profiles.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var document = request is null ? null : await PortalApi.PublishedDocumentAsync(db, request.DocumentId, cancellationToken);
        if (request is null || profile is null || document is null)
        {
            return new OpenedLink(null, null, "", PortalApi.NotFoundPageAsync);
        }

        if (request.LinkExpired(clock.GetUtcNow()))
        {
            return new OpenedLink(null, null, profile.CompanyName, renderer => renderer.PageAsync<PortalMessagePage>(new Dictionary<string, object?>
            {
                [nameof(PortalMessagePage.Heading)] = "This link has expired",
                [nameof(PortalMessagePage.Message)] = "The download link is no longer valid. Request access again from the trust portal.",
                [nameof(PortalMessagePage.CompanyName)] = profile.CompanyName,
                [nameof(PortalMessagePage.BackHref)] = $"/trust/{slug}",
            }, StatusCodes.Status410Gone));
        }

        return new OpenedLink(request, document, profile.CompanyName, null);
    }

    private static Task<IResult> RefusedAsync(PortalRenderer renderer, string companyName) =>
        renderer.PageAsync<PortalMessagePage>(new Dictionary<string, object?>
        {
            [nameof(PortalMessagePage.Heading)] = "This link belongs to another visitor",
            [nameof(PortalMessagePage.Message)] = "Download links are personal and work only in the browser of the person who requested access. Request access yourself from the trust portal.",
            [nameof(PortalMessagePage.CompanyName)] = companyName,
        }, StatusCodes.Status403Forbidden);

    private static Task<IResult> LinkPageAsync(
        PortalRenderer renderer, string slug, string token, OpenedLink link, bool bound, string? error, int status = StatusCodes.Status200OK) =>
        renderer.PageAsync<AccessLinkPage>(new Dictionary<string, object?>
        {
            [nameof(AccessLinkPage.CompanyName)] = link.CompanyName,
            [nameof(AccessLinkPage.DocumentTitle)] = link.Document!.Title,
            [nameof(AccessLinkPage.Action)] = $"/trust/{slug}/access/{token}",
            [nameof(AccessLinkPage.DownloadHref)] = $"/trust/{slug}/access/{token}/download",
            [nameof(AccessLinkPage.Bound)] = bound,
            [nameof(AccessLinkPage.ExpiresAt)] = link.Request!.LinkExpiresAt ?? DateTimeOffset.MinValue,
            [nameof(AccessLinkPage.Error)] = error,
        }, status);

    private static Dictionary<string, object?> FormParameters(
        string slug, GatedDocument gated, Dictionary<string, string[]> errors, string? name, string? company, string? email) => new()
        {
            [nameof(AccessRequestPage.CompanyName)] = gated.CompanyName,
            [nameof(AccessRequestPage.DocumentTitle)] = gated.Document.Title,
            [nameof(AccessRequestPage.NdaText)] = gated.NdaText,
            [nameof(AccessRequestPage.Action)] = $"/trust/{slug}/documents/{gated.Document.Id}/request",
            [nameof(AccessRequestPage.Errors)] = errors,
            [nameof(AccessRequestPage.Name)] = name,
            [nameof(AccessRequestPage.Company)] = company,
            [nameof(AccessRequestPage.Email)] = email,
        };

    private static string CookieName(AccessRequest request) => BindingCookiePrefix + request.Id.ToString("N");
}
