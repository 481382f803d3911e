using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IsmsCloud.Trust.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SignalsFromReporting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ActivePatterns",
                table: "TenantAssurance",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ConfidenceErosion",
                table: "TenantAssurance",
                type: "bit",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "SignalsAsOf",
                table: "TenantAssurance",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SignalsComputedAt",
                table: "TenantAssurance",
                type: "datetimeoffset",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ActivePatterns",
                table: "TenantAssurance");

            migrationBuilder.DropColumn(
                name: "ConfidenceErosion",
                table: "TenantAssurance");

            migrationBuilder.DropColumn(
                name: "SignalsAsOf",
                table: "TenantAssurance");

            migrationBuilder.DropColumn(
                name: "SignalsComputedAt",
                table: "TenantAssurance");
        }
    }
}
