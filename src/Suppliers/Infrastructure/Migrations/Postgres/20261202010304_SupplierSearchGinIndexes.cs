using IsmsCloud.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IsmsCloud.Suppliers.Infrastructure.Migrations.Postgres
{
    /// <summary>
    /// The supplier register's search (legal name, owner) from a trigram index per column instead of a scan of the
    /// tenant's suppliers (search p95 69–80 ms through the gateway on a 5,000-supplier tenant without them;
    /// bench/RESULTS.md, "Suppliers"). The search is <c>lower("LegalName") LIKE</c> / <c>"Owner" LIKE</c> (owners are
    /// stored lower-case). GIN on the column alone, ANDed with the tenant's B-tree, rather than risk-api's tenant-led
    /// GiST: suppliers arrive in bulk through the CSV import, and GiST's inserts cost seven times GIN's on a table of
    /// 500,000 (see <see cref="TrigramSearchIndexes.CreateTrigramGinIndex"/>). No model change, so SQL Server has no
    /// counterpart: there the search stays a scan of the tenant's rows.
    /// </summary>
    public partial class SupplierSearchGinIndexes : Migration
    {
        private static readonly (string Column, bool LowerCased)[] Searched = [("LegalName", true), ("Owner", false)];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureTrigramExtensions();
            foreach (var (column, lowerCased) in Searched)
            {
                migrationBuilder.CreateTrigramGinIndex("Suppliers", column, lowerCased);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (column, _) in Searched)
            {
                migrationBuilder.DropTrigramGinIndex("Suppliers", column);
            }
        }
    }
}
