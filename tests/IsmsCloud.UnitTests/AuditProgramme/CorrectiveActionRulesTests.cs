using IsmsCloud.Audits.Actions;
using IsmsCloud.Audits.Findings;

namespace IsmsCloud.UnitTests.AuditProgramme;

/// <summary>Clause 10.2: closure needs evidence, the effectiveness check is scheduled N days after, not effective reopens.</summary>
public sealed class CorrectiveActionRulesTests
{
    private static readonly DateOnly Today = new(2027, 3, 15);
    private static readonly DateTimeOffset Now = new(2027, 3, 15, 10, 0, 0, TimeSpan.Zero);

    private static CorrectiveAction Action(int checkDays = 30) => new()
    {
        FindingId = Guid.NewGuid(), AuditId = Guid.NewGuid(), Title = "Patch within 14 days", Owner = "owner@example.com",
        DueOn = Today.AddDays(10), EffectivenessCheckDays = checkDays,
    };

    [Fact]
    public void Closing_needs_evidence_and_schedules_the_check_the_set_number_of_days_after_closure()
    {
        var action = Action(checkDays: 30);
        Assert.Equal("evidence", action.Close("owner@example.com", null, Today, Now)?.Field);
        Assert.True(action.IsOpen);

        action.EvidenceLink = "https://tickets.example/PATCH-1";
        Assert.Null(action.Close("owner@example.com", "Done", Today, Now));
        Assert.False(action.IsOpen);
        Assert.Equal(Today, action.ClosedOn);
        Assert.Equal(Today.AddDays(30), action.EffectivenessCheckDueOn);
    }

    [Fact]
    public void The_check_cannot_be_recorded_before_its_day_and_is_recorded_once()
    {
        var action = Action(checkDays: 30);
        action.EvidenceLink = "https://tickets.example/PATCH-1";
        action.Close("owner@example.com", null, Today, Now);

        Assert.Equal("effectiveness", action.RecordEffectiveness(Effectiveness.Effective, "checker@example.com", null, Today.AddDays(29), Now)?.Field);
        Assert.Null(action.RecordEffectiveness(Effectiveness.Effective, "checker@example.com", null, Today.AddDays(30), Now));
        Assert.Equal(Effectiveness.Effective, action.Effectiveness);
        Assert.Equal(CorrectiveActionStatus.Closed, action.Status);
        Assert.NotNull(action.RecordEffectiveness(Effectiveness.Effective, "checker@example.com", null, Today.AddDays(31), Now));
    }

    [Fact]
    public void Not_effective_reopens_the_action_and_the_next_closure_schedules_a_new_check()
    {
        var action = Action(checkDays: 10);
        action.EvidenceLink = "https://tickets.example/PATCH-1";
        action.Close("owner@example.com", null, Today, Now);
        Assert.Null(action.RecordEffectiveness(Effectiveness.NotEffective, "checker@example.com", "Still unpatched hosts", Today.AddDays(10), Now));

        Assert.Equal(CorrectiveActionStatus.Open, action.Status);
        Assert.Null(action.ClosedOn);
        Assert.Null(action.EffectivenessCheckDueOn);
        Assert.Equal(1, action.ReopenCount);

        Assert.Null(action.Close("owner@example.com", null, Today.AddDays(20), Now));
        Assert.Equal(Today.AddDays(30), action.EffectivenessCheckDueOn);
        Assert.Null(action.Effectiveness);
    }

    [Fact]
    public void An_open_action_past_its_due_date_shows_its_age_and_a_closed_one_none()
    {
        var action = Action();
        Assert.Equal(0, action.OverdueDays(action.DueOn));
        Assert.Equal(1, action.OverdueDays(action.DueOn.AddDays(1)));
        Assert.Equal(45, action.OverdueDays(action.DueOn.AddDays(45)));
        action.EvidenceLink = "https://tickets.example/PATCH-1";
        action.Close("owner@example.com", null, action.DueOn.AddDays(45), Now);
        Assert.Equal(0, action.OverdueDays(action.DueOn.AddDays(50)));
    }

    [Fact]
    public void A_finding_closes_only_when_its_actions_are_closed_and_checked_effective()
    {
        var finding = new Finding { AuditId = Guid.NewGuid(), Kind = FindingKind.MinorNonconformity, Description = "Late patching", RaisedBy = "a@example.com" };
        finding.Place("A.8.8", Today);
        Assert.NotNull(finding.CloseRefusal([]));

        var action = Action(checkDays: 5);
        Assert.Contains("not closed", finding.CloseRefusal([action]));
        action.EvidenceLink = "https://tickets.example/PATCH-1";
        action.Close("owner@example.com", null, Today, Now);
        Assert.Contains("effectiveness check", finding.CloseRefusal([action]));
        action.RecordEffectiveness(Effectiveness.Effective, "checker@example.com", null, Today.AddDays(5), Now);
        Assert.Null(finding.CloseRefusal([action]));

        var observation = new Finding { AuditId = Guid.NewGuid(), Kind = FindingKind.Observation, Description = "Could be tidier", RaisedBy = "a@example.com" };
        Assert.Null(observation.CloseRefusal([]));
    }

    [Fact]
    public void The_finding_follows_its_actions_and_a_failed_effectiveness_check_reopens_it()
    {
        var finding = new Finding { AuditId = Guid.NewGuid(), Kind = FindingKind.MajorNonconformity, Description = "No backups tested", RaisedBy = "a@example.com" };
        finding.Place("A.8.13", Today);
        var action = Action(checkDays: 7);
        Assert.False(finding.FollowActions([action], Now));
        Assert.Equal(FindingStatus.Open, finding.Status);

        action.EvidenceLink = "https://tickets.example/BCK-1";
        action.Close("owner@example.com", null, Today, Now);
        Assert.True(finding.FollowActions([action], Now));
        Assert.Equal(FindingStatus.ActionsCompleted, finding.Status);

        action.RecordEffectiveness(Effectiveness.NotEffective, "checker@example.com", "Restore failed", Today.AddDays(7), Now);
        Assert.True(finding.FollowActions([action], Now));
        Assert.Equal(FindingStatus.Open, finding.Status);
        Assert.NotNull(finding.CloseRefusal([action]));
    }
}
