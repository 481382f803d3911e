using IsmsCloud.BuildingBlocks.Members;
using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.Hosting;

namespace IsmsCloud.BuildingBlocks.Csv;

/// <summary>
/// Reads a CSV stream with a header row, one row at a time, as dictionaries keyed by lower-case column name. Nothing
/// holds the whole file: an import of 50,000 rows costs the memory of one row plus what the importer keeps.
/// </summary>
internal sealed class CsvRows : IDisposable
{
    public const int MaxRows = 50_000;

    private readonly CsvReader _csv;
    private readonly string[] _header;

    private CsvRows(CsvReader csv, string[] header)
    {
        _csv = csv;
        _header = header;
    }

    /// <summary>Reads the header and checks the required columns; on failure the errors say why and no reader is returned.</summary>
    public static async Task<(CsvRows? Rows, Dictionary<string, string[]> Errors)> OpenAsync(TextReader text, IReadOnlyList<string> requiredColumns)
    {
        var errors = new Dictionary<string, string[]>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            DetectDelimiter = true,
        };
        var csv = new CsvReader(text, config);
        try
        {
            var hasFirstRow = await csv.ReadAsync();
            if (!hasFirstRow || !csv.ReadHeader() || csv.HeaderRecord is null)
            {
                errors["file"] = [hasFirstRow ? "The file has no header row." : "The file is empty."];
                csv.Dispose();
                return (null, errors);
            }
        }
        catch (CsvHelperException ex)
        {
            errors["file"] = [$"The file is not valid CSV near row {ex.Context?.Parser?.Row}."];
            csv.Dispose();
            return (null, errors);
        }

        var header = csv.HeaderRecord.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (header.Any(TextInput.HasControlCharacter))
        {
            errors["file"] = [$"The header row: {TextInput.ControlCharacterMessage}"];
            csv.Dispose();
            return (null, errors);
        }

        var missing = requiredColumns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            errors["file"] = [$"Missing column(s): {string.Join(", ", missing)}. Expected: {string.Join(", ", requiredColumns)}."];
            csv.Dispose();
            return (null, errors);
        }

        return (new CsvRows(csv, header), errors);
    }

    /// <summary>
    /// The data rows with their line numbers, blank rows skipped. A malformed file or one over <see cref="MaxRows"/> ends the
    /// sequence with a "file" error; <see cref="CsvImportFailure"/> carries it out of the enumeration.
    /// </summary>
    public async IAsyncEnumerable<(int Line, Dictionary<string, string> Fields)> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var count = 0;
        while (await ReadNextAsync(cancellationToken))
        {
            var fields = new Dictionary<string, string>(_header.Length, StringComparer.Ordinal);
            for (var i = 0; i < _header.Length; i++)
            {
                fields[_header[i]] = _csv.TryGetField<string>(i, out var value) ? value ?? "" : "";
            }

            if (fields.Values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (++count > MaxRows)
            {
                throw new CsvImportFailure($"A file may hold at most {MaxRows} rows.");
            }

            yield return (_csv.Parser.Row, fields);
        }
    }

    private async Task<bool> ReadNextAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await _csv.ReadAsync();
        }
        catch (CsvHelperException ex)
        {
            throw new CsvImportFailure($"The file is not valid CSV near row {ex.Context?.Parser?.Row}.");
        }
    }

    public void Dispose() => _csv.Dispose();
}

/// <summary>A reason the whole file is refused (not one row's field): reported as the "file" error.</summary>
internal sealed class CsvImportFailure(string message) : Exception(message);

/// <summary>Field checks shared by the importers: each adds "row N: column" errors and returns a value to use when valid.</summary>
public sealed class RowErrors(Dictionary<string, string[]> errors, int line)
{
    /// <summary>The row's number (the header is row 1), as the errors name it.</summary>
    public int Line => line;

    /// <summary>Whether this row (not the file) has at least one error.</summary>
    public bool HasErrors { get; private set; }

    public void Add(string column, string message)
    {
        errors[$"row {line}: {column}"] = [message];
        HasErrors = true;
    }

    public string Text(Dictionary<string, string> f, string column, int max, bool required, int min = 0)
    {
        var value = f.GetValueOrDefault(column, "").Trim();
        if (TextInput.HasControlCharacter(value))
        {
            Add(column, TextInput.ControlCharacterMessage);
        }
        else if (required && value.Length == 0)
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

    /// <summary>One record's id; null when the cell is empty and not required.</summary>
    public Guid? Id(Dictionary<string, string> f, string column, bool required = false)
    {
        var raw = f.GetValueOrDefault(column, "").Trim();
        if (raw.Length == 0)
        {
            if (required)
            {
                Add(column, "Required: an id.");
            }

            return null;
        }

        if (Guid.TryParse(raw, out var id) && id != Guid.Empty)
        {
            return id;
        }

        Add(column, "Must be an id.");
        return null;
    }

    /// <summary>A day as the export writes it (yyyy-MM-dd); null when the cell is empty and not required.</summary>
    public DateOnly? Date(Dictionary<string, string> f, string column, bool required = false)
    {
        var raw = f.GetValueOrDefault(column, "").Trim();
        if (raw.Length == 0)
        {
            if (required)
            {
                Add(column, "Required: a date, yyyy-MM-dd.");
            }

            return null;
        }

        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        Add(column, "Must be a date, yyyy-MM-dd.");
        return null;
    }

    /// <summary>
    /// A moment as the export writes it (ISO 8601 with its offset, e.g. 2026-03-01T09:30:00.0000000+00:00), or a day
    /// (yyyy-MM-dd, read as its start in UTC); null when the cell is empty and not required.
    /// </summary>
    public DateTimeOffset? Moment(Dictionary<string, string> f, string column, bool required = false)
    {
        var raw = f.GetValueOrDefault(column, "").Trim();
        if (raw.Length == 0)
        {
            if (required)
            {
                Add(column, "Required: a date (yyyy-MM-dd) or a time with its offset (ISO 8601).");
            }

            return null;
        }

        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        // An offset is required: a time without one would be read in the server's zone.
        if (raw.Contains('T') && (raw.EndsWith('Z') || raw.LastIndexOfAny(['+', '-']) > raw.IndexOf('T'))
            && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
        {
            return moment.ToUniversalTime();
        }

        Add(column, "Must be a date (yyyy-MM-dd) or a time with its offset (ISO 8601).");
        return null;
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

    /// <summary>An e-mail that must name an active member of the tenant (owners, as for records saved by hand).</summary>
    public string Member(Dictionary<string, string> f, string column, ActiveMembers members)
    {
        var value = Email(f, column);
        if (value.Length > 0 && !errors.ContainsKey($"row {line}: {column}") && !members.Accepts(value))
        {
            Add(column, MemberDirectory.NotAMember);
        }

        return value;
    }
}
