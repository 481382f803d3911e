using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IsmsCloud.Suppliers.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Questionnaires : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Answers",
                table: "SupplierAssessments",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ContactEmail",
                table: "SupplierAssessments",
                type: "character varying(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Questions",
                table: "SupplierAssessments",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SentBackNote",
                table: "SupplierAssessments",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SubmittedAt",
                table: "SupplierAssessments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TemplateId",
                table: "SupplierAssessments",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TemplateName",
                table: "SupplierAssessments",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "QuestionnaireLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CookieHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SupersededAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionnaireLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuestionnaireLinks_SupplierAssessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "SupplierAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QuestionnaireTemplates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Questions = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionnaireTemplates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireLinks_AssessmentId",
                table: "QuestionnaireLinks",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireLinks_TenantId",
                table: "QuestionnaireLinks",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireLinks_TokenHash",
                table: "QuestionnaireLinks",
                column: "TokenHash");

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireTemplates_TenantId_Name",
                table: "QuestionnaireTemplates",
                columns: new[] { "TenantId", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QuestionnaireLinks");

            migrationBuilder.DropTable(
                name: "QuestionnaireTemplates");

            migrationBuilder.DropColumn(
                name: "Answers",
                table: "SupplierAssessments");

            migrationBuilder.DropColumn(
                name: "ContactEmail",
                table: "SupplierAssessments");

            migrationBuilder.DropColumn(
                name: "Questions",
                table: "SupplierAssessments");

            migrationBuilder.DropColumn(
                name: "SentBackNote",
                table: "SupplierAssessments");

            migrationBuilder.DropColumn(
                name: "SubmittedAt",
                table: "SupplierAssessments");

            migrationBuilder.DropColumn(
                name: "TemplateId",
                table: "SupplierAssessments");

            migrationBuilder.DropColumn(
                name: "TemplateName",
                table: "SupplierAssessments");
        }
    }
}
