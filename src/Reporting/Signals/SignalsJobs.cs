using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IsmsCloud.Reporting.Signals;

public sealed class SignalsOptions
{
    /// <summary>How often the jobs look for tenants whose figures changed and for days without a snapshot.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>SIGNALS.md: <c>SignalsChanged</c> at most once every 5 seconds per tenant.</summary>
    public TimeSpan MinimumChangeInterval { get; set; } = TimeSpan.FromSeconds(5);

    public bool RunJobs { get; set; } = true;
}

/// <summary>
/// Which tenants' facts changed since their figures were last published (consumers mark, the publisher takes); a fact a
/// consumer stored also goes to the facts cache.
/// </summary>
public sealed class SignalsChangeFeed(TenantFactsCache cache)
{
    private readonly ConcurrentDictionary<Guid, byte> _changed = new();

    /// <summary>Called after the commit; <paramref name="added"/> is the fact stored, null when the event changed nothing.</summary>
    public void Changed(Guid tenantId, Fact? added = null)
    {
        if (added is not null)
        {
            cache.Added(tenantId, added);
        }

        _changed[tenantId] = 0;
    }

    internal IReadOnlyList<Guid> Pending => _changed.Keys.ToList();

    internal void Taken(Guid tenantId) => _changed.TryRemove(tenantId, out _);
}

/// <summary>
/// Takes each tenant's snapshot of a day just after it ends (kept for good), and publishes <see cref="SignalsChanged"/>
/// when a tenant's figures for today changed, at most every 5 seconds per tenant, and at each day's rollover. Per
/// tenant, on a short debounce: never the whole world per event.
/// </summary>
public sealed class SignalsJobs(IServiceScopeFactory scopes, SignalsChangeFeed feed, TenantFactsCache cache, Backfill backfill, SingleRunner runner, TimeProvider clock, IOptions<SignalsOptions> options, ILogger<SignalsJobs> logger)
{
    /// <summary>The daily part (backfill requests and snapshots), which one replica at a time does.</summary>
    public const string DailyJob = "reporting-daily-snapshots";

    private readonly ConcurrentDictionary<Guid, (DateTimeOffset At, string Figures)> _published = new();
    private DateOnly? _lastDay;
    private DateOnly? _snapshotsTakenOn;

    /// <summary>Stores yesterday's snapshot for every known tenant that has none; returns how many were taken.</summary>
    public async Task<int> TakeSnapshotsAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var day = today.AddDays(-1);
        var taken = 0;
        // Tenants in parallel, as many at once as there are cores: each is a load and a computation of its own.
        await Parallel.ForEachAsync(await TenantsAsync(cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (tenantId, ct) =>
            {
                try
                {
                    if (await TakeSnapshotAsync(tenantId, day, today, ct))
                    {
                        Interlocked.Increment(ref taken);
                    }
                }
                catch (DbUpdateException ex) when (PersistenceExceptionHandler.IsUniqueViolation(ex.InnerException))
                {
                    // Another instance took it at the same moment; the first one stays.
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "The snapshot of tenant {TenantId} for {Day} failed; the next run tries again", tenantId, day);
                }
            });

        return taken;
    }

    private async Task<bool> TakeSnapshotAsync(Guid tenantId, DateOnly day, DateOnly today, CancellationToken cancellationToken)
    {
        await using var scope = Enter(tenantId, out var db);
        if (await db.SignalSnapshots.AnyAsync(s => s.Day == day, cancellationToken))
        {
            return false;
        }

        var facts = await cache.GetAsync(db, tenantId, cancellationToken, keep: false);
        var figures = SignalsService.Compute(facts, day, today).Figures with { Source = SignalSources.Snapshot };
        db.SignalSnapshots.Add(new SignalSnapshot
        {
            Day = day, DefinitionVersion = SignalCalculator.DefinitionVersion, Figures = JsonSerializer.Serialize(figures, FactStore.Json), TakenAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Publishes today's figures of the tenants whose facts changed (or of every tenant at a rollover).</summary>
    public async Task<int> PublishChangesAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var now = clock.GetUtcNow();
        var rollover = _lastDay is { } last && last != today;
        _lastDay = today;
        var tenants = rollover ? await TenantsAsync(cancellationToken) : feed.Pending;
        var published = 0;
        foreach (var tenantId in tenants)
        {
            if (!rollover && _published.TryGetValue(tenantId, out var previous) && now - previous.At < options.Value.MinimumChangeInterval)
            {
                continue;
            }

            feed.Taken(tenantId);
            await using var scope = Enter(tenantId, out var db);
            var facts = await cache.GetAsync(db, tenantId, cancellationToken);
            var figures = JsonSerializer.Serialize(SignalsService.WithoutRecords(facts.Live(today)), FactStore.Json);
            if (!rollover && _published.TryGetValue(tenantId, out previous) && previous.Figures == figures)
            {
                continue;
            }

            db.AddEvent(new SignalsChanged(tenantId, today, SignalCalculator.DefinitionVersion, figures, now));
            await db.SaveChangesAsync(cancellationToken);
            _published[tenantId] = (now, figures);
            published++;
        }

        return published;
    }

    private async Task<List<Guid>> TenantsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().KnownTenants.AsNoTracking()
            .Select(t => t.TenantId).ToListAsync(cancellationToken);
    }

    private AsyncServiceScope Enter(Guid tenantId, out ReportingDbContext db)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        return scope;
    }

    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Once a day (at start-up and after each rollover), not at every check: they cost queries per tenant. A tenant
            // reporting knows nothing of exists at start-up (from before it kept facts); one onboarded later is followed.
            var today = clock.Today();
            if (_snapshotsTakenOn != today)
            {
                // One replica at a time: two would compute every tenant's snapshot and throw one away on its key, and
                // request the same backfills. A replica that finds the lock held tries again at its next check (when
                // the holder is done it finds nothing left to take), so a holder that dies half-way leaves no day
                // without its snapshots.
                var ran = await runner.TryRunAsync<ReportingDbContext>(DailyJob, async ct =>
                {
                    await backfill.RequestForUnknownTenantsAsync(ct);
                    var started = Stopwatch.GetTimestamp();
                    var taken = await TakeSnapshotsAsync(ct);
                    logger.LogInformation("Took {Count} snapshots of {Day} in {Seconds:F1} s", taken, today.AddDays(-1), Stopwatch.GetElapsedTime(started).TotalSeconds);
                }, cancellationToken);
                if (ran)
                {
                    _snapshotsTakenOn = today;
                }
            }

            // Every replica, not under the lock: each one's feed holds the tenants whose events that replica consumed.
            await PublishChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The signals jobs failed; they run again in {Interval}", options.Value.CheckInterval);
        }
    }
}

internal sealed class SignalsJobsService(SignalsJobs jobs, IOptions<SignalsOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await jobs.RunOnceAsync(stoppingToken);
            try
            {
                await Task.Delay(options.Value.CheckInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
