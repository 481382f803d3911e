namespace IsmsCloud.Web.Api.ManagementReviews;

/// <summary>
/// A review's PDF pack and decisions CSV as plain downloads for the browser (a link cannot carry the bearer token):
/// fetched from the gateway with the signed-in user's token and streamed through unchanged, like the supplier exports.
/// reporting-api decides who may read the review; this only passes its answer on.
/// </summary>
public static class ManagementReviewDownloads
{
    public static IEndpointRouteBuilder MapManagementReviewDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/management-reviews/{id:guid}/pack.pdf", (Guid id, IManagementReviewApi api, HttpContext http, CancellationToken cancellationToken) =>
            ApiDownload.StreamAsync(api.DownloadPackAsync(id, cancellationToken), http, cancellationToken)).RequireAuthorization(IsmsPolicies.TenantMember);
        app.MapGet("/management-reviews/{id:guid}/decisions.csv", (Guid id, IManagementReviewApi api, HttpContext http, CancellationToken cancellationToken) =>
            ApiDownload.StreamAsync(api.DownloadDecisionsCsvAsync(id, cancellationToken), http, cancellationToken)).RequireAuthorization(IsmsPolicies.TenantMember);
        return app;
    }

    public static string PackHref(Guid id) => $"management-reviews/{id}/pack.pdf";

    public static string DecisionsCsvHref(Guid id) => $"management-reviews/{id}/decisions.csv";
}
