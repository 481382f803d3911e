using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IsmsCloud.Risk.Infrastructure.Migrations.SqlServer
{
    /// <summary>A review remembers what caused it (the AI asset of rule 13), so renaming that asset does not open a second one.</summary>
    public partial class ReviewTaskCause : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CauseId",
                table: "ReviewTasks",
                type: "uniqueidentifier",
                nullable: true);

            // Reviews opened for an AI asset before this column existed name it only in their reason text (two wordings
            // were in use); an asset name that is not unique in its tenant cannot say which asset, so those stay as they are.
            migrationBuilder.Sql("""
                UPDATE r SET r.[CauseId] = a.[Id] FROM [ReviewTasks] AS r
                JOIN [Assets] AS a ON a.[TenantId] = r.[TenantId]
                  AND r.[Reason] IN (N'AI system: ' + a.[Name], N'AI system linked: ' + a.[Name])
                WHERE r.[CauseId] IS NULL
                  AND NOT EXISTS (SELECT 1 FROM [Assets] AS b WHERE b.[TenantId] = a.[TenantId] AND b.[Name] = a.[Name] AND b.[Id] <> a.[Id]);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CauseId",
                table: "ReviewTasks");
        }
    }
}
