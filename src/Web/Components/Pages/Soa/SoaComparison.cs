using IsmsCloud.Web.Api;
using IsmsCloud.Web.Components.Shared;

namespace IsmsCloud.Web.Components.Pages.Soa;

/// <summary>How one control differs between two published SoA versions.</summary>
public enum SoaEntryChange { Added, Removed, Changed }

/// <summary>One control's difference: the fields that changed, each with its value in the older and the newer version.</summary>
public sealed record SoaEntryDifference(string Reference, string Title, SoaEntryChange Change, IReadOnlyList<FieldChange> Fields);

/// <summary>
/// What changed from one published SoA version to another, control by control (matched by reference): the controls
/// added and removed, and each field that changed — applicability, justification, implementation, owner, evidence
/// cadence, the number of linked risks, the title. This is what an auditor asks first of a new version.
/// </summary>
public static class SoaComparison
{
    public static IReadOnlyList<SoaEntryDifference> Between(SoaVersionDto older, SoaVersionDto newer)
    {
        var before = older.Entries.ToDictionary(e => e.Reference, StringComparer.Ordinal);
        var after = newer.Entries.ToDictionary(e => e.Reference, StringComparer.Ordinal);
        var differences = new List<SoaEntryDifference>();
        foreach (var entry in newer.Entries)
        {
            if (!before.TryGetValue(entry.Reference, out var was))
            {
                differences.Add(new SoaEntryDifference(entry.Reference, entry.Title, SoaEntryChange.Added, []));
                continue;
            }

            var fields = FieldsThatChanged(was, entry);
            if (fields.Count > 0)
            {
                differences.Add(new SoaEntryDifference(entry.Reference, entry.Title, SoaEntryChange.Changed, fields));
            }
        }

        differences.AddRange(older.Entries.Where(e => !after.ContainsKey(e.Reference))
            .Select(e => new SoaEntryDifference(e.Reference, e.Title, SoaEntryChange.Removed, [])));
        return differences;
    }

    private static List<FieldChange> FieldsThatChanged(SoaVersionEntry was, SoaVersionEntry now)
    {
        var fields = new List<FieldChange>();
        void Compare(string field, string before, string after)
        {
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                fields.Add(new FieldChange(field, before, after));
            }
        }

        Compare("Title", was.Title, now.Title);
        Compare("Applicable", YesNo(was.Applicable), YesNo(now.Applicable));
        Compare("Justification", was.Justification, now.Justification);
        Compare("Implementation", Words.Of(was.ImplementationStatus), Words.Of(now.ImplementationStatus));
        Compare("Owner", was.Owner ?? "—", now.Owner ?? "—");
        Compare("Evidence cadence", Cadence(was.EvidenceCadenceDays), Cadence(now.EvidenceCadenceDays));
        Compare("Linked risks", was.LinkedRiskCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            now.LinkedRiskCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return fields;
    }

    private static string YesNo(bool applicable) => applicable ? "Yes" : "No";

    private static string Cadence(int? days) => days is { } d ? $"every {d} days" : "none";
}
