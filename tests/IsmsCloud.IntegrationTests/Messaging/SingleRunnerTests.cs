using IsmsCloud.BuildingBlocks.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests.Messaging;

/// <summary>
/// The sweeps' lock on the real PostgreSQL: two instances (two service providers, two connection pools) start the same
/// job at once and only one runs its pass; the lock ends with the pass, however the pass ends.
/// </summary>
[Collection(RelayCollection.Name)]
public sealed class SingleRunnerTests : IAsyncLifetime
{
    private readonly List<RelayInstance> _instances = [];
    private SingleRunner _first = null!;
    private SingleRunner _second = null!;

    public async Task InitializeAsync()
    {
        await RelayTestDatabase.RecreateAsync();
        _first = (await StartAsync()).Services.GetRequiredService<SingleRunner>();
        _second = (await StartAsync()).Services.GetRequiredService<SingleRunner>();
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
    }

    [Fact]
    public async Task Of_two_instances_running_the_same_job_at_once_only_one_runs_the_pass()
    {
        var (running, release, firstRun) = StartHeldPass(_first, "sweep");
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        var secondPasses = 0;
        Assert.False(await _second.TryRunAsync<RelayTestDbContext>("sweep", _ => Task.FromResult(Interlocked.Increment(ref secondPasses)), CancellationToken.None));
        Assert.Equal(0, secondPasses);

        release.SetResult();
        Assert.True(await firstRun);
        // Over with the first pass: the next tick of either instance runs.
        Assert.True(await _second.TryRunAsync<RelayTestDbContext>("sweep", _ => Task.FromResult(Interlocked.Increment(ref secondPasses)), CancellationToken.None));
        Assert.Equal(1, secondPasses);
    }

    [Fact]
    public async Task Different_jobs_do_not_keep_each_other_out()
    {
        var (running, release, firstRun) = StartHeldPass(_first, "sweep");
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(await _second.TryRunAsync<RelayTestDbContext>("snapshots", _ => Task.CompletedTask, CancellationToken.None));
        release.SetResult();
        Assert.True(await firstRun);
    }

    [Fact]
    public async Task A_pass_that_fails_releases_the_lock_for_the_next_run()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _first.TryRunAsync<RelayTestDbContext>("sweep", _ => throw new InvalidOperationException("the database went away mid-pass"), CancellationToken.None));

        Assert.True(await _second.TryRunAsync<RelayTestDbContext>("sweep", _ => Task.CompletedTask, CancellationToken.None));
    }

    [Fact]
    public async Task A_job_does_not_share_its_lock_with_the_outbox_relay()
    {
        await using var relaying = RelayInstance.Context();
        await using var held = await DatabaseLock.TryAcquireAsync(relaying, BuildingBlocks.Messaging.OutboxLock.NameOf(relaying), CancellationToken.None);
        Assert.NotNull(held);

        // Even a job named exactly like the outbox's lock gets a key of its own.
        Assert.True(await _first.TryRunAsync<RelayTestDbContext>(BuildingBlocks.Messaging.OutboxLock.NameOf(relaying), _ => Task.CompletedTask, CancellationToken.None));
        await using var again = RelayInstance.Context();
        Assert.Null(await DatabaseLock.TryAcquireAsync(again, BuildingBlocks.Messaging.OutboxLock.NameOf(again), CancellationToken.None));
    }

    /// <summary>Starts a pass that signals once it runs and then waits for <c>release</c>.</summary>
    private static (Task Running, TaskCompletionSource Release, Task<bool> Run) StartHeldPass(SingleRunner runner, string job)
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = runner.TryRunAsync<RelayTestDbContext>(job, async _ =>
        {
            running.SetResult();
            await release.Task;
        }, CancellationToken.None);
        return (running.Task, release, run);
    }

    private async Task<RelayInstance> StartAsync()
    {
        var instance = await RelayInstance.StartAsync(RelayTestDatabase.ConnectionString);
        _instances.Add(instance);
        return instance;
    }
}
