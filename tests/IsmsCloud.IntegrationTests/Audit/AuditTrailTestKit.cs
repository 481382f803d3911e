using System.Net.Http.Json;
using System.Text.Json;
using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.Testing;
using Npgsql;

namespace IsmsCloud.IntegrationTests.Audit;

/// <summary>Reading a tenant's trail through the API, and changing its rows behind the services' backs, as an intruder with database access would.</summary>
internal static class AuditTrailTestKit
{
    public static async Task<JsonElement> TrailAsync(this HttpClient api, string service, string query = "") =>
        await api.GetFromJsonAsync<JsonElement>($"/api/{service}/audit-trail{query}");

    public static async Task<JsonElement> VerifyAsync(this HttpClient api, string service, long? anchorSequence = null, string? anchorHash = null) =>
        await api.GetFromJsonAsync<JsonElement>($"/api/{service}/audit-trail/verify" +
            (anchorSequence is null ? "" : $"?anchorSequence={anchorSequence}&anchorHash={anchorHash}"));

    public static long Head(this JsonElement verification) => verification.GetProperty("headSequence").GetInt64();

    /// <summary>Runs statements on the service's database with the append-only trigger switched off for them, as the database's owner can.</summary>
    public static async Task TamperAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection($"{TestServers.Postgres};Database={database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            BEGIN;
            ALTER TABLE "{AuditEntryContent.Table}" DISABLE TRIGGER "{AuditTrailMigrations.GuardTrigger}";
            {sql};
            ALTER TABLE "{AuditEntryContent.Table}" ENABLE TRIGGER "{AuditTrailMigrations.GuardTrigger}";
            COMMIT;
            """;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<int> ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection($"{TestServers.Postgres};Database={database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }
}
