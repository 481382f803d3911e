using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.BuildingBlocks.Csv;

/// <summary>
/// A register streamed as CSV straight from its query, row by row (never the whole register in memory): a header,
/// then one line per row with values written the same way in every service — empty for null, ISO 8601 for times,
/// yyyy-MM-dd for dates, invariant culture for the rest.
/// </summary>
public static class CsvRowWriter
{
    /// <summary>Sets the CSV headers of <paramref name="response"/> for a download named "{name}-{day}.csv".</summary>
    public static CsvWriter Open(HttpResponse response, string name, DateOnly day)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{name}-{day:yyyy-MM-dd}.csv\"";
        return new CsvWriter(new StreamWriter(response.Body, new UTF8Encoding(false)), CultureInfo.InvariantCulture);
    }

    public static async Task WriteRowsAsync<T>(CsvWriter csv, string[] header, IQueryable<T> rows, Func<T, object?[]> fields, CancellationToken cancellationToken)
    {
        foreach (var column in header)
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            foreach (var value in fields(row))
            {
                csv.WriteField(Format(value));
            }

            await csv.NextRecordAsync();
        }
    }

    public static string Format(object? value) => value switch
    {
        null => "",
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
