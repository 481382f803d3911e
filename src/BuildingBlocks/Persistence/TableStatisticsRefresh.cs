using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IsmsCloud.BuildingBlocks.Persistence;

/// <summary>
/// Brings the database's statistics up to date on the tables a bulk write (a CSV import of thousands of rows) has just
/// filled, shortly after it commits, so the tenant's next page is planned for the rows it now has.
/// Why not leave it to autovacuum: the tables are shared by every tenant, and autovacuum analyzes a table only after
/// about 10 % of it changed. 5,000 suppliers imported into a table of 500,000 are 1 %; until the next ANALYZE the
/// planner believes the tenant has about one row, sorts all 5,000 for a page of 50 instead of reading the name index in
/// order, counts them through the heap (the new pages are not yet all-visible) and searches a GIN index whose pending
/// list still holds every imported row (bench/RESULTS.md, suppliers runs 5–6). On PostgreSQL this runs
/// <c>VACUUM (ANALYZE)</c>, which also sets the visibility map and merges GIN's pending list; it skips pages already
/// all-visible, so on a large table it costs a fraction of a second (about 0.7 s on 500,000 suppliers). On SQL Server
/// it runs <c>UPDATE STATISTICS</c>. It runs in the background so the import's answer does not wait for it; failures
/// are logged and never reach the request (a role without the right to vacuum a table only loses the speed-up).
/// </summary>
public sealed class TableStatisticsRefresh(IServiceScopeFactory scopes, ILogger<TableStatisticsRefresh> logger) : BackgroundService
{
    /// <summary>Rows written at once from which a refresh is worth it: one chunk of an import (<see cref="Csv.CsvImport.ChunkSize"/>).</summary>
    public const int MinimumRows = 1_000;

    private readonly Channel<Refresh> _requests = Channel.CreateBounded<Refresh>(
        new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>Asks for the statistics of <paramref name="tables"/> (of <paramref name="contextType"/>'s database) to be refreshed soon.</summary>
    public void Request(Type contextType, IReadOnlyCollection<TableName> tables)
    {
        if (tables.Count > 0)
        {
            _requests.Writer.TryWrite(new Refresh(contextType, tables));
        }
    }

    /// <summary>The tables of the entities <paramref name="db"/> tracks as added (call before the save that inserts them).</summary>
    public static IEnumerable<TableName> TablesBeingAdded(DbContext db) =>
        db.ChangeTracker.Entries()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Metadata)
            .Distinct()
            .Select(t => t.GetTableName() is { } name ? new TableName(name, t.GetSchema()) : null)
            .OfType<TableName>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in _requests.Reader.ReadAllAsync(stoppingToken))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(request.ContextType);
            var sql = db.GetService<ISqlGenerationHelper>();
            var postgres = db.Database.IsNpgsql();
            foreach (var table in request.Tables.Distinct())
            {
                var name = sql.DelimitIdentifier(table.Name, table.Schema);
                try
                {
                    // The names come from the EF model, never from input. VACUUM cannot run in a transaction, and none is open here.
                    var command = postgres ? "VACUUM (ANALYZE, SKIP_LOCKED) " + name : "UPDATE STATISTICS " + name;
                    await db.Database.ExecuteSqlRawAsync(command, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Refreshing the statistics of {Table} after a bulk write failed", name);
                }
            }

        }
    }

    private sealed record Refresh(Type ContextType, IReadOnlyCollection<TableName> Tables);
}

public sealed record TableName(string Name, string? Schema);
