using System.ComponentModel.DataAnnotations;
using IsmsCloud.Risk.Acceptance;
using IsmsCloud.Risk.Exceptions;
using IsmsCloud.Risk.Incidents;
using IsmsCloud.Risk.Reviews;
using IsmsCloud.Risk.Treatment;

namespace IsmsCloud.Risk.Risks;

public sealed record CreateRiskRequest(
    [property: Required, StringLength(200, MinimumLength = 3)] string Title,
    [property: Required, EmailAddress, StringLength(200)] string Owner,
    [property: Range(RiskScore.MinRating, RiskScore.MaxRating)] int InherentLikelihood,
    [property: Range(RiskScore.MinRating, RiskScore.MaxRating)] int InherentImpact,
    [property: Range(RiskScore.MinRating, RiskScore.MaxRating)] int ResidualLikelihood,
    [property: Range(RiskScore.MinRating, RiskScore.MaxRating)] int ResidualImpact,
    [property: StringLength(4000)] string? Description = null,
    [property: StringLength(2000)] string? Threat = null,
    [property: StringLength(2000)] string? Vulnerability = null,
    [property: MaxLength(100)] IReadOnlyList<Guid>? AssetIds = null,
    [property: StringLength(4000)] string? Rationale = null);

/// <summary>
/// An update carries the version the client read; a stale one answers 409. A change of either score needs a
/// rationale, which goes into the assessment history.
/// </summary>
public sealed record UpdateRiskRequest(
    [property: Required, StringLength(200, MinimumLength = 3)] string Title,
    [property: Required, EmailAddress, StringLength(200)] string Owner,
    [property: Range(RiskScore.MinRating, RiskScore.MaxRating)] int InherentLikelihood,
    [property: Range(RiskScore.MinRating, RiskScore.MaxRating)] int InherentImpact,
    [property: Range(RiskScore.MinRating, RiskScore.MaxRating)] int ResidualLikelihood,
    [property: Range(RiskScore.MinRating, RiskScore.MaxRating)] int ResidualImpact,
    [property: Range(0, uint.MaxValue)] long Version,
    [property: StringLength(4000)] string? Description = null,
    [property: StringLength(2000)] string? Threat = null,
    [property: StringLength(2000)] string? Vulnerability = null,
    [property: MaxLength(100)] IReadOnlyList<Guid>? AssetIds = null,
    [property: StringLength(4000)] string? Rationale = null,
    DateOnly? NextReviewOn = null);

public sealed record DecideTreatmentRequest(TreatmentDecision? Decision, [property: Range(0, uint.MaxValue)] long Version);

public sealed record RiskDto(
    Guid Id,
    string Title,
    string? Description,
    string Owner,
    string? Threat,
    string? Vulnerability,
    int InherentLikelihood,
    int InherentImpact,
    int InherentScore,
    RiskBand InherentBand,
    int ResidualLikelihood,
    int ResidualImpact,
    int ResidualScore,
    RiskBand ResidualBand,
    TreatmentDecision? Decision,
    RiskStatus Status,
    bool AboveAppetite,
    DateOnly NextReviewOn,
    bool ReviewDue,
    int OverdueDays,
    uint Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record LinkedRecord(Guid Id, string Label, string? Detail = null);

/// <summary>A risk with everything linked to it, both ways: assets, controls, exceptions, incidents, actions, acceptances.</summary>
public sealed record RiskDetailDto(
    RiskDto Risk,
    IReadOnlyList<LinkedRecord> Assets,
    IReadOnlyList<LinkedRecord> Controls,
    IReadOnlyList<LinkedRecord> Exceptions,
    IReadOnlyList<LinkedRecord> Incidents,
    IReadOnlyList<TreatmentActionDto> Actions,
    IReadOnlyList<AcceptanceDto> Acceptances,
    IReadOnlyList<ReviewDto> OpenReviews);

public sealed record AssessmentDto(
    Guid Id, DateTimeOffset AssessedAt, string AssessedBy, string? Rationale,
    int? InherentLikelihoodBefore, int? InherentImpactBefore, int? InherentBefore,
    int? ResidualLikelihoodBefore, int? ResidualImpactBefore, int? ResidualBefore,
    int InherentLikelihoodAfter, int InherentImpactAfter, int InherentAfter,
    int ResidualLikelihoodAfter, int ResidualImpactAfter, int ResidualAfter)
{
    public static AssessmentDto From(RiskAssessment a) => new(
        a.Id, a.AssessedAt, a.AssessedBy, a.Rationale,
        a.InherentLikelihoodBefore, a.InherentImpactBefore, a.InherentBefore,
        a.ResidualLikelihoodBefore, a.ResidualImpactBefore, a.ResidualBefore,
        a.InherentLikelihoodAfter, a.InherentImpactAfter, a.InherentAfter,
        a.ResidualLikelihoodAfter, a.ResidualImpactAfter, a.ResidualAfter);
}

/// <summary>Counts per cell, [likelihood - 1][impact - 1], for inherent and residual scores.</summary>
public sealed record HeatMapDto(int[][] Inherent, int[][] Residual, int Total);

public enum RiskSort
{
    Newest,
    Title,
    ResidualDescending,
    InherentDescending,
    NextReview,
    Owner,
}

/// <summary>The list's filters; all optional and combined with AND.</summary>
public sealed record RiskFilter(
    string? Search = null,
    RiskBand? Band = null,
    RiskStatus? Status = null,
    TreatmentDecision? Decision = null,
    string? Owner = null,
    bool? Overdue = null,
    bool? ReviewDue = null,
    bool? AboveAppetite = null,
    Guid? AssetId = null,
    Guid? ControlId = null);
