namespace IsmsCloud.Testing;

/// <summary>Polls until a condition holds: events cross a real broker, so effects arrive a moment later.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        T last;
        while (true)
        {
            last = await probe();
            if (condition(last) || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(100);
        }

        if (!condition(last))
        {
            throw new TimeoutException($"Timed out waiting: {because ?? "condition"}; last value: {last}");
        }

        return last;
    }
}
