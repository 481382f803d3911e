namespace IsmsCloud.Trust.Scope;

/// <summary>What a draft adds to and removes from the published scope, per part of the statement.</summary>
public sealed record ScopeListChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Removed)
{
    public bool Any => Added.Count > 0 || Removed.Count > 0;
}

public sealed record ScopeChanges(
    bool SummaryChanged,
    ScopeListChanges IncludedServices,
    ScopeListChanges Locations,
    ScopeListChanges Teams,
    ScopeListChanges Systems,
    ScopeListChanges Exclusions,
    IReadOnlyList<string> ChangedJustifications)
{
    public bool Any => SummaryChanged || IncludedServices.Any || Locations.Any || Teams.Any || Systems.Any || Exclusions.Any
        || ChangedJustifications.Count > 0;
}

public static class ScopeComparison
{
    /// <summary>Compares <paramref name="proposed"/> with <paramref name="current"/> (empty when nothing is published yet).</summary>
    public static ScopeChanges Compare(ScopeContent current, ScopeContent proposed)
    {
        var changedJustifications = proposed.Exclusions
            .Where(p => current.ExclusionOf(p.Subject) is { } c && !string.Equals(c.Justification.Trim(), p.Justification.Trim(), StringComparison.Ordinal))
            .Select(p => p.Subject)
            .ToList();
        return new ScopeChanges(
            !string.Equals(current.Summary.Trim(), proposed.Summary.Trim(), StringComparison.Ordinal),
            Diff(current.IncludedServices, proposed.IncludedServices),
            Diff(current.Locations, proposed.Locations),
            Diff(current.Teams, proposed.Teams),
            Diff(current.Systems, proposed.Systems),
            Diff(current.Exclusions.Select(e => e.Subject).ToList(), proposed.Exclusions.Select(e => e.Subject).ToList()),
            changedJustifications);
    }

    private static ScopeListChanges Diff(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var comparer = StringComparer.OrdinalIgnoreCase;
        var beforeSet = before.Select(s => s.Trim()).ToHashSet(comparer);
        var afterSet = after.Select(s => s.Trim()).ToHashSet(comparer);
        return new ScopeListChanges(
            after.Select(s => s.Trim()).Where(s => !beforeSet.Contains(s)).ToList(),
            before.Select(s => s.Trim()).Where(s => !afterSet.Contains(s)).ToList());
    }
}
