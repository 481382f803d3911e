using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsmsCloud.BuildingBlocks.Sessions;

/// <summary>One entry of <see cref="DatabaseDistributedCache{TContext}"/>: a key's bytes and when they stop being served.</summary>
public sealed class DistributedCacheEntry
{
    public required string Key { get; init; }
    public required byte[] Value { get; set; }

    /// <summary>When the entry stops being served: the absolute expiry, or sooner the last read plus the sliding window.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? AbsoluteExpiration { get; set; }
    public TimeSpan? SlidingExpiration { get; set; }
}

/// <summary>A DbContext that holds a <see cref="DatabaseDistributedCache{TContext}"/> (its model: <see cref="DistributedCacheModel.AddDistributedCache"/>).</summary>
public interface IDistributedCacheContext
{
    DbSet<DistributedCacheEntry> DistributedCacheEntries { get; }
}

public static class DistributedCacheModel
{
    /// <summary>SQL Server's 900-byte limit of an index key, in nvarchar characters (the limit its own cache package uses).</summary>
    public const int MaxKeyLength = 449;

    /// <summary>The cache's table in the model of the context whose <paramref name="database"/> this is.</summary>
    public static ModelBuilder AddDistributedCache(this ModelBuilder modelBuilder, DatabaseFacade database)
    {
        var entry = modelBuilder.Entity<DistributedCacheEntry>();
        entry.ToTable("DistributedCache");
        entry.HasKey(e => e.Key);
        var key = entry.Property(e => e.Key).HasMaxLength(MaxKeyLength);
        if (database.IsSqlServer())
        {
            // Keys are compared byte for byte, as on PostgreSQL: SQL Server's default collation ignores case.
            key.UseCollation("Latin1_General_100_BIN2");
        }

        // Ticks, not the providers' interval types: SQL Server's time holds less than a day, and a sliding window is days.
        entry.Property(e => e.SlidingExpiration).HasConversion(new TimeSpanToTicksConverter());
        // The sweep's range.
        entry.HasIndex(e => e.ExpiresAt);
        return modelBuilder;
    }
}

public sealed class DatabaseDistributedCacheOptions
{
    /// <summary>The window of an entry set with no expiry at all (as Microsoft's SQL Server cache does), so nothing stays forever.</summary>
    public TimeSpan DefaultSlidingExpiration { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How often expired entries are deleted; until then they are only not served.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>
/// <see cref="IDistributedCache"/> in a table of the service's own database, through EF Core, so the same code serves
/// PostgreSQL (for which no cache package is available to this project) and SQL Server, and every instance of the
/// service, before and after a restart, sees the same entries. Values are stored as given: a caller that keeps secrets
/// here protects them first (the web's token store does, with the shared data-protection keys). An entry past its
/// expiry is not served; <see cref="DatabaseDistributedCacheSweep{TContext}"/> deletes it later. A read of an entry
/// with a sliding window moves its expiry on (never past its absolute expiry), but only once the move gains at least
/// a tenth of its window, at most a minute: the web reads its token entry on every request, and a write per read was a write
/// per page view. Each call uses a context of its own, so the cache can be a singleton.
/// </summary>
public sealed class DatabaseDistributedCache<TContext>(IServiceScopeFactory scopes, TimeProvider clock, IOptions<DatabaseDistributedCacheOptions> cacheOptions)
    : IDistributedCache
    where TContext : DbContext, IDistributedCacheContext
{
    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = clock.GetUtcNow();
        var entry = await db.DistributedCacheEntries.AsNoTracking()
            .Where(e => e.Key == key && e.ExpiresAt > now)
            .Select(e => new { e.Value, e.ExpiresAt, e.AbsoluteExpiration, e.SlidingExpiration })
            .FirstOrDefaultAsync(token);
        if (entry is null)
        {
            return null;
        }

        await SlideAsync(db, key, entry.ExpiresAt, entry.AbsoluteExpiration, entry.SlidingExpiration, now, token);
        return entry.Value;
    }

    public async Task RefreshAsync(string key, CancellationToken token = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = clock.GetUtcNow();
        var entry = await db.DistributedCacheEntries.AsNoTracking()
            .Where(e => e.Key == key && e.ExpiresAt > now)
            .Select(e => new { e.ExpiresAt, e.AbsoluteExpiration, e.SlidingExpiration })
            .FirstOrDefaultAsync(token);
        if (entry is not null)
        {
            await SlideAsync(db, key, entry.ExpiresAt, entry.AbsoluteExpiration, entry.SlidingExpiration, now, token);
        }
    }

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        var now = clock.GetUtcNow();
        var absolute = AbsoluteExpiration(options, now);
        var sliding = options.SlidingExpiration ?? (absolute is null ? cacheOptions.Value.DefaultSlidingExpiration : null);
        var expiresAt = ExpiryAfter(now, sliding, absolute);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // No portable upsert in EF Core: update, else insert; an insert that loses the race to another instance's
        // insert of the same key updates what that one wrote (the last writer wins, as with any distributed cache).
        if (await UpdateAsync(db, key, value, expiresAt, absolute, sliding, token) > 0)
        {
            return;
        }

        db.DistributedCacheEntries.Add(new DistributedCacheEntry
        {
            Key = key, Value = value, ExpiresAt = expiresAt, AbsoluteExpiration = absolute, SlidingExpiration = sliding,
        });
        try
        {
            await db.SaveChangesAsync(token);
        }
        catch (DbUpdateException ex) when (PersistenceExceptionHandler.IsUniqueViolation(ex.InnerException))
        {
            db.ChangeTracker.Clear();
            await UpdateAsync(db, key, value, expiresAt, absolute, sliding, token);
        }
    }

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.DistributedCacheEntries.Where(e => e.Key == key).ExecuteDeleteAsync(token);
    }

    /// <summary>Deletes the entries past their expiry; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = clock.GetUtcNow();
        return await db.DistributedCacheEntries.Where(e => e.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    // The synchronous half of the interface, for callers that have no choice; nothing in this code base calls it.
    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    private static Task<int> UpdateAsync(
        TContext db, string key, byte[] value, DateTimeOffset expiresAt, DateTimeOffset? absolute, TimeSpan? sliding, CancellationToken token) =>
        db.DistributedCacheEntries.Where(e => e.Key == key).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.Value, value)
            .SetProperty(e => e.ExpiresAt, expiresAt)
            .SetProperty(e => e.AbsoluteExpiration, absolute)
            .SetProperty(e => e.SlidingExpiration, sliding), token);

    /// <summary>
    /// The least a read must move an entry's expiry on before it is written: a tenth of the window, at most a minute.
    /// An entry read steadily may so expire up to that much before a strict sliding window would end it.
    /// </summary>
    private static TimeSpan SlideGranularity(TimeSpan window) => window / 10 < TimeSpan.FromMinutes(1) ? window / 10 : TimeSpan.FromMinutes(1);

    private static async Task SlideAsync(
        TContext db, string key, DateTimeOffset expiresAt, DateTimeOffset? absolute, TimeSpan? sliding, DateTimeOffset now, CancellationToken token)
    {
        if (sliding is not { } window)
        {
            return;
        }

        var slid = ExpiryAfter(now, window, absolute);
        var gain = slid - expiresAt;
        // Reaching the absolute expiry is written whatever it gains: nothing can move the entry on after that.
        if (gain <= TimeSpan.Zero || (gain < SlideGranularity(window) && slid != absolute))
        {
            return;
        }

        // Only the expiry that was read: a Set by another instance since then keeps its own.
        await db.DistributedCacheEntries.Where(e => e.Key == key && e.ExpiresAt == expiresAt)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.ExpiresAt, slid), token);
    }

    private static DateTimeOffset? AbsoluteExpiration(DistributedCacheEntryOptions entryOptions, DateTimeOffset now)
    {
        var absolute = entryOptions.AbsoluteExpirationRelativeToNow is { } relative
            ? now + relative
            : entryOptions.AbsoluteExpiration?.ToUniversalTime();
        return absolute <= now
            ? throw new ArgumentOutOfRangeException(nameof(entryOptions), absolute, "The absolute expiration value must be in the future.")
            : absolute;
    }

    private static DateTimeOffset ExpiryAfter(DateTimeOffset now, TimeSpan? sliding, DateTimeOffset? absolute)
    {
        var end = absolute ?? DateTimeOffset.MaxValue;
        return sliding is { } window && window < end - now ? now + window : end;
    }
}

/// <summary>Deletes expired cache entries every <see cref="DatabaseDistributedCacheOptions.SweepInterval"/>, in one replica at a time.</summary>
public sealed class DatabaseDistributedCacheSweep<TContext>(
    DatabaseDistributedCache<TContext> cache, SingleRunner runner, TimeProvider clock,
    IOptions<DatabaseDistributedCacheOptions> options, ILogger<DatabaseDistributedCacheSweep<TContext>> logger) : BackgroundService
    where TContext : DbContext, IDistributedCacheContext
{
    private readonly string job = $"distributed-cache-sweep:{typeof(TContext).Name}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                await runner.TryRunAsync<TContext>(job, async ct =>
                {
                    var deleted = await cache.SweepAsync(ct);
                    logger.LogDebug("Deleted {Count} expired cache entries", deleted);
                }, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Distributed cache sweep failed; retrying on the next run");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class DatabaseDistributedCacheExtensions
{
    /// <summary>
    /// Registers <see cref="DatabaseDistributedCache{TContext}"/> as the <see cref="IDistributedCache"/>, with its sweep.
    /// <typeparamref name="TContext"/> must be registered (AddProviderDbContext) and its migrations must create the table.
    /// </summary>
    public static IServiceCollection AddDatabaseDistributedCache<TContext>(this IServiceCollection services, Action<DatabaseDistributedCacheOptions>? configure = null)
        where TContext : DbContext, IDistributedCacheContext
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SingleRunner>();
        var cacheOptions = services.AddOptions<DatabaseDistributedCacheOptions>();
        if (configure is not null)
        {
            cacheOptions.Configure(configure);
        }

        services.AddSingleton<DatabaseDistributedCache<TContext>>();
        services.AddSingleton<IDistributedCache>(sp => sp.GetRequiredService<DatabaseDistributedCache<TContext>>());
        services.AddHostedService<DatabaseDistributedCacheSweep<TContext>>();
        return services;
    }
}
