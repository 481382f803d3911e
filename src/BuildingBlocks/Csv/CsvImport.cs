using System.Text;
using IsmsCloud.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IsmsCloud.BuildingBlocks.Csv;

/// <summary>One register's rows: what a row must hold, and the records a valid row becomes.</summary>
/// <typeparam name="TDb">The service's context: the records go through it, so tenancy, versions, the outbox and the audit trail apply as to any save.</typeparam>
public interface ICsvRowImporter<in TDb, TRecord>
    where TDb : ServiceDbContext
    where TRecord : class
{
    IReadOnlyList<string> RequiredColumns { get; }

    /// <summary>Checks one row; returns the record it becomes, or null when <paramref name="row"/> holds errors.</summary>
    TRecord? Check(RowErrors row, Dictionary<string, string> fields);

    /// <summary>Adds a checked record (and what goes with it: history, events) to the context.</summary>
    void Add(TDb db, TRecord record);

    /// <summary>
    /// Runs once every row has been read, before the pipeline decides to commit: checks across rows that no single row
    /// can make (a reference to a row further down the file that never came), reported through <paramref name="rowAt"/>.
    /// </summary>
    void CheckFile(Func<int, RowErrors> rowAt) { }

    /// <summary>Runs before each chunk of added records is saved (in the transaction): work done per chunk rather than per row, such as reading state for all of the chunk's records at once.</summary>
    Task BeforeSaveAsync(TDb db, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The import pipeline every register of every service shares. The body is parsed as a stream, row by row; valid rows
/// are saved in chunks of <see cref="ChunkSize"/> with the change tracker cleared after each, so memory stays bounded
/// whatever the file's size. All chunks run in one transaction: a bad row anywhere (the last one included) rolls back
/// what earlier chunks wrote, and every row is still checked so that all errors come back at once, keyed
/// "row N: column" (or "file" for what concerns the whole file). No cell may hold a control character other than tab
/// and line breaks (which only a quoted cell can hold).
/// </summary>
public static class CsvImport
{
    public const int MaxImportBytes = 20 * 1024 * 1024;
    public const int ChunkSize = 1_000;
    private const string ImportSavepoint = "csv_import";
    public const string NothingImportedTitle = "Nothing was imported: fix these rows and import the file again.";
    private static readonly string TooLarge = $"The file is larger than {MaxImportBytes / (1024 * 1024)} MB.";

    /// <param name="beforeCommit">Runs inside the transaction once every row is valid and saved, with the count: an
    /// importer's parent record (a campaign) is updated there, so it changes with its rows or not at all.</param>
    public static Task<(int Count, Dictionary<string, string[]> Errors)> RunAsync<TDb, TRecord>(
        HttpRequest request, ICsvRowImporter<TDb, TRecord> importer, TDb db, CancellationToken cancellationToken,
        Func<int, Task>? beforeCommit = null)
        where TDb : ServiceDbContext
        where TRecord : class =>
        RunAsync(request.Body, request.ContentLength, importer, db, cancellationToken, beforeCommit,
            request.HttpContext.RequestServices.GetService<TableStatisticsRefresh>());

    /// <summary>The same, from any stream (<paramref name="declaredLength"/> as a Content-Length said, if anything did).</summary>
    /// <param name="statistics">Told which tables a large import filled, once it has committed (<see cref="TableStatisticsRefresh"/>).</param>
    public static async Task<(int Count, Dictionary<string, string[]> Errors)> RunAsync<TDb, TRecord>(
        Stream source, long? declaredLength, ICsvRowImporter<TDb, TRecord> importer, TDb db, CancellationToken cancellationToken,
        Func<int, Task>? beforeCommit = null, TableStatisticsRefresh? statistics = null)
        where TDb : ServiceDbContext
        where TRecord : class
    {
        if (declaredLength > MaxImportBytes)
        {
            return (0, FileError(TooLarge));
        }

        await using var body = new SizeCappedStream(source, MaxImportBytes);
        using var text = new StreamReader(body, new UTF8Encoding(false, throwOnInvalidBytes: true));
        try
        {
            var (rows, errors) = await CsvRows.OpenAsync(text, importer.RequiredColumns);
            if (rows is null)
            {
                return (0, errors);
            }

            using (rows)
            {
                var outcome = await ImportRowsAsync(rows, importer, db, errors, beforeCommit, cancellationToken);
                if (outcome.Count >= TableStatisticsRefresh.MinimumRows)
                {
                    statistics?.Request(typeof(TDb), outcome.Tables);
                }

                return (outcome.Count, outcome.Errors);
            }
        }
        catch (DecoderFallbackException)
        {
            return (0, FileError("The file is not UTF-8 text."));
        }
        catch (CsvImportFailure failure)
        {
            return (0, FileError(failure.Message));
        }
        catch (FileTooLargeException)
        {
            return (0, FileError(TooLarge));
        }
    }

    private static async Task<(int Count, Dictionary<string, string[]> Errors, IReadOnlyCollection<TableName> Tables)> ImportRowsAsync<TDb, TRecord>(
        CsvRows rows, ICsvRowImporter<TDb, TRecord> importer, TDb db, Dictionary<string, string[]> errors, Func<int, Task>? beforeCommit,
        CancellationToken cancellationToken)
        where TDb : ServiceDbContext
        where TRecord : class
    {
        // All rows or none: in a transaction of its own, or, inside the caller's (a demo story tells a whole part in one),
        // behind a savepoint, so a refused file leaves the caller's earlier work standing.
        var outer = db.Database.CurrentTransaction;
        await using var own = outer is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (outer is not null)
        {
            await outer.CreateSavepointAsync(ImportSavepoint, cancellationToken);
        }

        var tables = new HashSet<TableName>();
        var imported = 0;
        var unsaved = 0;
        await foreach (var (line, fields) in rows.ReadAsync(cancellationToken))
        {
            var row = new RowErrors(errors, line);
            var record = importer.Check(row, fields);
            RefuseControlCharacters(row, fields);
            if (record is null || errors.Count > 0)
            {
                continue; // keep checking the other rows, but add nothing once any row failed
            }

            importer.Add(db, record);
            imported++;
            if (++unsaved == ChunkSize)
            {
                await SaveChunkAsync(importer, db, tables, cancellationToken);
                unsaved = 0;
            }
        }

        importer.CheckFile(line => new RowErrors(errors, line));
        if (errors.Count == 0 && imported == 0)
        {
            errors["file"] = ["The file has no rows to import."];
        }

        if (errors.Count > 0)
        {
            if (own is not null)
            {
                await own.RollbackAsync(cancellationToken);
            }
            else
            {
                await outer!.RollbackToSavepointAsync(ImportSavepoint, cancellationToken);
            }

            db.ChangeTracker.Clear();
            return (0, errors, []);
        }

        await SaveChunkAsync(importer, db, tables, cancellationToken);
        if (beforeCommit is not null)
        {
            await beforeCommit(imported);
            await db.SaveChangesAsync(cancellationToken);
        }

        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }
        else
        {
            await outer!.ReleaseSavepointAsync(ImportSavepoint, cancellationToken);
        }

        return (imported, errors, tables);
    }

    /// <summary>Every cell, whichever column: a control character (other than tab and line breaks) is that cell's error, whatever the importer said of it.</summary>
    private static void RefuseControlCharacters(RowErrors row, Dictionary<string, string> fields)
    {
        foreach (var (column, value) in fields)
        {
            if (TextInput.HasControlCharacter(value))
            {
                row.Add(column, TextInput.ControlCharacterMessage);
            }
        }
    }

    private static async Task SaveChunkAsync<TDb, TRecord>(ICsvRowImporter<TDb, TRecord> importer, TDb db, HashSet<TableName> tables, CancellationToken cancellationToken)
        where TDb : ServiceDbContext
        where TRecord : class
    {
        await importer.BeforeSaveAsync(db, cancellationToken);
        tables.UnionWith(TableStatisticsRefresh.TablesBeingAdded(db));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private static Dictionary<string, string[]> FileError(string message) => new() { ["file"] = [message] };

    private sealed class FileTooLargeException : Exception;

    /// <summary>Reads through to the request body and stops with <see cref="FileTooLargeException"/> past the cap, whatever Content-Length said.</summary>
    private sealed class SizeCappedStream(Stream inner, long maxBytes) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            return _read > maxBytes ? throw new FileTooLargeException() : read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
