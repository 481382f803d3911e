using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IsmsCloud.Risk.Infrastructure.Migrations.Postgres
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
            migrationBuilder.Sql("UPDATE \"Risks\" r SET \"EarliestOpenDueOn\" = a.due FROM (SELECT \"RiskId\", MIN(\"DueOn\") AS due FROM \"TreatmentActions\" WHERE \"Status\" IN ('Planned', 'InProgress') GROUP BY \"RiskId\") a WHERE a.\"RiskId\" = r.\"Id\";");

            migrationBuilder.CreateIndex(
                name: "IX_Risks_TenantId_EarliestOpenDueOn",
                table: "Risks",
                columns: new[] { "TenantId", "EarliestOpenDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Risks_TenantId_Scores",
                table: "Risks",
                column: "TenantId")
                .Annotation("Npgsql:IndexInclude", new[] { "InherentLikelihood", "InherentImpact", "ResidualLikelihood", "ResidualImpact" });

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
