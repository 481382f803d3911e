using System.Text.Json;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Reporting.ManagementReviews;
using IsmsCloud.Reporting.Signals;

namespace IsmsCloud.UnitTests.Reporting;

/// <summary>The management review's inputs, carried-forward actions, signal 8, the snapshot's hash and the lock.</summary>
public sealed class ManagementReviewTests
{
    private static readonly DateOnly D = new(2027, 3, 31);
    private static readonly DateOnly Today = new(2027, 6, 1);

    private static DateTimeOffset At(DateOnly day, int hour = 10) => day.StartOfUtcDay().AddHours(hour);

    private static Fact Fact<T>(FactKind kind, Guid id, T payload, DateTimeOffset at, long version = 1) => new()
    {
        Kind = kind, RecordId = id, Version = version, EffectiveAt = at, Data = JsonSerializer.Serialize(payload, FactStore.Json), ReceivedAt = at,
    };

    private static Fact Risk(Guid id, DateOnly created, string band = "High", string? decision = "Treat") =>
        Fact(FactKind.Risk, id, new RiskFact($"Risk {id:N}"[..12], "owner@example.com", band, decision, At(created)), At(created));

    private static Fact Action(Guid id, Guid risk, string status, DateOnly at, DateOnly due, long version = 1) =>
        Fact(FactKind.TreatmentAction, id, new TreatmentActionFact(risk, "Action", "owner@example.com", due, status, null), At(at), version);

    private static TenantFacts Parsed(IEnumerable<Fact> facts) => TenantFacts.Of(facts.Select(ParsedFact.From));

    private static ReviewInputs Inputs(IReadOnlyList<Fact> facts, IReadOnlyList<PriorReview>? earlier = null, SignalsDto? previous = null, DateOnly? day = null)
    {
        var d = day ?? D;
        var parsed = facts.Select(ParsedFact.From).ToList();
        var figures = SignalsService.Compute(TenantFacts.Of(parsed), d, Today).Figures;
        return ReviewInputsBuilder.Build(parsed, d, Today, figures, previous, [figures], earlier ?? [], new FreeTextInputs("Issue", null, null));
    }

    [Fact]
    public void Inputs_are_the_records_in_effect_at_the_end_of_the_review_date()
    {
        var (before, after) = (Guid.NewGuid(), Guid.NewGuid());
        var audit = Guid.NewGuid();
        var facts = new List<Fact>
        {
            Risk(before, D.AddDays(-10), "Critical"),
            Risk(after, D.AddDays(1)),
            Action(Guid.NewGuid(), before, "Planned", D.AddDays(-9), D.AddDays(-2)),
            Action(Guid.NewGuid(), before, "Done", D.AddDays(-5), D.AddDays(5)),
            Fact(FactKind.Audit, audit, new AuditFact("Internal audit", "Internal", D.AddDays(-20)), At(D.AddDays(-20))),
            Fact(FactKind.Audit, Guid.NewGuid(), new AuditFact("Old audit", "Internal", D.AddDays(-400)), At(D.AddDays(-400))),
            Fact(FactKind.Finding, Guid.NewGuid(), new FindingFact(audit, "MinorNonconformity", "A.8.8", "Open", D.AddDays(-19)), At(D.AddDays(-19))),
            Fact(FactKind.Incident, Guid.NewGuid(), new IncidentFact("Phishing", [], [], At(D.AddDays(-30)), At(D.AddDays(-3))), At(D.AddDays(-3))),
            Fact(FactKind.Incident, Guid.NewGuid(), new IncidentFact("Later", [], [], At(D), At(D.AddDays(2))), At(D.AddDays(2))),
        };

        var inputs = Inputs(facts);

        Assert.Equal(D, inputs.AsOf);
        Assert.Equal("recomputed", inputs.Source);
        Assert.Equal(D.AddDays(-365), inputs.PeriodFrom);
        Assert.Equal(1, inputs.RiskTreatment.Risks);
        Assert.Equal(1, inputs.RiskTreatment.ByBand["Critical"]);
        Assert.Equal(1, inputs.RiskTreatment.OpenActions);
        Assert.Equal(1, inputs.RiskTreatment.OverdueActions);
        Assert.Equal(1, inputs.RiskTreatment.ActionsDoneInPeriod);
        Assert.Equal("Internal audit", Assert.Single(inputs.AuditResults.Audits).Title);
        Assert.Equal(1, inputs.AuditResults.OpenNonconformities);
        Assert.Equal("Phishing", Assert.Single(inputs.Incidents.Closed).Title);
        Assert.Equal("Issue", inputs.FreeText.IssueChanges);
        var overdue = Assert.Single(inputs.Signals, s => s.Signal == SignalNames.TreatmentOverdue);
        Assert.Equal(1, overdue.Figures.Single(f => f.Name == "overdueActions").Value);
        Assert.Null(overdue.Figures[0].Change); // no previous review to compare with
    }

    [Fact]
    public void The_change_of_each_figure_is_against_the_previous_reviews_figures()
    {
        var risk = Guid.NewGuid();
        var facts = new List<Fact> { Risk(risk, D.AddDays(-100)), Action(Guid.NewGuid(), risk, "Planned", D.AddDays(-99), D.AddDays(-50)) };
        var previousDay = D.AddDays(-60);
        var previous = SignalsService.Compute(Parsed(facts), previousDay, Today).Figures;
        var prior = new PriorReview(new ReviewRef(Guid.NewGuid(), "Q4", previousDay), []);

        var inputs = Inputs(facts, [prior], previous);

        Assert.Equal(previousDay, inputs.PeriodFrom);
        Assert.Equal("Q4", inputs.PreviousReview!.Title);
        var overdue = inputs.Signals.Single(s => s.Signal == SignalNames.TreatmentOverdue).Figures.Single(f => f.Name == "overdueActions");
        Assert.Equal((1, 0, 1), (overdue.Value, overdue.Previous, overdue.Change));
    }

    [Fact]
    public void Open_actions_of_every_earlier_review_are_carried_forward_and_closed_ones_only_from_the_previous_review()
    {
        var risk = Guid.NewGuid();
        var (oldOpen, oldDone, lastDone, lastMissing, lastOpen) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var facts = new List<Fact>
        {
            Risk(risk, D.AddDays(-300)),
            Action(oldOpen, risk, "InProgress", D.AddDays(-200), D.AddDays(-10)),
            Action(oldDone, risk, "Done", D.AddDays(-150), D.AddDays(-100)),
            Action(lastDone, risk, "Planned", D.AddDays(-80), D.AddDays(10)),
            Action(lastDone, risk, "Done", D.AddDays(-5), D.AddDays(10), version: 2),
            Action(lastOpen, risk, "Planned", D.AddDays(-80), D.AddDays(10)),
            // Done only after the review's date: still open as of D.
            Action(lastOpen, risk, "Done", D.AddDays(3), D.AddDays(10), version: 2),
        };
        ActionRequest Request(Guid id) => new(id, risk, "Risk", "Action", "owner@example.com", D.AddDays(-10));
        var first = new PriorReview(new ReviewRef(Guid.NewGuid(), "First", D.AddDays(-210)), [Request(oldOpen), Request(oldDone)]);
        var last = new PriorReview(new ReviewRef(Guid.NewGuid(), "Last", D.AddDays(-90)), [Request(lastDone), Request(lastMissing), Request(lastOpen)]);

        var actions = Inputs(facts, [last, first]).PreviousActions;

        var byId = actions.ToDictionary(a => a.RequestId);
        Assert.Equal(4, actions.Count);
        Assert.DoesNotContain(oldDone, byId.Keys);
        Assert.True(byId[oldOpen].CarriedForward);
        Assert.Equal("First", byId[oldOpen].Review.Title);
        Assert.Equal(10, byId[oldOpen].OverdueDays);
        Assert.Equal(("Done", false), (byId[lastDone].Status, byId[lastDone].CarriedForward));
        Assert.Equal(("NotCreated", false), (byId[lastMissing].Status, byId[lastMissing].Open));
        Assert.Equal(("Planned", true), (byId[lastOpen].Status, byId[lastOpen].CarriedForward));
        // Computed, not copied: a week later the action closed after D is no longer carried forward.
        Assert.DoesNotContain(Inputs(facts, [last, first], day: D.AddDays(7)).PreviousActions, a => a.RequestId == lastOpen && a.Open);
    }

    [Fact]
    public void Signal_8_counts_the_days_since_the_latest_review_signed_by_the_end_of_the_day()
    {
        var facts = new List<Fact>
        {
            Fact(FactKind.ManagementReview, Guid.NewGuid(), new ManagementReviewFact("Q1", D.AddDays(-100), At(D.AddDays(-98)), new string('a', 64)), At(D.AddDays(-98))),
            Fact(FactKind.ManagementReview, Guid.NewGuid(), new ManagementReviewFact("Q2", D.AddDays(-10), At(D.AddDays(-8)), new string('b', 64)), At(D.AddDays(-8))),
        };

        int? Days(DateOnly day) => SignalsService.Compute(Parsed(facts), day, Today).Figures.DaysSinceManagementReview;

        Assert.Null(Days(D.AddDays(-99)));
        Assert.Equal(2, Days(D.AddDays(-98)));
        Assert.Equal(91, Days(D.AddDays(-9))); // Q2 was held but not signed yet
        Assert.Equal(2, Days(D.AddDays(-8)));
        Assert.Equal(10, Days(D));
        Assert.Null(SignalsService.Compute(TenantFacts.Empty, D, Today).Figures.DaysSinceManagementReview);
    }

    private static ReviewSnapshotContent Content(ReviewInputs inputs) => new(
        Guid.Parse("0193a000-0000-7000-8000-000000000001"), "Q1 review", D, new Person("chair@example.com", "Chair"), [new Person("a@example.com", "A")],
        inputs, [new DecisionRecord(Guid.Parse("0193a000-0000-7000-8000-000000000002"), DecisionKind.Resources, "Hire", [], [], At(D))], [],
        "chair@example.com", At(D, 15));

    [Fact]
    public void The_hash_is_stable_for_equal_inputs_and_changes_with_any_figure()
    {
        var risk = Guid.NewGuid();
        List<Fact> Facts() => [Risk(risk, D.AddDays(-10)), Action(Guid.NewGuid(), risk, "Planned", D.AddDays(-9), D.AddDays(-2))];
        var facts = Facts();

        var first = ReviewSnapshotHash.Canonical(Content(Inputs(facts)));
        var again = ReviewSnapshotHash.Canonical(Content(Inputs(facts.AsEnumerable().Reverse().ToList())));

        Assert.Equal(first, again);
        Assert.Equal(ReviewSnapshotHash.Sha256(first), ReviewSnapshotHash.Sha256(again));
        Assert.Matches("^[0-9a-f]{64}$", ReviewSnapshotHash.Sha256(first));
        // One more overdue action moves a figure, and so the hash.
        var more = ReviewSnapshotHash.Canonical(Content(Inputs([.. facts, Action(Guid.NewGuid(), risk, "Planned", D.AddDays(-9), D.AddDays(-1))])));
        Assert.NotEqual(ReviewSnapshotHash.Sha256(first), ReviewSnapshotHash.Sha256(more));
        // Any field, the free text included.
        var inputs = Inputs(facts);
        Assert.NotEqual(ReviewSnapshotHash.Sha256(first),
            ReviewSnapshotHash.Sha256(ReviewSnapshotHash.Canonical(Content(inputs with { FreeText = inputs.FreeText with { IssueChanges = "Issue." } }))));
        // What is stored reads back to the same canonical text.
        Assert.Equal(first, ReviewSnapshotHash.Canonical(ReviewSnapshotHash.Read(first)));
    }

    [Fact]
    public void The_canonical_json_sorts_members_and_writes_numbers_as_ecmascript_does()
    {
        var canonical = ReviewSnapshotHash.Canonical(Content(Inputs([])));

        using var document = JsonDocument.Parse(canonical);
        var names = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.DoesNotContain("\n", canonical, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"Resources\"", canonical, StringComparison.Ordinal);
        Assert.Equal("{\"a\":1,\"b\":[1e+21,0.5]}", IsmsCloud.BuildingBlocks.Audit.JsonCanonicalizer.Canonicalize("{ \"b\": [1E21, 0.50], \"a\": 1.0 }"));
    }

    [Fact]
    public async Task A_signed_review_and_its_decisions_cannot_be_changed_or_removed()
    {
        var tenant = Guid.NewGuid();
        using var database = new SqliteTestDatabase<ReportingDbContext>((options, t) => new ReportingDbContext(options, t));
        var review = new ManagementReview { Title = "Q1", ReviewDate = D, Chair = "c@example.com", ChairName = "C", CreatedBy = "c@example.com" };
        var open = new ManagementReview { Title = "Q2", ReviewDate = D, Chair = "c@example.com", ChairName = "C", CreatedBy = "c@example.com" };
        using (var db = database.Context(tenant))
        {
            db.ManagementReviews.AddRange(review, open);
            db.ManagementReviewDecisions.Add(new ManagementReviewDecision { ReviewId = review.Id, Summary = "Hire" });
            db.SaveChanges();
            review.Status = ManagementReviewStatus.Signed;
            db.SaveChanges(); // signing is the last change allowed
        }

        using (var db = database.Context(tenant))
        {
            var signed = db.ManagementReviews.Single(r => r.Id == review.Id);
            signed.Title = "Rewritten";
            Assert.Throws<ImmutableRecordException>(() => db.SaveChanges());
        }

        using (var db = database.Context(tenant))
        {
            db.ManagementReviewDecisions.Add(new ManagementReviewDecision { ReviewId = review.Id, Summary = "Added later" });
            Assert.Throws<ImmutableRecordException>(() => db.SaveChanges());
        }

        using (var db = database.Context(tenant))
        {
            db.ManagementReviewDecisions.Remove(db.ManagementReviewDecisions.Single());
            await Assert.ThrowsAsync<ImmutableRecordException>(() => db.SaveChangesAsync());
        }

        using (var db = database.Context(tenant))
        {
            db.ManagementReviews.Remove(db.ManagementReviews.Single(r => r.Id == review.Id));
            Assert.Throws<ImmutableRecordException>(() => db.SaveChanges());
        }

        using (var db = database.Context(tenant))
        {
            // A review not signed stays editable.
            db.ManagementReviews.Single(r => r.Id == open.Id).Title = "Q2 changed";
            db.ManagementReviewDecisions.Add(new ManagementReviewDecision { ReviewId = open.Id, Summary = "Fine" });
            db.SaveChanges();
            Assert.Equal("Q2 changed", db.ManagementReviews.Single(r => r.Id == open.Id).Title);
        }
    }

    [Fact]
    public void The_csv_quotes_cells_and_defuses_formulas()
    {
        Assert.Equal("'=1+1", ReviewCsv.Cell("=1+1"));
        Assert.Equal("\"a,\"\"b\"\"\"", ReviewCsv.Cell("a,\"b\""));
        var review = new ManagementReview { Title = "Q1", ReviewDate = D, Chair = "c@example.com", ChairName = "C", CreatedBy = "c@example.com" };
        var risk = Guid.NewGuid();
        var csv = ReviewCsv.Write(review, [new DecisionRecord(Guid.NewGuid(), DecisionKind.Improvement, "Patch faster", [],
            [new ActionRequest(Guid.NewGuid(), risk, "VPN", "Patch VPN", "o@example.com", D.AddDays(30))], At(D))]);
        var lines = csv.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains("Patch VPN", lines[1], StringComparison.Ordinal);
        Assert.Contains(risk.ToString(), lines[1], StringComparison.Ordinal);
    }
}
