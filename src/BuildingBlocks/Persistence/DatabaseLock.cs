using System.Buffers.Binary;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IsmsCloud.BuildingBlocks.Persistence;

/// <summary>
/// A named, exclusive lock in a service's database, so that one instance of the service at a time does a piece of work
/// (the outbox relay's batch, a sweep's pass) however many replicas run. The lock lives in a transaction of its own that
/// does nothing else, on a connection of its own: it holds no row locks and writes nothing, so it blocks nobody but a
/// second taker of the same name, and it ends with the transaction — on dispose, on an error, or when the process dies
/// and the database drops its connection. Never waits: a taker that finds it held gets null and tries again later.
/// PostgreSQL: <c>pg_try_advisory_xact_lock</c> on a 64-bit key hashed from the name (advisory locks are per
/// database, as the work they guard is). SQL Server: <c>sp_getapplock</c> owned by the transaction (unverified here:
/// SQL Server cannot run on these machines). Any other provider (SQLite, the unit tests' in-memory database, which
/// one process alone can reach) grants it without locking.
/// </summary>
public sealed class DatabaseLock : IAsyncDisposable
{
    private readonly IDbContextTransaction? _transaction;

    private DatabaseLock(IDbContextTransaction? transaction) => _transaction = transaction;

    /// <summary>
    /// Takes the lock <paramref name="name"/> on <paramref name="db"/>'s connection, in a transaction it begins there;
    /// returns null when another session holds it. <paramref name="db"/> must be used for nothing else while the lock
    /// is held (do the work on another context): whatever it wrote would wait in the lock's transaction until the end.
    /// </summary>
    public static async Task<DatabaseLock?> TryAcquireAsync(DbContext db, string name, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql() && !db.Database.IsSqlServer())
        {
            return new DatabaseLock(null);
        }

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            var granted = db.Database.IsNpgsql()
                ? await TryPostgresAsync(command, name, cancellationToken)
                : await TrySqlServerAsync(command, name, cancellationToken);
            if (granted)
            {
                return new DatabaseLock(transaction);
            }
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }

        await transaction.DisposeAsync();
        return null;
    }

    /// <summary>
    /// The advisory-lock key of a name: the first 8 bytes of its SHA-256. Stable across processes, versions and
    /// machines (string.GetHashCode is randomised per process), because every replica, including one of the previous
    /// release during a rolling update, must derive the same key for the same work.
    /// </summary>
    public static long KeyOf(string name) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    private static async Task<bool> TryPostgresAsync(DbCommand command, string name, CancellationToken cancellationToken)
    {
        command.CommandText = "SELECT pg_try_advisory_xact_lock(@key)";
        var key = command.CreateParameter();
        key.ParameterName = "key";
        key.Value = KeyOf(name);
        command.Parameters.Add(key);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    // sp_getapplock answers 0 (granted) or 1 (granted after waiting), negative when not granted; a timeout of 0 never waits.
    private static async Task<bool> TrySqlServerAsync(DbCommand command, string name, CancellationToken cancellationToken)
    {
        command.CommandText = """
            DECLARE @result int;
            EXEC @result = sp_getapplock @Resource = @name, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 0;
            SELECT @result;
            """;
        var resource = command.CreateParameter();
        resource.ParameterName = "name";
        // sp_getapplock takes at most 255 characters of resource name.
        resource.Value = name.Length <= 255 ? name : name[..255];
        command.Parameters.Add(resource);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) >= 0;
    }

    /// <summary>Ends the lock's transaction, which releases the lock (it changed nothing, so a rollback loses nothing).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }
    }
}
