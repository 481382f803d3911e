namespace IsmsCloud.IntegrationTests;

/// <summary>The real clock plus an offset a test can set: lets a test look at the service from two hours later.</summary>
public sealed class ShiftableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
