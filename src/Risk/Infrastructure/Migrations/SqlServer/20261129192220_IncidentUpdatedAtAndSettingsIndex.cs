using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IsmsCloud.Risk.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class IncidentUpdatedAtAndSettingsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The tenancy convention no longer adds a TenantId index where the primary key already starts with TenantId.
            migrationBuilder.DropIndex(
                name: "IX_RiskSettings_TenantId",
                table: "RiskSettings");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "Incidents",
                type: "datetimeoffset",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));
            migrationBuilder.Sql("UPDATE [Incidents] SET [UpdatedAt] = COALESCE([ClosedAt], [CreatedAt]);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Incidents");

            migrationBuilder.CreateIndex(
                name: "IX_RiskSettings_TenantId",
                table: "RiskSettings",
                column: "TenantId");
        }
    }
}
