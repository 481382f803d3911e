using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IsmsCloud.Risk.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RiskRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Likelihood",
                table: "Risks",
                newName: "ResidualLikelihood");

            migrationBuilder.RenameColumn(
                name: "Impact",
                table: "Risks",
                newName: "ResidualImpact");

            migrationBuilder.AddColumn<string>(
                name: "Decision",
                table: "Risks",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "InherentImpact",
                table: "Risks",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "InherentLikelihood",
                table: "Risks",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "InherentScore",
                table: "Risks",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastAssessedAt",
                table: "Risks",
                type: "datetimeoffset",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateOnly>(
                name: "NextReviewOn",
                table: "Risks",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<int>(
                name: "ResidualScore",
                table: "Risks",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Risks",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Threat",
                table: "Risks",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Vulnerability",
                table: "Risks",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Assets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Classification = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Owner = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    InScope = table.Column<bool>(type: "bit", nullable: false),
                    Description = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    AiModelProvider = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    AiDataUsed = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    AiAutomatedDecisions = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChangeRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordType = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RecordId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ChangedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Changes = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Controls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Reference = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Theme = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    IsCustom = table.Column<bool>(type: "bit", nullable: false),
                    Guidance = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    Applicable = table.Column<bool>(type: "bit", nullable: true),
                    Justification = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    ImplementationStatus = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Owner = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    EvidenceCadenceDays = table.Column<int>(type: "int", nullable: true),
                    SortOrder = table.Column<int>(type: "int", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Controls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Incidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Title = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: true),
                    Severity = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DetectedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ReportedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    NoControlReason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Incidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReviewTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ResolvedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Resolution = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewTasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RiskAcceptances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RiskId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AcceptedResidualScore = table.Column<int>(type: "int", nullable: false),
                    Rationale = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    ApprovedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskAcceptances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RiskAcceptances_Risks_RiskId",
                        column: x => x.RiskId,
                        principalTable: "Risks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RiskAssessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RiskId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AssessedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    AssessedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Rationale = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    InherentLikelihoodBefore = table.Column<int>(type: "int", nullable: true),
                    InherentImpactBefore = table.Column<int>(type: "int", nullable: true),
                    ResidualLikelihoodBefore = table.Column<int>(type: "int", nullable: true),
                    ResidualImpactBefore = table.Column<int>(type: "int", nullable: true),
                    InherentBefore = table.Column<int>(type: "int", nullable: true),
                    ResidualBefore = table.Column<int>(type: "int", nullable: true),
                    InherentLikelihoodAfter = table.Column<int>(type: "int", nullable: false),
                    InherentImpactAfter = table.Column<int>(type: "int", nullable: false),
                    ResidualLikelihoodAfter = table.Column<int>(type: "int", nullable: false),
                    ResidualImpactAfter = table.Column<int>(type: "int", nullable: false),
                    InherentAfter = table.Column<int>(type: "int", nullable: false),
                    ResidualAfter = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RiskAssessments_Risks_RiskId",
                        column: x => x.RiskId,
                        principalTable: "Risks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RiskSettings",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    RiskAppetite = table.Column<int>(type: "int", nullable: false),
                    ReviewIntervalDays = table.Column<int>(type: "int", nullable: false),
                    MaxAcceptanceMonths = table.Column<int>(type: "int", nullable: false),
                    MaxExceptionDays = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskSettings", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "SoaVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    PublishedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    ControlCount = table.Column<int>(type: "int", nullable: false),
                    ApplicableCount = table.Column<int>(type: "int", nullable: false),
                    ImplementedCount = table.Column<int>(type: "int", nullable: false),
                    Entries = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SoaVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TreatmentActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    RiskId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Title = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Owner = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    TicketUrl = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    SourceIncidentId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TreatmentActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TreatmentActions_Risks_RiskId",
                        column: x => x.RiskId,
                        principalTable: "Risks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RiskAssets",
                columns: table => new
                {
                    RiskId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AssetId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskAssets", x => new { x.RiskId, x.AssetId });
                    table.ForeignKey(
                        name: "FK_RiskAssets_Assets_AssetId",
                        column: x => x.AssetId,
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RiskAssets_Risks_RiskId",
                        column: x => x.RiskId,
                        principalTable: "Risks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ControlExceptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    ControlId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RiskId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AffectedScope = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    CompensatingControls = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    RequestedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RequestedExpiresOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ApprovedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    GrantedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    FirstGrantedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    RenewalCount = table.Column<int>(type: "int", nullable: false),
                    DecisionNote = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ControlExceptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ControlExceptions_Controls_ControlId",
                        column: x => x.ControlId,
                        principalTable: "Controls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ControlExceptions_Risks_RiskId",
                        column: x => x.RiskId,
                        principalTable: "Risks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ControlRisks",
                columns: table => new
                {
                    ControlId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RiskId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ControlRisks", x => new { x.ControlId, x.RiskId });
                    table.ForeignKey(
                        name: "FK_ControlRisks_Controls_ControlId",
                        column: x => x.ControlId,
                        principalTable: "Controls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ControlRisks_Risks_RiskId",
                        column: x => x.RiskId,
                        principalTable: "Risks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Evidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ControlId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Title = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    Source = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Link = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    CoversFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    CoversTo = table.Column<DateOnly>(type: "date", nullable: false),
                    CollectedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CollectedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    ContentType = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: true),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Evidence_Controls_ControlId",
                        column: x => x.ControlId,
                        principalTable: "Controls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncidentControls",
                columns: table => new
                {
                    IncidentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ControlId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Role = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentControls", x => new { x.IncidentId, x.ControlId });
                    table.ForeignKey(
                        name: "FK_IncidentControls_Controls_ControlId",
                        column: x => x.ControlId,
                        principalTable: "Controls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IncidentControls_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncidentRisks",
                columns: table => new
                {
                    IncidentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RiskId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentRisks", x => new { x.IncidentId, x.RiskId });
                    table.ForeignKey(
                        name: "FK_IncidentRisks_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IncidentRisks_Risks_RiskId",
                        column: x => x.RiskId,
                        principalTable: "Risks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceFiles",
                columns: table => new
                {
                    EvidenceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Content = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceFiles", x => x.EvidenceId);
                    table.ForeignKey(
                        name: "FK_EvidenceFiles_Evidence_EvidenceId",
                        column: x => x.EvidenceId,
                        principalTable: "Evidence",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Risks_TenantId_NextReviewOn",
                table: "Risks",
                columns: new[] { "TenantId", "NextReviewOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Risks_TenantId_Owner",
                table: "Risks",
                columns: new[] { "TenantId", "Owner" });

            migrationBuilder.CreateIndex(
                name: "IX_Risks_TenantId_ResidualScore",
                table: "Risks",
                columns: new[] { "TenantId", "ResidualScore" });

            migrationBuilder.CreateIndex(
                name: "IX_Risks_TenantId_Status",
                table: "Risks",
                columns: new[] { "TenantId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Assets_TenantId_Name",
                table: "Assets",
                columns: new[] { "TenantId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_ChangeRecords_TenantId_RecordId",
                table: "ChangeRecords",
                columns: new[] { "TenantId", "RecordId" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlExceptions_ControlId",
                table: "ControlExceptions",
                column: "ControlId");

            migrationBuilder.CreateIndex(
                name: "IX_ControlExceptions_RiskId",
                table: "ControlExceptions",
                column: "RiskId");

            migrationBuilder.CreateIndex(
                name: "IX_ControlExceptions_TenantId_ControlId",
                table: "ControlExceptions",
                columns: new[] { "TenantId", "ControlId" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlExceptions_TenantId_RiskId",
                table: "ControlExceptions",
                columns: new[] { "TenantId", "RiskId" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlExceptions_TenantId_Status_ExpiresOn",
                table: "ControlExceptions",
                columns: new[] { "TenantId", "Status", "ExpiresOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlRisks_RiskId",
                table: "ControlRisks",
                column: "RiskId");

            migrationBuilder.CreateIndex(
                name: "IX_ControlRisks_TenantId_RiskId",
                table: "ControlRisks",
                columns: new[] { "TenantId", "RiskId" });

            migrationBuilder.CreateIndex(
                name: "IX_Controls_TenantId_Reference",
                table: "Controls",
                columns: new[] { "TenantId", "Reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Evidence_ControlId",
                table: "Evidence",
                column: "ControlId");

            migrationBuilder.CreateIndex(
                name: "IX_Evidence_TenantId_ControlId_CoversTo",
                table: "Evidence",
                columns: new[] { "TenantId", "ControlId", "CoversTo" });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_TenantId",
                table: "EvidenceFiles",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentControls_ControlId",
                table: "IncidentControls",
                column: "ControlId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentControls_TenantId_ControlId",
                table: "IncidentControls",
                columns: new[] { "TenantId", "ControlId" });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentRisks_RiskId",
                table: "IncidentRisks",
                column: "RiskId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentRisks_TenantId_RiskId",
                table: "IncidentRisks",
                columns: new[] { "TenantId", "RiskId" });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_TenantId_OccurredAt",
                table: "Incidents",
                columns: new[] { "TenantId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewTasks_TenantId_SubjectId",
                table: "ReviewTasks",
                columns: new[] { "TenantId", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_RiskAcceptances_RiskId",
                table: "RiskAcceptances",
                column: "RiskId");

            migrationBuilder.CreateIndex(
                name: "IX_RiskAcceptances_TenantId_Status_ExpiresOn",
                table: "RiskAcceptances",
                columns: new[] { "TenantId", "Status", "ExpiresOn" });

            migrationBuilder.CreateIndex(
                name: "IX_RiskAssessments_RiskId",
                table: "RiskAssessments",
                column: "RiskId");

            migrationBuilder.CreateIndex(
                name: "IX_RiskAssessments_TenantId_RiskId_AssessedAt",
                table: "RiskAssessments",
                columns: new[] { "TenantId", "RiskId", "AssessedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RiskAssets_AssetId",
                table: "RiskAssets",
                column: "AssetId");

            migrationBuilder.CreateIndex(
                name: "IX_RiskAssets_TenantId_AssetId",
                table: "RiskAssets",
                columns: new[] { "TenantId", "AssetId" });

            migrationBuilder.CreateIndex(
                name: "IX_RiskSettings_TenantId",
                table: "RiskSettings",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_SoaVersions_TenantId_Number",
                table: "SoaVersions",
                columns: new[] { "TenantId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentActions_RiskId",
                table: "TreatmentActions",
                column: "RiskId");

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentActions_TenantId_RiskId",
                table: "TreatmentActions",
                columns: new[] { "TenantId", "RiskId" });

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentActions_TenantId_Status_DueOn",
                table: "TreatmentActions",
                columns: new[] { "TenantId", "Status", "DueOn" });
            // Risks of the first slice had one score: it becomes both inherent and residual, as if assessed when last updated.
            migrationBuilder.Sql("UPDATE [Risks] SET [InherentLikelihood] = [ResidualLikelihood], [InherentImpact] = [ResidualImpact], [InherentScore] = [ResidualLikelihood] * [ResidualImpact], [ResidualScore] = [ResidualLikelihood] * [ResidualImpact], [Status] = 'Open', [LastAssessedAt] = [UpdatedAt], [NextReviewOn] = DATEADD(day, 180, CAST([UpdatedAt] AS date));");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChangeRecords");

            migrationBuilder.DropTable(
                name: "ControlExceptions");

            migrationBuilder.DropTable(
                name: "ControlRisks");

            migrationBuilder.DropTable(
                name: "EvidenceFiles");

            migrationBuilder.DropTable(
                name: "IncidentControls");

            migrationBuilder.DropTable(
                name: "IncidentRisks");

            migrationBuilder.DropTable(
                name: "ReviewTasks");

            migrationBuilder.DropTable(
                name: "RiskAcceptances");

            migrationBuilder.DropTable(
                name: "RiskAssessments");

            migrationBuilder.DropTable(
                name: "RiskAssets");

            migrationBuilder.DropTable(
                name: "RiskSettings");

            migrationBuilder.DropTable(
                name: "SoaVersions");

            migrationBuilder.DropTable(
                name: "TreatmentActions");

            migrationBuilder.DropTable(
                name: "Evidence");

            migrationBuilder.DropTable(
                name: "Incidents");

            migrationBuilder.DropTable(
                name: "Assets");

            migrationBuilder.DropTable(
                name: "Controls");

            migrationBuilder.DropIndex(
                name: "IX_Risks_TenantId_NextReviewOn",
                table: "Risks");

            migrationBuilder.DropIndex(
                name: "IX_Risks_TenantId_Owner",
                table: "Risks");

            migrationBuilder.DropIndex(
                name: "IX_Risks_TenantId_ResidualScore",
                table: "Risks");

            migrationBuilder.DropIndex(
                name: "IX_Risks_TenantId_Status",
                table: "Risks");

            migrationBuilder.DropColumn(
                name: "Decision",
                table: "Risks");

            migrationBuilder.DropColumn(
                name: "InherentImpact",
                table: "Risks");

            migrationBuilder.DropColumn(
                name: "InherentLikelihood",
                table: "Risks");

            migrationBuilder.DropColumn(
                name: "InherentScore",
                table: "Risks");

            migrationBuilder.DropColumn(
                name: "LastAssessedAt",
                table: "Risks");

            migrationBuilder.DropColumn(
                name: "NextReviewOn",
                table: "Risks");

            migrationBuilder.DropColumn(
                name: "ResidualScore",
                table: "Risks");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Risks");

            migrationBuilder.DropColumn(
                name: "Threat",
                table: "Risks");

            migrationBuilder.DropColumn(
                name: "Vulnerability",
                table: "Risks");

            migrationBuilder.RenameColumn(
                name: "ResidualLikelihood",
                table: "Risks",
                newName: "Likelihood");

            migrationBuilder.RenameColumn(
                name: "ResidualImpact",
                table: "Risks",
                newName: "Impact");
        }
    }
}
