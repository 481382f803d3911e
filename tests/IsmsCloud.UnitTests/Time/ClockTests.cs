using IsmsCloud.BuildingBlocks.Time;
using Microsoft.Extensions.Time.Testing;

namespace IsmsCloud.UnitTests.Time;

public sealed class ClockTests
{
    [Fact]
    public void Today_is_the_utc_date_whatever_the_clocks_offset()
    {
        // 23:30 at UTC-2 is already the next day in UTC.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 31, 23, 30, 0, TimeSpan.FromHours(-2)));

        Assert.Equal(new DateOnly(2026, 6, 1), clock.Today());
    }
}
