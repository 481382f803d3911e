using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;

namespace IsmsCloud.UnitTests.Persistence;

/// <summary>The names and keys of the once-across-replicas locks (the locking itself is tested on PostgreSQL).</summary>
public sealed class DatabaseLockTests
{
    [Fact]
    public void A_name_keeps_its_key_across_processes_and_releases()
    {
        // Pinned: replicas of the previous release (rolling update) must take the same key for the same outbox, so a
        // change to the derivation is a change that two versions running side by side would not agree on.
        Assert.Equal(9134501354382515123L, DatabaseLock.KeyOf("outbox:OutboxMessages"));
        Assert.Equal(-1496340335589827028L, DatabaseLock.KeyOf("job:risk-expiry-sweep"));
    }

    [Fact]
    public void Different_names_get_different_keys()
    {
        var names = new[] { "outbox:OutboxMessages", "outbox:identity.OutboxMessages", SingleRunner.LockName("risk-expiry-sweep"), SingleRunner.LockName("supplier-gap-sweep"), SingleRunner.LockName("identity-tenant-deletion"), SingleRunner.LockName("reporting-daily-snapshots") };
        Assert.Equal(names.Length, names.Select(DatabaseLock.KeyOf).Distinct().Count());
    }

    [Fact]
    public void An_outbox_is_locked_by_its_table_and_a_job_by_its_prefixed_name()
    {
        using var database = new TestDb();
        using var db = database.Context(null);
        Assert.Equal("outbox:OutboxMessages", OutboxLock.NameOf(db));
        Assert.Equal("job:outbox:OutboxMessages", SingleRunner.LockName(OutboxLock.NameOf(db)));
    }
}
