using IsmsCloud.Contracts;
using IsmsCloud.Risk.Acceptance;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Risks;
using IsmsCloud.Risk.Settings;
using IsmsCloud.Risk.Treatment;
using RiskEntity = IsmsCloud.Risk.Risks.Risk;

namespace IsmsCloud.UnitTests.Risk;

/// <summary>Rules 1–3: assessment history, overdue age, acceptance and the status that follows from them.</summary>
public sealed class RiskRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private static readonly RiskSettings Defaults = new();

    internal static RiskEntity NewRisk(int residualL, int residualI, string owner = "owner@acme.example")
    {
        var risk = new RiskEntity { Title = "Laptop theft", Owner = owner, CreatedAt = Now };
        risk.Assess(new RiskScore(5, 5), new RiskScore(residualL, residualI), "creator@acme.example", Now, null, 180);
        return risk;
    }

    private static Actor Person(string email, params string[] roles) => new(email, email, roles);

    [Fact]
    public void Every_score_change_is_kept_with_who_when_before_after_and_why()
    {
        var risk = NewRisk(3, 3);
        var later = Now.AddDays(10);

        var entry = risk.Assess(new RiskScore(5, 5), new RiskScore(2, 3), "manager@acme.example", later, "Disk encryption rolled out", 180);

        Assert.NotNull(entry);
        Assert.Equal((25, 9, 25, 6), (entry.InherentBefore!.Value, entry.ResidualBefore!.Value, entry.InherentAfter, entry.ResidualAfter));
        Assert.Equal((3, 3, 2, 3), (entry.ResidualLikelihoodBefore!.Value, entry.ResidualImpactBefore!.Value, entry.ResidualLikelihoodAfter, entry.ResidualImpactAfter));
        Assert.Equal("manager@acme.example", entry.AssessedBy);
        Assert.Equal(later, entry.AssessedAt);
        Assert.Equal("Disk encryption rolled out", entry.Rationale);
        Assert.Equal(DateOnly.FromDateTime(later.UtcDateTime).AddDays(180), risk.NextReviewOn);
    }

    [Fact]
    public void The_first_assessment_has_no_before_and_an_unchanged_save_records_nothing()
    {
        var risk = new RiskEntity { Title = "T", Owner = "o@x.example" };
        var first = risk.Assess(new RiskScore(4, 4), new RiskScore(2, 2), "a@x.example", Now, null, 90)!;
        Assert.Null(first.InherentBefore);
        Assert.Null(first.ResidualBefore);

        Assert.Null(risk.Assess(new RiskScore(4, 4), new RiskScore(2, 2), "a@x.example", Now.AddDays(1), null, 90));
        // A review that confirms the scores, with a reason, is recorded and moves the next review.
        var confirmed = risk.Assess(new RiskScore(4, 4), new RiskScore(2, 2), "a@x.example", Now.AddDays(2), "Reviewed, unchanged", 90);
        Assert.NotNull(confirmed);
        Assert.Equal(Today.AddDays(92), risk.NextReviewOn);
    }

    [Theory]
    [InlineData(TreatmentActionStatus.Planned, -3, 3)]
    [InlineData(TreatmentActionStatus.InProgress, -1, 1)]
    [InlineData(TreatmentActionStatus.Planned, 0, 0)]
    [InlineData(TreatmentActionStatus.Planned, 5, 0)]
    [InlineData(TreatmentActionStatus.Done, -30, 0)]
    [InlineData(TreatmentActionStatus.Cancelled, -30, 0)]
    public void Overdue_age_is_days_past_due_for_open_actions_only(TreatmentActionStatus status, int dueInDays, int expected)
    {
        var action = new TreatmentAction { Title = "Encrypt disks", Owner = "o@x.example", DueOn = Today.AddDays(dueInDays), Status = status };

        Assert.Equal(expected, action.OverdueDays(Today));
    }

    [Fact]
    public void A_risks_overdue_age_is_the_largest_of_its_open_actions()
    {
        TreatmentAction Action(int due, TreatmentActionStatus status = TreatmentActionStatus.Planned) =>
            new() { Title = "A", Owner = "o@x.example", DueOn = Today.AddDays(due), Status = status };

        Assert.Equal(12, OverdueAge.OfRisk([Action(-3), Action(-12), Action(4), Action(-40, TreatmentActionStatus.Done)], Today));
        Assert.Equal(0, OverdueAge.OfRisk([], Today));
        Assert.Equal(12, OverdueAge.OfRisk(Today.AddDays(-12), Today));
        Assert.Equal(0, OverdueAge.OfRisk((DateOnly?)null, Today));
    }

    [Fact]
    public void Accept_within_appetite_needs_no_acceptance_but_above_it_waits_for_one()
    {
        var within = NewRisk(3, 3); // 9 = default appetite
        within.Decide(TreatmentDecision.Accept, Now);
        within.RefreshStatus(Defaults.RiskAppetite, Today);
        Assert.Equal(RiskStatus.Accepted, within.Status);

        var above = NewRisk(2, 5); // 10
        above.Decide(TreatmentDecision.Accept, Now);
        above.RefreshStatus(Defaults.RiskAppetite, Today);
        Assert.Equal(RiskStatus.AcceptancePending, above.Status);

        above.Acceptances.Add(new RiskAcceptance { RiskId = above.Id, AcceptedResidualScore = 10, Rationale = "r", ApprovedBy = "approver@acme.example", ExpiresOn = Today.AddMonths(6) });
        above.RefreshStatus(Defaults.RiskAppetite, Today);
        Assert.Equal(RiskStatus.Accepted, above.Status);

        // The acceptance covers the score it was granted for: a worse residual is not accepted.
        above.Assess(new RiskScore(5, 5), new RiskScore(3, 5), "o", Now, "worse", 180);
        above.RefreshStatus(Defaults.RiskAppetite, Today);
        Assert.Equal(RiskStatus.AcceptancePending, above.Status);
    }

    [Fact]
    public void An_acceptance_past_its_last_day_no_longer_covers_and_reopening_clears_the_decision()
    {
        var acceptance = new RiskAcceptance { AcceptedResidualScore = 12, Rationale = "r", ApprovedBy = "a", ExpiresOn = Today };
        Assert.True(acceptance.Covers(12, Today));
        Assert.False(acceptance.Covers(12, Today.AddDays(1)));

        var risk = NewRisk(3, 4);
        risk.Decide(TreatmentDecision.Accept, Now);
        risk.Reopen(Now);
        Assert.Null(risk.Decision);
        Assert.Equal(RiskStatus.Open, risk.Status);
        Assert.Equal(RiskStatus.InTreatment, RiskStatusRule.Evaluate(TreatmentDecision.Transfer, 25, 9, [], Today));
    }

    [Fact]
    public void A_score_change_needs_a_rationale_but_an_unchanged_score_does_not()
    {
        var risk = NewRisk(3, 3);

        Assert.True(risk.CheckReassessment(new RiskScore(5, 5), new RiskScore(2, 3), null).Errors.ContainsKey("rationale"));
        Assert.True(risk.CheckReassessment(new RiskScore(4, 5), new RiskScore(3, 3), "   ").Errors.ContainsKey("rationale"));
        Assert.True(risk.CheckReassessment(new RiskScore(5, 5), new RiskScore(2, 3), "Disk encryption rolled out").IsAllowed);
        Assert.True(risk.CheckReassessment(new RiskScore(5, 5), new RiskScore(3, 3), null).IsAllowed);
    }

    [Fact]
    public void Only_an_active_acceptance_is_revoked_and_then_it_covers_nothing()
    {
        var acceptance = new RiskAcceptance { AcceptedResidualScore = 12, Rationale = "r", ApprovedBy = "a", ExpiresOn = Today.AddMonths(3) };
        Assert.True(acceptance.CheckRevoke().IsAllowed);

        acceptance.Revoke(Now);

        Assert.Equal((AcceptanceStatus.Revoked, Now), (acceptance.Status, acceptance.EndedAt!.Value));
        Assert.False(acceptance.Covers(12, Today));
        Assert.True(acceptance.CheckRevoke().Errors.ContainsKey("status"));
    }

    [Fact]
    public void The_role_groupings_decide_what_an_actor_may_do()
    {
        Assert.True(Person("a@x.example", IsmsRoles.TenantAdmin) is { IsManager: true, CanContribute: true, CanApprove: true });
        Assert.True(Person("m@x.example", IsmsRoles.IsmsManager) is { IsManager: true, CanContribute: true, CanApprove: false });
        Assert.True(Person("c@x.example", IsmsRoles.ControlOwner) is { IsManager: false, CanContribute: true, CanApprove: false });
        Assert.True(Person("p@x.example", IsmsRoles.Approver) is { IsManager: false, CanContribute: false, CanApprove: true });
        Assert.True(Person("v@x.example", IsmsRoles.Viewer, IsmsRoles.Auditor) is { IsManager: false, CanContribute: false, CanApprove: false });
    }

    [Fact]
    public void The_risk_owner_cannot_accept_their_own_risk()
    {
        var risk = NewRisk(3, 4, owner: "owner@acme.example");
        risk.Decide(TreatmentDecision.Accept, Now);
        var ownerWhoApproves = Person("owner@acme.example", IsmsRoles.Approver, IsmsRoles.RiskOwner);

        var check = AcceptanceRules.Check(risk, ownerWhoApproves, Today.AddMonths(3), Today, Defaults);

        Assert.Contains("segregation of duties", check.ForbiddenBecause, StringComparison.Ordinal);
        Assert.True(AcceptanceRules.Check(risk, Person("approver@acme.example", IsmsRoles.Approver), Today.AddMonths(3), Today, Defaults).IsAllowed);
        Assert.True(AcceptanceRules.Check(risk, Person("admin@acme.example", IsmsRoles.TenantAdmin), Today.AddMonths(3), Today, Defaults).IsAllowed);
    }

    [Fact]
    public void Only_approvers_and_tenant_admins_accept_and_only_for_at_most_twelve_months()
    {
        var risk = NewRisk(4, 4);
        risk.Decide(TreatmentDecision.Accept, Now);
        var approver = Person("approver@acme.example", IsmsRoles.Approver);

        Assert.True(AcceptanceRules.Check(risk, Person("manager@acme.example", IsmsRoles.IsmsManager), Today.AddMonths(3), Today, Defaults).IsForbidden);
        Assert.True(AcceptanceRules.Check(risk, approver, Today.AddMonths(12), Today, Defaults).IsAllowed);
        Assert.True(AcceptanceRules.Check(risk, approver, Today.AddMonths(12).AddDays(1), Today, Defaults).Errors.ContainsKey("expiresOn"));
        Assert.True(AcceptanceRules.Check(risk, approver, Today, Today, Defaults).Errors.ContainsKey("expiresOn"));
        var stricter = new RiskSettings { MaxAcceptanceMonths = 6 };
        Assert.True(AcceptanceRules.Check(risk, approver, Today.AddMonths(7), Today, stricter).Errors.ContainsKey("expiresOn"));
    }

    [Fact]
    public void Acceptance_is_only_for_an_accept_decision_above_appetite()
    {
        var approver = Person("approver@acme.example", IsmsRoles.Approver);
        var treated = NewRisk(4, 4);
        treated.Decide(TreatmentDecision.Treat, Now);
        Assert.True(AcceptanceRules.Check(treated, approver, Today.AddMonths(1), Today, Defaults).Errors.ContainsKey("decision"));

        var low = NewRisk(2, 2);
        low.Decide(TreatmentDecision.Accept, Now);
        Assert.True(AcceptanceRules.Check(low, approver, Today.AddMonths(1), Today, Defaults).Errors.ContainsKey("residualScore"));
        Assert.True(AcceptanceRules.Check(low, approver, Today.AddMonths(1), Today, new RiskSettings { RiskAppetite = 3 }).IsAllowed);
    }

    [Fact]
    public void Owners_edit_what_they_own_and_managers_everything()
    {
        var owner = Person("Owner@Acme.example".ToLowerInvariant(), IsmsRoles.RiskOwner);
        Assert.True(owner.CanEditOwned("owner@acme.example", IsmsRoles.RiskOwner));
        Assert.False(owner.CanEditOwned("someone@acme.example", IsmsRoles.RiskOwner));
        Assert.False(owner.CanEditOwned("owner@acme.example", IsmsRoles.ControlOwner));
        Assert.True(Person("m@acme.example", IsmsRoles.IsmsManager).CanEditOwned("someone@acme.example", IsmsRoles.RiskOwner));
        Assert.False(Person("v@acme.example", IsmsRoles.Viewer).CanEditOwned("v@acme.example", IsmsRoles.RiskOwner));
    }
}
