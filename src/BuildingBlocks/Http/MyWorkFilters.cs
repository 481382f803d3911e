namespace IsmsCloud.BuildingBlocks.Http;

/// <summary>
/// The "what is mine, and when is it due" filters the lists share (the workspace's My work page reads them). A person
/// filter given as <c>me</c> is the caller, resolved from their token on the server, so a client never sends whose
/// work it is; the due window is counted from the service's own clock.
/// </summary>
public static class MyWorkFilters
{
    public const string Me = "me";
    public const int MaxDueWithinDays = 366;

    /// <summary>The person key to compare records with: the caller for <c>me</c>, otherwise the e-mail given (lower-cased); null when none.</summary>
    public static string? PersonKey(string? person, string actorKey)
    {
        if (string.IsNullOrWhiteSpace(person))
        {
            return null;
        }

        var trimmed = person.Trim();
        return string.Equals(trimmed, Me, StringComparison.OrdinalIgnoreCase) ? actorKey.Trim().ToLowerInvariant() : trimmed.ToLowerInvariant();
    }

    /// <summary>Adds the field errors of a person filter and a due window (0 to <see cref="MaxDueWithinDays"/> days).</summary>
    public static Dictionary<string, string[]> Check(this Dictionary<string, string[]> errors, string field, string? person, int? dueWithinDays = null)
    {
        if (person is { Length: > 200 })
        {
            errors[field] = [$"The {field} has at most 200 characters: an e-mail, or \"me\"."];
        }

        if (dueWithinDays is < 0 or > MaxDueWithinDays)
        {
            errors["dueWithinDays"] = [$"The due window must be between 0 and {MaxDueWithinDays} days."];
        }

        return errors;
    }

    /// <summary>The last day inside the window: today plus the days (overdue items are inside every window).</summary>
    public static DateOnly? DueBy(int? dueWithinDays, DateOnly today) => dueWithinDays is { } days ? today.AddDays(days) : null;
}
