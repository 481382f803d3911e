namespace IsmsCloud.Web.Api;

/// <summary>
/// Files the APIs keep with a record (an evidence record's file, a certificate's document), as downloads for the browser, streamed through
/// <see cref="ApiDownload"/> with the signed-in user's token. The API decides who may read which record; another
/// tenant's id is its 404, passed on. Never under <c>/trust/</c>: the gateway sends that to the public portal.
/// </summary>
public static class FileDownloads
{
    public static IEndpointRouteBuilder MapFileDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/risk/evidence/{id:guid}/file", (Guid id, IRiskApi api, HttpContext http, CancellationToken cancellationToken) =>
            ApiDownload.StreamAsync(api.DownloadEvidenceFileAsync(id, cancellationToken), http, cancellationToken)).RequireAuthorization(IsmsPolicies.TenantMember);
        app.MapGet("/portal/certificates/{id:guid}/file", (Guid id, ITrustApi api, HttpContext http, CancellationToken cancellationToken) =>
            ApiDownload.StreamAsync(api.DownloadCertificateFileAsync(id, cancellationToken), http, cancellationToken)).RequireAuthorization(IsmsPolicies.TenantMember);
        return app;
    }

    public static string EvidenceHref(Guid evidenceId) => $"risk/evidence/{evidenceId}/file";

    public static string CertificateHref(Guid certificateId) => $"portal/certificates/{certificateId}/file";
}
