using System.Globalization;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Reporting.Facts;

namespace IsmsCloud.Reporting.Signals;

/// <summary>The figures of one day with the records behind each signal (the drill-down reads these).</summary>
public sealed record SignalsResult(SignalsDto Figures, IReadOnlyDictionary<string, IReadOnlyList<SignalRecord>> Records);

/// <summary>
/// Every signal and failure pattern of SIGNALS.md, computed as of a day D from the records in effect then: the one home
/// of the definitions. Pure: the same facts and day give the same figures, whether live, for a snapshot or recomputed.
/// Where the definition leaves room, the reading taken is in docs/decisions/0016.
/// </summary>
public static class SignalCalculator
{
    /// <summary>Moves on whenever a definition changes; snapshots keep the version they were computed with.</summary>
    public const int DefinitionVersion = 1;

    public const int ExceptionContinuationDays = 30;
    public const int PermanentAfterRenewals = 2;
    public const int PermanentAfterDays = 365;
    public const int DetachedAfterDays = 180;
    public const int PaperControlWindowDays = 90;
    public const int YearDays = 365;

    private static readonly string[] Bands = ["Low", "Medium", "High", "Critical"];

    public static SignalsResult Compute(FactsAsOf facts, DateOnly day, string source)
    {
        var records = new Dictionary<string, IReadOnlyList<SignalRecord>>();
        var exceptions = Exceptions(facts, day);
        var (overdue, overdueRecords) = TreatmentOverdue(facts, day);
        var (traceability, traceRecords) = IncidentTraceability(facts, day);
        var freshness = EvidenceFreshness(facts, day);

        records[SignalNames.Exceptions] = exceptions.Records;
        records[SignalNames.TreatmentOverdue] = overdueRecords;
        records[SignalNames.IncidentTraceability] = traceRecords;
        records[SignalNames.EvidenceFreshness] = freshness.Records;
        // Fed by audit-api and supplier-api, whose events reporting does not consume yet: nothing to count.
        records[SignalNames.FindingRecurrence] = [];
        records[SignalNames.AccessReviews] = [];
        records[SignalNames.SupplierGaps] = [];
        records[SignalNames.CorrectiveActions] = [];

        var patterns = new List<PatternDto>();
        AddIfActive(patterns, PatternKinds.PaperControls, PaperControls(facts, day, freshness.ByControl));
        AddIfActive(patterns, PatternKinds.DetachedRiskRegister, DetachedRiskRegister(facts, day));
        AddIfActive(patterns, PatternKinds.PermanentExceptions, exceptions.PermanentRecords);

        var certificateValid = facts.Certificates.Any(c => c.State.Status == "Active" && c.State.IssuedOn <= day && day <= c.State.ExpiresOn);
        var figures = new SignalsDto(
            day, source, DefinitionVersion,
            exceptions.Figures,
            overdue,
            new FindingRecurrenceSignal(0, 0, null),
            new AccessReviewsSignal(0, 0, 0, null, 0, 0),
            new SupplierGapsSignal(0, new Dictionary<string, int> { ["NoValidAssessment"] = 0, ["ExpiredCertificate"] = 0, ["UnassessedChange"] = 0 }),
            traceability,
            freshness.Figures,
            null,
            new CorrectiveActionsSignal(0, 0, null),
            patterns,
            new ConfidenceErosionDto(certificateValid && patterns.Count >= 2, certificateValid, patterns.Count));
        return new SignalsResult(figures, records);
    }

    private static void AddIfActive(List<PatternDto> patterns, string kind, IReadOnlyList<SignalRecord>? records)
    {
        if (records is { Count: > 0 })
        {
            patterns.Add(new PatternDto(kind, records));
        }
    }

    private static int Age(DateOnly day, DateOnly date) => day.DayNumber - date.DayNumber;

    private static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"In the N days before D": a date in (D − N, D].</summary>
    private static bool InDaysBefore(DateOnly date, DateOnly day, int days) => date <= day && date > day.AddDays(-days);

    // ------------------------------------------------------------------ 1. control exceptions

    private sealed record ExceptionsOutcome(ExceptionsSignal Figures, IReadOnlyList<SignalRecord> Records, IReadOnlyList<SignalRecord> PermanentRecords);

    /// <summary>An exception's first-grant day and renewals once continuation is applied (signal 1).</summary>
    public sealed record ExceptionLineage(DateOnly FirstGranted, int Renewals);

    /// <summary>
    /// The day an exception stopped covering: its closing day, or the day after its last valid day, whichever is
    /// first; null while it still runs with no expiry.
    /// </summary>
    public static DateOnly? EndDay(ControlExceptionFact e)
    {
        DateOnly? ranOut = e.ExpiresOn?.AddDays(1);
        if (e.State != ExceptionState.Closed)
        {
            return ranOut;
        }

        var closed = DateOf(e.At);
        return ranOut is { } r && r < closed ? r : closed;
    }

    /// <summary>
    /// Continuation (signal 1): an exception granted on the same control and risk within 30 days after another one
    /// ended keeps the earlier one's first-grant day and renewal count (its own renewals add to them).
    /// </summary>
    public static IReadOnlyDictionary<Guid, ExceptionLineage> Lineages(IEnumerable<Dated<ControlExceptionFact>> exceptions)
    {
        var granted = exceptions.Where(e => e.State.FirstGrantedAt is not null).OrderBy(e => e.State.FirstGrantedAt).ThenBy(e => e.Id).ToList();
        var lineage = new Dictionary<Guid, ExceptionLineage>();
        foreach (var x in granted)
        {
            var grantDay = DateOf(x.State.FirstGrantedAt!.Value);
            var predecessor = granted
                .Where(y => y.Id != x.Id && lineage.ContainsKey(y.Id) && y.State.ControlId == x.State.ControlId && y.State.RiskId == x.State.RiskId
                    && EndDay(y.State) is { } end && end <= grantDay && grantDay.DayNumber - end.DayNumber <= ExceptionContinuationDays)
                .MaxBy(y => EndDay(y.State));
            lineage[x.Id] = predecessor is null
                ? new ExceptionLineage(grantDay, x.State.RenewalCount)
                : new ExceptionLineage(lineage[predecessor.Id].FirstGranted, lineage[predecessor.Id].Renewals + x.State.RenewalCount);
        }

        return lineage;
    }

    private static ExceptionsOutcome Exceptions(FactsAsOf facts, DateOnly day)
    {
        var lineages = Lineages(facts.Exceptions);
        var byAge = new Dictionary<string, int> { ["0-30"] = 0, ["31-90"] = 0, ["91-180"] = 0, [">180"] = 0 };
        int open = 0, expired = 0, permanent = 0;
        var records = new List<SignalRecord>();
        var permanentRecords = new List<SignalRecord>();
        foreach (var e in facts.Exceptions.Where(e => e.State.State != ExceptionState.Closed && lineages.ContainsKey(e.Id)).OrderBy(e => e.State.ControlReference))
        {
            var lineage = lineages[e.Id];
            var age = Age(day, lineage.FirstGranted);
            var isOpen = e.State.ExpiresOn is not { } last || last >= day;
            string reason;
            if (isOpen)
            {
                open++;
                byAge[age <= 30 ? "0-30" : age <= 90 ? "31-90" : age <= 180 ? "91-180" : ">180"]++;
                reason = $"open, {age} days since first granted";
            }
            else
            {
                expired++;
                reason = $"expired after {Iso(e.State.ExpiresOn!.Value)} and not closed, {age} days since first granted";
            }

            var isPermanent = lineage.Renewals >= PermanentAfterRenewals || age > PermanentAfterDays;
            if (isPermanent)
            {
                permanent++;
                var why = lineage.Renewals >= PermanentAfterRenewals ? $"renewed {lineage.Renewals} times" : $"{age} days since first granted";
                permanentRecords.Add(new SignalRecord("ControlException", e.Id, e.State.ControlReference, $"permanent: {why}", Days: age));
                reason += $"; permanent ({why})";
            }

            records.Add(new SignalRecord("ControlException", e.Id, e.State.ControlReference, reason, Days: age));
        }

        return new ExceptionsOutcome(new ExceptionsSignal(open, byAge, expired, permanent), records, permanentRecords);
    }

    // ------------------------------------------------------------------ 2. risk treatment overdue age

    private static readonly string[] OpenActionStatuses = ["Planned", "InProgress"];

    /// <summary>Actions whose risk is still in the register: a deleted risk takes its actions with it.</summary>
    private static IEnumerable<Dated<TreatmentActionFact>> LiveActions(FactsAsOf facts)
    {
        var risks = facts.Risks.Select(r => r.Id).ToHashSet();
        return facts.Actions.Where(a => risks.Contains(a.State.RiskId));
    }

    /// <summary>The median of whole numbers: the middle one, or the mean of the two middle ones (so .0 or .5).</summary>
    public static double? Median(IReadOnlyList<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    private static (TreatmentOverdueSignal, IReadOnlyList<SignalRecord>) TreatmentOverdue(FactsAsOf facts, DateOnly day)
    {
        var risks = facts.Risks.ToDictionary(r => r.Id);
        var overdue = LiveActions(facts).Where(a => OpenActionStatuses.Contains(a.State.Status) && a.State.DueOn < day)
            .Select(a => (Action: a, Age: Age(day, a.State.DueOn))).ToList();
        var riskAges = overdue.GroupBy(o => o.Action.State.RiskId).ToDictionary(g => g.Key, g => g.Max(o => o.Age));
        var byBand = Bands.ToDictionary(b => b, _ => 0);
        foreach (var riskId in riskAges.Keys)
        {
            if (byBand.TryGetValue(risks[riskId].State.Band, out var count))
            {
                byBand[risks[riskId].State.Band] = count + 1;
            }
        }

        var ages = riskAges.Values.ToList();
        var records = overdue.OrderByDescending(o => o.Age).ThenBy(o => o.Action.State.Title, StringComparer.Ordinal)
            .Select(o => new SignalRecord("TreatmentAction", o.Action.Id, o.Action.State.Title,
                $"overdue {o.Age} days (due {Iso(o.Action.State.DueOn)}) on risk \"{risks[o.Action.State.RiskId].State.Title}\" ({risks[o.Action.State.RiskId].State.Band})",
                o.Action.State.Owner, o.Age))
            .ToList();
        return (new TreatmentOverdueSignal(overdue.Count, riskAges.Count, Median(ages), ages.Count == 0 ? null : ages.Max(), byBand), records);
    }

    // ------------------------------------------------------------------ 6. incident-to-control traceability

    /// <summary>Whether a control's applicability, implementation, owner or cadence changed in (after, until].</summary>
    public static bool ControlChangedBetween(IReadOnlyList<Dated<ControlFact>> versions, DateTimeOffset after, DateTimeOffset until)
    {
        for (var i = 1; i < versions.Count; i++)
        {
            var (before, now) = (versions[i - 1].State, versions[i].State);
            var changed = before.Applicable != now.Applicable || before.ImplementationStatus != now.ImplementationStatus
                || !string.Equals(before.Owner, now.Owner, StringComparison.OrdinalIgnoreCase) || before.EvidenceCadenceDays != now.EvidenceCadenceDays;
            if (changed && versions[i].EffectiveAt > after && versions[i].EffectiveAt <= until)
            {
                return true;
            }
        }

        return false;
    }

    private static (IncidentTraceabilitySignal, IReadOnlyList<SignalRecord>) IncidentTraceability(FactsAsOf facts, DateOnly day)
    {
        var lessons = LiveActions(facts).Where(a => a.State.SourceIncidentId is not null).Select(a => a.State.SourceIncidentId!.Value).ToHashSet();
        var records = new List<SignalRecord>();
        int closed = 0, traced = 0;
        foreach (var incident in facts.Incidents.Where(i => InDaysBefore(DateOf(i.State.ClosedAt), day, YearDays)).OrderBy(i => i.State.ClosedAt))
        {
            closed++;
            var controls = incident.State.FailedControlIds.Concat(incident.State.HelpedControlIds).Distinct().ToList();
            var ledToAction = lessons.Contains(incident.Id);
            var controlChanged = controls.Any(c => facts.ControlHistory.TryGetValue(c, out var versions)
                && ControlChangedBetween(versions, incident.State.OccurredAt, incident.State.ClosedAt));
            var isTraced = controls.Count > 0 && (ledToAction || controlChanged);
            traced += isTraced ? 1 : 0;
            var reason = controls.Count == 0 ? "not traced: links no control"
                : isTraced ? (ledToAction ? "traced: led to a treatment action" : "traced: a linked control changed while it was handled")
                : "not traced: no treatment action came of it and no linked control changed";
            records.Add(new SignalRecord("Incident", incident.Id, incident.State.Title, reason));
        }

        return (new IncidentTraceabilitySignal(closed, traced, closed == 0 ? null : (double)traced / closed), records);
    }

    // ------------------------------------------------------------------ 7. evidence freshness

    public enum Freshness
    {
        Fresh,
        Stale,
        Missing,
        NotRequired,
        Undecided,
    }

    private sealed record FreshnessOutcome(EvidenceFreshnessSignal Figures, IReadOnlyList<SignalRecord> Records, IReadOnlyDictionary<Guid, (Freshness State, DateOnly? NewestCoverage)> ByControl);

    private static FreshnessOutcome EvidenceFreshness(FactsAsOf facts, DateOnly day)
    {
        var newest = facts.Evidence.GroupBy(e => e.State.ControlId).ToDictionary(g => g.Key, g => g.Max(e => e.State.CoversTo));
        var byControl = new Dictionary<Guid, (Freshness, DateOnly?)>();
        var records = new List<SignalRecord>();
        foreach (var control in facts.Controls.OrderBy(c => c.State.Reference, StringComparer.Ordinal))
        {
            DateOnly? coverage = newest.TryGetValue(control.Id, out var end) ? end : null;
            var state = control.State switch
            {
                { Applicable: null } => Freshness.Undecided,
                { Applicable: false } => Freshness.NotRequired,
                { EvidenceCadenceDays: not > 0 } => Freshness.NotRequired,
                _ when coverage is null => Freshness.Missing,
                { EvidenceCadenceDays: { } cadence } when coverage >= day.AddDays(-cadence) => Freshness.Fresh,
                _ => Freshness.Stale,
            };
            byControl[control.Id] = (state, coverage);
            if (state is Freshness.Stale or Freshness.Missing)
            {
                records.Add(new SignalRecord("Control", control.Id, control.State.Reference, state == Freshness.Missing
                    ? $"no evidence (cadence {control.State.EvidenceCadenceDays} days)"
                    : $"evidence covers until {Iso(coverage!.Value)}, older than its cadence of {control.State.EvidenceCadenceDays} days",
                    control.State.Owner, coverage is { } c ? Age(day, c) : null));
            }
        }

        int Count(Freshness f) => byControl.Values.Count(v => v.Item1 == f);
        var fresh = Count(Freshness.Fresh);
        var stale = Count(Freshness.Stale);
        var missing = Count(Freshness.Missing);
        return new FreshnessOutcome(new EvidenceFreshnessSignal(fresh + stale + missing, fresh, stale, missing, Count(Freshness.NotRequired), Count(Freshness.Undecided)),
            records, byControl);
    }

    // ------------------------------------------------------------------ patterns

    private static IReadOnlyList<SignalRecord> PaperControls(FactsAsOf facts, DateOnly day, IReadOnlyDictionary<Guid, (Freshness State, DateOnly? NewestCoverage)> freshness)
    {
        var withEvidence = facts.Evidence.Select(e => e.State.ControlId).ToHashSet();
        var failedIn = facts.Incidents.Where(i => InDaysBefore(DateOf(i.State.ClosedAt), day, PaperControlWindowDays))
            .SelectMany(i => i.State.FailedControlIds.Select(c => (Control: c, Incident: i))).ToLookup(x => x.Control, x => x.Incident);
        var records = new List<SignalRecord>();
        foreach (var control in facts.Controls.Where(c => c.State is { Applicable: true, ImplementationStatus: "Implemented" })
                     .OrderBy(c => c.State.Reference, StringComparer.Ordinal))
        {
            var reasons = new List<string>();
            var (state, coverage) = freshness[control.Id];
            if (state == Freshness.Stale)
            {
                reasons.Add($"Implemented, but its evidence covers only until {Iso(coverage!.Value)}");
            }
            else if (state == Freshness.Missing || (control.State.EvidenceCadenceDays is not > 0 && !withEvidence.Contains(control.Id)))
            {
                reasons.Add("Implemented, but no evidence was ever recorded");
            }

            foreach (var incident in failedIn[control.Id].OrderBy(i => i.State.ClosedAt))
            {
                reasons.Add($"failed in incident \"{incident.State.Title}\" closed on {Iso(DateOf(incident.State.ClosedAt))}");
            }

            if (reasons.Count > 0)
            {
                records.Add(new SignalRecord("Control", control.Id, control.State.Reference, string.Join("; ", reasons), control.State.Owner));
            }
        }

        return records;
    }

    private static readonly string[] DecidedActionStatuses = ["Planned", "InProgress", "Done"];

    private static IReadOnlyList<SignalRecord>? DetachedRiskRegister(FactsAsOf facts, DateOnly day)
    {
        var endOfDay = day.AddDays(1).StartOfUtcDay();
        var activeMembers = facts.Members
            .Where(m => m.State.Status == MemberStatus.Active && (m.State.AccessEndsAt is null || m.State.AccessEndsAt > endOfDay))
            .Select(m => m.State.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var actionsByRisk = LiveActions(facts).ToLookup(a => a.State.RiskId);
        var detached = new List<SignalRecord>();
        foreach (var risk in facts.Risks.OrderBy(r => r.State.Title, StringComparer.Ordinal))
        {
            var reasons = new List<string>();
            var sinceAssessed = Age(day, DateOf(risk.State.LastAssessedAt));
            if (sinceAssessed > DetachedAfterDays)
            {
                reasons.Add($"last assessed {sinceAssessed} days ago");
            }

            if (string.IsNullOrWhiteSpace(risk.State.Owner))
            {
                reasons.Add("no owner");
            }
            else if (!activeMembers.Contains(risk.State.Owner))
            {
                reasons.Add($"owner {risk.State.Owner} is not an active member");
            }

            if (risk.State.Band is "High" or "Critical" && risk.State.Decision is null)
            {
                reasons.Add($"{risk.State.Band} residual risk without a treatment decision");
            }
            else if (risk.State.Decision == "Treat" && !actionsByRisk[risk.Id].Any(a => DecidedActionStatuses.Contains(a.State.Status)))
            {
                reasons.Add("decided Treat, but no action is open or done");
            }

            if (reasons.Count > 0)
            {
                detached.Add(new SignalRecord("Risk", risk.Id, risk.State.Title, string.Join("; ", reasons), risk.State.Owner, sinceAssessed));
            }
        }

        // Active at 3 or more detached risks that are at least 20 % of the register (compared in whole numbers).
        return detached.Count >= 3 && detached.Count * 5 >= facts.Risks.Count ? detached : null;
    }
}
