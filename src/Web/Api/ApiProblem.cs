namespace IsmsCloud.Web.Api;

/// <summary>
/// What went wrong with an API call, already phrased for the person at the screen: field errors from an RFC 9457
/// validation problem go next to their fields, everything else into an alert or a snackbar.
/// </summary>
public sealed record ApiProblem(int? Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public static ApiProblem Unreachable { get; } =
        new(null, "The service cannot be reached right now. Try again in a moment.", null, NoErrors);

    public static ApiProblem Unexpected { get; } =
        new(null, "Something went wrong. Try again, and tell your administrator if it keeps happening.", null, NoErrors);

    public static ApiProblem Cancelled { get; } = new(null, "The request was cancelled.", null, NoErrors);

    public bool IsSessionExpired => Status == 401;

    public bool IsCancelled => ReferenceEquals(this, Cancelled);

    public string Message => string.IsNullOrWhiteSpace(Detail) ? Title : $"{Title} {Detail}";

    public static ApiProblem FromStatus(int status, string? title, string? detail, IReadOnlyDictionary<string, string[]>? errors) =>
        new(status, FriendlyTitle(status, title), detail, errors ?? NoErrors);

    /// <summary>
    /// The messages for one field. Keys are matched ignoring case and any prefix ("request.Title"), because the
    /// APIs' validation may name a field in the JSON casing or after the parameter that holds it.
    /// </summary>
    public string? ErrorFor(string field)
    {
        var messages = Errors.Where(e => FieldName(e.Key).Equals(field, StringComparison.OrdinalIgnoreCase)).SelectMany(e => e.Value).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    /// <summary>Field errors no input on the form shows, so they are not silently lost.</summary>
    public IEnumerable<string> ErrorsNotShownBy(params string[] fields) =>
        Errors.Where(e => !fields.Contains(FieldName(e.Key), StringComparer.OrdinalIgnoreCase)).SelectMany(e => e.Value);

    private static string FieldName(string key) => key[(key.LastIndexOf('.') + 1)..];

    private static string FriendlyTitle(int status, string? title) => status switch
    {
        400 => title ?? "Some values need correcting.",
        401 => "Your session has expired. Sign in again to continue.",
        403 => "You are not allowed to do this.",
        404 => "It was not found; it may have been removed.",
        409 => title ?? "Someone else changed this in the meantime. Reload and try again.",
        429 => "Too many requests. Wait a moment and try again.",
        >= 500 => "The service had a problem. Try again in a moment.",
        _ => title ?? $"The request failed ({status}).",
    };
}
