using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IsmsCloud.Trust.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ActorKeyAndName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PublishedByName",
                table: "ScopeVersions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UploadedByName",
                table: "Files",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DecidedByName",
                table: "AccessRequests",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            // Rows written before this migration hold the person's display name in the *By column; keep it as the name.
            migrationBuilder.Sql("UPDATE \"ScopeVersions\" SET \"PublishedByName\" = \"PublishedBy\" WHERE \"PublishedBy\" IS NOT NULL;");
            migrationBuilder.Sql("UPDATE \"Files\" SET \"UploadedByName\" = \"UploadedBy\";");
            migrationBuilder.Sql("UPDATE \"AccessRequests\" SET \"DecidedByName\" = \"DecidedBy\" WHERE \"DecidedBy\" IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PublishedByName",
                table: "ScopeVersions");

            migrationBuilder.DropColumn(
                name: "UploadedByName",
                table: "Files");

            migrationBuilder.DropColumn(
                name: "DecidedByName",
                table: "AccessRequests");
        }
    }
}
