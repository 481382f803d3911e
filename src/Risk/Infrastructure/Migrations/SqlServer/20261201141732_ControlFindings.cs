using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IsmsCloud.Risk.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ControlFindings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ControlFindings",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FindingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ControlId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AuditId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Reference = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    RaisedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Recurring = table.Column<bool>(type: "bit", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ControlFindings", x => new { x.TenantId, x.FindingId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ControlFindings_TenantId_ControlId",
                table: "ControlFindings",
                columns: new[] { "TenantId", "ControlId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ControlFindings");
        }
    }
}
