using IsmsCloud.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IsmsCloud.Suppliers.Infrastructure.Migrations.Postgres
{
    /// <summary>
    /// The supplier register's search (legal name, owner) from a trigram index per column instead of a scan of the
    /// tenant's suppliers: search p95 69–80 ms through the gateway on a 5,000-supplier tenant before (bench/RESULTS.md,
    /// "Suppliers (issue 10)"). The search is <c>lower("LegalName") LIKE</c> / <c>"Owner" LIKE</c> (owners are stored
    /// lower-case), as in the risk register. No model change, so SQL Server has no counterpart migration: there the
    /// search stays a scan of the tenant's rows.
    /// </summary>
    public partial class SupplierSearchIndexes : Migration
    {
        private static readonly (string Column, bool LowerCased)[] Searched = [("LegalName", true), ("Owner", false)];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureTrigramExtensions();
            foreach (var (column, lowerCased) in Searched)
            {
                migrationBuilder.CreateTrigramSearchIndex("Suppliers", column, lowerCased);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (column, _) in Searched)
            {
                migrationBuilder.DropTrigramSearchIndex("Suppliers", column);
            }
        }
    }
}
