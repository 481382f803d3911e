using System.Globalization;
using System.Text.RegularExpressions;

namespace IsmsCloud.Web.Api;

/// <summary>One problem of an imported file: the cell it is in (row and column), or the whole file when both are null.</summary>
public sealed record CsvImportError(int? Row, string? Column, string Message);

/// <summary>
/// The APIs' CSV imports answer a bad file with a validation problem whose field keys name the cell, "row 3: owner"
/// (the header is row 1), or "file" for what concerns the whole file (BuildingBlocks' CsvImport). This reads them back
/// as rows and columns for the page, in file order.
/// </summary>
public static partial class CsvImportErrors
{
    public static IReadOnlyList<CsvImportError> Of(ApiProblem problem) =>
        problem.Errors
            .SelectMany(e => e.Value.Select(message => Cell(e.Key, message)))
            .OrderBy(e => e.Row ?? 0).ThenBy(e => e.Column, StringComparer.Ordinal)
            .ToList();

    private static CsvImportError Cell(string key, string message)
    {
        var match = CellKey().Match(key);
        return match.Success
            ? new CsvImportError(int.Parse(match.Groups["row"].Value, CultureInfo.InvariantCulture), match.Groups["column"].Value, message)
            : new CsvImportError(null, null, message);
    }

    [GeneratedRegex(@"^row (?<row>\d+): (?<column>.+)$")]
    private static partial Regex CellKey();
}
