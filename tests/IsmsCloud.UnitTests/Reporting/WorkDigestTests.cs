using IsmsCloud.Contracts.Events;
using IsmsCloud.Reporting.Digest;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.Signals;

namespace IsmsCloud.UnitTests.Reporting;

/// <summary>Who gets what in the daily digest, from reporting's facts: the rules of the My work page, for active members only.</summary>
public sealed class WorkDigestTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);
    private const string Dana = "dana@acme.example";
    private const string Sam = "sam@acme.example";

    private static Dated<T> Record<T>(T state, Guid? id = null) => new(id ?? Guid.NewGuid(), state, DateTimeOffset.UnixEpoch);

    private static Dated<MemberFact> Member(string email, MemberStatus status = MemberStatus.Active) => Record(new MemberFact(email, status, null));

    private static readonly Dated<RiskFact> Risk = Record(new RiskFact("Unpatched VPN", Dana, "High", null, DateTimeOffset.UnixEpoch));

    private static Dated<TreatmentActionFact> Action(string title, string owner, int dueInDays, string status = "Planned", Guid? riskId = null) =>
        Record(new TreatmentActionFact(riskId ?? Risk.Id, title, owner, Today.AddDays(dueInDays), status, null));

    [Fact]
    public void Open_actions_overdue_or_due_within_14_days_go_to_their_owner_overdue_first()
    {
        var facts = new FactsAsOf
        {
            Members = [Member(Dana)], Risks = [Risk],
            Actions =
            [
                Action("Due soon", Dana, 14), Action("Overdue", Dana, -5), Action("Too far", Dana, 15),
                Action("Done", Dana, -5, "Done"), Action("Cancelled", Dana, -5, "Cancelled"), Action("Of a deleted risk", Dana, -5, riskId: Guid.NewGuid()),
            ],
        };

        var digest = Assert.Single(WorkDigest.Compose(facts, Today));

        Assert.Equal(Dana, digest.Email);
        Assert.Equal(["Overdue", "Due soon"], digest.Items.Select(i => i.Title));
        Assert.Equal((1, 1), (digest.Overdue, digest.DueSoon));
        Assert.Equal("overdue by 5 days", digest.Items[0].When(Today));
        Assert.Equal($"risks/{Risk.Id}", digest.Items[0].Path);
    }

    [Fact]
    public void Only_active_members_get_a_digest_and_owners_match_whatever_their_case()
    {
        var facts = new FactsAsOf
        {
            Members = [Member("Dana@Acme.example"), Member(Sam, MemberStatus.Suspended)], Risks = [Risk],
            Actions = [Action("Dana's", Dana, 1), Action("Sam's", Sam, 1), Action("A stranger's", "ops@example.com", 1)],
        };

        var digest = Assert.Single(WorkDigest.Compose(facts, Today));

        Assert.Equal(Dana, digest.Email);
        Assert.Equal(["Dana's"], digest.Items.Select(i => i.Title));
    }

    [Fact]
    public void Evidence_is_due_a_cadence_after_the_newest_coverage_and_today_when_there_is_none()
    {
        var covered = Record(new ControlFact("A.8.13", "Information backup", true, "Implemented", Dana, 30));
        var never = Record(new ControlFact("A.8.8", "Management of technical vulnerabilities", true, "Implemented", Dana, 90));
        var fresh = Record(new ControlFact("A.5.1", "Policies for information security", true, "Implemented", Dana, 365));
        var notApplicable = Record(new ControlFact("A.7.4", "Physical security monitoring", false, "NotImplemented", Dana, 30));
        var facts = new FactsAsOf
        {
            Members = [Member(Dana)], Controls = [covered, never, fresh, notApplicable],
            Evidence =
            [
                Record(new EvidenceFact(covered.Id, "A.8.13", Today.AddDays(-60), Today.AddDays(-20), DateTimeOffset.UnixEpoch)),
                Record(new EvidenceFact(covered.Id, "A.8.13", Today.AddDays(-90), Today.AddDays(-50), DateTimeOffset.UnixEpoch)),
                Record(new EvidenceFact(fresh.Id, "A.5.1", Today.AddDays(-30), Today, DateTimeOffset.UnixEpoch)),
            ],
        };

        var items = Assert.Single(WorkDigest.Compose(facts, Today)).Items;

        Assert.Equal([("A.8.8 Management of technical vulnerabilities", Today), ("A.8.13 Information backup", Today.AddDays(10))], items.Select(i => (i.Title, i.DueOn)));
        Assert.Equal($"soa/controls/{never.Id}", items[0].Path);
    }

    [Fact]
    public void An_exception_ending_soon_or_past_its_last_day_goes_to_its_controls_owner_until_it_is_closed()
    {
        var control = Record(new ControlFact("A.8.8", "Management of technical vulnerabilities", true, "PartiallyImplemented", Sam, null));
        var riskId = Guid.NewGuid();
        ControlExceptionFact Exception(int endsInDays, ExceptionState state) =>
            new(control.Id, "A.8.8", riskId, DateTimeOffset.UnixEpoch, Today.AddDays(endsInDays), 0, state, DateTimeOffset.UnixEpoch);
        var facts = new FactsAsOf
        {
            Members = [Member(Sam)], Controls = [control],
            Exceptions = [Record(Exception(-3, ExceptionState.Granted)), Record(Exception(7, ExceptionState.Granted)), Record(Exception(-3, ExceptionState.Closed)), Record(Exception(30, ExceptionState.Granted))],
        };

        var items = Assert.Single(WorkDigest.Compose(facts, Today)).Items;

        Assert.Equal([Today.AddDays(-3), Today.AddDays(7)], items.Select(i => i.DueOn));
        Assert.All(items, i => Assert.Equal($"risks/{riskId}", i.Path));
    }

    [Fact]
    public void Corrective_actions_count_while_open_and_nothing_due_means_no_digest()
    {
        var findingId = Guid.NewGuid();
        var facts = new FactsAsOf
        {
            Members = [Member(Dana), Member(Sam)],
            CorrectiveActions =
            [
                Record(new CorrectiveActionFact(findingId, "Patch within 30 days", Dana, Today.AddDays(-1), "Open", true)),
                Record(new CorrectiveActionFact(findingId, "Closed already", Dana, Today.AddDays(-1), "Closed", false)),
            ],
        };

        var digest = Assert.Single(WorkDigest.Compose(facts, Today));

        Assert.Equal(Dana, digest.Email);
        Assert.Equal($"findings/{findingId}", Assert.Single(digest.Items).Path);
    }

    [Fact]
    public void The_mail_says_how_much_is_overdue_and_links_each_item_into_the_workspace()
    {
        var digest = new MemberDigest(Dana, Today,
        [
            new DigestItem("Treatment action", "Apply the patch", Today.AddDays(-1), "risks/1"),
            new DigestItem("Evidence", "A.8.13 Information backup", Today, "soa/controls/2"),
        ]);

        var message = DigestMessage.For(digest, new Uri("https://isms.example/"));

        Assert.Equal(Dana, message.To);
        Assert.Equal("IsmsCloud: 1 overdue, 1 due soon (2026-12-03)", message.Subject);
        Assert.Contains("Overdue\n- Treatment action: Apply the patch (overdue by 1 day)\n  https://isms.example/risks/1", message.Body.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Due soon\n- Evidence: A.8.13 Information backup (due today)\n  https://isms.example/soa/controls/2", message.Body.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("https://isms.example/my-work", message.Body, StringComparison.Ordinal);
    }

    private static Dated<ControlFact> Control(string? owner) => Record(new ControlFact("A.5.23", "Information security for use of cloud services", true, "Implemented", owner, null));

    [Fact]
    public void Open_review_tasks_go_to_the_owner_of_their_risk_or_control_and_wait_undated()
    {
        var control = Control(Sam);
        var opened = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        var facts = new FactsAsOf
        {
            Members = [Member(Dana), Member(Sam)], Risks = [Risk], Controls = [control],
            ReviewTasks =
            [
                Record(new ReviewTaskFact("Risk", Risk.Id, "AI system: Support chatbot", opened, IsOpen: true)),
                Record(new ReviewTaskFact("Risk", Risk.Id, "Resolved already", opened, IsOpen: false)),
                Record(new ReviewTaskFact("Control", control.Id, "Supplier changed: Northwind", opened, IsOpen: true)),
                Record(new ReviewTaskFact("Risk", Guid.NewGuid(), "On a deleted risk", opened, IsOpen: true)),
            ],
        };

        var digests = WorkDigest.Compose(facts, Today).ToDictionary(d => d.Email);

        var dana = Assert.Single(digests[Dana].Items);
        Assert.Equal(("Risk review", "Unpatched VPN (AI system: Support chatbot)", $"risks/{Risk.Id}"), (dana.Kind, dana.Title, dana.Path));
        Assert.Null(dana.DueOn);
        Assert.Equal("waiting since 2026-11-20", dana.When(Today));
        Assert.Equal((0, 0, 1), (digests[Dana].Overdue, digests[Dana].DueSoon, digests[Dana].ToDecide));
        var sam = Assert.Single(digests[Sam].Items);
        Assert.Equal(("Control review", $"soa/controls/{control.Id}"), (sam.Kind, sam.Path));
    }

    [Fact]
    public void An_open_campaign_due_within_14_days_goes_to_each_of_its_reviewers()
    {
        static Dated<AccessReviewFact> Campaign(string status, int dueInDays, params string[] reviewers) =>
            Record(new AccessReviewFact("GitHub", status, Today.AddDays(dueInDays), 40, reviewers, $"{status} {dueInDays}"));
        var facts = new FactsAsOf
        {
            Members = [Member(Dana), Member(Sam)],
            AccessReviews =
            [
                Campaign("Open", 14, Dana, Sam), Campaign("Open", -2, Dana), Campaign("Open", 15, Dana), Campaign("Draft", 1, Dana), Campaign("Closed", 1, Dana),
                Record(new AccessReviewFact("Jira", "Open", Today, 3)), // from before reviewers travelled: nobody to tell
            ],
        };

        var digests = WorkDigest.Compose(facts, Today).ToDictionary(d => d.Email);

        Assert.Equal(["Open -2 (GitHub)", "Open 14 (GitHub)"], digests[Dana].Items.Select(i => i.Title));
        Assert.Equal((1, 1), (digests[Dana].Overdue, digests[Dana].DueSoon));
        Assert.Equal(["Open 14 (GitHub)"], digests[Sam].Items.Select(i => i.Title));
        Assert.StartsWith("access-reviews/", digests[Sam].Items[0].Path, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answered_questionnaire_goes_to_the_suppliers_owner_and_to_whoever_opened_it_once_each()
    {
        var supplier = Record(new SupplierFact("Northwind Hosting", "Critical", "Active", null, Dana));
        var submitted = new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);
        static Dated<QuestionnaireFact> Questionnaire(Guid supplierId, string status, string by, DateTimeOffset? at) =>
            Record(new QuestionnaireFact(supplierId, $"{status} by {by}", status, by, at));
        var facts = new FactsAsOf
        {
            Members = [Member(Dana), Member(Sam)], Suppliers = [supplier],
            Questionnaires =
            [
                Questionnaire(supplier.Id, "Submitted", Sam, submitted), Questionnaire(supplier.Id, "Submitted", Dana, submitted),
                Questionnaire(supplier.Id, "AwaitingSupplier", Sam, null), Questionnaire(supplier.Id, "Completed", Sam, submitted),
                Questionnaire(Guid.NewGuid(), "Submitted", Sam, submitted), // its supplier was deleted
            ],
        };

        var digests = WorkDigest.Compose(facts, Today).ToDictionary(d => d.Email);

        Assert.Equal(["Northwind Hosting: Submitted by dana@acme.example", "Northwind Hosting: Submitted by sam@acme.example"], digests[Dana].Items.Select(i => i.Title));
        Assert.Equal(["Northwind Hosting: Submitted by sam@acme.example"], digests[Sam].Items.Select(i => i.Title));
        Assert.Equal("waiting since 2026-11-30", digests[Sam].Items[0].When(Today));
        Assert.Equal($"suppliers/{supplier.Id}", digests[Sam].Items[0].Path);
    }

    [Fact]
    public void The_mail_lists_decisions_apart_and_a_digest_of_only_decisions_says_so()
    {
        var onlyDecisions = new MemberDigest(Dana, Today, [new DigestItem("Risk review", "Unpatched VPN (AI system: Bot)", null, "risks/1", Today.AddDays(-2))]);
        var mixed = new MemberDigest(Dana, Today,
        [
            new DigestItem("Treatment action", "Apply the patch", Today.AddDays(-1), "risks/1"),
            new DigestItem("Questionnaire to review", "Northwind: Security", null, "suppliers/3", Today),
        ]);

        var message = DigestMessage.For(onlyDecisions, new Uri("https://isms.example/"));
        var both = DigestMessage.For(mixed, new Uri("https://isms.example/"));

        Assert.Equal("IsmsCloud: 1 to decide (2026-12-03)", message.Subject);
        Assert.Contains("To decide\n- Risk review: Unpatched VPN (AI system: Bot) (waiting since 2026-12-01)\n  https://isms.example/risks/1",
            message.Body.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("Due soon", message.Body, StringComparison.Ordinal);
        Assert.Equal("IsmsCloud: 1 overdue, 0 due soon, 1 to decide (2026-12-03)", both.Subject);
        Assert.DoesNotContain("Due soon\n", both.Body.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
