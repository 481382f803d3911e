using System.Text.Json;

namespace IsmsCloud.Web.Components.Shared;

/// <summary>One field of a saved change as a person reads it: its name in words, and its value before and after.</summary>
public sealed record FieldChange(string Field, string Before, string After);

/// <summary>
/// An audit entry's changes (canonical JSON, field → [before, after]) as lines for a record's history. Values are
/// shown as they were saved: text without quotes, nothing as "—", lists and objects as compact JSON; long text is cut
/// so one pasted description does not fill the page (the whole entry stays in the audit trail).
/// </summary>
public static class RecordChanges
{
    public const int LongestValue = 160;
    private const string Nothing = "—";

    public static IReadOnlyList<FieldChange> Parse(string changes)
    {
        try
        {
            using var document = JsonDocument.Parse(changes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            var fields = new List<FieldChange>();
            foreach (var field in document.RootElement.EnumerateObject())
            {
                var pair = field.Value;
                var (before, after) = pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() == 2
                    ? (Show(pair[0]), Show(pair[1]))
                    : (Nothing, Show(pair));
                fields.Add(new FieldChange(Words.Of(field.Name), before, after));
            }

            return fields;
        }
        catch (JsonException)
        {
            // Not ours to fail on: the trail keeps what it kept; the page then shows no field lines for the entry.
            return [];
        }
    }

    private static string Show(JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => Nothing,
            JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : Nothing,
            JsonValueKind.True => "yes",
            JsonValueKind.False => "no",
            _ => value.GetRawText(),
        };
        return text.Length > LongestValue ? text[..(LongestValue - 1)] + "…" : text;
    }
}
