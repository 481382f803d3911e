using System.Globalization;
using System.Text;
using System.Text.Json;

namespace IsmsCloud.BuildingBlocks.Audit;

/// <summary>
/// The JSON Canonicalization Scheme of RFC 8785: the one byte sequence a JSON value hashes to, whoever wrote it.
/// Object members are sorted by their names' UTF-16 code units, no whitespace is written, strings are escaped only
/// where JSON requires it, and numbers are written as ECMAScript writes an IEEE 754 double
/// (<c>Number.prototype.toString</c>). No package served here implements it, so it is written here, small and tested
/// against the RFC's vectors.
/// </summary>
public static class JsonCanonicalizer
{
    /// <summary>The canonical form of a JSON text; <see cref="FormatException"/> for what RFC 8785 cannot express.</summary>
    public static string Canonicalize(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Not JSON: {ex.Message}", ex);
        }

        using (document)
        {
            return Canonicalize(document.RootElement);
        }
    }

    public static string Canonicalize(JsonElement element)
    {
        var text = new StringBuilder();
        Write(text, element);
        return text.ToString();
    }

    public static void Write(StringBuilder text, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new List<(string Name, JsonElement Value)>();
                foreach (var member in element.EnumerateObject())
                {
                    members.Add((ReadString(() => member.Name), member.Value));
                }

                // Ordinal comparison of .NET strings is comparison of UTF-16 code units, as §3.2.3 asks.
                members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                text.Append('{');
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        if (members[i].Name == members[i - 1].Name)
                        {
                            throw new FormatException($"The member name \"{members[i].Name}\" appears twice (I-JSON forbids it).");
                        }

                        text.Append(',');
                    }

                    WriteString(text, members[i].Name);
                    text.Append(':');
                    Write(text, members[i].Value);
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        text.Append(',');
                    }

                    first = false;
                    Write(text, item);
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(text, ReadString(() => element.GetString()!));
                break;
            case JsonValueKind.Number:
                text.Append(FormatNumber(double.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            default:
                text.Append("null");
                break;
        }
    }

    /// <summary>A string as §3.2.2.2 writes it: only <c>"</c>, <c>\</c> and the controls below U+0020 are escaped.</summary>
    public static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case < ' ':
                    text.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        text.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        throw new FormatException("A string holds a lone surrogate, which is not Unicode text (I-JSON forbids it).");
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }

    /// <summary>
    /// A number as ECMAScript's <c>Number.prototype.toString</c> writes the double (§3.2.2.3): the shortest digits that
    /// read back to the same double, in plain notation from 1e-6 up to 1e21 and in exponent notation outside.
    /// </summary>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new FormatException("NaN and Infinity have no JSON form (RFC 8785 §3.2.2.3).");
        }

        if (value == 0)
        {
            return "0"; // -0 too
        }

        // .NET's "R" is the shortest round-trip form (since .NET Core 3.0); take its digits and decimal exponent.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest[0] == '-';
        if (negative)
        {
            shortest = shortest[1..];
        }

        var exponent = 0;
        var e = shortest.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            shortest = shortest[..e];
        }

        var dot = shortest.IndexOf('.', StringComparison.Ordinal);
        var digits = dot >= 0 ? shortest.Remove(dot, 1) : shortest;
        var point = (dot >= 0 ? dot : shortest.Length) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        point -= leadingZeros;

        // ECMAScript's terms: k digits, the value is digits × 10^(n − k).
        var k = digits.Length;
        var n = point;
        var result = new StringBuilder(k + 8);
        if (negative)
        {
            result.Append('-');
        }

        if (k <= n && n <= 21)
        {
            result.Append(digits).Append('0', n - k);
        }
        else if (n is > 0 and <= 21)
        {
            result.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (n is > -6 and <= 0)
        {
            result.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            var power = n - 1;
            result.Append(digits[0]);
            if (k > 1)
            {
                result.Append('.').Append(digits, 1, k - 1);
            }

            result.Append('e').Append(power >= 0 ? '+' : '-').Append(Math.Abs(power).ToString(CultureInfo.InvariantCulture));
        }

        return result.ToString();
    }

    private static string ReadString(Func<string> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException("A string is not valid Unicode text.", ex);
        }
    }
}
