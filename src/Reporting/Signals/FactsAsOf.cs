using System.Collections.Immutable;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Reporting.Facts;

namespace IsmsCloud.Reporting.Signals;

/// <summary>A record's state in one version, with the time it took effect.</summary>
public sealed record Dated<T>(Guid Id, T State, DateTimeOffset EffectiveAt);

/// <summary>
/// The records of one tenant as they stood at a moment: for each record the newest version that had taken effect by
/// then, deleted records left out (SIGNALS.md: they leave every figure from their deletion on). Controls keep their
/// earlier versions too, since incident traceability asks when a control changed.
/// </summary>
public sealed record FactsAsOf
{
    public IReadOnlyList<Dated<RiskFact>> Risks { get; init; } = [];
    public IReadOnlyList<Dated<TreatmentActionFact>> Actions { get; init; } = [];
    public IReadOnlyList<Dated<ControlFact>> Controls { get; init; } = [];
    public IReadOnlyList<Dated<EvidenceFact>> Evidence { get; init; } = [];
    public IReadOnlyList<Dated<ControlExceptionFact>> Exceptions { get; init; } = [];
    public IReadOnlyList<Dated<IncidentFact>> Incidents { get; init; } = [];
    public IReadOnlyList<Dated<CertificateFact>> Certificates { get; init; } = [];
    public IReadOnlyList<Dated<MemberFact>> Members { get; init; } = [];
    public IReadOnlyList<Dated<AuditFact>> Audits { get; init; } = [];
    public IReadOnlyList<Dated<FindingFact>> Findings { get; init; } = [];
    public IReadOnlyList<Dated<CorrectiveActionFact>> CorrectiveActions { get; init; } = [];
    public IReadOnlyList<Dated<AccessReviewFact>> AccessReviews { get; init; } = [];
    public IReadOnlyList<Dated<AccessReviewItemFact>> AccessReviewItems { get; init; } = [];
    public IReadOnlyList<Dated<SupplierFact>> Suppliers { get; init; } = [];
    public IReadOnlyList<Dated<SupplierAssessmentFact>> SupplierAssessments { get; init; } = [];
    public IReadOnlyList<Dated<SupplierCertificateFact>> SupplierCertificates { get; init; } = [];
    public IReadOnlyList<Dated<SupplierSettingsFact>> SupplierSettings { get; init; } = [];
    public IReadOnlyList<Dated<ManagementReviewFact>> ManagementReviews { get; init; } = [];
    public IReadOnlyList<Dated<ReviewTaskFact>> ReviewTasks { get; init; } = [];
    public IReadOnlyList<Dated<QuestionnaireFact>> Questionnaires { get; init; } = [];

    /// <summary>Every version of each control up to the moment, oldest first.</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<Dated<ControlFact>>> ControlHistory { get; init; } =
        new Dictionary<Guid, IReadOnlyList<Dated<ControlFact>>>();

    /// <summary>
    /// The records in effect at the end of <paramref name="day"/> (for a past day), or as recorded now (for today and
    /// the future: a forecast assumes nothing changes).
    /// </summary>
    public static FactsAsOf From(IEnumerable<ParsedFact> facts, DateOnly day, DateOnly today) =>
        From(facts, day < today ? day.AddDays(1).StartOfUtcDay() : null);

    /// <param name="before">Only versions that took effect before this instant; null for all.</param>
    public static FactsAsOf From(IEnumerable<ParsedFact> facts, DateTimeOffset? before)
    {
        var state = new InEffect();
        foreach (var fact in facts)
        {
            if (before is null || fact.EffectiveAt < before)
            {
                state.Add(fact);
            }
        }

        return state.Build();
    }

    /// <summary>
    /// The records in effect at the end of each of <paramref name="days"/>, in one pass over the facts in the order they
    /// took effect (the trend, and a rebuild of a tenant's year): each day adds the versions since the day before.
    /// </summary>
    public static IEnumerable<(DateOnly Day, FactsAsOf Facts)> EachDay(IEnumerable<ParsedFact> facts, IEnumerable<DateOnly> days, DateOnly today)
    {
        var ordered = facts.OrderBy(f => f.EffectiveAt).ToList();
        var state = new InEffect();
        var next = 0;
        foreach (var day in days.Order())
        {
            DateTimeOffset? before = day < today ? day.AddDays(1).StartOfUtcDay() : null;
            while (next < ordered.Count && (before is null || ordered[next].EffectiveAt < before))
            {
                state.Add(ordered[next++]);
            }

            yield return (day, state.Build());
        }
    }

    /// <summary>Whether a version replaces the one held for its record: the newest version wins, whatever order they came in.</summary>
    internal static bool Supersedes(ParsedFact fact, ParsedFact? held) => held is null || held.Version < fact.Version;

    /// <summary>
    /// Every fact's records as <see cref="From(IEnumerable{ParsedFact}, DateTimeOffset?)"/> builds them, with the newest
    /// version held of each record (deletions included), from one pass over the facts.
    /// </summary>
    internal static (FactsAsOf Records, ImmutableDictionary<(FactKind, Guid), ParsedFact> Latest) NowWithLatest(IEnumerable<ParsedFact> facts)
    {
        var state = new InEffect();
        foreach (var fact in facts)
        {
            state.Add(fact);
        }

        return (state.Build(), state.Latest.ToImmutableDictionary());
    }

    /// <summary>The newest version in effect of each record, and every version in effect of each control.</summary>
    private sealed class InEffect
    {
        private readonly Dictionary<(FactKind, Guid), ParsedFact> _latest = [];
        private readonly Dictionary<Guid, List<ParsedFact>> _controlVersions = [];

        public IReadOnlyDictionary<(FactKind, Guid), ParsedFact> Latest => _latest;

        public void Add(ParsedFact fact)
        {
            var key = (fact.Kind, fact.RecordId);
            if (Supersedes(fact, _latest.GetValueOrDefault(key)))
            {
                _latest[key] = fact;
            }

            if (fact.Kind == FactKind.Control && !fact.Deleted)
            {
                (_controlVersions.TryGetValue(fact.RecordId, out var versions) ? versions : _controlVersions[fact.RecordId] = []).Add(fact);
            }
        }

        public FactsAsOf Build()
        {
            var byKind = _latest.Values.Where(f => !f.Deleted).ToLookup(f => f.Kind);
            List<Dated<T>> Of<T>(FactKind kind) => byKind[kind].OrderBy(f => f.RecordId)
                .Select(f => new Dated<T>(f.RecordId, (T)f.State!, f.EffectiveAt)).ToList();

            var controls = Of<ControlFact>(FactKind.Control);
            var history = controls.ToDictionary(c => c.Id, c => (IReadOnlyList<Dated<ControlFact>>)_controlVersions[c.Id].OrderBy(f => f.Version)
                .Select(f => new Dated<ControlFact>(f.RecordId, (ControlFact)f.State!, f.EffectiveAt)).ToList());

            return new FactsAsOf
            {
                Risks = Of<RiskFact>(FactKind.Risk),
                Actions = Of<TreatmentActionFact>(FactKind.TreatmentAction),
                Controls = controls,
                Evidence = Of<EvidenceFact>(FactKind.Evidence),
                Exceptions = Of<ControlExceptionFact>(FactKind.ControlException),
                Incidents = Of<IncidentFact>(FactKind.Incident),
                Certificates = Of<CertificateFact>(FactKind.Certificate),
                Members = Of<MemberFact>(FactKind.Member),
                Audits = Of<AuditFact>(FactKind.Audit),
                Findings = Of<FindingFact>(FactKind.Finding),
                CorrectiveActions = Of<CorrectiveActionFact>(FactKind.CorrectiveAction),
                AccessReviews = Of<AccessReviewFact>(FactKind.AccessReview),
                AccessReviewItems = Of<AccessReviewItemFact>(FactKind.AccessReviewItem),
                Suppliers = Of<SupplierFact>(FactKind.Supplier),
                SupplierAssessments = Of<SupplierAssessmentFact>(FactKind.SupplierAssessment),
                SupplierCertificates = Of<SupplierCertificateFact>(FactKind.SupplierCertificate),
                SupplierSettings = Of<SupplierSettingsFact>(FactKind.SupplierSettings),
                ManagementReviews = Of<ManagementReviewFact>(FactKind.ManagementReview),
                ReviewTasks = Of<ReviewTaskFact>(FactKind.ReviewTask),
                Questionnaires = Of<QuestionnaireFact>(FactKind.Questionnaire),
                ControlHistory = history,
            };
        }
    }
}

/// <summary>
/// The records in effect now (for today's and later days' figures every version counts: a forecast assumes nothing
/// changes), kept up to date one fact at a time. The facts cache grows a tenant's set by one fact per event, and the
/// next read computes today's figures from it: building these records anew from a large tenant's 38,000 facts was a
/// quarter of that computation (issue 12's event lag), where a new fact changes one record.
/// </summary>
public sealed class InEffectNow
{
    private readonly ImmutableDictionary<(FactKind, Guid), ParsedFact> _latest;

    /// <summary>The records in lists that a new fact changes cheaply (immutable lists, ordered by record id).</summary>
    private readonly FactsAsOf _held;

    private FactsAsOf? _records;

    private InEffectNow(ImmutableDictionary<(FactKind, Guid), ParsedFact> latest, FactsAsOf held)
    {
        _latest = latest;
        _held = held;
    }

    /// <summary>
    /// The records, exactly as <see cref="FactsAsOf.From(IEnumerable{ParsedFact}, DateTimeOffset?)"/> builds them for
    /// every fact, copied into arrays once per set (arrays, not collection expressions: LINQ walks arrays fastest): the signals walk them several times, and walking an immutable list
    /// (a tree) costs several times an array's; the copy is a fraction of a millisecond.
    /// </summary>
    public FactsAsOf Records => _records ??= new FactsAsOf
    {
        Risks = _held.Risks.ToArray(),
        Actions = _held.Actions.ToArray(),
        Controls = _held.Controls.ToArray(),
        Evidence = _held.Evidence.ToArray(),
        Exceptions = _held.Exceptions.ToArray(),
        Incidents = _held.Incidents.ToArray(),
        Certificates = _held.Certificates.ToArray(),
        Members = _held.Members.ToArray(),
        Audits = _held.Audits.ToArray(),
        Findings = _held.Findings.ToArray(),
        CorrectiveActions = _held.CorrectiveActions.ToArray(),
        AccessReviews = _held.AccessReviews.ToArray(),
        AccessReviewItems = _held.AccessReviewItems.ToArray(),
        Suppliers = _held.Suppliers.ToArray(),
        SupplierAssessments = _held.SupplierAssessments.ToArray(),
        SupplierCertificates = _held.SupplierCertificates.ToArray(),
        SupplierSettings = _held.SupplierSettings.ToArray(),
        ManagementReviews = _held.ManagementReviews.ToArray(),
        ReviewTasks = _held.ReviewTasks.ToArray(),
        Questionnaires = _held.Questionnaires.ToArray(),
        ControlHistory = _held.ControlHistory,
    };

    public static InEffectNow Of(IEnumerable<ParsedFact> facts)
    {
        var (records, latest) = FactsAsOf.NowWithLatest(facts);
        return new InEffectNow(latest, records);
    }

    /// <summary>The records once <paramref name="fact"/> is added; <paramref name="all"/> holds every fact, the new one included (a control's history is read from them).</summary>
    public InEffectNow With(ParsedFact fact, IEnumerable<ParsedFact> all)
    {
        var key = (fact.Kind, fact.RecordId);
        var latest = _latest;
        var records = _held;
        if (FactsAsOf.Supersedes(fact, latest.GetValueOrDefault(key)))
        {
            latest = latest.SetItem(key, fact);
            records = Replaced(records, fact);
        }

        if (fact.Kind == FactKind.Control)
        {
            // Every version of a control counts for its history, even one older than the newest held; controls change
            // rarely, so the history of the one control is read again from the facts.
            var history = records.ControlHistory as ImmutableDictionary<Guid, IReadOnlyList<Dated<ControlFact>>>
                ?? records.ControlHistory.ToImmutableDictionary();
            var current = latest.TryGetValue(key, out var newest) && !newest.Deleted;
            records = records with
            {
                ControlHistory = current
                    ? history.SetItem(fact.RecordId, all.Where(f => f.Kind == FactKind.Control && f.RecordId == fact.RecordId && !f.Deleted)
                        .OrderBy(f => f.Version).Select(f => new Dated<ControlFact>(f.RecordId, (ControlFact)f.State!, f.EffectiveAt)).ToList())
                    : history.Remove(fact.RecordId),
            };
        }

        return new InEffectNow(latest, records);
    }

    private static FactsAsOf Replaced(FactsAsOf r, ParsedFact fact) => fact.Kind switch
    {
        FactKind.Risk => r with { Risks = Replaced(r.Risks, fact) },
        FactKind.TreatmentAction => r with { Actions = Replaced(r.Actions, fact) },
        FactKind.Control => r with { Controls = Replaced(r.Controls, fact) },
        FactKind.Evidence => r with { Evidence = Replaced(r.Evidence, fact) },
        FactKind.ControlException => r with { Exceptions = Replaced(r.Exceptions, fact) },
        FactKind.Incident => r with { Incidents = Replaced(r.Incidents, fact) },
        FactKind.Certificate => r with { Certificates = Replaced(r.Certificates, fact) },
        FactKind.Member => r with { Members = Replaced(r.Members, fact) },
        FactKind.Audit => r with { Audits = Replaced(r.Audits, fact) },
        FactKind.Finding => r with { Findings = Replaced(r.Findings, fact) },
        FactKind.CorrectiveAction => r with { CorrectiveActions = Replaced(r.CorrectiveActions, fact) },
        FactKind.AccessReview => r with { AccessReviews = Replaced(r.AccessReviews, fact) },
        FactKind.AccessReviewItem => r with { AccessReviewItems = Replaced(r.AccessReviewItems, fact) },
        FactKind.Supplier => r with { Suppliers = Replaced(r.Suppliers, fact) },
        FactKind.SupplierAssessment => r with { SupplierAssessments = Replaced(r.SupplierAssessments, fact) },
        FactKind.SupplierCertificate => r with { SupplierCertificates = Replaced(r.SupplierCertificates, fact) },
        FactKind.SupplierSettings => r with { SupplierSettings = Replaced(r.SupplierSettings, fact) },
        FactKind.ManagementReview => r with { ManagementReviews = Replaced(r.ManagementReviews, fact) },
        FactKind.ReviewTask => r with { ReviewTasks = Replaced(r.ReviewTasks, fact) },
        FactKind.Questionnaire => r with { Questionnaires = Replaced(r.Questionnaires, fact) },
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact.Kind, "A fact kind the records do not hold."),
    };

    /// <summary>The list (ordered by record id, as FactsAsOf builds it) with the record's new version in its place, or without it once deleted.</summary>
    private static ImmutableList<Dated<T>> Replaced<T>(IReadOnlyList<Dated<T>> list, ParsedFact fact)
    {
        var sorted = list as ImmutableList<Dated<T>> ?? list.ToImmutableList();
        var index = sorted.BinarySearch(new Dated<T>(fact.RecordId, default!, default), ById<T>.Instance);
        if (fact.Deleted)
        {
            return index >= 0 ? sorted.RemoveAt(index) : sorted;
        }

        var dated = new Dated<T>(fact.RecordId, (T)fact.State!, fact.EffectiveAt);
        return index >= 0 ? sorted.SetItem(index, dated) : sorted.Insert(~index, dated);
    }

    private sealed class ById<T> : IComparer<Dated<T>>
    {
        public static readonly ById<T> Instance = new();

        public int Compare(Dated<T>? x, Dated<T>? y) => x!.Id.CompareTo(y!.Id);
    }
}
