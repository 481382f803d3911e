using System.ComponentModel.DataAnnotations;

namespace IsmsCloud.Trust.Scope;

public sealed record ScopeExclusionDto(
    [property: Required, StringLength(200, MinimumLength = 2)] string Subject,
    [property: Required, StringLength(2000, MinimumLength = 10)] string Justification);

/// <summary>The whole draft: a revision replaces it (lists of at most 100 entries of at most 200 characters).</summary>
public sealed record UpdateScopeDraftRequest(
    [property: StringLength(4000)] string? Summary,
    [property: MaxLength(100)] IReadOnlyList<string>? IncludedServices,
    [property: MaxLength(100)] IReadOnlyList<string>? Locations,
    [property: MaxLength(100)] IReadOnlyList<string>? Teams,
    [property: MaxLength(100)] IReadOnlyList<string>? Systems,
    [property: MaxLength(100)] IReadOnlyList<ScopeExclusionDto>? Exclusions,
    [property: Range(0, uint.MaxValue)] long Version);

public sealed record PublishScopeRequest([property: Range(0, uint.MaxValue)] long Version);

public sealed record ScopeVersionDto(
    Guid Id,
    ScopeVersionStatus Status,
    int? Number,
    string Summary,
    IReadOnlyList<string> IncludedServices,
    IReadOnlyList<string> Locations,
    IReadOnlyList<string> Teams,
    IReadOnlyList<string> Systems,
    IReadOnlyList<ScopeExclusionDto> Exclusions,
    uint Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? PublishedBy,
    string? PublishedByName,
    DateTimeOffset? PublishedAt)
{
    public static ScopeVersionDto From(ScopeVersion s) => new(
        s.Id, s.Status, s.Number, s.Content.Summary, s.Content.IncludedServices, s.Content.Locations, s.Content.Teams,
        s.Content.Systems, s.Content.Exclusions.Select(e => new ScopeExclusionDto(e.Subject, e.Justification)).ToList(),
        s.Version, s.CreatedAt, s.UpdatedAt, s.PublishedBy, s.PublishedByName, s.PublishedAt);
}

public sealed record ScopeVersionSummaryDto(
    Guid Id, int Number, DateTimeOffset PublishedAt, string PublishedBy, string? PublishedByName, int IncludedServiceCount, int ExclusionCount);

/// <summary>The draft compared with the latest published version (null when nothing is published yet).</summary>
public sealed record ScopeDraftChangesDto(int? ComparedWithNumber, ScopeChanges Changes);
