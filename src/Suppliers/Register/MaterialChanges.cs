namespace IsmsCloud.Suppliers.Register;

/// <summary>The changes to a supplier that make its reassessment due at once (rule 11, issue 10 item 4).</summary>
public enum MaterialChangeKind
{
    NewService,
    NewDataCategory,
    NewSubProcessor,
    NewAiUse,
    LocationChange,
}

/// <summary>The supplier's facts that material changes are judged on.</summary>
public sealed record MaterialFacts(IReadOnlyCollection<string> Services, IReadOnlyCollection<string> DataCategories, IReadOnlyCollection<string> DataLocations, bool UsesAi)
{
    public static MaterialFacts Of(Supplier s) => new(s.Services.ToList(), s.DataCategories.ToList(), s.DataLocations.ToList(), s.UsesAi);
}

/// <summary>
/// The one home of "what counts as material": a service or data category that was not there before, any change of
/// the data's locations (added, removed), AI use where there was none. Removing a service or a data category is not
/// material (less exposure, not more); a new sub-processor is recorded on its parent when it is added under it.
/// Names compare case- and space-insensitively, so retyping "Payroll " as "payroll" changes nothing.
/// </summary>
public static class MaterialChanges
{
    public static IReadOnlyList<MaterialChangeKind> Between(MaterialFacts before, MaterialFacts after)
    {
        var kinds = new List<MaterialChangeKind>();
        if (Normalized(after.Services).Except(Normalized(before.Services)).Any())
        {
            kinds.Add(MaterialChangeKind.NewService);
        }

        if (Normalized(after.DataCategories).Except(Normalized(before.DataCategories)).Any())
        {
            kinds.Add(MaterialChangeKind.NewDataCategory);
        }

        if (!Normalized(after.DataLocations).SetEquals(Normalized(before.DataLocations)))
        {
            kinds.Add(MaterialChangeKind.LocationChange);
        }

        if (after.UsesAi && !before.UsesAi)
        {
            kinds.Add(MaterialChangeKind.NewAiUse);
        }

        return kinds;
    }

    private static HashSet<string> Normalized(IEnumerable<string> values) =>
        values.Select(v => string.Join(' ', v.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
}
