namespace IsmsCloud.Risk.Soa;

public sealed record AnnexAControl(string Reference, ControlTheme Theme, string Title, string Guidance, int SortOrder);

/// <summary>
/// The 93 controls of ISO/IEC 27001:2022 Annex A: ids and titles only, from the CSV embedded in this assembly (ISO's
/// control text is copyrighted). The guidance is ours: one line per theme on what evidence usually shows it working.
/// </summary>
public static class AnnexACatalogue
{
    private static readonly Lazy<IReadOnlyList<AnnexAControl>> Loaded = new(Load);

    public static IReadOnlyList<AnnexAControl> Controls => Loaded.Value;

    private static List<AnnexAControl> Load()
    {
        using var stream = typeof(AnnexACatalogue).Assembly.GetManifestResourceStream("IsmsCloud.Risk.Soa.iso27001-2022-annex-a.csv")
            ?? throw new InvalidOperationException("The Annex A catalogue is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // header: id,theme,title
        var controls = new List<AnnexAControl>();
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            // Id and theme never contain commas; a title may (then it is quoted), so split at the first two only.
            var first = line.IndexOf(',', StringComparison.Ordinal);
            var second = line.IndexOf(',', first + 1);
            var reference = line[..first];
            var theme = Enum.Parse<ControlTheme>(line[(first + 1)..second]);
            var title = line[(second + 1)..].Trim().Trim('"');
            controls.Add(new AnnexAControl(reference, theme, title, Guidance(theme), SortKey(reference)));
        }

        return controls;
    }

    /// <summary>A.5.10 sorts after A.5.9: clause × 1000 + number.</summary>
    public static int SortKey(string reference)
    {
        var parts = reference.Split('.');
        return int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) * 1000
            + int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Guidance(ControlTheme theme) => theme switch
    {
        ControlTheme.Organizational => "Show it operating: an approved, current document plus records that people follow it (tickets, approvals, reviews with dates).",
        ControlTheme.People => "Show it for people who joined, moved or left in the period: records per person, not only the policy.",
        ControlTheme.Physical => "Show the site as it is: access logs, inspection records and photos dated within the period.",
        ControlTheme.Technological => "Show configuration and its output: settings exports, alerts, logs or scan results covering the period.",
        _ => "Describe what evidence shows this control working, and how often it should be collected.",
    };
}
