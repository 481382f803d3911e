using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace IsmsCloud.Risk.Csv;

/// <summary>Reads a CSV file with a header row into dictionaries keyed by lower-case column name, and collects errors by row.</summary>
internal sealed class CsvRows
{
    public const int MaxRows = 50_000;

    private CsvRows(List<(int Line, Dictionary<string, string> Fields)> rows) => Rows = rows;

    public List<(int Line, Dictionary<string, string> Fields)> Rows { get; }

    public static (CsvRows? Rows, Dictionary<string, string[]> Errors) Parse(string text, IReadOnlyList<string> requiredColumns)
    {
        var errors = new Dictionary<string, string[]>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            DetectDelimiter = true,
        };
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, config);
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
            {
                errors["file"] = ["The file has no header row."];
                return (null, errors);
            }

            var header = csv.HeaderRecord.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            var missing = requiredColumns.Where(c => !header.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                errors["file"] = [$"Missing column(s): {string.Join(", ", missing)}. Expected: {string.Join(", ", requiredColumns)}."];
                return (null, errors);
            }

            var rows = new List<(int, Dictionary<string, string>)>();
            while (csv.Read())
            {
                if (rows.Count >= MaxRows)
                {
                    errors["file"] = [$"A file may hold at most {MaxRows} rows."];
                    return (null, errors);
                }

                var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < header.Length; i++)
                {
                    fields[header[i]] = csv.TryGetField<string>(i, out var value) ? value ?? "" : "";
                }

                if (fields.Values.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                rows.Add((csv.Parser.Row, fields));
            }

            return (new CsvRows(rows), errors);
        }
        catch (CsvHelperException ex)
        {
            errors["file"] = [$"The file is not valid CSV near row {ex.Context?.Parser?.Row}."];
            return (null, errors);
        }
    }
}

/// <summary>Field checks shared by the importers: each adds "row N: column" errors and returns a value to use when valid.</summary>
internal sealed class RowErrors(Dictionary<string, string[]> errors, int line)
{
    public void Add(string column, string message) => errors[$"row {line}: {column}"] = [message];

    public string Text(Dictionary<string, string> f, string column, int max, bool required, int min = 0)
    {
        var value = f.GetValueOrDefault(column, "").Trim();
        if (required && value.Length == 0)
        {
            Add(column, "Required.");
        }
        else if (value.Length > max || (value.Length > 0 && value.Length < min))
        {
            Add(column, $"Must be {min}–{max} characters.");
        }

        return value;
    }

    public int Rating(Dictionary<string, string> f, string column)
    {
        var raw = f.GetValueOrDefault(column, "").Trim();
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 5)
        {
            return value;
        }

        Add(column, "Must be a whole number from 1 to 5.");
        return 1;
    }

    public TEnum Enum<TEnum>(Dictionary<string, string> f, string column, TEnum fallback, bool required)
        where TEnum : struct, System.Enum
    {
        var raw = f.GetValueOrDefault(column, "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
        if (raw.Length == 0 && !required)
        {
            return fallback;
        }

        if (System.Enum.TryParse<TEnum>(raw, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !int.TryParse(raw, out _))
        {
            return value;
        }

        Add(column, $"Must be one of: {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
        return fallback;
    }

    public bool Bool(Dictionary<string, string> f, string column, bool fallback)
    {
        var raw = f.GetValueOrDefault(column, "").Trim().ToLowerInvariant();
        switch (raw)
        {
            case "":
                return fallback;
            case "yes" or "true" or "y" or "1":
                return true;
            case "no" or "false" or "n" or "0":
                return false;
            default:
                Add(column, "Must be yes or no.");
                return fallback;
        }
    }

    public string Email(Dictionary<string, string> f, string column)
    {
        var value = Text(f, column, 200, required: true).ToLowerInvariant();
        if (value.Length > 0 && !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(value))
        {
            Add(column, "Must be an e-mail address.");
        }

        return value;
    }
}
