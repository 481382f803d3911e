using IsmsCloud.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IsmsCloud.Risk.Infrastructure.Migrations.Postgres
{
    /// <summary>
    /// The risk register's search (title, owner, description) from a trigram index per column instead of a scan of the
    /// tenant's risks: 268–287 ms p95 on a 10,000-risk tenant before (bench/RESULTS.md). No model change, so SQL Server
    /// has no counterpart migration.
    /// </summary>
    public partial class RiskSearchTrigramIndexes : Migration
    {
        private static readonly (string Column, bool LowerCased)[] Searched = [("Title", true), ("Owner", false), ("Description", true)];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureTrigramExtensions();
            foreach (var (column, lowerCased) in Searched)
            {
                migrationBuilder.CreateTrigramSearchIndex("Risks", column, lowerCased);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (column, _) in Searched)
            {
                migrationBuilder.DropTrigramSearchIndex("Risks", column);
            }
        }
    }
}
