namespace IsmsCloud.Risk;

internal static class ClockExtensions
{
    /// <summary>
    /// The date that due dates and expiries are judged against. Tenants have no time zone yet, so it is the UTC date;
    /// tests move it by replacing the TimeProvider.
    /// </summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
