using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IsmsCloud.Reporting.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class FactsByReceiveTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Facts_TenantId_ReceivedAt",
                table: "Facts",
                columns: new[] { "TenantId", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Facts_TenantId_ReceivedAt",
                table: "Facts");
        }
    }
}
