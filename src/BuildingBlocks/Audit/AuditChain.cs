using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace IsmsCloud.BuildingBlocks.Audit;

/// <summary>
/// Appends changes to a tenant's chain inside the caller's transaction: takes the chain's lock (held until the
/// transaction ends, so appends to one chain are serialised and the next one sees this one's head), reads the head,
/// and adds the new entries to the context, hashed and linked, for the same SaveChanges as the change itself.
/// Works on any DbContext whose model has <see cref="AuditEntry"/> (<see cref="AuditModelExtensions.AddAuditTrail"/>).
/// </summary>
public static class AuditChain
{
    private sealed record Head(long Sequence, string Hash, DateTimeOffset OccurredAt);

    public static async Task<List<AuditEntry>> AppendAsync(
        DbContext db, string service, Guid tenantId, IReadOnlyList<AuditedChange> changes, AuditActor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Head? head;
        if (db.Database.IsNpgsql())
        {
            head = await LockAndReadHeadPostgresAsync(db, service, tenantId, cancellationToken);
        }
        else
        {
            await LockAsync(db, service, tenantId, cancellationToken);
            head = await HeadQuery(db, tenantId).FirstOrDefaultAsync(cancellationToken);
        }

        return Add(db, service, tenantId, head, changes, actor, now);
    }

    public static List<AuditEntry> Append(
        DbContext db, string service, Guid tenantId, IReadOnlyList<AuditedChange> changes, AuditActor actor, DateTimeOffset now)
    {
        Lock(db, service, tenantId);
        return Add(db, service, tenantId, HeadQuery(db, tenantId).FirstOrDefault(), changes, actor, now);
    }

    /// <summary>
    /// The lock and the head in one round trip on PostgreSQL: two statements of one batch, each with its own snapshot
    /// (READ COMMITTED), so the head is read after the lock is granted and sees the previous holder's commit. On a busy
    /// machine every round trip is a scheduling delay; this one is inside every audited save. The head is read for the
    /// current tenant only, exactly as the filtered query would.
    /// </summary>
    private static async Task<Head?> LockAndReadHeadPostgresAsync(DbContext db, string service, Guid tenantId, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("The audit chain is appended inside a transaction.");
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new NpgsqlParameter { Value = LockKey(service, tenantId) } } },
                new NpgsqlBatchCommand($"""SELECT "Sequence", "Hash", "OccurredAt" FROM "{AuditEntryContent.Table}" WHERE "TenantId" = $1 ORDER BY "Sequence" DESC LIMIT 1""")
                {
                    Parameters = { new NpgsqlParameter { Value = tenantId } },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Head(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2))
            : null;
    }

    /// <summary>
    /// Entries already stamped with their own time and actor (a history kept before the chain existed), appended in the
    /// order given; their times are kept as they were.
    /// </summary>
    public static async Task<List<AuditEntry>> AppendImportedAsync(
        DbContext db, string service, Guid tenantId, IEnumerable<(AuditedChange Change, AuditActor Actor, DateTimeOffset At)> imported, CancellationToken cancellationToken)
    {
        await LockAsync(db, service, tenantId, cancellationToken);
        var head = await HeadQuery(db, tenantId).FirstOrDefaultAsync(cancellationToken);
        var added = new List<AuditEntry>();
        foreach (var (change, actor, at) in imported)
        {
            var entry = Link(service, tenantId, head, change, actor, AuditEntryContent.ToStoredPrecision(at));
            db.Add(entry);
            added.Add(entry);
            head = new Head(entry.Sequence, entry.Hash, entry.OccurredAt);
        }

        return added;
    }

    private static IQueryable<Head> HeadQuery(DbContext db, Guid tenantId) =>
        db.Set<AuditEntry>().AsNoTracking().Where(e => e.TenantId == tenantId)
            .OrderByDescending(e => e.Sequence).Select(e => new Head(e.Sequence, e.Hash, e.OccurredAt));

    private static List<AuditEntry> Add(DbContext db, string service, Guid tenantId, Head? head, IReadOnlyList<AuditedChange> changes, AuditActor actor, DateTimeOffset now)
    {
        // Never earlier than the head: the chain's order is also its time order, whatever a clock did in between.
        var at = AuditEntryContent.ToStoredPrecision(now);
        if (head is not null && at < head.OccurredAt)
        {
            at = head.OccurredAt;
        }

        var added = new List<AuditEntry>(changes.Count);
        foreach (var change in changes)
        {
            var entry = Link(service, tenantId, head, change, actor, at);
            db.Add(entry);
            added.Add(entry);
            head = new Head(entry.Sequence, entry.Hash, entry.OccurredAt);
        }

        return added;
    }

    private static AuditEntry Link(string service, Guid tenantId, Head? head, AuditedChange change, AuditActor actor, DateTimeOffset at) =>
        Link(service, tenantId, (head?.Sequence ?? 0) + 1, head?.Hash ?? AuditEntryContent.GenesisHash, change, actor, at);

    /// <summary>The entry that follows <paramref name="previousHash"/> at <paramref name="sequence"/>, hashed.</summary>
    public static AuditEntry Link(string service, Guid tenantId, long sequence, string previousHash, AuditedChange change, AuditActor actor, DateTimeOffset at)
    {
        var entry = new AuditEntry
        {
            TenantId = tenantId,
            Sequence = sequence,
            OccurredAt = at,
            ActorId = actor.Id,
            CorrelationId = actor.CorrelationId,
            RecordType = change.RecordType,
            RecordId = change.RecordId,
            Action = change.Action,
            Changes = change.Changes,
            PreviousHash = previousHash,
        };
        entry.Hash = AuditEntryContent.ComputeHash(service, entry);
        return entry;
    }

    // One lock per chain. PostgreSQL: a transaction-scoped advisory lock on a 64-bit key derived from the chain's name;
    // SQL Server: an application lock owned by the transaction. Both end with the transaction. SQLite (unit tests) has
    // one writer at a time anyway.
    public static Task LockAsync(DbContext db, string service, Guid tenantId, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            return db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey(service, tenantId)})", cancellationToken);
        }

        return db.Database.IsSqlServer()
            ? db.Database.ExecuteSqlAsync(SqlServerLock(LockName(service, tenantId)), cancellationToken)
            : Task.CompletedTask;
    }

    private static void Lock(DbContext db, string service, Guid tenantId)
    {
        if (db.Database.IsNpgsql())
        {
            db.Database.ExecuteSql($"SELECT pg_advisory_xact_lock({LockKey(service, tenantId)})");
        }
        else if (db.Database.IsSqlServer())
        {
            db.Database.ExecuteSql(SqlServerLock(LockName(service, tenantId)));
        }
    }

    private static FormattableString SqlServerLock(string name) =>
        $"DECLARE @granted int; EXEC @granted = sp_getapplock @Resource = {name}, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 30000; IF @granted < 0 THROW 51000, 'The audit chain lock was not granted in 30 seconds.', 1;";

    public static string LockName(string service, Guid tenantId) => $"isms-audit:{service}:{tenantId:D}";

    public static long LockKey(string service, Guid tenantId) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(LockName(service, tenantId))));
}
