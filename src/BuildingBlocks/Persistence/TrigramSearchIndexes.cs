using Microsoft.EntityFrameworkCore.Migrations;

namespace IsmsCloud.BuildingBlocks.Persistence;

/// <summary>
/// Indexes for the lists' free-text search on PostgreSQL. A search is <c>lower(column) LIKE '%term%'</c> (what EF makes
/// of <c>Column.ToLower().Contains(term)</c>), which a B-tree cannot serve; a trigram index can. Each index leads with
/// <c>TenantId</c> (through btree_gist) because every query filters by tenant first: without it the index returns the
/// matching rows of all tenants and the heap is read to throw most of them away.
/// </summary>
/// <remarks>
/// GiST rather than GIN: on a tenant of 10,000 risks among 1,000,000 (bench/RESULTS.md), a GIN index on
/// (TenantId, trigrams) intersects the tenant's posting list with each trigram's list across all tenants (8.8–10 ms for
/// the search's count), while GiST descends by tenant and trigram signature together (4.5–5.1 ms).
/// Expression indexes are not part of the EF model (it cannot express <c>lower(…) gist_trgm_ops</c>), so they are
/// written in a PostgreSQL migration and never diffed away. SQL Server has no trigram index: there the search stays a
/// scan of the tenant's rows.
/// </remarks>
public static class TrigramSearchIndexes
{
    /// <summary>Installs the two extensions once per database (both are trusted: the database owner may create them; so is btree_gin, which <see cref="CreateTenantTrigramGinIndex"/> adds).</summary>
    public static void EnsureTrigramExtensions(this MigrationBuilder migration) =>
        migration.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS btree_gist;");

    /// <summary>
    /// A trigram index on <paramref name="column"/> of <paramref name="table"/> for the tenant; <paramref name="lowerCased"/>
    /// indexes <c>lower(column)</c>, for columns searched case-insensitively (those stored lower-case, like e-mail keys, are not).
    /// </summary>
    public static void CreateTrigramSearchIndex(this MigrationBuilder migration, string table, string column, bool lowerCased = true)
    {
        var expression = lowerCased ? $"lower(\"{column}\")" : $"\"{column}\"";
        migration.Sql($"CREATE INDEX \"{IndexName(table, column)}\" ON \"{table}\" USING gist (\"TenantId\", {expression} gist_trgm_ops);");
    }

    /// <summary>
    /// A GIN trigram index on <paramref name="column"/> alone, for a table that takes rows in bulk (a CSV import): the
    /// planner ANDs it with the tenant's B-tree. On supplier-api's 500,000 suppliers of 100 tenants (bench/RESULTS.md,
    /// "Suppliers"), inserting 4,500 rows took 220 ms with these against 1,520 ms with the tenant-led GiST ones
    /// (118 ms with neither), and the searches' counts took 0.3 ms (one match) and 17.7 ms (714 matches) against
    /// 1.5 and 24.4 ms. What it costs instead: a term common across all tenants reads every tenant's matches in the
    /// index before the tenant's B-tree narrows them, so it suits tables whose rows are few per term across tenants.
    /// </summary>
    public static void CreateTrigramGinIndex(this MigrationBuilder migration, string table, string column, bool lowerCased = true)
    {
        var expression = lowerCased ? $"lower(\"{column}\")" : $"\"{column}\"";
        migration.Sql($"CREATE INDEX \"{GinIndexName(table, column)}\" ON \"{table}\" USING gin ({expression} gin_trgm_ops);");
    }

    /// <summary>
    /// A GIN index on (<c>TenantId</c>, trigrams of <paramref name="column"/>), through btree_gin: GIN's cheap inserts
    /// (a table that takes rows in bulk) without reading every tenant's matches of a common term. GIN's scan skips
    /// through the trigram's posting lists by the tenant's, the shortest. On supplier-api's 500,000 suppliers of 100
    /// tenants (bench/RESULTS.md, "Suppliers", run 7): a count of 714 matches of "payroll" took 3.4 ms against 13.5 ms
    /// with <see cref="CreateTrigramGinIndex"/> (71,400 matches across tenants) and 4.5–8 ms scanning the tenant's
    /// rows; a one-match count 0.6–0.9 ms; an insert of 5,000 rows 128–186 ms against 143–433 ms.
    /// </summary>
    public static void CreateTenantTrigramGinIndex(this MigrationBuilder migration, string table, string column, bool lowerCased = true)
    {
        var expression = lowerCased ? $"lower(\"{column}\")" : $"\"{column}\"";
        migration.Sql("CREATE EXTENSION IF NOT EXISTS btree_gin;");
        migration.Sql($"CREATE INDEX \"{TenantGinIndexName(table, column)}\" ON \"{table}\" USING gin (\"TenantId\", {expression} gin_trgm_ops);");
    }

    public static void DropTenantTrigramGinIndex(this MigrationBuilder migration, string table, string column) =>
        migration.Sql($"DROP INDEX IF EXISTS \"{TenantGinIndexName(table, column)}\";");

    public static string TenantGinIndexName(string table, string column) => $"IX_{table}_TenantId_{column}_TrigramGin";

    public static void DropTrigramGinIndex(this MigrationBuilder migration, string table, string column) =>
        migration.Sql($"DROP INDEX IF EXISTS \"{GinIndexName(table, column)}\";");

    public static string GinIndexName(string table, string column) => $"IX_{table}_{column}_TrigramGin";

    public static void DropTrigramSearchIndex(this MigrationBuilder migration, string table, string column) =>
        migration.Sql($"DROP INDEX IF EXISTS \"{IndexName(table, column)}\";");

    public static string IndexName(string table, string column) => $"IX_{table}_TenantId_{column}_Trigram";
}
