using System.Globalization;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Reporting.Facts;

namespace IsmsCloud.Reporting.Signals;

/// <summary>How much of a day's figures to build besides the numbers (the numbers are the same whichever).</summary>
public enum SignalDetail
{
    /// <summary>The trend and a rebuild: the largest record lists are neither ordered nor described, and a pattern's records only say which records they are.</summary>
    Figures,

    /// <summary>The figures as <c>GET /signals</c> answers them: the patterns' records ordered and described, the drill-down's lists not built.</summary>
    Patterns,

    /// <summary>Everything, the records behind each signal (the drill-down) included.</summary>
    Records,
}

/// <summary>The figures of one day with the records behind each signal (the drill-down reads these; empty unless <see cref="SignalDetail.Records"/>).</summary>
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

    /// <param name="detail">What to build besides the numbers: the drill-down's record lists are most of the work for a
    /// large tenant (thousands of overdue actions), and <c>GET /signals</c> does not answer them.</param>
    public static SignalsResult Compute(FactsAsOf facts, DateOnly day, string source, SignalDetail detail = SignalDetail.Records)
    {
        var records = new Dictionary<string, IReadOnlyList<SignalRecord>>();
        var describe = detail >= SignalDetail.Patterns;
        var listRecords = detail == SignalDetail.Records;
        var register = new Register(facts);
        var exceptions = Exceptions(facts, day, describe, listRecords);
        var (overdue, overdueRecords) = TreatmentOverdue(register, day, listRecords);
        var (traceability, traceRecords) = IncidentTraceability(facts, register, day);
        var freshness = EvidenceFreshness(facts, day);

        records[SignalNames.Exceptions] = exceptions.Records;
        records[SignalNames.TreatmentOverdue] = overdueRecords;
        records[SignalNames.IncidentTraceability] = traceRecords;
        records[SignalNames.EvidenceFreshness] = freshness.Records;
        var (recurrence, recurrenceRecords, recurringFindings) = FindingRecurrence(facts, day);
        records[SignalNames.FindingRecurrence] = recurrenceRecords;
        var (accessReviews, accessRecords) = AccessReviews(facts, day);
        records[SignalNames.AccessReviews] = accessRecords;
        var (correctiveActions, correctiveRecords) = CorrectiveActions(facts, day);
        records[SignalNames.CorrectiveActions] = correctiveRecords;
        var (supplierGaps, supplierRecords) = SupplierGaps(facts, day);
        records[SignalNames.SupplierGaps] = supplierRecords;

        var patterns = new List<PatternDto>();
        AddIfActive(patterns, PatternKinds.PaperControls, PaperControls(facts, day, freshness.ByControl, recurringFindings));
        AddIfActive(patterns, PatternKinds.AuditCentricGovernance, AuditCentricGovernance(facts, day));
        AddIfActive(patterns, PatternKinds.DetachedRiskRegister, DetachedRiskRegister(facts, register, day, describe));
        AddIfActive(patterns, PatternKinds.PermanentExceptions, exceptions.PermanentRecords);

        var certificateValid = facts.Certificates.Any(c => c.State.Status == "Active" && c.State.IssuedOn <= day && day <= c.State.ExpiresOn);
        var figures = new SignalsDto(
            day, source, DefinitionVersion,
            exceptions.Figures,
            overdue,
            recurrence,
            accessReviews,
            supplierGaps,
            traceability,
            freshness.Figures,
            DaysSinceManagementReview(facts, day),
            correctiveActions,
            patterns,
            new ConfidenceErosionDto(certificateValid && patterns.Count >= 2, certificateValid, patterns.Count));
        return new SignalsResult(figures, listRecords ? records : new Dictionary<string, IReadOnlyList<SignalRecord>>());
    }

    private static void AddIfActive(List<PatternDto> patterns, string kind, IReadOnlyList<SignalRecord>? records)
    {
        if (records is { Count: > 0 })
        {
            patterns.Add(new PatternDto(kind, records));
        }
    }

    /// <summary>Signal 8: D − the date of the latest management review signed by the end of D; null if none.</summary>
    public static int? DaysSinceManagementReview(FactsAsOf facts, DateOnly day) =>
        facts.ManagementReviews.Where(r => r.State.ReviewDate <= day).Select(r => (int?)Age(day, r.State.ReviewDate)).Min();

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
        // Only an exception on the same control and risk can be continued: look within those, not every pair.
        var sameControlAndRisk = granted.ToLookup(e => (e.State.ControlId, e.State.RiskId));
        var lineage = new Dictionary<Guid, ExceptionLineage>();
        foreach (var x in granted)
        {
            var grantDay = DateOf(x.State.FirstGrantedAt!.Value);
            var predecessor = sameControlAndRisk[(x.State.ControlId, x.State.RiskId)]
                .Where(y => y.Id != x.Id && lineage.ContainsKey(y.Id)
                    && EndDay(y.State) is { } end && end <= grantDay && grantDay.DayNumber - end.DayNumber <= ExceptionContinuationDays)
                .MaxBy(y => EndDay(y.State));
            lineage[x.Id] = predecessor is null
                ? new ExceptionLineage(grantDay, x.State.RenewalCount)
                : new ExceptionLineage(lineage[predecessor.Id].FirstGranted, lineage[predecessor.Id].Renewals + x.State.RenewalCount);
        }

        return lineage;
    }

    private static ExceptionsOutcome Exceptions(FactsAsOf facts, DateOnly day, bool describe, bool listRecords)
    {
        var lineages = Lineages(facts.Exceptions);
        var byAge = new Dictionary<string, int> { ["0-30"] = 0, ["31-90"] = 0, ["91-180"] = 0, [">180"] = 0 };
        int open = 0, expired = 0, permanent = 0;
        var records = new List<SignalRecord>();
        var permanentRecords = new List<SignalRecord>();
        var running = facts.Exceptions.Where(e => e.State.State != ExceptionState.Closed && lineages.ContainsKey(e.Id));
        // Ordinal, then by id: the culture-aware default compare was most of this signal's time.
        foreach (var e in describe ? running.OrderBy(e => e.State.ControlReference, StringComparer.Ordinal).ThenBy(e => e.Id) : running)
        {
            var lineage = lineages[e.Id];
            var age = Age(day, lineage.FirstGranted);
            var isOpen = e.State.ExpiresOn is not { } last || last >= day;
            if (isOpen)
            {
                open++;
                byAge[age <= 30 ? "0-30" : age <= 90 ? "31-90" : age <= 180 ? "91-180" : ">180"]++;
            }
            else
            {
                expired++;
            }

            var isPermanent = lineage.Renewals >= PermanentAfterRenewals || age > PermanentAfterDays;
            permanent += isPermanent ? 1 : 0;
            if (!describe)
            {
                if (isPermanent)
                {
                    permanentRecords.Add(new SignalRecord("ControlException", e.Id, e.State.ControlReference, "", Days: age));
                }

                continue;
            }

            var reason = isOpen
                ? $"open, {age} days since first granted"
                : $"expired after {Iso(e.State.ExpiresOn!.Value)} and not closed, {age} days since first granted";
            if (isPermanent)
            {
                var why = lineage.Renewals >= PermanentAfterRenewals ? $"renewed {lineage.Renewals} times" : $"{age} days since first granted";
                permanentRecords.Add(new SignalRecord("ControlException", e.Id, e.State.ControlReference, $"permanent: {why}", Days: age));
                reason += $"; permanent ({why})";
            }

            if (listRecords)
            {
                records.Add(new SignalRecord("ControlException", e.Id, e.State.ControlReference, reason, Days: age));
            }
        }

        return new ExceptionsOutcome(new ExceptionsSignal(open, byAge, expired, permanent), records, permanentRecords);
    }

    // ------------------------------------------------------------------ 2. risk treatment overdue age

    /// <summary>An action still to be done (a pattern rather than a list lookup: it runs per action).</summary>
    private static bool IsOpen(string status) => status is "Planned" or "InProgress";

    /// <summary>
    /// The risks by id and the actions that count, built once per computation: three signals read them, and for a large
    /// tenant (10,000 risks, 20,000 actions) building them was a third of the work of today's figures.
    /// </summary>
    private sealed class Register
    {
        public Register(FactsAsOf facts)
        {
            Risks = facts.Risks.ToDictionary(r => r.Id);
            var risks = Risks;
            Actions = facts.Actions.Where(a => risks.ContainsKey(a.State.RiskId)).ToList();
        }

        public Dictionary<Guid, Dated<RiskFact>> Risks { get; }

        /// <summary>Actions whose risk is still in the register: a deleted risk takes its actions with it.</summary>
        public List<Dated<TreatmentActionFact>> Actions { get; }
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

    private static (TreatmentOverdueSignal, IReadOnlyList<SignalRecord>) TreatmentOverdue(Register register, DateOnly day, bool listRecords)
    {
        var risks = register.Risks;
        var overdue = register.Actions.Where(a => IsOpen(a.State.Status) && a.State.DueOn < day)
            .Select(a => (Action: a, Age: Age(day, a.State.DueOn))).ToList();
        // The oldest overdue action's age per risk.
        var riskAges = new Dictionary<Guid, int>();
        foreach (var (action, age) in overdue)
        {
            riskAges[action.State.RiskId] = riskAges.TryGetValue(action.State.RiskId, out var oldest) ? Math.Max(oldest, age) : age;
        }

        var byBand = Bands.ToDictionary(b => b, _ => 0);
        foreach (var riskId in riskAges.Keys)
        {
            if (byBand.TryGetValue(risks[riskId].State.Band, out var count))
            {
                byBand[risks[riskId].State.Band] = count + 1;
            }
        }

        var ages = riskAges.Values.ToList();
        var figures = new TreatmentOverdueSignal(overdue.Count, riskAges.Count, Median(ages), ages.Count == 0 ? null : ages.Max(), byBand);
        if (!listRecords)
        {
            return (figures, []);
        }

        var records = overdue.OrderByDescending(o => o.Age).ThenBy(o => o.Action.State.Title, StringComparer.Ordinal)
            .Select(o => new SignalRecord("TreatmentAction", o.Action.Id, o.Action.State.Title,
                $"overdue {o.Age} days (due {Iso(o.Action.State.DueOn)}) on risk \"{risks[o.Action.State.RiskId].State.Title}\" ({risks[o.Action.State.RiskId].State.Band})",
                o.Action.State.Owner, o.Age))
            .ToList();
        return (figures, records);
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

    private static (IncidentTraceabilitySignal, IReadOnlyList<SignalRecord>) IncidentTraceability(FactsAsOf facts, Register register, DateOnly day)
    {
        var lessons = register.Actions.Where(a => a.State.SourceIncidentId is not null).Select(a => a.State.SourceIncidentId!.Value).ToHashSet();
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

    // ------------------------------------------------------------------ 3. audit finding recurrence

    public const int RecurrenceWindowDays = 730;
    private const string OpportunityForImprovement = "OpportunityForImprovement";

    /// <summary>Findings that count at all: not opportunities for improvement, not withdrawn (a withdrawn one was never a finding).</summary>
    private static List<Dated<FindingFact>> CountedFindings(FactsAsOf facts) =>
        facts.Findings.Where(f => f.State.Kind != OpportunityForImprovement && f.State.Status != "Withdrawn").ToList();

    /// <summary>
    /// Signal 3: F, raised on f, recurs when another counted finding of a different audit on the same reference (as
    /// stored) was raised in (f − 730, f).
    /// </summary>
    public static bool Recurs(Dated<FindingFact> finding, IEnumerable<Dated<FindingFact>> counted) =>
        counted.Any(other => other.Id != finding.Id && other.State.AuditId != finding.State.AuditId
            && string.Equals(other.State.Reference, finding.State.Reference, StringComparison.Ordinal)
            && other.State.RaisedOn < finding.State.RaisedOn && other.State.RaisedOn > finding.State.RaisedOn.AddDays(-RecurrenceWindowDays));

    private static (FindingRecurrenceSignal, IReadOnlyList<SignalRecord>, IReadOnlyList<Dated<FindingFact>>) FindingRecurrence(FactsAsOf facts, DateOnly day)
    {
        var counted = CountedFindings(facts);
        // Only findings on the same reference can make one recur: compare within those, not every pair.
        var byReference = counted.ToLookup(f => f.State.Reference, StringComparer.Ordinal);
        var recurringAll = counted.Where(f => Recurs(f, byReference[f.State.Reference])).ToList();
        var recurringIds = recurringAll.Select(f => f.Id).ToHashSet();
        var inYear = counted.Where(f => InDaysBefore(f.State.RaisedOn, day, YearDays)).ToList();
        var recurring = inYear.Where(f => recurringIds.Contains(f.Id)).ToList();
        var records = inYear.OrderByDescending(f => recurringIds.Contains(f.Id)).ThenByDescending(f => f.State.RaisedOn)
            .Select(f => new SignalRecord("Finding", f.Id, f.State.Reference,
                $"{f.State.Kind} raised on {Iso(f.State.RaisedOn)}{(recurringIds.Contains(f.Id) ? "; recurring: the same reference was raised in an earlier audit" : "")}"))
            .ToList();
        return (new FindingRecurrenceSignal(inYear.Count, recurring.Count, inYear.Count == 0 ? null : (double)recurring.Count / inYear.Count), records, recurringAll);
    }

    // ------------------------------------------------------------------ 4. access review completion

    private static readonly string[] Decisions = ["Keep", "Revoke", "Modify"];
    private static readonly string[] Revocations = ["Revoke", "Modify"];

    private static (AccessReviewsSignal, IReadOnlyList<SignalRecord>) AccessReviews(FactsAsOf facts, DateOnly day)
    {
        var campaigns = facts.AccessReviews.Where(c => c.State.Status is not ("Draft" or "Cancelled")).ToList();
        var items = facts.AccessReviewItems.ToLookup(i => i.State.CampaignId);
        var inYear = campaigns.Where(c => c.State.Status is "Open" or "Closed" && InDaysBefore(c.State.DueOn, day, YearDays)).ToList();
        var itemCount = inYear.Sum(c => c.State.Items);
        var decided = inYear.Sum(c => items[c.Id].Count(i => i.State.Decision is { } d && Decisions.Contains(d)));
        var overdue = campaigns.Where(c => c.State.Status == "Open" && c.State.DueOn < day).ToList();
        var unverified = campaigns.SelectMany(c => items[c.Id].Where(i => i.State.Decision is { } d && Revocations.Contains(d) && !i.State.Verified)
            .Select(i => (Campaign: c, Item: i))).ToList();
        var records = overdue.Select(c => new SignalRecord("AccessReview", c.Id, c.State.System, $"open and due {Iso(c.State.DueOn)}", Days: Age(day, c.State.DueOn)))
            .Concat(unverified.Select(u => new SignalRecord("AccessReviewItem", u.Item.Id, u.Campaign.State.System, $"{u.Item.State.Decision} decided, not verified")))
            .ToList();
        return (new AccessReviewsSignal(inYear.Count, itemCount, decided, itemCount == 0 ? null : (double)decided / itemCount, overdue.Count, unverified.Count), records);
    }

    // ------------------------------------------------------------------ 9. corrective actions

    private static (CorrectiveActionsSignal, IReadOnlyList<SignalRecord>) CorrectiveActions(FactsAsOf facts, DateOnly day)
    {
        var open = facts.CorrectiveActions.Where(a => a.State.IsOpen).ToList();
        var overdue = open.Where(a => a.State.DueOn < day).Select(a => (Action: a, Age: Age(day, a.State.DueOn))).OrderByDescending(o => o.Age).ToList();
        var records = overdue.Select(o => new SignalRecord("CorrectiveAction", o.Action.Id, o.Action.State.Title,
            $"overdue {o.Age} days (due {Iso(o.Action.State.DueOn)})", o.Action.State.Owner, o.Age)).ToList();
        return (new CorrectiveActionsSignal(open.Count, overdue.Count, overdue.Count == 0 ? null : overdue.Max(o => o.Age)), records);
    }

    // ------------------------------------------------------------------ 5. supplier assurance gaps

    /// <summary>DESIGN.md rule 11: months between assessments per criticality, unless the tenant set its own.</summary>
    public static readonly IReadOnlyDictionary<string, int> DefaultReassessmentMonths =
        new Dictionary<string, int> { ["Low"] = 36, ["Medium"] = 24, ["High"] = 12, ["Critical"] = 6 };

    private static readonly string[] CertificateKinds = ["Iso27001", "Soc2Type1", "Soc2Type2"];

    private static (SupplierGapsSignal, IReadOnlyList<SignalRecord>) SupplierGaps(FactsAsOf facts, DateOnly day)
    {
        var months = facts.SupplierSettings.Count > 0 ? facts.SupplierSettings[0].State.ReassessmentMonths : DefaultReassessmentMonths;
        var assessments = facts.SupplierAssessments.ToLookup(a => a.State.SupplierId);
        var certificates = facts.SupplierCertificates.Where(c => c.State.IsCertificate && CertificateKinds.Contains(c.State.Kind)).ToLookup(c => c.State.SupplierId);
        var byReason = new Dictionary<string, int> { ["NoValidAssessment"] = 0, ["ExpiredCertificate"] = 0, ["UnassessedChange"] = 0 };
        var records = new List<SignalRecord>();
        foreach (var supplier in facts.Suppliers.Where(s => s.State.Status is "Active" or "Offboarding" && s.State.Criticality is "High" or "Critical")
                     .OrderBy(s => s.State.LegalName, StringComparer.Ordinal))
        {
            var reasons = new List<string>();
            var completed = assessments[supplier.Id].ToList();
            var latestValid = completed.Where(a => a.State.CountsAsValid).Select(a => (DateTimeOffset?)a.State.CompletedAt).Max();
            var interval = months.TryGetValue(supplier.State.Criticality, out var m) ? m : DefaultReassessmentMonths[supplier.State.Criticality];
            if (latestValid is null || DateOf(latestValid.Value).AddMonths(interval) < day)
            {
                reasons.Add("NoValidAssessment");
            }

            var latestCompleted = completed.Select(a => (DateTimeOffset?)a.State.CompletedAt).Max();
            if (latestCompleted is not null && supplier.State.LastMaterialChangeAt > latestCompleted)
            {
                reasons.Add("UnassessedChange");
            }

            var heldKinds = certificates[supplier.Id].Where(c => c.State.ValidFrom <= day).GroupBy(c => c.State.Kind);
            if (heldKinds.Any(kind => !kind.Any(c => c.State.ValidFrom <= day && day <= c.State.ValidUntil)))
            {
                reasons.Add("ExpiredCertificate");
            }

            foreach (var reason in reasons)
            {
                byReason[reason]++;
            }

            if (reasons.Count > 0)
            {
                records.Add(new SignalRecord("Supplier", supplier.Id, supplier.State.LegalName,
                    $"{supplier.State.Criticality}: {string.Join(", ", reasons.Select(r => r switch
                    {
                        "NoValidAssessment" => "no valid assessment",
                        "UnassessedChange" => "a material change since the last assessment",
                        _ => "a certificate it held is no longer valid",
                    }))}"));
            }
        }

        return (new SupplierGapsSignal(records.Count, byReason), records);
    }

    // ------------------------------------------------------------------ patterns

    private static IReadOnlyList<SignalRecord> PaperControls(FactsAsOf facts, DateOnly day, IReadOnlyDictionary<Guid, (Freshness State, DateOnly? NewestCoverage)> freshness,
        IReadOnlyList<Dated<FindingFact>> recurringFindings)
    {
        var recurringOn = recurringFindings.Where(f => InDaysBefore(f.State.RaisedOn, day, PaperControlWindowDays)).ToLookup(f => f.State.Reference, StringComparer.Ordinal);
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

            foreach (var finding in recurringOn[control.State.Reference].OrderBy(f => f.State.RaisedOn))
            {
                reasons.Add($"a recurring {finding.State.Kind} finding raised on {Iso(finding.State.RaisedOn)}");
            }

            if (reasons.Count > 0)
            {
                records.Add(new SignalRecord("Control", control.Id, control.State.Reference, string.Join("; ", reasons), control.State.Owner));
            }
        }

        return records;
    }

    public const int AuditWindowDays = 30;
    public const int AuditCentricMinimumEvidence = 10;

    /// <summary>
    /// Audit-centric governance: the share of the year's evidence created in the 30 days before an audit started, against
    /// the share an even spread would put there.
    /// </summary>
    private static IReadOnlyList<SignalRecord>? AuditCentricGovernance(FactsAsOf facts, DateOnly day)
    {
        var audits = facts.Audits.Where(a => a.State.StartedOn is { } s && InDaysBefore(s, day, YearDays)).OrderBy(a => a.State.StartedOn).ToList();
        var window = audits.SelectMany(a => Enumerable.Range(1, AuditWindowDays).Select(n => a.State.StartedOn!.Value.AddDays(-n))).ToHashSet();
        var created = facts.Evidence.Select(e => DateOf(e.State.CollectedAt)).Where(d => InDaysBefore(d, day, YearDays)).ToList();
        if (audits.Count == 0 || created.Count < AuditCentricMinimumEvidence)
        {
            return null;
        }

        var share = (double)created.Count(window.Contains) / created.Count;
        var evenShare = (double)window.Count / YearDays;
        if (share < Math.Max(0.5, 2 * evenShare))
        {
            return null;
        }

        return audits.Select(a =>
        {
            var start = a.State.StartedOn!.Value;
            var before = created.Count(d => d < start && d >= start.AddDays(-AuditWindowDays));
            return new SignalRecord("Audit", a.Id, a.State.Title,
                $"{before} of the year's {created.Count} evidence records were created in the 30 days before it started on {Iso(start)} ({share:P0} of the year's evidence fell before audits)");
        }).ToList();
    }

    /// <summary>An action that shows a treatment decision being carried out (a pattern rather than a list lookup: it runs per action).</summary>
    private static bool IsDecided(string status) => status is "Planned" or "InProgress" or "Done";

    private static IReadOnlyList<SignalRecord>? DetachedRiskRegister(FactsAsOf facts, Register register, DateOnly day, bool describe)
    {
        var endOfDay = day.AddDays(1).StartOfUtcDay();
        var activeMembers = facts.Members
            .Where(m => m.State.Status == MemberStatus.Active && (m.State.AccessEndsAt is null || m.State.AccessEndsAt > endOfDay))
            .Select(m => m.State.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var withDecidedAction = register.Actions.Where(a => IsDecided(a.State.Status)).Select(a => a.State.RiskId).ToHashSet();
        var detached = new List<SignalRecord>();
        var reasons = describe ? new List<string>() : null;
        foreach (var risk in facts.Risks)
        {
            var sinceAssessed = Age(day, DateOf(risk.State.LastAssessedAt));
            reasons?.Clear();
            if (IsDetached(risk.State, sinceAssessed, activeMembers, withDecidedAction.Contains(risk.Id), reasons))
            {
                detached.Add(new SignalRecord("Risk", risk.Id, risk.State.Title, reasons is null ? "" : string.Join("; ", reasons), risk.State.Owner, sinceAssessed));
            }
        }

        // Active at 3 or more detached risks that are at least 20 % of the register (compared in whole numbers).
        if (detached.Count < 3 || detached.Count * 5 < facts.Risks.Count)
        {
            return null;
        }

        if (describe)
        {
            // By title, then id (the order risks come in): only the detached ones, once the pattern is known to be active.
            detached.Sort(static (a, b) => string.CompareOrdinal(a.Label, b.Label) is var byTitle and not 0 ? byTitle : a.Id.CompareTo(b.Id));
        }

        return detached;
    }

    /// <summary>Whether a risk is detached; the reasons are written to <paramref name="reasons"/> when it is given.</summary>
    private static bool IsDetached(RiskFact risk, int sinceAssessed, HashSet<string> activeMembers, bool hasDecidedAction, List<string>? reasons)
    {
        // Plain conditions rather than a helper taking the reason as a lambda: this runs for every risk of the register
        // on every new fact, and each lambda was an allocation.
        var detached = false;
        if (sinceAssessed > DetachedAfterDays)
        {
            detached = true;
            reasons?.Add($"last assessed {sinceAssessed} days ago");
        }

        if (string.IsNullOrWhiteSpace(risk.Owner))
        {
            detached = true;
            reasons?.Add("no owner");
        }
        else if (!activeMembers.Contains(risk.Owner))
        {
            detached = true;
            reasons?.Add($"owner {risk.Owner} is not an active member");
        }

        if (risk.Band is "High" or "Critical" && risk.Decision is null)
        {
            detached = true;
            reasons?.Add($"{risk.Band} residual risk without a treatment decision");
        }
        else if (risk.Decision == "Treat" && !hasDecidedAction)
        {
            detached = true;
            reasons?.Add("decided Treat, but no action is open or done");
        }

        return detached;
    }
}
