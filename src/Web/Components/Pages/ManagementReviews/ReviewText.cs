using System.Globalization;
using IsmsCloud.Web.Api;
using IsmsCloud.Web.Api.ManagementReviews;
using IsmsCloud.Web.Components.Pages.Home;

namespace IsmsCloud.Web.Components.Pages.ManagementReviews;

/// <summary>How a review's codes and figures read for people; the words come from the dashboard's helpers where it has them.</summary>
public static class ReviewText
{
    /// <summary>"InProgress" → "In progress": a code name as a short sentence.</summary>
    public static string Sentence(string code) => Words.Of(code);

    public static string Status(ManagementReviewStatus status) => Sentence(status.ToString());

    public static string Kind(DecisionKind kind) => Sentence(kind.ToString());

    /// <summary>The dashboard's title for a signal, so the review and the home page name it alike.</summary>
    public static string Signal(string signal) =>
        SignalCard.All.FirstOrDefault(c => c.Signal == signal)?.Title
        ?? (signal == "daysSinceManagementReview" ? "Days since the last signed management review" : Sentence(signal));

    private static bool IsRate(string figure) => figure is "rate" or "completion";

    public static string Figure(string figure, double? value) =>
        value is not { } v ? "–"
        : IsRate(figure) ? v.ToString("P0", CultureInfo.InvariantCulture)
        : v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The change since the previous review in the figure's unit; a rate's in percentage points.</summary>
    public static string Change(string figure, double? change)
    {
        if (change is not { } c)
        {
            return "–";
        }

        var shown = IsRate(figure) ? Math.Round(c * 100) : c;
        return shown == 0 ? "no change"
            : $"{(shown > 0 ? "+" : "−")}{Math.Abs(shown).ToString("0.#", CultureInfo.InvariantCulture)}{(IsRate(figure) ? " points" : "")}";
    }

    /// <summary>Which way the headline figure went over the trend window, first known day to last.</summary>
    public static string Trend(IReadOnlyList<TrendPoint> trend)
    {
        var known = trend.Where(p => p.Value is not null).ToList();
        if (known.Count < 2)
        {
            return "no trend yet";
        }

        var delta = known[^1].Value!.Value - known[0].Value!.Value;
        var since = known[0].Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return delta == 0 ? $"steady since {since}" : $"{(delta > 0 ? "rising" : "falling")} since {since}";
    }

    public static string Source(string source) => source switch
    {
        "live" => "live: from what is recorded now",
        "snapshot" => "from the snapshot taken that day",
        _ => "recomputed from what was recorded then",
    };

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The API's refusals on a review, phrased for the page.</summary>
public static class ReviewProblems
{
    /// <summary>
    /// A 409 says why in its detail — the review was signed meanwhile (the lock), or changed by someone else (a stale
    /// version) — under a bare "Conflict" title; the page says plainly that nothing was saved, and why.
    /// </summary>
    public static ApiProblem Explained(ApiProblem problem) =>
        problem.Status == 409 ? problem with { Title = "Not saved." } : problem;
}
