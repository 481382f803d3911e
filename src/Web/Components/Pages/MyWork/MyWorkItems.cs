using IsmsCloud.Web.Api;
using IsmsCloud.Web.Api.Suppliers;

namespace IsmsCloud.Web.Components.Pages.MyWork;

/// <summary>One thing on a member's My work page: what it is, where it lives, and when it is due (null: no date, only a decision to make).</summary>
public sealed record MyWorkItem(string Title, string Detail, string Href, DateOnly? DueOn)
{
    /// <summary>Days past the due date (0 when not overdue or undated).</summary>
    public int DaysOverdue(DateOnly today) => DueOn is { } due && due < today ? today.DayNumber - due.DayNumber : 0;

    /// <summary>When it is due, in words that do not rely on colour: "Overdue by 3 days", "Due today", "Due in 5 days".</summary>
    public string When(DateOnly today) => DueOn switch
    {
        null => "",
        { } due when due < today => $"Overdue by {Days(today.DayNumber - due.DayNumber)}",
        { } due when due == today => "Due today",
        { } due => $"Due in {Days(due.DayNumber - today.DayNumber)} ({due:yyyy-MM-dd})",
    };

    private static string Days(int n) => n == 1 ? "1 day" : $"{n} days";
}

/// <summary>A section of the page: its heading, the items (overdue first, most overdue on top, then soonest due) and how many there are in all.</summary>
public sealed record MyWorkSection(string Key, string Heading, string EmptyText, IReadOnlyList<MyWorkItem> Items, int TotalCount, ApiProblem? Problem)
{
    public int Overdue(DateOnly today) => Items.Count(i => i.DaysOverdue(today) > 0);

    public static MyWorkSection Of(string key, string heading, string emptyText, ApiResult<PagedResult<MyWorkItem>> result)
    {
        var items = result.Value?.Items ?? [];
        var ordered = items.OrderBy(i => i.DueOn ?? DateOnly.MaxValue).ThenBy(i => i.Title, StringComparer.CurrentCulture).ToList();
        return new MyWorkSection(key, heading, emptyText, ordered, result.Value?.TotalCount ?? 0, result.Problem);
    }
}

/// <summary>Each service's record as a My work row, linking to the page where the member acts on it.</summary>
public static class MyWorkRows
{
    /// <summary>Overdue items and those due within this many days are shown.</summary>
    public const int DueSoonDays = 14;

    public static MyWorkItem Of(TreatmentActionDto a) =>
        new(a.Title, $"Treatment action · {Words.Of(a.Status)}", $"risks/{a.RiskId}", a.DueOn);

    public static MyWorkItem Of(CorrectiveActionDto a) =>
        new(a.Title, $"Corrective action · {Words.Of(a.Status)}", $"findings/{a.FindingId}", a.DueOn);

    /// <summary>An exception is shown on its risk's page (there is no page of its own); it is due on its last valid day.</summary>
    public static MyWorkItem Of(ExceptionDto e) =>
        new($"{e.ControlReference} {e.ControlTitle}: {e.AffectedScope}", $"Exception · {Words.Of(e.Status)} · risk {e.RiskTitle}", $"risks/{e.RiskId}",
            e.ExpiresOn ?? e.RequestedExpiresOn);

    /// <summary>Evidence is due one cadence after the newest coverage ends (rule 5); with none recorded, it is due today.</summary>
    public static MyWorkItem Of(ControlDto c, DateOnly today) =>
        new($"{c.Reference} {c.Title}",
            c.NewestEvidenceCoversTo is { } newest
                ? $"Evidence every {c.EvidenceCadenceDays} days · newest covers to {newest:yyyy-MM-dd}"
                : $"Evidence every {c.EvidenceCadenceDays} days · none recorded yet",
            $"soa/controls/{c.Id}",
            c.NewestEvidenceCoversTo is { } covered && c.EvidenceCadenceDays is { } cadence ? covered.AddDays(cadence) : today);

    public static MyWorkItem Of(CampaignDto c)
    {
        var undecided = c.Items - c.Decided;
        var detail = $"Access review of {c.System} · {undecided} of {c.Items} accounts to decide";
        if (c.UnverifiedRevocations > 0)
        {
            detail += $" · {c.UnverifiedRevocations} revocations to verify";
        }

        return new MyWorkItem(c.Title, detail, $"access-reviews/{c.Id}", c.DueOn);
    }

    public static MyWorkItem Of(ReviewTaskDto r) =>
        new(r.Reason, $"{Words.Of(r.Subject)} review · opened {r.OpenedAt:yyyy-MM-dd}",
            r.Subject == ReviewSubject.Risk ? $"risks/{r.SubjectId}" : $"soa/controls/{r.SubjectId}", null);

    public static MyWorkItem Of(AssessmentSummaryDto a) =>
        new($"{a.SupplierName}: {a.Title}", $"Questionnaire answered{(a.SubmittedAt is { } at ? $" {at:yyyy-MM-dd}" : "")} · to review",
            $"suppliers/{a.SupplierId}", null);

    /// <summary>Maps a page of one service's records, keeping the problem when the call failed.</summary>
    public static ApiResult<PagedResult<MyWorkItem>> Map<T>(ApiResult<PagedResult<T>> result, Func<T, MyWorkItem> row) =>
        result.Succeeded
            ? new ApiResult<PagedResult<MyWorkItem>>(new PagedResult<MyWorkItem>(result.Value.Items.Select(row).ToList(), result.Value.Page,
                result.Value.PageSize, result.Value.TotalCount), null)
            : new ApiResult<PagedResult<MyWorkItem>>(null, result.Problem);
}
