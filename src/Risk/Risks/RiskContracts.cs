using System.ComponentModel.DataAnnotations;

namespace IsmsCloud.Risk.Risks;

public sealed record CreateRiskRequest(
    [property: Required, StringLength(200, MinimumLength = 3)] string Title,
    [property: Required, StringLength(200)] string Owner,
    [property: Range(RiskScore.MinRating, RiskScore.MaxRating)] int Likelihood,
    [property: Range(RiskScore.MinRating, RiskScore.MaxRating)] int Impact,
    [property: StringLength(4000)] string? Description = null);

/// <summary>An update carries the version the client read; a stale one answers 409.</summary>
public sealed record UpdateRiskRequest(
    [property: Required, StringLength(200, MinimumLength = 3)] string Title,
    [property: Required, StringLength(200)] string Owner,
    [property: Range(RiskScore.MinRating, RiskScore.MaxRating)] int Likelihood,
    [property: Range(RiskScore.MinRating, RiskScore.MaxRating)] int Impact,
    [property: Range(0, uint.MaxValue)] long Version,
    [property: StringLength(4000)] string? Description = null);

public sealed record RiskDto(
    Guid Id,
    string Title,
    string? Description,
    string Owner,
    int Likelihood,
    int Impact,
    int Score,
    RiskBand Band,
    uint Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static RiskDto From(Risk risk) => new(
        risk.Id, risk.Title, risk.Description, risk.Owner, risk.Likelihood, risk.Impact,
        risk.Score.Value, risk.Score.Band, risk.Version, risk.CreatedAt, risk.UpdatedAt);
}

public enum RiskSort
{
    Newest,
    Title,
    ScoreDescending,
}
