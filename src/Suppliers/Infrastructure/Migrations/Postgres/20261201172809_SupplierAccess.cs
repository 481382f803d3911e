using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IsmsCloud.Suppliers.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SupplierAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "SupplierSettings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SupplierAccess",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    SupplierId = table.Column<Guid>(type: "uuid", nullable: false),
                    System = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Account = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PersonName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Entitlements = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Privileged = table.Column<bool>(type: "boolean", nullable: false),
                    Since = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: true),
                    LastLoginAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupplierAccess", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupplierAccess_Suppliers_SupplierId",
                        column: x => x.SupplierId,
                        principalTable: "Suppliers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SupplierAccess_SupplierId",
                table: "SupplierAccess",
                column: "SupplierId");

            migrationBuilder.CreateIndex(
                name: "IX_SupplierAccess_TenantId_SupplierId",
                table: "SupplierAccess",
                columns: new[] { "TenantId", "SupplierId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SupplierAccess");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "SupplierSettings");
        }
    }
}
