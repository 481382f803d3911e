using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CsvHelper;
using IsmsCloud.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace IsmsCloud.BuildingBlocks.TenantData;

/// <summary>
/// A service's whole data of one tenant as a ZIP: every table with the tenant's rows (see <see cref="TenantTables"/>)
/// as JSON lines and as CSV, column names as stored, so nothing a service keeps is left out and the audit trail
/// travels with its hashes. Read with plain SQL by tenant id: the caller is a platform admin, outside any tenant.
/// </summary>
public static class TenantDataExport
{
    /// <summary>
    /// The ZIP as a download. Written to a temporary file, not memory: a tenant's evidence and documents can be large,
    /// and ZIP writing is synchronous. The file goes when the response is done with it.
    /// </summary>
    public static async Task<FileStreamHttpResult> DownloadAsync(
        DbContext db, string service, Guid tenantId, CancellationToken cancellationToken, IReadOnlyList<(string Name, string Query)>? extraTables = null)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        try
        {
            await WriteAsync(db, service, tenantId, file, cancellationToken, extraTables);
            file.Position = 0;
            return TypedResults.File(file, "application/zip", $"{service}-{tenantId}.zip");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes the ZIP into <paramref name="destination"/> (a seekable temporary file: ZIP writing is synchronous).</summary>
    /// <param name="extraTables">Further named queries (parameter <c>@tenant</c>) for rows found through another table (identity's users).</param>
    public static async Task<int> WriteAsync(
        DbContext db, string service, Guid tenantId, Stream destination, CancellationToken cancellationToken,
        IReadOnlyList<(string Name, string Query)>? extraTables = null)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        // One snapshot for the whole export on PostgreSQL (repeatable read), so the tables agree with each other.
        await using var transaction = await db.Database.BeginTransactionAsync(
            db.Database.IsNpgsql() ? System.Data.IsolationLevel.RepeatableRead : System.Data.IsolationLevel.ReadCommitted, cancellationToken);
        var rows = 0;
        using (var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true))
        {
            var manifest = new List<object>();
            var tables = TenantTables.Of(db).Where(t => !PlatformTables.Contains(t.Name))
                .Select(t => (t.Name, Query: $"SELECT {string.Join(", ", t.Columns.Where(c => !SecretColumns.Contains(c)).Select(c => sql.DelimitIdentifier(c)))} FROM {t.Delimited(sql)} WHERE {sql.DelimitIdentifier(TenantTables.TenantColumn)} = @tenant"))
                .Concat(extraTables ?? []);
            foreach (var (name, query) in tables)
            {
                var count = await WriteJsonLinesAsync(zip.CreateEntry($"{service}/{name}.jsonl", CompressionLevel.Optimal), db, query, tenantId, cancellationToken);
                await WriteCsvAsync(zip.CreateEntry($"{service}/{name}.csv", CompressionLevel.Optimal), db, query, tenantId, cancellationToken);
                manifest.Add(new { table = name, rows = count });
                rows += count;
            }

            await using var stream = zip.CreateEntry($"{service}/manifest.json", CompressionLevel.Optimal).Open();
            await JsonSerializer.SerializeAsync(stream, new { service, tenantId, exportedTables = manifest }, Json, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>The service's plumbing, not the tenant's records: events waiting to be sent, what it knows of the tenant.</summary>
    private static readonly HashSet<string> PlatformTables = ["OutboxMessages", "KnownTenants"];

    /// <summary>Columns that never leave the service, even for the tenant itself: hashes of one-time links.</summary>
    private static readonly HashSet<string> SecretColumns = ["TokenHash"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static DbCommand Command(DbContext db, string query, Guid tenantId)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = query;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@tenant";
        parameter.Value = tenantId;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>The rows as JSON lines, streamed; the table is read a second time for the CSV rather than held in memory.</summary>
    private static async Task<int> WriteJsonLinesAsync(ZipArchiveEntry entry, DbContext db, string query, Guid tenantId, CancellationToken cancellationToken)
    {
        var count = 0;
        await using var command = Command(db, query, tenantId);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        await using var stream = entry.Open();
        await using var writer = new Utf8JsonWriter(stream);
        while (await reader.ReadAsync(cancellationToken))
        {
            writer.WriteStartObject();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                writer.WritePropertyName(reader.GetName(i));
                JsonSerializer.Serialize(writer, Value(reader, i));
            }

            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken);
            writer.Reset();
            await stream.WriteAsync(NewLine, cancellationToken);
            count++;
        }

        return count;
    }

    private static async Task WriteCsvAsync(ZipArchiveEntry entry, DbContext db, string query, Guid tenantId, CancellationToken cancellationToken)
    {
        await using var command = Command(db, query, tenantId);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        await using var stream = entry.Open();
        await using var text = new StreamWriter(stream, new UTF8Encoding(false));
        await using var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            csv.WriteField(reader.GetName(i));
        }

        await csv.NextRecordAsync();
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                csv.WriteField(Value(reader, i) switch
                {
                    null => "",
                    IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                    var other => other.ToString(),
                });
            }

            await csv.NextRecordAsync();
        }
    }

    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    /// <summary>A column's value in a form both JSON and CSV carry unchanged: times in ISO 8601, bytes in base64.</summary>
    private static object? Value(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        return reader.GetValue(ordinal) switch
        {
            DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
            DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            byte[] bytes => Convert.ToBase64String(bytes),
            Guid g => g.ToString(),
            var other => other,
        };
    }
}
