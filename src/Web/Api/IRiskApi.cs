using Refit;

namespace IsmsCloud.Web.Api;

public enum RiskSort
{
    Newest,
    Title,
    ScoreDescending,
}

public sealed record RiskDto(
    Guid Id,
    string Title,
    string? Description,
    string Owner,
    int Likelihood,
    int Impact,
    int Score,
    string Band,
    uint Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record CreateRiskRequest(string Title, string Owner, int Likelihood, int Impact, string? Description);

public interface IRiskApi
{
    [Get("/api/risk/risks")]
    Task<PagedResult<RiskDto>> ListRisksAsync(int page, int pageSize, string? search, RiskSort sort, CancellationToken cancellationToken = default);

    [Post("/api/risk/risks")]
    Task<RiskDto> CreateRiskAsync([Body] CreateRiskRequest request, CancellationToken cancellationToken = default);
}
