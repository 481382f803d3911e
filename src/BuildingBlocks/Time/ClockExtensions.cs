namespace IsmsCloud.BuildingBlocks.Time;

public static class ClockExtensions
{
    /// <summary>
    /// The date that due dates, expiries and certificate validity are judged against. Tenants have no time zone yet, so
    /// it is the UTC date: every reader and every service sees the same day. Tests move it by replacing the TimeProvider.
    /// </summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The first instant of <paramref name="day"/> in UTC: where a stored time falls on the <see cref="Today"/> scale.</summary>
    public static DateTimeOffset StartOfUtcDay(this DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
