using System.Globalization;
using IsmsCloud.Web.Api;

namespace IsmsCloud.Web.Components.Pages.Home;

/// <summary>
/// How the dashboard shows each signal: its title, the one figure that says most (also the trend line's value), and a
/// line of context. The figures themselves come from reporting-api (one definition, there); this only picks and words.
/// </summary>
public sealed record SignalCard(string Signal, string Title, Func<SignalsDto, double?> Value, Func<SignalsDto, string> Figure, Func<SignalsDto, string> Context, bool HigherIsWorse = true)
{
    private static string Percent(double? rate) => rate is { } r ? r.ToString("P0", CultureInfo.InvariantCulture) : "–";

    private static string Days(int? days) => days is { } d ? $"{d} days" : "–";

    public static readonly IReadOnlyList<SignalCard> All =
    [
        new("exceptions", "Control exceptions", s => s.Exceptions.Open + s.Exceptions.ExpiredNotClosed,
            s => (s.Exceptions.Open + s.Exceptions.ExpiredNotClosed).ToString(CultureInfo.InvariantCulture),
            s => $"{s.Exceptions.Open} open, {s.Exceptions.ExpiredNotClosed} expired and not closed, {s.Exceptions.Permanent} permanent; older than 90 days: {s.Exceptions.ByAge["91-180"] + s.Exceptions.ByAge[">180"]}"),
        new("treatmentOverdue", "Overdue treatment", s => s.TreatmentOverdue.OverdueActions,
            s => s.TreatmentOverdue.OverdueActions.ToString(CultureInfo.InvariantCulture),
            s => $"actions on {s.TreatmentOverdue.OverdueRisks} risks; median {(s.TreatmentOverdue.MedianDays is { } m ? m.ToString("0.#", CultureInfo.InvariantCulture) + " days" : "–")}, longest {Days(s.TreatmentOverdue.MaxDays)}"),
        new("evidenceFreshness", "Stale or missing evidence", s => s.EvidenceFreshness.Stale + s.EvidenceFreshness.Missing,
            s => (s.EvidenceFreshness.Stale + s.EvidenceFreshness.Missing).ToString(CultureInfo.InvariantCulture),
            s => $"of {s.EvidenceFreshness.Controls} controls with a cadence ({s.EvidenceFreshness.Fresh} fresh); {s.EvidenceFreshness.Undecided} controls undecided"),
        new("incidentTraceability", "Incidents traced to controls", s => s.IncidentTraceability.Rate,
            s => Percent(s.IncidentTraceability.Rate),
            s => $"{s.IncidentTraceability.Traced} of {s.IncidentTraceability.Closed} closed in the last year", HigherIsWorse: false),
        new("findingRecurrence", "Recurring audit findings", s => s.FindingRecurrence.Rate,
            s => Percent(s.FindingRecurrence.Rate),
            s => $"{s.FindingRecurrence.Recurring} of {s.FindingRecurrence.Findings} findings in the last year"),
        new("accessReviews", "Access review completion", s => s.AccessReviews.Completion,
            s => Percent(s.AccessReviews.Completion),
            s => $"{s.AccessReviews.Decided} of {s.AccessReviews.Items} items; {s.AccessReviews.OverdueCampaigns} campaigns overdue, {s.AccessReviews.UnverifiedRevocations} revocations unverified", HigherIsWorse: false),
        new("supplierGaps", "Supplier assurance gaps", s => s.SupplierGaps.Suppliers,
            s => s.SupplierGaps.Suppliers.ToString(CultureInfo.InvariantCulture),
            s => string.Join(", ", s.SupplierGaps.ByReason.Select(r => $"{r.Value} {Words(r.Key)}"))),
        new("correctiveActions", "Overdue corrective actions", s => s.CorrectiveActions.Overdue,
            s => s.CorrectiveActions.Overdue.ToString(CultureInfo.InvariantCulture),
            s => $"of {s.CorrectiveActions.Open} open; longest {Days(s.CorrectiveActions.MaxOverdueDays)}"),
    ];

    /// <summary>"NoValidAssessment" → "no valid assessment": enum-like names as words.</summary>
    public static string Words(string name) => IsmsCloud.Web.Words.Lower(name);

    /// <summary>The change since the first day of the trend, in the figure's own unit ("+2", "−5 %").</summary>
    public string Change(IReadOnlyList<SignalsDto> trend)
    {
        if (trend.Count < 2 || Value(trend[0]) is not { } then || Value(trend[^1]) is not { } now)
        {
            return "";
        }

        var isRate = Signal is "incidentTraceability" or "findingRecurrence" or "accessReviews";
        var delta = isRate ? Math.Round((now - then) * 100) : now - then;
        return delta == 0 ? "no change in 30 days" : $"{(delta > 0 ? "+" : "−")}{Math.Abs(delta).ToString("0.#", CultureInfo.InvariantCulture)}{(isRate ? " points" : "")} in 30 days";
    }
}

/// <summary>How the patterns read, and where each kind of record is looked after: the dashboard's and the review's words.</summary>
public static class SignalText
{
    public static string Pattern(string kind) => kind switch
    {
        "PaperControls" => "Paper controls: implemented on paper, not in operation",
        "AuditCentricGovernance" => "Audit-centric governance: evidence gathered just before audits",
        "DetachedRiskRegister" => "Detached risk register: risks nobody looks after",
        "PermanentExceptions" => "Permanent exceptions",
        _ => SignalCard.Words(kind),
    };

    // Where each kind of record is looked after in the workspace: its own page where there is one, else its list.
    public static string LinkTo(SignalRecord record) => record.Type switch
    {
        "Risk" => $"risks/{record.Id}",
        "Control" => $"soa/controls/{record.Id}",
        "ControlException" => "exceptions",
        "Incident" => $"incidents/{record.Id}",
        "TreatmentAction" => "risks?overdue=true",
        "Audit" => $"audits/{record.Id}",
        "Finding" => $"findings/{record.Id}",
        "CorrectiveAction" => "corrective-actions",
        "AccessReview" => $"access-reviews/{record.Id}",
        "AccessReviewItem" => "access-reviews",
        "Supplier" => $"suppliers/{record.Id}",
        _ => "",
    };
}
