using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.Signals;

namespace IsmsCloud.Reporting.ManagementReviews;

// The inputs of clause 9.3.2 a–g as of a review's date: what the review page shows, the pack prints and the sign-off
// freezes. Every list is in a fixed order, so equal facts give equal JSON and so an equal hash.

public sealed record ReviewRef(Guid Id, string Title, DateOnly ReviewDate);

/// <summary>a) An action a signed earlier review requested, with its status in risk-api as of the date.</summary>
public sealed record PreviousAction(
    Guid RequestId, ReviewRef Review, Guid RiskId, string RiskTitle, string Title, string Owner, DateOnly DueOn,
    string Status, bool Open, bool CarriedForward, int? OverdueDays);

public sealed record FigureChange(string Name, double? Value, double? Previous, double? Change);

public sealed record TrendPoint(DateOnly Day, double? Value);

/// <summary>b) One signal: its figures with their change since the previous review, and the trend of its headline figure.</summary>
public sealed record SignalInput(string Signal, string Headline, IReadOnlyList<FigureChange> Figures, IReadOnlyList<TrendPoint> Trend);

public sealed record AuditInput(Guid Id, string Title, string Kind, DateOnly? StartedOn);

public sealed record FindingInput(Guid Id, Guid AuditId, string Kind, string Reference, string Status, DateOnly RaisedOn);

/// <summary>d) Audits started and findings raised in the period, and the nonconformities still open.</summary>
public sealed record AuditResultsInput(
    IReadOnlyList<AuditInput> Audits, IReadOnlyList<FindingInput> Findings, int OpenNonconformities, CorrectiveActionsSignal CorrectiveActions);

/// <summary>e) The suppliers with an assurance gap, with the reasons.</summary>
public sealed record SupplierGapsInput(SupplierGapsSignal Figures, IReadOnlyList<SignalRecord> Records);

public sealed record IncidentInput(Guid Id, string Title, DateTimeOffset OccurredAt, DateTimeOffset ClosedAt, int FailedControls, int HelpedControls);

/// <summary>f) Incidents closed in the period, and the traceability figure.</summary>
public sealed record IncidentsInput(IReadOnlyList<IncidentInput> Closed, IncidentTraceabilitySignal Traceability);

/// <summary>g) The risk treatment status.</summary>
public sealed record RiskTreatmentInput(
    int Risks, IReadOnlyDictionary<string, int> ByBand, IReadOnlyDictionary<string, int> ByDecision, int OpenActions, int OverdueActions,
    int ActionsDoneInPeriod, TreatmentOverdueSignal Overdue);

/// <summary>What a system cannot know, as written on the review.</summary>
public sealed record FreeTextInputs(string? IssueChanges, string? InterestedPartiesFeedback, string? ImprovementOpportunities);

public sealed record ReviewInputs(
    DateOnly AsOf,
    string Source,
    ReviewRef? PreviousReview,
    DateOnly PeriodFrom,
    IReadOnlyList<PreviousAction> PreviousActions,
    IReadOnlyList<SignalInput> Signals,
    int? DaysSinceManagementReview,
    IReadOnlyList<PatternDto> Patterns,
    AuditResultsInput AuditResults,
    SupplierGapsInput SupplierGaps,
    IncidentsInput Incidents,
    RiskTreatmentInput RiskTreatment,
    FreeTextInputs FreeText);

/// <summary>An earlier signed review and what its decisions requested.</summary>
public sealed record PriorReview(ReviewRef Review, IReadOnlyList<ActionRequest> Requests);

/// <summary>
/// Assembles the inputs (pure: the same facts, figures and earlier reviews give the same inputs). The period is
/// (previous signed review's date, D], or the 365 days before D when there is none.
/// </summary>
public static class ReviewInputsBuilder
{
    public const int TrendDays = 90;
    public const int PeriodWithoutPrevious = 365;

    private static readonly string[] OpenStatuses = ["Planned", "InProgress"];
    private static readonly string[] Bands = ["Low", "Medium", "High", "Critical"];
    private static readonly string[] Nonconformities = ["MajorNonconformity", "MinorNonconformity"];

    /// <summary>The figures of each signal in the order they are shown; the first is the headline, trended.</summary>
    public static readonly IReadOnlyList<(string Signal, IReadOnlyList<(string Name, Func<SignalsDto, double?> Value)> Figures)> Figures =
    [
        (SignalNames.Exceptions, [("open", s => s.Exceptions.Open), ("expiredNotClosed", s => s.Exceptions.ExpiredNotClosed), ("permanent", s => s.Exceptions.Permanent)]),
        (SignalNames.TreatmentOverdue, [("overdueActions", s => s.TreatmentOverdue.OverdueActions), ("overdueRisks", s => s.TreatmentOverdue.OverdueRisks),
            ("medianDays", s => s.TreatmentOverdue.MedianDays), ("maxDays", s => s.TreatmentOverdue.MaxDays)]),
        (SignalNames.FindingRecurrence, [("rate", s => s.FindingRecurrence.Rate), ("findings", s => s.FindingRecurrence.Findings), ("recurring", s => s.FindingRecurrence.Recurring)]),
        (SignalNames.AccessReviews, [("completion", s => s.AccessReviews.Completion), ("overdueCampaigns", s => s.AccessReviews.OverdueCampaigns),
            ("unverifiedRevocations", s => s.AccessReviews.UnverifiedRevocations)]),
        (SignalNames.SupplierGaps, [("suppliers", s => s.SupplierGaps.Suppliers)]),
        (SignalNames.IncidentTraceability, [("rate", s => s.IncidentTraceability.Rate), ("closed", s => s.IncidentTraceability.Closed), ("traced", s => s.IncidentTraceability.Traced)]),
        (SignalNames.EvidenceFreshness, [("stale", s => s.EvidenceFreshness.Stale), ("missing", s => s.EvidenceFreshness.Missing), ("fresh", s => s.EvidenceFreshness.Fresh),
            ("undecided", s => s.EvidenceFreshness.Undecided)]),
        ("daysSinceManagementReview", [("days", s => s.DaysSinceManagementReview)]),
        (SignalNames.CorrectiveActions, [("overdue", s => s.CorrectiveActions.Overdue), ("open", s => s.CorrectiveActions.Open), ("maxOverdueDays", s => s.CorrectiveActions.MaxOverdueDays)]),
    ];

    /// <param name="facts">Every fact of the tenant (the assembler reads the ones in effect at the end of the day).</param>
    /// <param name="figures">The figures as of the review's date (with the patterns' records).</param>
    /// <param name="previousFigures">The figures as of the previous signed review's date, if there is one.</param>
    /// <param name="trend">The figures of each day of the trend window, oldest first.</param>
    /// <param name="earlier">The signed reviews dated before this one, any order.</param>
    /// <param name="supplierGapRecords">Signal 5's records as of the day when the caller has them (today's are kept with the
    /// live figures); computed from the facts otherwise.</param>
    public static ReviewInputs Build(
        IReadOnlyList<ParsedFact> facts, DateOnly day, DateOnly today, SignalsDto figures, SignalsDto? previousFigures, IReadOnlyList<SignalsDto> trend,
        IReadOnlyList<PriorReview> earlier, FreeTextInputs freeText, IReadOnlyList<SignalRecord>? supplierGapRecords = null)
    {
        var asOf = FactsAsOf.From(facts, day, today);
        var ordered = earlier.OrderBy(r => r.Review.ReviewDate).ThenBy(r => r.Review.Id).ToList();
        var previous = ordered.LastOrDefault();
        var periodFrom = previous?.Review.ReviewDate ?? day.AddDays(-PeriodWithoutPrevious);
        var ever = facts.Where(f => f.Kind == FactKind.TreatmentAction).Select(f => f.RecordId).ToHashSet();
        var supplierRecords = supplierGapRecords ?? SignalCalculator.Compute(asOf, day, day >= today ? SignalSources.Live : SignalSources.Recomputed).Records[SignalNames.SupplierGaps];

        return new ReviewInputs(
            day, figures.Source, previous?.Review, periodFrom,
            PreviousActions(asOf, ever, ordered, previous, day),
            Signals(figures, previousFigures, trend),
            figures.DaysSinceManagementReview,
            figures.Patterns.OrderBy(p => p.Kind, StringComparer.Ordinal).ToList(),
            AuditResults(asOf, figures, periodFrom, day),
            new SupplierGapsInput(figures.SupplierGaps, supplierRecords),
            Incidents(asOf, figures, periodFrom, day),
            RiskTreatment(asOf, figures, periodFrom, day),
            freeText);
    }

    /// <summary>
    /// a) Every action requested by the previous review, whatever its status, and every still-open action of the
    /// reviews before it: open ones are carried forward from review to review until risk-api says done or cancelled.
    /// </summary>
    public static IReadOnlyList<PreviousAction> PreviousActions(
        FactsAsOf asOf, IReadOnlySet<Guid> everRecorded, IReadOnlyList<PriorReview> earlier, PriorReview? previous, DateOnly day)
    {
        var actions = asOf.Actions.ToDictionary(a => a.Id);
        var risks = asOf.Risks.ToDictionary(r => r.Id);
        var result = new List<PreviousAction>();
        foreach (var review in earlier)
        {
            foreach (var request in review.Requests.OrderBy(r => r.DueOn).ThenBy(r => r.RequestId))
            {
                var held = actions.GetValueOrDefault(request.RequestId);
                var status = held?.State.Status ?? (everRecorded.Contains(request.RequestId) ? "Deleted" : "NotCreated");
                // An action on a deleted risk is no longer work to do.
                var open = held is not null && OpenStatuses.Contains(status) && risks.ContainsKey(held.State.RiskId);
                if (!open && review != previous)
                {
                    continue;
                }

                var dueOn = held?.State.DueOn ?? request.DueOn;
                result.Add(new PreviousAction(
                    request.RequestId, review.Review, request.RiskId, risks.GetValueOrDefault(request.RiskId)?.State.Title ?? request.RiskTitle,
                    held?.State.Title ?? request.Title, held?.State.Owner ?? request.Owner, dueOn, status, open, open,
                    open && dueOn < day ? day.DayNumber - dueOn.DayNumber : null));
            }
        }

        return result;
    }

    private static IReadOnlyList<SignalInput> Signals(SignalsDto figures, SignalsDto? previous, IReadOnlyList<SignalsDto> trend) =>
        Figures.Select(s => new SignalInput(s.Signal, s.Figures[0].Name,
            s.Figures.Select(f =>
            {
                var value = f.Value(figures);
                var before = previous is null ? null : f.Value(previous);
                return new FigureChange(f.Name, value, before, value is { } v && before is { } b ? Math.Round(v - b, 6) : null);
            }).ToList(),
            trend.OrderBy(t => t.AsOf).Select(t => new TrendPoint(t.AsOf, s.Figures[0].Value(t))).ToList())).ToList();

    private static bool InPeriod(DateOnly date, DateOnly from, DateOnly day) => date > from && date <= day;

    private static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    private static AuditResultsInput AuditResults(FactsAsOf asOf, SignalsDto figures, DateOnly from, DateOnly day)
    {
        var audits = asOf.Audits.Where(a => a.State.StartedOn is { } s && InPeriod(s, from, day))
            .OrderBy(a => a.State.StartedOn).ThenBy(a => a.Id)
            .Select(a => new AuditInput(a.Id, a.State.Title, a.State.Kind, a.State.StartedOn)).ToList();
        var findings = asOf.Findings.Where(f => InPeriod(f.State.RaisedOn, from, day) && f.State.Status != "Withdrawn")
            .OrderBy(f => f.State.RaisedOn).ThenBy(f => f.Id)
            .Select(f => new FindingInput(f.Id, f.State.AuditId, f.State.Kind, f.State.Reference, f.State.Status, f.State.RaisedOn)).ToList();
        var open = asOf.Findings.Count(f => f.State.Status == "Open" && Nonconformities.Contains(f.State.Kind) && f.State.RaisedOn <= day);
        return new AuditResultsInput(audits, findings, open, figures.CorrectiveActions);
    }

    private static IncidentsInput Incidents(FactsAsOf asOf, SignalsDto figures, DateOnly from, DateOnly day) =>
        new(asOf.Incidents.Where(i => InPeriod(DateOf(i.State.ClosedAt), from, day)).OrderBy(i => i.State.ClosedAt).ThenBy(i => i.Id)
            .Select(i => new IncidentInput(i.Id, i.State.Title, i.State.OccurredAt, i.State.ClosedAt, i.State.FailedControlIds.Count, i.State.HelpedControlIds.Count)).ToList(),
            figures.IncidentTraceability);

    private static RiskTreatmentInput RiskTreatment(FactsAsOf asOf, SignalsDto figures, DateOnly from, DateOnly day)
    {
        var risks = asOf.Risks.Select(r => r.Id).ToHashSet();
        var byBand = Bands.ToDictionary(b => b, b => asOf.Risks.Count(r => r.State.Band == b));
        var byDecision = asOf.Risks.GroupBy(r => r.State.Decision ?? "Undecided").OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
        var live = asOf.Actions.Where(a => risks.Contains(a.State.RiskId)).ToList();
        var open = live.Where(a => OpenStatuses.Contains(a.State.Status)).ToList();
        var done = live.Count(a => a.State.Status == "Done" && InPeriod(DateOf(a.EffectiveAt), from, day));
        return new RiskTreatmentInput(asOf.Risks.Count, byBand, byDecision, open.Count, open.Count(a => a.State.DueOn < day), done, figures.TreatmentOverdue);
    }
}
