using System.Text;

namespace IsmsCloud.Web;

/// <summary>
/// Code names as people read them: the one place an enum value becomes words in the workspace. PascalCase is split
/// into a sentence ("NotImplemented" → "Not implemented", "ApprovedWithConditions" → "Approved with conditions");
/// the few names a split gets wrong (standards, acronyms) come from <see cref="Overrides"/>. Only what is shown
/// changes: the values sent to the APIs stay the enum members.
/// </summary>
public static class Words
{
    private static readonly Dictionary<string, string> Overrides = new(StringComparer.Ordinal)
    {
        ["Iso27001"] = "ISO/IEC 27001",
        ["Soc2Type1"] = "SOC 2 Type 1",
        ["Soc2Type2"] = "SOC 2 Type 2",
        ["Dpa"] = "DPA",
        ["AiSystem"] = "AI system",
        ["NdaGated"] = "NDA-gated",
        ["YesNo"] = "Yes or no",
        ["MajorNonconformity"] = "Major nonconformity",
        ["MinorNonconformity"] = "Minor nonconformity",
        ["OpportunityForImprovement"] = "Opportunity for improvement",
        ["AcceptancePending"] = "Awaiting acceptance",
    };

    /// <summary>Words that keep their capitals wherever they stand in a name.</summary>
    private static readonly Dictionary<string, string> Acronyms = new(StringComparer.Ordinal)
    {
        ["Ai"] = "AI",
        ["Soa"] = "SoA",
        ["Nda"] = "NDA",
        ["Isms"] = "ISMS",
        ["Sso"] = "SSO",
    };

    /// <summary>"NotImplemented" → "Not implemented".</summary>
    public static string Of(Enum value) => Of(value.ToString());

    /// <summary>A value that may be missing: <paramref name="missing"/> then (an empty cell, a dash).</summary>
    public static string Of(Enum? value, string missing) => value is null ? missing : Of(value);

    /// <summary>"NotImplemented" → "Not implemented"; camelCase too ("treatmentOverdue" → "Treatment overdue").</summary>
    public static string Of(string code)
    {
        if (Overrides.TryGetValue(code, out var words))
        {
            return words;
        }

        var parts = Split(code);
        var text = new StringBuilder();
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(Acronyms.TryGetValue(part, out var acronym) ? acronym
                : IsAllCapitals(part) ? part
                : i == 0 ? char.ToUpperInvariant(part[0]) + part[1..]
                : part.ToLowerInvariant());
        }

        return text.ToString();
    }

    /// <summary>The same words in lower case, for the middle of a sentence ("2 no valid assessment"); acronyms keep their capitals.</summary>
    public static string Lower(string code)
    {
        var words = Of(code);
        if (words.Length == 0)
        {
            return words;
        }

        var first = words.Split(' ')[0];
        return first.Length > 1 && (IsAllCapitals(first) || Acronyms.ContainsValue(first)) ? words : char.ToLowerInvariant(words[0]) + words[1..];
    }

    private static bool IsAllCapitals(string part) => part.Length > 1 && part.All(c => !char.IsLower(c));

    /// <summary>"PartiallyImplemented" → [Partially, Implemented]; "ISOAudit" → [ISO, Audit]; digits stay with their word.</summary>
    private static List<string> Split(string code)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 1; i < code.Length; i++)
        {
            var (previous, current) = (code[i - 1], code[i]);
            var next = i + 1 < code.Length ? code[i + 1] : '\0';
            var wordStarts = char.IsUpper(current) && (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && char.IsLower(next)));
            if (wordStarts)
            {
                parts.Add(code[start..i]);
                start = i;
            }
        }

        if (code.Length > 0)
        {
            parts.Add(code[start..]);
        }

        return parts;
    }
}
