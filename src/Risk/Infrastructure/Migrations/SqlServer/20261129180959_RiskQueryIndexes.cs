using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IsmsCloud.Risk.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RiskQueryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "EarliestOpenDueOn",
                table: "Risks",
                type: "date",
                nullable: true);

            // Existing risks get their earliest open due date from the actions they already have.
            migrationBuilder.Sql("UPDATE r SET [EarliestOpenDueOn] = a.[Due] FROM [Risks] r JOIN (SELECT [RiskId], MIN([DueOn]) AS [Due] FROM [TreatmentActions] WHERE [Status] IN ('Planned', 'InProgress') GROUP BY [RiskId]) a ON a.[RiskId] = r.[Id];");

            migrationBuilder.CreateIndex(
                name: "IX_Risks_TenantId_EarliestOpenDueOn",
                table: "Risks",
                columns: new[] { "TenantId", "EarliestOpenDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Risks_TenantId_Scores",
                table: "Risks",
                column: "TenantId")
                .Annotation("SqlServer:Include", new[] { "InherentLikelihood", "InherentImpact", "ResidualLikelihood", "ResidualImpact" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlRisks_TenantId_ControlId",
                table: "ControlRisks",
                columns: new[] { "TenantId", "ControlId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Risks_TenantId_EarliestOpenDueOn",
                table: "Risks");

            migrationBuilder.DropIndex(
                name: "IX_Risks_TenantId_Scores",
                table: "Risks");

            migrationBuilder.DropIndex(
                name: "IX_ControlRisks_TenantId_ControlId",
                table: "ControlRisks");

            migrationBuilder.DropColumn(
                name: "EarliestOpenDueOn",
                table: "Risks");
        }
    }
}
