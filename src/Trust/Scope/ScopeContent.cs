namespace IsmsCloud.Trust.Scope;

/// <summary>An area left out of the certified scope, and why (domain rule 12: no exclusion without its reason).</summary>
public sealed record ScopeExclusion(string Subject, string Justification);

/// <summary>
/// What a scope statement says. Immutable: a revision replaces the whole value, which is what lets the DbContext see
/// (and refuse) any change to a published version as a change of one property.
/// </summary>
public sealed record ScopeContent(
    string Summary,
    IReadOnlyList<string> IncludedServices,
    IReadOnlyList<string> Locations,
    IReadOnlyList<string> Teams,
    IReadOnlyList<string> Systems,
    IReadOnlyList<ScopeExclusion> Exclusions)
{
    public static ScopeContent Empty { get; } = new("", [], [], [], [], []);

    /// <summary>Equal when every part holds the same entries in the same order (not the same list instances).</summary>
    public bool Equals(ScopeContent? other) =>
        other is not null
        && string.Equals(Summary, other.Summary, StringComparison.Ordinal)
        && IncludedServices.SequenceEqual(other.IncludedServices, StringComparer.Ordinal)
        && Locations.SequenceEqual(other.Locations, StringComparer.Ordinal)
        && Teams.SequenceEqual(other.Teams, StringComparer.Ordinal)
        && Systems.SequenceEqual(other.Systems, StringComparer.Ordinal)
        && Exclusions.SequenceEqual(other.Exclusions);

    public override int GetHashCode() =>
        HashCode.Combine(Summary, IncludedServices.Count, Locations.Count, Teams.Count, Systems.Count, Exclusions.Count);

    /// <summary>Whether a service name is among the included services (trimmed, case-insensitive).</summary>
    public bool Includes(string service) =>
        IncludedServices.Any(s => string.Equals(s.Trim(), service.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The exclusion naming a subject, if any (trimmed, case-insensitive).</summary>
    public ScopeExclusion? ExclusionOf(string subject) =>
        Exclusions.FirstOrDefault(e => string.Equals(e.Subject.Trim(), subject.Trim(), StringComparison.OrdinalIgnoreCase));
}
