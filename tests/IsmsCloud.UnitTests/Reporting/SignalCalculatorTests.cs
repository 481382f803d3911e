using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.Signals;

namespace IsmsCloud.UnitTests.Reporting;

/// <summary>SIGNALS.md's definitions on small hand-computed cases, the edges included.</summary>
public sealed class SignalCalculatorTests
{
    private static readonly DateOnly D = new(2027, 1, 15);
    private static readonly Guid Control = Guid.NewGuid();
    private static readonly Guid RiskOfException = Guid.NewGuid();

    private static DateTimeOffset At(DateOnly day, int hour = 10) => day.StartOfUtcDay().AddHours(hour);

    private static SignalsDto Figures(FactsAsOf facts, DateOnly? day = null) => SignalCalculator.Compute(facts, day ?? D, SignalSources.Live).Figures;

    private static Dated<T> Record<T>(T state, DateTimeOffset? at = null, Guid? id = null) => new(id ?? Guid.NewGuid(), state, at ?? At(D.AddDays(-400)));

    private static Dated<ControlExceptionFact> Exception(DateOnly firstGranted, DateOnly expiresOn, int renewals = 0,
        ExceptionState state = ExceptionState.Granted, DateOnly? endedOn = null, Guid? control = null, Guid? risk = null) =>
        Record(new ControlExceptionFact(control ?? Control, "A.8.8", risk ?? RiskOfException, At(firstGranted), expiresOn, renewals, state,
            At(endedOn ?? firstGranted)));

    // ------------------------------------------------------------ signal 1

    [Theory]
    [InlineData(30, "0-30")]
    [InlineData(31, "31-90")]
    [InlineData(90, "31-90")]
    [InlineData(91, "91-180")]
    [InlineData(180, "91-180")]
    [InlineData(181, ">180")]
    public void An_open_exception_is_bucketed_by_its_age_in_whole_days(int age, string bucket)
    {
        var figures = Figures(new FactsAsOf { Exceptions = [Exception(D.AddDays(-age), D.AddDays(10))] });

        Assert.Equal(1, figures.Exceptions.Open);
        Assert.Equal(1, figures.Exceptions.ByAge[bucket]);
        Assert.Equal(1, figures.Exceptions.ByAge.Values.Sum());
    }

    [Theory]
    [InlineData(365, 0)]
    [InlineData(366, 1)]
    public void An_exception_is_permanent_past_365_days_since_its_first_grant(int age, int permanent)
    {
        var figures = Figures(new FactsAsOf { Exceptions = [Exception(D.AddDays(-age), D.AddDays(10), renewals: 1)] });

        Assert.Equal(permanent, figures.Exceptions.Permanent);
        Assert.Equal(permanent == 1, figures.Patterns.Any(p => p.Kind == PatternKinds.PermanentExceptions));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    public void An_exception_is_permanent_from_its_second_renewal(int renewals, int permanent)
    {
        var figures = Figures(new FactsAsOf { Exceptions = [Exception(D.AddDays(-40), D.AddDays(10), renewals)] });

        Assert.Equal(permanent, figures.Exceptions.Permanent);
    }

    [Fact]
    public void An_exception_past_its_last_day_and_not_closed_is_expired_not_closed_and_keeps_ageing()
    {
        var lastDay = D.AddDays(-1);
        var figures = Figures(new FactsAsOf { Exceptions = [Exception(D.AddDays(-400), lastDay, state: ExceptionState.Expired, endedOn: D)] });

        Assert.Equal(0, figures.Exceptions.Open);
        Assert.Equal(1, figures.Exceptions.ExpiredNotClosed);
        Assert.Equal(1, figures.Exceptions.Permanent); // age 400 > 365: never frozen at expiry
        // On its last day it is still open.
        Assert.Equal(1, Figures(new FactsAsOf { Exceptions = [Exception(D.AddDays(-10), D)] }).Exceptions.Open);
    }

    [Fact]
    public void A_closed_exception_counts_nowhere()
    {
        var figures = Figures(new FactsAsOf { Exceptions = [Exception(D.AddDays(-400), D.AddDays(5), 3, ExceptionState.Closed, D.AddDays(-1))] });

        Assert.Equal(0, figures.Exceptions.Open + figures.Exceptions.ExpiredNotClosed + figures.Exceptions.Permanent);
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(31, false)]
    public void An_exception_granted_within_30_days_after_another_ended_on_the_same_control_and_risk_continues_it(int gap, bool continues)
    {
        // The first: granted 300 days before D, renewed twice, closed 100 days before D. The second granted `gap` days later.
        var closedOn = D.AddDays(-100);
        var first = Exception(D.AddDays(-300), D.AddDays(-90), renewals: 2, ExceptionState.Closed, closedOn);
        var second = Exception(closedOn.AddDays(gap), D.AddDays(20));

        var figures = Figures(new FactsAsOf { Exceptions = [first, second] });

        Assert.Equal(1, figures.Exceptions.Open);
        Assert.Equal(continues ? 1 : 0, figures.Exceptions.ByAge[">180"]); // age from the first grant: 300 days
        Assert.Equal(continues ? 1 : 0, figures.Exceptions.Permanent);     // and its two renewals
    }

    [Fact]
    public void A_new_exception_on_another_risk_does_not_continue_one()
    {
        var closedOn = D.AddDays(-100);
        var first = Exception(D.AddDays(-300), D.AddDays(-90), renewals: 2, ExceptionState.Closed, closedOn);
        var second = Exception(closedOn.AddDays(5), D.AddDays(20), risk: Guid.NewGuid());

        Assert.Equal(0, Figures(new FactsAsOf { Exceptions = [first, second] }).Exceptions.Permanent);
    }

    [Fact]
    public void An_exception_that_ran_out_ended_the_day_after_its_last_day()
    {
        var lastDay = D.AddDays(-100);
        var ranOut = Exception(D.AddDays(-200), lastDay, renewals: 2, ExceptionState.Expired, lastDay.AddDays(1));
        var within = Exception(lastDay.AddDays(31), D.AddDays(20));    // 30 days after the day it ended
        var lineages = SignalCalculator.Lineages([ranOut, within]);

        Assert.Equal(D.AddDays(-200), lineages[within.Id].FirstGranted);
        Assert.Equal(2, lineages[within.Id].Renewals);
    }

    // ------------------------------------------------------------ signal 2

    private static Dated<RiskFact> Risk(string band = "Medium", string? decision = "Treat", string owner = "owner@example.com", DateOnly? lastAssessed = null) =>
        Record(new RiskFact("Risk " + Guid.NewGuid().ToString()[..4], owner, band, decision, At(lastAssessed ?? D.AddDays(-10))));

    private static Dated<TreatmentActionFact> Action(Dated<RiskFact> risk, DateOnly due, string status = "Planned", Guid? incident = null) =>
        Record(new TreatmentActionFact(risk.Id, "Action", "owner@example.com", due, status, incident));

    [Fact]
    public void Overdue_age_is_per_risk_its_largest_and_the_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        var high = Risk("High");
        var low = Risk("Low");
        var facts = new FactsAsOf
        {
            Risks = [high, low],
            Actions =
            [
                Action(high, D.AddDays(-3)), Action(high, D.AddDays(-10), "InProgress"), // risk age 10
                Action(low, D.AddDays(-5)),                                             // risk age 5
                Action(low, D, "Planned"),                                              // due today: not overdue
                Action(low, D.AddDays(-50), "Done"),                                    // done: not overdue
                Action(low, D.AddDays(-60), "Cancelled"),
            ],
        };

        var overdue = Figures(facts).TreatmentOverdue;

        Assert.Equal(3, overdue.OverdueActions);
        Assert.Equal(2, overdue.OverdueRisks);
        Assert.Equal(7.5, overdue.MedianDays);
        Assert.Equal(10, overdue.MaxDays);
        Assert.Equal(1, overdue.ByBand["High"]);
        Assert.Equal(1, overdue.ByBand["Low"]);
        Assert.Equal(0, overdue.ByBand["Critical"]);
    }

    [Fact]
    public void No_overdue_action_gives_null_median_and_max_and_a_deleted_risk_takes_its_actions_with_it()
    {
        var deletedRisk = Guid.NewGuid();
        var facts = new FactsAsOf { Actions = [Record(new TreatmentActionFact(deletedRisk, "Orphan", "o@example.com", D.AddDays(-9), "Planned", null))] };

        var overdue = Figures(facts).TreatmentOverdue;

        Assert.Equal(0, overdue.OverdueActions);
        Assert.Null(overdue.MedianDays);
        Assert.Null(overdue.MaxDays);
    }

    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_value()
    {
        Assert.Equal(5, SignalCalculator.Median([9, 1, 5]));
        Assert.Equal(2.5, SignalCalculator.Median([2, 3]));
        Assert.Null(SignalCalculator.Median([]));
    }

    // ------------------------------------------------------------ signal 6

    private static Dated<ControlFact> ControlVersion(Guid id, DateTimeOffset at, string status = "Planned", bool? applicable = true, int? cadence = 90, string? owner = "c@example.com") =>
        new(id, new ControlFact("A.5.1", "Policies", applicable, status, owner, cadence), at);

    [Fact]
    public void An_incident_is_traced_by_a_lesson_or_by_a_linked_control_changing_strictly_after_it_occurred_and_by_its_closing()
    {
        var occurred = At(D.AddDays(-20));
        var closed = At(D.AddDays(-5));
        var changedControl = Guid.NewGuid();
        var unchangedControl = Guid.NewGuid();
        var atOccurrence = Guid.NewGuid();
        var risk = Risk();
        var withLesson = Record(new IncidentFact("with lesson", [unchangedControl], [], occurred, closed));
        var byChange = Record(new IncidentFact("control changed", [changedControl], [], occurred, closed));
        var changeAtOccurrence = Record(new IncidentFact("changed at the very moment it occurred", [atOccurrence], [], occurred, closed));
        var noControl = Record(new IncidentFact("no control", [], [], occurred, closed));
        var longAgo = Record(new IncidentFact("closed 365 days ago", [changedControl], [], At(D.AddDays(-400)), At(D.AddDays(-365))));
        var facts = new FactsAsOf
        {
            Risks = [risk],
            Actions = [Action(risk, D.AddDays(10), incident: withLesson.Id)],
            Incidents = [withLesson, byChange, changeAtOccurrence, noControl, longAgo],
            ControlHistory = new Dictionary<Guid, IReadOnlyList<Dated<ControlFact>>>
            {
                [changedControl] = [ControlVersion(changedControl, At(D.AddDays(-100))), ControlVersion(changedControl, closed, "Implemented")],
                [unchangedControl] = [ControlVersion(unchangedControl, At(D.AddDays(-100)))],
                [atOccurrence] = [ControlVersion(atOccurrence, At(D.AddDays(-100))), ControlVersion(atOccurrence, occurred, "Implemented")],
            },
        };

        var traceability = Figures(facts).IncidentTraceability;

        Assert.Equal(4, traceability.Closed);
        Assert.Equal(2, traceability.Traced);
        Assert.Equal(0.5, traceability.Rate);
    }

    [Fact]
    public void A_rate_with_no_cases_is_null()
    {
        var figures = Figures(new FactsAsOf());

        Assert.Null(figures.IncidentTraceability.Rate);
        Assert.Null(figures.FindingRecurrence.Rate);
        Assert.Null(figures.AccessReviews.Completion);
        Assert.Null(figures.DaysSinceManagementReview);
        Assert.Empty(figures.Patterns);
        Assert.False(figures.ConfidenceErosion.Active);
    }

    // ------------------------------------------------------------ signal 7 and paper controls

    private static Dated<EvidenceFact> Evidence(Guid control, DateOnly coversTo) =>
        Record(new EvidenceFact(control, "A.5.1", coversTo.AddDays(-30), coversTo, At(coversTo)));

    [Fact]
    public void Evidence_is_fresh_when_its_newest_coverage_ends_on_or_after_D_minus_the_cadence()
    {
        var (fresh, stale, missing, notApplicable, noCadence, undecided) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var facts = new FactsAsOf
        {
            Controls =
            [
                ControlVersion(fresh, At(D.AddDays(-300))), ControlVersion(stale, At(D.AddDays(-300)), "Implemented"),
                ControlVersion(missing, At(D.AddDays(-300)), "Implemented"), ControlVersion(notApplicable, At(D.AddDays(-300)), applicable: false),
                ControlVersion(noCadence, At(D.AddDays(-300)), "Implemented", cadence: null), ControlVersion(undecided, At(D.AddDays(-300)), applicable: null),
            ],
            Evidence = [Evidence(fresh, D.AddDays(-90)), Evidence(stale, D.AddDays(-91)), Evidence(stale, D.AddDays(-200)), Evidence(noCadence, D.AddDays(-500))],
        };

        var figures = Figures(facts);

        Assert.Equal(new EvidenceFreshnessSignal(3, 1, 1, 1, 2, 1), figures.EvidenceFreshness);
        // Paper controls: the Implemented stale one and the Implemented one without any evidence; not the one without a
        // cadence, which has evidence.
        var paper = Assert.Single(figures.Patterns, p => p.Kind == PatternKinds.PaperControls);
        Assert.Equal(new[] { missing, stale }.Order(), paper.Records.Select(r => r.Id).Order());
    }

    [Fact]
    public void An_implemented_control_that_failed_in_an_incident_closed_in_the_last_90_days_is_a_paper_control()
    {
        var control = Guid.NewGuid();
        var fresh = Evidence(control, D);
        Dated<IncidentFact> ClosedOn(int daysAgo) => Record(new IncidentFact("outage", [control], [], At(D.AddDays(-daysAgo - 5)), At(D.AddDays(-daysAgo))));

        FactsAsOf With(Dated<IncidentFact> incident) => new()
        {
            Controls = [ControlVersion(control, At(D.AddDays(-300)), "Implemented")], Evidence = [fresh], Incidents = [incident],
        };

        Assert.Contains(Figures(With(ClosedOn(89))).Patterns, p => p.Kind == PatternKinds.PaperControls);
        Assert.DoesNotContain(Figures(With(ClosedOn(90))).Patterns, p => p.Kind == PatternKinds.PaperControls);
    }

    // ------------------------------------------------------------ detached risk register

    private static Dated<MemberFact> Member(string email, MemberStatus status = MemberStatus.Active) => Record(new MemberFact(email, status, null));

    [Theory]
    [InlineData(2, 10, false)]  // 2 detached: fewer than 3
    [InlineData(3, 15, true)]   // 3 of 15: exactly 20 %
    [InlineData(3, 16, false)]  // 3 of 16: 18.75 %
    public void The_register_is_detached_from_3_detached_risks_that_are_at_least_20_percent(int detached, int total, bool active)
    {
        var risks = Enumerable.Range(0, total).Select(i => i < detached ? Risk(lastAssessed: D.AddDays(-181)) : Risk(lastAssessed: D.AddDays(-180))).ToList();
        var facts = new FactsAsOf
        {
            Risks = risks,
            Actions = risks.Select(r => Action(r, D.AddDays(30))).ToList(),
            Members = [Member("owner@example.com")],
        };

        Assert.Equal(active, Figures(facts).Patterns.Any(p => p.Kind == PatternKinds.DetachedRiskRegister));
    }

    [Fact]
    public void A_risk_is_detached_by_an_owner_who_is_not_an_active_member_a_High_risk_without_decision_or_Treat_without_an_action()
    {
        var goneOwner = Risk(owner: "left@example.com");
        var undecidedHigh = Risk("High", decision: null);
        var treatWithoutAction = Risk(decision: "Treat");
        var cancelledOnly = Risk(decision: "Treat");
        var fine = Risk(decision: "Accept");
        var facts = new FactsAsOf
        {
            Risks = [goneOwner, undecidedHigh, treatWithoutAction, cancelledOnly, fine],
            Actions = [Action(goneOwner, D.AddDays(5)), Action(cancelledOnly, D.AddDays(5), "Cancelled")],
            Members = [Member("owner@example.com"), Member("left@example.com", MemberStatus.Removed)],
        };

        var detached = Assert.Single(Figures(facts).Patterns, p => p.Kind == PatternKinds.DetachedRiskRegister);

        Assert.Equal(new[] { goneOwner.Id, undecidedHigh.Id, treatWithoutAction.Id, cancelledOnly.Id }.Order(), detached.Records.Select(r => r.Id).Order());
    }

    // ------------------------------------------------------------ confidence erosion

    [Fact]
    public void Confidence_erodes_when_a_certificate_is_valid_while_two_patterns_are_active()
    {
        var risks = Enumerable.Range(0, 3).Select(_ => Risk(lastAssessed: D.AddDays(-200))).ToList();
        var certificate = Record(new CertificateFact("ISO/IEC 27001:2022", "Active", D.AddYears(-1), D));
        var facts = new FactsAsOf
        {
            Risks = risks, Actions = risks.Select(r => Action(r, D.AddDays(30))).ToList(), Members = [Member("owner@example.com")],
            Exceptions = [Exception(D.AddDays(-40), D.AddDays(10), renewals: 2)],
            Certificates = [certificate],
        };

        var erosion = Figures(facts).ConfidenceErosion;
        var dayAfterExpiry = Figures(facts, D.AddDays(1)).ConfidenceErosion;

        Assert.Equal(new ConfidenceErosionDto(true, true, 2), erosion);
        Assert.Equal(new ConfidenceErosionDto(false, false, 2), dayAfterExpiry);
    }

    // ------------------------------------------------------------ signal 3

    private static Dated<FindingFact> Finding(Guid audit, DateOnly raised, string reference = "A.8.8", string kind = "MinorNonconformity", string status = "Open") =>
        Record(new FindingFact(audit, kind, reference, status, raised));

    [Theory]
    [InlineData(729, 1)]
    [InlineData(730, 0)]
    [InlineData(731, 0)]
    public void A_finding_recurs_when_the_same_reference_was_raised_in_another_audit_in_the_730_days_before_it(int daysBefore, int recurring)
    {
        var earlier = Finding(Guid.NewGuid(), D.AddDays(-10 - daysBefore));
        var now = Finding(Guid.NewGuid(), D.AddDays(-10));

        var recurrence = Figures(new FactsAsOf { Findings = [earlier, now] }).FindingRecurrence;

        Assert.Equal(1, recurrence.Findings); // the earlier one is outside the year
        Assert.Equal(recurring, recurrence.Recurring);
        Assert.Equal(recurring, recurrence.Rate);
    }

    [Fact]
    public void The_same_audit_twice_an_opportunity_for_improvement_a_withdrawn_finding_or_another_reference_is_no_recurrence()
    {
        var audit = Guid.NewGuid();
        var facts = new FactsAsOf
        {
            Findings =
            [
                Finding(audit, D.AddDays(-100)), Finding(audit, D.AddDays(-50)),                                  // same audit
                Finding(Guid.NewGuid(), D.AddDays(-40), "9.2.1", kind: "OpportunityForImprovement"), Finding(Guid.NewGuid(), D.AddDays(-20), "9.2.1", kind: "OpportunityForImprovement"),
                Finding(Guid.NewGuid(), D.AddDays(-40), "5.1", status: "Withdrawn"), Finding(Guid.NewGuid(), D.AddDays(-20), "5.1"),
                Finding(Guid.NewGuid(), D.AddDays(-40), "A.5.1"), Finding(Guid.NewGuid(), D.AddDays(-20), "a.5.1"),  // stored forms differ
            ],
        };

        var recurrence = Figures(facts).FindingRecurrence;

        Assert.Equal(5, recurrence.Findings);
        Assert.Equal(0, recurrence.Recurring);
        Assert.Equal(0.0, recurrence.Rate);
    }

    [Fact]
    public void An_implemented_control_whose_reference_carries_a_recurring_finding_raised_in_the_last_90_days_is_a_paper_control()
    {
        var control = Guid.NewGuid();
        var facts = new FactsAsOf
        {
            Controls = [new Dated<ControlFact>(control, new ControlFact("A.8.8", "Vulnerabilities", true, "Implemented", null, 90), At(D.AddDays(-300)))],
            Evidence = [Evidence(control, D)],
            Findings = [Finding(Guid.NewGuid(), D.AddDays(-400)), Finding(Guid.NewGuid(), D.AddDays(-89))],
        };

        var paper = Assert.Single(Figures(facts).Patterns, p => p.Kind == PatternKinds.PaperControls);
        Assert.Contains("recurring", Assert.Single(paper.Records).Reason, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------ signals 4 and 9

    private static Dated<AccessReviewFact> Campaign(string status, DateOnly due, int items) => Record(new AccessReviewFact("Payroll", status, due, items));

    [Fact]
    public void Access_review_completion_counts_open_and_closed_campaigns_due_in_the_year_and_ignores_drafts()
    {
        var open = Campaign("Open", D.AddDays(-3), 4);
        var closed = Campaign("Closed", D.AddDays(-200), 2);
        var old = Campaign("Open", D.AddDays(-365), 10);      // due 365 days ago: outside the year, still overdue
        var draft = Campaign("Draft", D.AddDays(-3), 50);
        var cancelled = Campaign("Cancelled", D.AddDays(-3), 50);
        Dated<AccessReviewItemFact> Item(Dated<AccessReviewFact> c, string? decision, bool verified = false) => Record(new AccessReviewItemFact(c.Id, decision, verified));
        var facts = new FactsAsOf
        {
            AccessReviews = [open, closed, old, draft, cancelled],
            AccessReviewItems =
            [
                Item(open, "Keep"), Item(open, "Revoke"), Item(open, null), Item(closed, "Modify", verified: true), Item(closed, "Keep"),
                Item(old, "Revoke"), Item(draft, "Revoke"), Item(cancelled, "Revoke"),
            ],
        };

        var reviews = Figures(facts).AccessReviews;

        Assert.Equal(new AccessReviewsSignal(2, 6, 4, 4 / 6.0, 2, 2), reviews);
        Assert.Null(Figures(new FactsAsOf { AccessReviews = [draft] }).AccessReviews.Completion);
    }

    [Fact]
    public void Corrective_actions_are_open_overdue_with_their_largest_overdue_age()
    {
        CorrectiveActionFact Action(DateOnly due, bool open) => new(Guid.NewGuid(), "Fix", "o@example.com", due, open ? "Open" : "Closed", open);
        var facts = new FactsAsOf
        {
            CorrectiveActions = [Record(Action(D.AddDays(-7), true)), Record(Action(D, true)), Record(Action(D.AddDays(-40), false))],
        };

        Assert.Equal(new CorrectiveActionsSignal(2, 1, 7), Figures(facts).CorrectiveActions);
    }

    // ------------------------------------------------------------ audit-centric governance

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    public void Governance_is_audit_centric_when_at_least_half_of_10_or_more_evidence_records_came_just_before_an_audit(int evidence, bool active)
    {
        var start = D.AddDays(-100);
        var control = Guid.NewGuid();
        // All but one created in the 30 days before the audit started; one elsewhere in the year.
        var records = Enumerable.Range(0, evidence - 1).Select(i => Record(new EvidenceFact(control, "A.5.1", start.AddDays(-60), start.AddDays(-1), At(start.AddDays(-1 - (i % 30))))))
            .Append(Record(new EvidenceFact(control, "A.5.1", D.AddDays(-20), D.AddDays(-10), At(D.AddDays(-10))))).ToList();
        var facts = new FactsAsOf { Audits = [Record(new AuditFact("Internal audit 2027", "Internal", start))], Evidence = records };

        var pattern = Figures(facts).Patterns.SingleOrDefault(p => p.Kind == PatternKinds.AuditCentricGovernance);

        Assert.Equal(active, pattern is not null);
    }

    [Fact]
    public void Evidence_spread_evenly_over_the_year_is_not_audit_centric()
    {
        var control = Guid.NewGuid();
        var evidence = Enumerable.Range(0, 24).Select(i => Record(new EvidenceFact(control, "A.5.1", D.AddDays(-15 * i - 10), D.AddDays(-15 * i), At(D.AddDays(-15 * i))))).ToList();
        var facts = new FactsAsOf { Audits = [Record(new AuditFact("Surveillance", "Surveillance", D.AddDays(-50)))], Evidence = evidence };

        Assert.DoesNotContain(Figures(facts).Patterns, p => p.Kind == PatternKinds.AuditCentricGovernance);
    }

    // ------------------------------------------------------------ signal 5

    private static Dated<SupplierFact> Supplier(string criticality = "Critical", string status = "Active", DateTimeOffset? materialChange = null) =>
        Record(new SupplierFact($"Supplier {Guid.NewGuid():N}"[..14], criticality, status, materialChange));

    private static Dated<SupplierAssessmentFact> Assessed(Dated<SupplierFact> supplier, DateOnly on, string result = "Approved") =>
        Record(new SupplierAssessmentFact(supplier.Id, result, result is "Approved" or "ApprovedWithConditions", At(on)));

    [Fact]
    public void A_high_or_critical_supplier_has_no_valid_assessment_once_its_interval_has_passed_since_the_last_approval()
    {
        var fresh = Supplier();                  // Critical: 6 months
        var lapsed = Supplier();
        var rejectedOnly = Supplier("High");
        var medium = Supplier("Medium");         // not counted at all
        var ended = Supplier(status: "Ended");
        var facts = new FactsAsOf
        {
            Suppliers = [fresh, lapsed, rejectedOnly, medium, ended],
            SupplierAssessments = [Assessed(fresh, D.AddMonths(-6)), Assessed(lapsed, D.AddMonths(-6).AddDays(-1)), Assessed(rejectedOnly, D.AddDays(-5), "Rejected")],
        };

        var gaps = Figures(facts).SupplierGaps;

        Assert.Equal(2, gaps.Suppliers);
        Assert.Equal(2, gaps.ByReason["NoValidAssessment"]);
        Assert.Equal(0, gaps.ByReason["UnassessedChange"]);
    }

    [Fact]
    public void A_material_change_after_the_last_assessment_is_an_unassessed_change_only_and_an_expired_certificate_of_a_held_kind_is_a_gap()
    {
        var changed = Supplier(materialChange: At(D.AddDays(-2)));
        var certified = Supplier();
        var facts = new FactsAsOf
        {
            Suppliers = [changed, certified],
            SupplierAssessments = [Assessed(changed, D.AddDays(-30)), Assessed(certified, D.AddDays(-30))],
            SupplierCertificates =
            [
                Record(new SupplierCertificateFact(certified.Id, "Iso27001", true, D.AddYears(-3), D.AddDays(-1))),
                Record(new SupplierCertificateFact(certified.Id, "Soc2Type2", true, D.AddYears(-1), D)),      // valid on its last day
                Record(new SupplierCertificateFact(changed.Id, "Dpa", false, D.AddYears(-3), D.AddDays(-100))), // an agreement, not counted
            ],
        };

        var gaps = Figures(facts).SupplierGaps;

        Assert.Equal(new Dictionary<string, int> { ["NoValidAssessment"] = 0, ["ExpiredCertificate"] = 1, ["UnassessedChange"] = 1 }, gaps.ByReason);
        Assert.Equal(2, gaps.Suppliers);
        // A renewed ISO certificate closes the gap.
        var renewed = facts with { SupplierCertificates = [.. facts.SupplierCertificates, Record(new SupplierCertificateFact(certified.Id, "Iso27001", true, D.AddDays(-1), D.AddYears(3)))] };
        Assert.Equal(0, Figures(renewed).SupplierGaps.ByReason["ExpiredCertificate"]);
    }

    // ------------------------------------------------------------ facts as of a day

    // Through the stored form (JSON) and back, as the facts are read.
    private static ParsedFact Version<T>(FactKind kind, Guid id, long version, DateTimeOffset at, T? state) where T : class => ParsedFact.From(new Fact
    {
        Kind = kind, RecordId = id, Version = version, EffectiveAt = at, Deleted = state is null,
        Data = state is null ? "" : System.Text.Json.JsonSerializer.Serialize(state, FactStore.Json),
    });

    [Fact]
    public void A_past_day_reads_the_version_in_effect_at_its_end_and_today_reads_the_newest_and_a_deletion_removes_the_record()
    {
        var risk = Guid.NewGuid();
        var deleted = Guid.NewGuid();
        var today = D;
        ParsedFact[] facts =
        [
            Version(FactKind.Risk, risk, 1, At(D.AddDays(-10)), new RiskFact("v1", "o@example.com", "Low", null, At(D.AddDays(-10)))),
            Version(FactKind.Risk, risk, 2, At(D.AddDays(-3), 23), new RiskFact("v2", "o@example.com", "High", null, At(D.AddDays(-3)))),
            Version(FactKind.Risk, deleted, 1, At(D.AddDays(-10)), new RiskFact("gone", "o@example.com", "Low", null, At(D.AddDays(-10)))),
            Version<RiskFact>(FactKind.Risk, deleted, 2, At(D.AddDays(-2)), null),
        ];

        var fourDaysAgo = FactsAsOf.From(facts, D.AddDays(-4), today);
        var threeDaysAgo = FactsAsOf.From(facts, D.AddDays(-3), today);
        var now = FactsAsOf.From(facts, today, today);

        Assert.Equal(["gone", "v1"], fourDaysAgo.Risks.Select(r => r.State.Title).Order());
        Assert.Equal("v2", threeDaysAgo.Risks.Single(r => r.Id == risk).State.Title);
        Assert.Equal(["v2"], now.Risks.Select(r => r.State.Title));
    }

    [Fact]
    public void Each_day_in_one_pass_gives_the_same_records_as_each_day_computed_alone()
    {
        var risk = Guid.NewGuid();
        var control = Guid.NewGuid();
        var action = Guid.NewGuid();
        ParsedFact[] facts =
        [
            Version(FactKind.Control, control, 2, At(D.AddDays(-4), 8), new ControlFact("A.8.8", "Vulnerabilities", true, "Implemented", null, 30)),
            Version(FactKind.Risk, risk, 1, At(D.AddDays(-6)), new RiskFact("v1", "o@example.com", "Low", null, At(D.AddDays(-6)))),
            Version(FactKind.Control, control, 1, At(D.AddDays(-6)), new ControlFact("A.8.8", "Vulnerabilities", null, "NotImplemented", null, null)),
            Version(FactKind.TreatmentAction, action, 1, At(D.AddDays(-5)), new TreatmentActionFact(risk, "Patch", "o@example.com", D.AddDays(-3), "Planned", null)),
            Version<TreatmentActionFact>(FactKind.TreatmentAction, action, 2, At(D.AddDays(-2)), null),
            Version(FactKind.Risk, risk, 2, At(D.AddDays(-1), 23), new RiskFact("v2", "o@example.com", "High", "Treat", At(D.AddDays(-1)))),
        ];
        DateOnly[] days = [D.AddDays(-7), D.AddDays(-6), D.AddDays(-4), D.AddDays(-3), D.AddDays(-2), D.AddDays(-1), D];

        foreach (var (day, inEffect) in FactsAsOf.EachDay(facts, days, today: D))
        {
            var alone = FactsAsOf.From(facts, day, D);
            Assert.Equal(Describe(alone), Describe(inEffect));
        }

        static string Describe(FactsAsOf f) => System.Text.Json.JsonSerializer.Serialize(new
        {
            risks = f.Risks, actions = f.Actions, controls = f.Controls,
            history = f.ControlHistory.OrderBy(h => h.Key).Select(h => h.Value),
        });
    }

    [Fact]
    public void The_figures_as_get_signals_answers_them_are_the_full_figures_with_the_same_pattern_records_and_no_drill_down()
    {
        var facts = SweepScenario();
        var asOf = FactsAsOf.From(facts, D, D);

        var full = SignalCalculator.Compute(asOf, D, SignalSources.Live, SignalDetail.Records);
        var answered = SignalCalculator.Compute(asOf, D, SignalSources.Live, SignalDetail.Patterns);

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(full.Figures), System.Text.Json.JsonSerializer.Serialize(answered.Figures));
        Assert.Contains(answered.Figures.Patterns, p => p.Records.Any(r => r.Reason.Length > 0));
        Assert.Empty(answered.Records);
        Assert.NotEmpty(full.Records[SignalNames.TreatmentOverdue]);
    }

    [Fact]
    public void A_rebuild_cut_into_sweeps_gives_each_day_the_figures_it_has_computed_alone()
    {
        var facts = SweepScenario();
        var days = Enumerable.Range(1, 90).Select(n => D.AddDays(-n)).ToList();

        var swept = SignalsService.Recompute(TenantFacts.Of(facts), days, today: D, CancellationToken.None);

        Assert.Equal(days.Order(), swept.Select(f => f.AsOf));
        foreach (var figures in swept)
        {
            var alone = SignalsService.WithoutRecords(SignalCalculator.Compute(FactsAsOf.From(facts, figures.AsOf, D), figures.AsOf, SignalSources.Recomputed).Figures);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(alone), System.Text.Json.JsonSerializer.Serialize(figures));
        }

        Assert.Contains(swept, f => f.TreatmentOverdue.OverdueActions > 0);
        Assert.Contains(swept, f => f.Patterns.Any(p => p.Kind == PatternKinds.PermanentExceptions));
        Assert.Contains(swept, f => f.Patterns.Any(p => p.Kind == PatternKinds.DetachedRiskRegister));
        Assert.Contains(swept, f => f.Exceptions.ExpiredNotClosed > 0);
    }

    private static List<ParsedFact> SweepScenario()
    {
        // 90 days of risks reassessed, actions falling due and done: enough days for every core to get a sweep.
        var facts = new List<ParsedFact>();
        for (var i = 0; i < 30; i++)
        {
            var risk = Guid.NewGuid();
            var action = Guid.NewGuid();
            facts.Add(Version(FactKind.Risk, risk, 1, At(D.AddDays(-120 + i)), new RiskFact($"r{i}", "o@example.com", "High", "Treat", At(D.AddDays(-120 + i)))));
            facts.Add(Version(FactKind.TreatmentAction, action, 1, At(D.AddDays(-100 + i)), new TreatmentActionFact(risk, "Fix", "o@example.com", D.AddDays(-80 + 2 * i), "Planned", null)));
            if (i % 3 == 0)
            {
                facts.Add(Version(FactKind.TreatmentAction, action, 2, At(D.AddDays(-40 + i)), new TreatmentActionFact(risk, "Fix", "o@example.com", D.AddDays(-80 + 2 * i), "Completed", null)));
            }
        }

        // Exceptions renewed twice (permanent) and one running out: the permanent-exceptions pattern from day 70 back.
        for (var i = 0; i < 4; i++)
        {
            var granted = At(D.AddDays(-70 - i));
            facts.Add(Version(FactKind.ControlException, Guid.NewGuid(), 1, granted,
                new ControlExceptionFact(Guid.NewGuid(), $"A.5.{i}", Guid.NewGuid(), granted, D.AddDays(-30 + 20 * i), i == 0 ? 0 : 2, ExceptionState.Granted, granted)));
        }

        return facts;
    }

    [Fact]
    public void Past_days_computed_once_are_kept_by_a_grown_set_only_before_the_new_facts_day()
    {
        var risk = Guid.NewGuid();
        var facts = TenantFacts.Of([Version(FactKind.Risk, risk, 1, At(D.AddDays(-40)), new RiskFact("r", "o@example.com", "High", "Treat", At(D.AddDays(-40))))]);
        var days = Enumerable.Range(1, 30).Select(n => D.AddDays(-n)).ToList();
        SignalsService.Recompute(facts, days, today: D, CancellationToken.None);

        // An action recorded late, effective ten days ago: the days from then on change, the days before do not.
        var late = Version(FactKind.TreatmentAction, Guid.NewGuid(), 1, At(D.AddDays(-10)), new TreatmentActionFact(risk, "Fix", "o@example.com", D.AddDays(-20), "Planned", null));
        var grown = facts.With(late);

        Assert.True(grown.TryGetPast(D.AddDays(-11), out _));
        Assert.False(grown.TryGetPast(D.AddDays(-10), out _));
        Assert.False(grown.TryGetPast(D.AddDays(-1), out _));
        var after = SignalsService.Recompute(grown, days, today: D, CancellationToken.None);
        Assert.Equal(0, after.Single(f => f.AsOf == D.AddDays(-11)).TreatmentOverdue.OverdueActions);
        Assert.Equal(1, after.Single(f => f.AsOf == D.AddDays(-10)).TreatmentOverdue.OverdueActions);
        Assert.Equal(1, after.Single(f => f.AsOf == D.AddDays(-1)).TreatmentOverdue.OverdueActions);
    }
}
