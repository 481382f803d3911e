using Refit;

namespace IsmsCloud.Web.Api.ManagementReviews;

/// <summary>reporting-api's management reviews (clause 9.3) through the gateway: plan, fill, decide, sign, the pack and the CSV.</summary>
public interface IManagementReviewApi
{
    [Get("/api/reporting/management-reviews")]
    Task<ReviewListDto> ListReviewsAsync(CancellationToken cancellationToken = default);

    [Post("/api/reporting/management-reviews")]
    Task<ReviewDto> PlanReviewAsync([Body] PlanReviewRequest request, CancellationToken cancellationToken = default);

    [Get("/api/reporting/management-reviews/{id}")]
    Task<ReviewDto> GetReviewAsync(Guid id, CancellationToken cancellationToken = default);

    [Put("/api/reporting/management-reviews/{id}")]
    Task<ReviewDto> UpdateReviewAsync(Guid id, [Body] UpdateReviewRequest request, CancellationToken cancellationToken = default);

    [Post("/api/reporting/management-reviews/{id}/decisions")]
    Task<DecisionRecord> AddDecisionAsync(Guid id, [Body] SaveDecisionRequest request, CancellationToken cancellationToken = default);

    [Put("/api/reporting/management-reviews/{id}/decisions/{decisionId}")]
    Task<DecisionRecord> UpdateDecisionAsync(Guid id, Guid decisionId, [Body] SaveDecisionRequest request, CancellationToken cancellationToken = default);

    /// <param name="version">The review's version read (the API refuses a stale one with 409).</param>
    [Delete("/api/reporting/management-reviews/{id}/decisions/{decisionId}")]
    Task DeleteDecisionAsync(Guid id, Guid decisionId, long version, CancellationToken cancellationToken = default);

    [Post("/api/reporting/management-reviews/{id}/sign")]
    Task<ReviewDto> SignReviewAsync(Guid id, [Body] ReviewVersionRequest request, CancellationToken cancellationToken = default);

    [Get("/api/reporting/management-reviews/{id}/pack.pdf")]
    Task<HttpResponseMessage> DownloadPackAsync(Guid id, CancellationToken cancellationToken = default);

    [Get("/api/reporting/management-reviews/{id}/decisions.csv")]
    Task<HttpResponseMessage> DownloadDecisionsCsvAsync(Guid id, CancellationToken cancellationToken = default);
}
