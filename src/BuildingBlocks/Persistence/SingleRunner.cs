using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IsmsCloud.BuildingBlocks.Persistence;

/// <summary>
/// Runs a background job's pass in one replica at a time: the pass runs only while this instance holds the job's
/// <see cref="DatabaseLock"/> in the service's database; an instance that finds the lock held skips the pass (its next
/// tick tries again), because another one is doing the same work right now. The pass does its work on contexts of its
/// own, never on the lock's. It guards against running twice at once, not against running twice in a day: a pass must
/// still find for itself what is left to do (as every sweep here does, from the rows' own dates and states).
/// </summary>
public sealed class SingleRunner(IServiceScopeFactory scopes, ILogger<SingleRunner> logger)
{
    /// <summary>Runs <paramref name="pass"/> if no other instance is running the job <paramref name="job"/>; returns whether it ran.</summary>
    public async Task<bool> TryRunAsync<TContext>(string job, Func<CancellationToken, Task> pass, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var held = await DatabaseLock.TryAcquireAsync(db, LockName(job), cancellationToken);
        if (held is null)
        {
            logger.LogDebug("Job {Job} is running in another instance; this one skips the pass", job);
            return false;
        }

        await pass(cancellationToken);
        return true;
    }

    /// <summary>The lock's name: a prefix of its own, so no job can share a key with an outbox's lock.</summary>
    public static string LockName(string job) => $"job:{job}";
}
