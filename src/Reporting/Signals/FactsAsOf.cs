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

    /// <summary>The newest version in effect of each record, and every version in effect of each control.</summary>
    private sealed class InEffect
    {
        private readonly Dictionary<(FactKind, Guid), ParsedFact> _latest = [];
        private readonly Dictionary<Guid, List<ParsedFact>> _controlVersions = [];

        public void Add(ParsedFact fact)
        {
            var key = (fact.Kind, fact.RecordId);
            if (!_latest.TryGetValue(key, out var held) || held.Version < fact.Version)
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
                ControlHistory = history,
            };
        }
    }
}
