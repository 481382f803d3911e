using IsmsCloud.BuildingBlocks.Sessions;
using IsmsCloud.Testing;
using IsmsCloud.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IsmsCloud.IntegrationTests.Web;

/// <summary>
/// The web's distributed cache on the test PostgreSQL, with the clock moved by the test: absolute and sliding expiry,
/// Refresh, Remove, overwriting, and the sweep that deletes what has expired.
/// </summary>
public sealed class DatabaseDistributedCacheTests : IAsyncLifetime
{
    private const string Database = "isms_it_web_cache";

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private WebInstance web = null!;

    private IDistributedCache Cache => web.Services.GetRequiredService<IDistributedCache>();

    public async Task InitializeAsync()
    {
        await TestServers.DropDatabasesAsync(Database);
        web = await WebInstance.StartAsync(Database, clock);
    }

    public async Task DisposeAsync()
    {
        await web.DisposeAsync();
        await TestServers.DropDatabasesAsync(Database);
    }

    [Fact]
    public async Task The_web_uses_the_database_cache()
    {
        Assert.IsType<DatabaseDistributedCache<WebDbContext>>(Cache);
        Assert.Null(await Cache.GetAsync("never-set"));
    }

    [Fact]
    public async Task An_entry_is_served_until_its_absolute_expiry_and_not_after()
    {
        await Cache.SetAsync("absolute", [1], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10) });

        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal([1], await Cache.GetAsync("absolute"));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await Cache.GetAsync("absolute"));
    }

    [Fact]
    public async Task A_read_moves_a_sliding_expiry_on_and_an_unread_entry_expires()
    {
        await Cache.SetAsync("sliding", [2], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });

        clock.Advance(TimeSpan.FromMinutes(8));
        Assert.Equal([2], await Cache.GetAsync("sliding"));
        clock.Advance(TimeSpan.FromMinutes(8));
        Assert.Equal([2], await Cache.GetAsync("sliding"));
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Null(await Cache.GetAsync("sliding"));
    }

    private async Task<DateTimeOffset> StoredExpiryAsync(string key)
    {
        await using var scope = web.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WebDbContext>().DistributedCacheEntries.Where(e => e.Key == key)
            .Select(e => e.ExpiresAt).SingleAsync();
    }

    [Fact]
    public async Task Reads_close_together_do_not_rewrite_the_expiry_and_one_a_minute_later_does()
    {
        await Cache.SetAsync("steady", [3], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(20) });
        var set = await StoredExpiryAsync("steady");

        // Read every 10 s, as the web reads its token entry on every request: no write until the move gains a minute.
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            Assert.Equal([3], await Cache.GetAsync("steady"));
        }

        Assert.Equal(set, await StoredExpiryAsync("steady"));
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal([3], await Cache.GetAsync("steady"));
        var expected = clock.GetUtcNow().AddMinutes(20); // PostgreSQL keeps microseconds
        Assert.InRange(await StoredExpiryAsync("steady"), expected.AddMilliseconds(-1), expected.AddMilliseconds(1));
    }

    [Fact]
    public async Task A_sliding_expiry_never_goes_past_the_absolute_one()
    {
        await Cache.SetAsync("both", [3], new DistributedCacheEntryOptions
        {
            SlidingExpiration = TimeSpan.FromMinutes(10),
            AbsoluteExpiration = clock.GetUtcNow().AddMinutes(15),
        });

        clock.Advance(TimeSpan.FromMinutes(8));
        Assert.Equal([3], await Cache.GetAsync("both"));
        clock.Advance(TimeSpan.FromMinutes(8));
        Assert.Null(await Cache.GetAsync("both"));
    }

    [Fact]
    public async Task Refresh_moves_a_sliding_expiry_on_without_reading()
    {
        await Cache.SetAsync("refreshed", [4], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });

        clock.Advance(TimeSpan.FromMinutes(8));
        await Cache.RefreshAsync("refreshed");
        clock.Advance(TimeSpan.FromMinutes(8));
        Assert.Equal([4], await Cache.GetAsync("refreshed"));
    }

    [Fact]
    public async Task An_entry_set_without_expiry_slides_by_the_default_window()
    {
        await Cache.SetAsync("default", [5], new DistributedCacheEntryOptions());

        clock.Advance(new DatabaseDistributedCacheOptions().DefaultSlidingExpiration - TimeSpan.FromMinutes(1));
        Assert.Equal([5], await Cache.GetAsync("default"));
        clock.Advance(new DatabaseDistributedCacheOptions().DefaultSlidingExpiration + TimeSpan.FromMinutes(1));
        Assert.Null(await Cache.GetAsync("default"));
    }

    [Fact]
    public async Task Set_replaces_the_value_and_its_expiry_and_Remove_deletes_it()
    {
        await Cache.SetAsync("replaced", [6], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });
        await Cache.SetAsync("replaced", [7], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10) });

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal([7], await Cache.GetAsync("replaced"));
        await Cache.RemoveAsync("replaced");
        Assert.Null(await Cache.GetAsync("replaced"));
        await Cache.RemoveAsync("replaced");
    }

    [Fact]
    public async Task Keys_differ_by_case()
    {
        await Cache.SetAsync("Case", [8], new DistributedCacheEntryOptions());
        await Cache.SetAsync("case", [9], new DistributedCacheEntryOptions());

        Assert.Equal([8], await Cache.GetAsync("Case"));
        Assert.Equal([9], await Cache.GetAsync("case"));
    }

    [Fact]
    public async Task An_absolute_expiry_in_the_past_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Cache.SetAsync("past", [1],
            new DistributedCacheEntryOptions { AbsoluteExpiration = clock.GetUtcNow().AddSeconds(-1) }));
    }

    [Fact]
    public async Task The_sweep_deletes_expired_entries_and_keeps_the_others()
    {
        await Cache.SetAsync("sweep-expired", [1], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });
        await Cache.SetAsync("sweep-live", [2], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1) });
        clock.Advance(TimeSpan.FromMinutes(2));

        await web.Services.GetRequiredService<DatabaseDistributedCache<WebDbContext>>().SweepAsync(CancellationToken.None);

        await using var scope = web.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<WebDbContext>().DistributedCacheEntries
            .Where(e => e.Key.StartsWith("sweep-")).Select(e => e.Key).ToListAsync();
        Assert.Equal(["sweep-live"], keys);
    }
}
