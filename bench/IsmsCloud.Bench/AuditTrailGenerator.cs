using System.Diagnostics;
using System.Globalization;
using IsmsCloud.BuildingBlocks.Audit;
using Npgsql;
using NpgsqlTypes;

namespace IsmsCloud.Bench;

/// <summary>
/// Appends a long, valid chain to a tenant's trail straight into PostgreSQL (binary COPY), as years of use would leave
/// it: entries hashed and linked by the building block's own code after the tenant's current head, about 40 actors,
/// 10,000 records, changes of a typical size, times spread evenly up to now. A million entries through the API would
/// take hours.
/// </summary>
internal static class AuditTrailGenerator
{
    public static async Task<int> AppendAsync(string connectionString, Guid tenantId, string service, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        long sequence = 0;
        var previous = AuditEntryContent.GenesisHash;
        await using (var head = new NpgsqlCommand("""SELECT "Sequence", "Hash" FROM "AuditTrail" WHERE "TenantId" = $1 ORDER BY "Sequence" DESC LIMIT 1""", connection))
        {
            head.Parameters.AddWithValue(tenantId);
            await using var reader = await head.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                (sequence, previous) = (reader.GetInt64(0), reader.GetString(1));
            }
        }

        var random = new Random(2026);
        var actors = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var records = Enumerable.Range(0, 10_000).Select(_ => Guid.CreateVersion7()).ToArray();
        string[] types = ["Risk", "RiskAssessment", "Control", "TreatmentAction", "EvidenceRecord", "ControlException"];
        var end = AuditEntryContent.ToStoredPrecision(DateTimeOffset.UtcNow.AddHours(-1));
        var step = TimeSpan.FromDays(3 * 365) / count;
        var clock = Stopwatch.StartNew();

        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY "AuditTrail" ("TenantId", "Sequence", "OccurredAt", "ActorId", "CorrelationId", "RecordType", "RecordId", "Action", "Changes", "PreviousHash", "Hash") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var i = 0; i < count; i++)
            {
                var at = AuditEntryContent.ToStoredPrecision(end - (step * (count - i)));
                var before = random.Next(1, 6);
                var changes = JsonCanonicalizer.Canonicalize(string.Create(CultureInfo.InvariantCulture,
                    $$"""{"ResidualLikelihood":[{{before}},{{random.Next(1, 6)}}],"ResidualScore":[{{before * 3}},{{random.Next(1, 26)}}],"Title":["Risk {{i % 10_000}}","Risk {{i % 10_000}} (reassessed)"],"UpdatedAt":["{{at.AddDays(-30):O}}","{{at:O}}"]}"""));
                var entry = AuditChain.Link(service, tenantId, ++sequence, previous,
                    new AuditedChange(types[random.Next(types.Length)], records[random.Next(records.Length)], AuditAction.Updated, changes),
                    new AuditActor(actors[(int)Math.Min(actors.Length - 1, Math.Abs(random.NextDouble() * random.NextDouble()) * actors.Length)], Guid.NewGuid().ToString("N")),
                    at);
                previous = entry.Hash;
                await copy.StartRowAsync();
                await copy.WriteAsync(entry.TenantId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(entry.Sequence, NpgsqlDbType.Bigint);
                await copy.WriteAsync(entry.OccurredAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(entry.ActorId, NpgsqlDbType.Varchar);
                await copy.WriteAsync(entry.CorrelationId, NpgsqlDbType.Varchar);
                await copy.WriteAsync(entry.RecordType, NpgsqlDbType.Varchar);
                await copy.WriteAsync(entry.RecordId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(entry.Action.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(entry.Changes, NpgsqlDbType.Text);
                await copy.WriteAsync(entry.PreviousHash, NpgsqlDbType.Char);
                await copy.WriteAsync(entry.Hash, NpgsqlDbType.Char);
            }

            await copy.CompleteAsync();
        }

        Console.Error.WriteLine($"appended {count} entries (to sequence {sequence}) in {clock.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"{sequence} {previous}");
        return 0;
    }
}
