using Refit;

namespace IsmsCloud.Web.Api;

public sealed record RiskSummaryDto(int RiskCount, IReadOnlyDictionary<string, int> ByBand, DateTimeOffset? LastAssessedAt);

public interface IReportingApi
{
    [Get("/api/reporting/risk-summary")]
    Task<RiskSummaryDto> GetRiskSummaryAsync(CancellationToken cancellationToken = default);
}
