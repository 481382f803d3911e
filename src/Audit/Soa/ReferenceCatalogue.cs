using System.Text.RegularExpressions;

namespace IsmsCloud.Audits.Soa;

/// <summary>
/// What a finding may reference: a clause of ISO/IEC 27001:2022 (4.1–10.2, as listed in iso27001-2022-clauses.csv) or
/// an Annex A control. The 93 Annex A controls are in every tenant's SoA from onboarding (rule 4); custom controls are
/// learned from risk-api's ControlChanged (<see cref="KnownControl"/>).
/// </summary>
public static partial class ReferenceCatalogue
{
    public static IReadOnlySet<string> Clauses { get; } = Load("IsmsCloud.Audits.Soa.iso27001-2022-clauses.csv");
    public static IReadOnlySet<string> AnnexAControls { get; } = Load("IsmsCloud.Audits.Soa.iso27001-2022-annex-a.csv");

    /// <summary>
    /// The stored form of a reference typed by a person: spaces removed, case normalised ("a. 8.8 " is "A.8.8", "9.2.1"
    /// stays). Findings are compared on this form exactly, so recurrence never depends on how someone typed it.
    /// </summary>
    public static string Normalize(string? raw)
    {
        var compact = Whitespace().Replace(raw ?? "", "");
        return compact.ToUpperInvariant();
    }

    public static bool IsClause(string normalized) => Clauses.Contains(normalized);

    public static bool IsAnnexA(string normalized) => AnnexAControls.Contains(normalized);

    private static HashSet<string> Load(string resource)
    {
        using var stream = typeof(ReferenceCatalogue).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing.");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // header
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var id = line.Split(',', 2)[0].Trim();
            if (id.Length > 0)
            {
                ids.Add(Normalize(id));
            }
        }

        return ids;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
