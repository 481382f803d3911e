using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IsmsCloud.Audits.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReviewItems_TenantId_CampaignId_Decision",
                table: "ReviewItems");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewItems_TenantId_CampaignId_Change",
                table: "ReviewItems",
                columns: new[] { "TenantId", "CampaignId", "Change" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewItems_TenantId_CampaignId_Decision_VerifiedAt",
                table: "ReviewItems",
                columns: new[] { "TenantId", "CampaignId", "Decision", "VerifiedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_TenantId_RaisedOn_Id",
                table: "Findings",
                columns: new[] { "TenantId", "RaisedOn", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReviewItems_TenantId_CampaignId_Change",
                table: "ReviewItems");

            migrationBuilder.DropIndex(
                name: "IX_ReviewItems_TenantId_CampaignId_Decision_VerifiedAt",
                table: "ReviewItems");

            migrationBuilder.DropIndex(
                name: "IX_Findings_TenantId_RaisedOn_Id",
                table: "Findings");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewItems_TenantId_CampaignId_Decision",
                table: "ReviewItems",
                columns: new[] { "TenantId", "CampaignId", "Decision" });
        }
    }
}
