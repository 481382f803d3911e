using System.Text;
using IsmsCloud.BuildingBlocks.Csv;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace IsmsCloud.UnitTests.Csv;

/// <summary>The shared CSV import pipeline, on the building block's own notes: header and file errors, row/column errors, control characters, all or nothing.</summary>
public sealed class CsvImportTests : IDisposable
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    private sealed class NoteImport : ICsvRowImporter<NotesDbContext, Note>
    {
        public int ChunksSaved { get; private set; }

        public IReadOnlyList<string> RequiredColumns { get; } = ["code", "text"];

        public Note? Check(RowErrors row, Dictionary<string, string> f)
        {
            var note = new Note { Code = row.Text(f, "code", 20, required: true), Text = row.Text(f, "text", 200, required: false) };
            return row.HasErrors ? null : note;
        }

        public void Add(NotesDbContext db, Note record) => db.Notes.Add(record);

        public Task BeforeSaveAsync(NotesDbContext db, CancellationToken cancellationToken)
        {
            ChunksSaved++;
            return Task.CompletedTask;
        }
    }

    private async Task<(int Count, Dictionary<string, string[]> Errors)> ImportAsync(string csv, Func<int, Task>? beforeCommit = null, NoteImport? importer = null)
    {
        await using var db = _db.Context(Tenant);
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await CsvImport.RunAsync(body, body.Length, importer ?? new NoteImport(), db, CancellationToken.None, beforeCommit);
    }

    private async Task<List<string>> CodesAsync()
    {
        await using var db = _db.Context(Tenant);
        return await db.Notes.OrderBy(n => n.Code).Select(n => n.Code).ToListAsync();
    }

    [Fact]
    public async Task A_valid_file_imports_every_row()
    {
        var (count, errors) = await ImportAsync("code,text\nN-1,first\nN-2,\"second, with a comma\"\n");

        Assert.Empty(errors);
        Assert.Equal(2, count);
        Assert.Equal(["N-1", "N-2"], await CodesAsync());
    }

    [Fact]
    public async Task Headers_are_matched_without_case_or_spaces_and_extra_columns_are_ignored()
    {
        var (count, errors) = await ImportAsync(" Code ;TEXT;extra\nN-1;first;x\n");

        Assert.Empty(errors);
        Assert.Equal(1, count);
    }

    [Theory]
    [InlineData("", "The file is empty.")]
    [InlineData("code\nN-1\n", "Missing column(s): text. Expected: code, text.")]
    [InlineData("code,text\n", "The file has no rows to import.")]
    [InlineData("code,text\n,\n , \n", "The file has no rows to import.")]
    public async Task File_errors_are_reported_under_file(string csv, string message)
    {
        var (count, errors) = await ImportAsync(csv);

        Assert.Equal(0, count);
        Assert.Equal([message], errors["file"]);
        Assert.Empty(await CodesAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused()
    {
        await using var db = _db.Context(Tenant);
        using var body = new MemoryStream([.. "code,text\nN-1,caf"u8.ToArray(), 0xE9, (byte)'\n']);

        var (count, errors) = await CsvImport.RunAsync(body, null, new NoteImport(), db, CancellationToken.None);

        Assert.Equal(0, count);
        Assert.Equal(["The file is not UTF-8 text."], errors["file"]);
    }

    [Fact]
    public async Task A_declared_length_over_the_cap_is_refused_before_reading()
    {
        await using var db = _db.Context(Tenant);
        using var body = new MemoryStream("code,text\nN-1,x\n"u8.ToArray());

        var (_, errors) = await CsvImport.RunAsync(body, CsvImport.MaxImportBytes + 1L, new NoteImport(), db, CancellationToken.None);

        Assert.StartsWith("The file is larger than", Assert.Single(errors["file"]));
    }

    [Fact]
    public async Task A_control_character_in_the_header_is_a_file_error()
    {
        var (_, errors) = await ImportAsync("code,te\u0001xt\nN-1,x\n");

        Assert.Equal([$"The header row: {TextInput.ControlCharacterMessage}"], errors["file"]);
    }

    [Fact]
    public async Task Errors_name_the_row_and_column_and_every_bad_row_is_reported()
    {
        var (count, errors) = await ImportAsync("code,text\nN-1,ok\n,missing code\nN-3,ok\nTHIS-CODE-IS-FAR-TOO-LONG,x\n");

        Assert.Equal(0, count);
        Assert.Equal(["Required."], errors["row 3: code"]);
        Assert.Equal(["Must be 0–20 characters."], errors["row 5: code"]);
        Assert.Equal(2, errors.Count);
        Assert.Empty(await CodesAsync());
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u0007")]
    [InlineData("\u001b[31m")]
    [InlineData("\u007f")]
    [InlineData("\u0085")]
    public async Task A_control_character_in_any_cell_is_that_cells_error(string control)
    {
        // In a column the importer reads (text) and in one it ignores (extra): both are refused, by row and column.
        var (count, errors) = await ImportAsync($"code,text,extra\nN-1,ok,ok\nN-2,bad{control}text,ok\nN-3,ok,x{control}\n");

        Assert.Equal(0, count);
        Assert.Equal([TextInput.ControlCharacterMessage], errors["row 3: text"]);
        Assert.Equal([TextInput.ControlCharacterMessage], errors["row 4: extra"]);
        Assert.Equal(2, errors.Count);
        Assert.Empty(await CodesAsync());
    }

    [Fact]
    public async Task Tabs_and_line_breaks_in_a_quoted_cell_are_allowed()
    {
        var (count, errors) = await ImportAsync("code,text\nN-1,\"two\tcolumns\r\nand two\nlines\"\nN-2,x\n");

        Assert.Empty(errors);
        Assert.Equal(2, count);
        await using var db = _db.Context(Tenant);
        Assert.Equal("two\tcolumns\r\nand two\nlines", (await db.Notes.SingleAsync(n => n.Code == "N-1")).Text);
    }

    [Fact]
    public async Task Rows_are_numbered_as_records_with_the_header_as_row_1_whatever_lines_a_cell_spans()
    {
        var (_, errors) = await ImportAsync("code,text\nN-1,\"a\nb\nc\"\n,x\n");

        Assert.Equal("row 3: code", Assert.Single(errors).Key);
    }

    [Fact]
    public async Task A_bad_last_row_rolls_back_the_chunks_already_saved()
    {
        var importer = new NoteImport();
        var csv = new StringBuilder("code,text\n");
        for (var i = 0; i < CsvImport.ChunkSize + 500; i++)
        {
            csv.Append("N-").Append(i).Append(",x\n");
        }

        csv.Append(",no code\n");

        var (count, errors) = await ImportAsync(csv.ToString(), importer: importer);

        Assert.Equal(0, count);
        Assert.Equal(["Required."], Assert.Single(errors).Value);
        Assert.Equal(1, importer.ChunksSaved); // the first chunk was written, inside the transaction...
        Assert.Empty(await CodesAsync()); // ...and nothing of it stays
    }

    [Fact]
    public async Task A_database_error_in_a_chunk_leaves_nothing_behind()
    {
        var csv = new StringBuilder("code,text\n");
        for (var i = 0; i < CsvImport.ChunkSize + 10; i++)
        {
            csv.Append("N-").Append(i).Append(",x\n");
        }

        csv.Append("N-0,duplicate code\n"); // the unique index refuses it in the second chunk's save

        await Assert.ThrowsAsync<DbUpdateException>(() => ImportAsync(csv.ToString()));
        Assert.Empty(await CodesAsync());
    }

    [Fact]
    public async Task Before_commit_runs_in_the_transaction_with_the_count()
    {
        var seen = -1;
        var (count, _) = await ImportAsync("code,text\nN-1,x\nN-2,y\n", imported =>
        {
            seen = imported;
            return Task.CompletedTask;
        });

        Assert.Equal(2, count);
        Assert.Equal(2, seen);

        // A hook that fails takes the rows with it.
        await Assert.ThrowsAsync<InvalidOperationException>(() => ImportAsync("code,text\nN-3,x\n", _ => throw new InvalidOperationException("refused")));
        Assert.Equal(["N-1", "N-2"], await CodesAsync());
    }

    [Fact]
    public async Task Before_commit_does_not_run_when_a_row_fails()
    {
        var ran = false;
        await ImportAsync("code,text\n,x\n", _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.False(ran);
    }

    [Fact]
    public async Task Inside_a_callers_transaction_a_refused_file_leaves_the_callers_earlier_work_standing()
    {
        await using (var db = _db.Context(Tenant))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Notes.Add(new Note { Code = "BEFORE", Text = "the caller's own work" });
            await db.SaveChangesAsync();
            var csv = new StringBuilder("code,text\n");
            for (var i = 0; i < CsvImport.ChunkSize + 5; i++)
            {
                csv.Append("N-").Append(i).Append(",x\n");
            }

            csv.Append(",no code\n");
            using var body = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));

            var (count, errors) = await CsvImport.RunAsync(body, body.Length, new NoteImport(), db, CancellationToken.None);

            Assert.Equal(0, count);
            Assert.Single(errors);
            Assert.Same(transaction, db.Database.CurrentTransaction); // the import neither committed nor ended the caller's transaction
            await transaction.CommitAsync();
        }

        Assert.Equal(["BEFORE"], await CodesAsync()); // the chunk it had saved went back to the savepoint
    }

    [Fact]
    public async Task Inside_a_callers_transaction_the_rows_commit_or_roll_back_with_the_caller()
    {
        await using (var db = _db.Context(Tenant))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            using var body = new MemoryStream(Encoding.UTF8.GetBytes("code,text\nN-1,x\n"));

            var (count, _) = await CsvImport.RunAsync(body, body.Length, new NoteImport(), db, CancellationToken.None);

            Assert.Equal(1, count);
            await transaction.RollbackAsync();
        }

        Assert.Empty(await CodesAsync());
    }

    [Theory]
    [InlineData("2026-03-01", "2026-03-01T00:00:00.0000000+00:00")]
    [InlineData("2026-03-01T09:30:00Z", "2026-03-01T09:30:00.0000000+00:00")]
    [InlineData("2026-03-01T09:30:00.1234567+02:00", "2026-03-01T07:30:00.1234567+00:00")]
    [InlineData("2026-03-01T09:30:00-05:00", "2026-03-01T14:30:00.0000000+00:00")]
    public void A_moment_is_a_day_or_a_time_with_its_offset_read_as_utc(string cell, string expected)
    {
        var errors = new Dictionary<string, string[]>();

        var moment = new RowErrors(errors, 2).Moment(new() { ["at"] = cell }, "at");

        Assert.Empty(errors);
        Assert.Equal(expected, moment!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2026-03-01T09:30:00")] // no offset: it would be read in the server's zone
    [InlineData("2026-02-30")]
    [InlineData("01/03/2026")]
    [InlineData("yesterday")]
    public void A_moment_without_its_offset_or_not_a_date_is_the_cells_error(string cell)
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Null(new RowErrors(errors, 7).Moment(new() { ["at"] = cell }, "at"));
        Assert.Equal(["row 7: at"], errors.Keys);
    }

    [Fact]
    public void Empty_dates_and_ids_are_null_unless_required()
    {
        var errors = new Dictionary<string, string[]>();
        var row = new RowErrors(errors, 3);
        Dictionary<string, string> fields = new() { ["on"] = " ", ["id"] = "" };

        Assert.Null(row.Date(fields, "on"));
        Assert.Null(row.Id(fields, "id"));
        Assert.Null(row.Moment(fields, "on"));
        Assert.Empty(errors);

        Assert.Null(row.Date(fields, "on", required: true));
        Assert.Null(row.Id(fields, "id", required: true));
        Assert.Null(row.Id(new() { ["empty"] = Guid.Empty.ToString() }, "empty")); // the empty id is no id
        Assert.Equal(["row 3: empty", "row 3: id", "row 3: on"], errors.Keys.Order());
        Assert.Equal(Guid.Parse("0196a0b1-0000-7000-8000-000000000001"), row.Id(new() { ["id"] = " 0196a0b1-0000-7000-8000-000000000001 " }, "id"));
    }
}
