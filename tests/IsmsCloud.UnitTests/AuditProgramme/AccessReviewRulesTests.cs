using IsmsCloud.Audits.AccessReviews;

namespace IsmsCloud.UnitTests.AuditProgramme;

/// <summary>Rule 9 and signal 4: justification, verification, the close rules and completion.</summary>
public sealed class AccessReviewRulesTests
{
    private static readonly DateOnly D = new(2027, 3, 15);
    private static readonly DateTimeOffset Now = new(2027, 3, 15, 10, 0, 0, TimeSpan.Zero);

    private static ReviewItem Item(bool privileged = false) => new()
    {
        CampaignId = Guid.NewGuid(), UserName = "Sam", Account = "sam", AccountKey = "sam", Entitlements = "read;write", Privileged = privileged,
    };

    [Fact]
    public void Justification_is_required_for_revoke_modify_and_keeping_a_privileged_account()
    {
        Assert.Null(Item().Decide(ReviewDecision.Keep, null, "r@example.com", Now));
        Assert.Equal("justification", Item(privileged: true).Decide(ReviewDecision.Keep, " ", "r@example.com", Now)?.Field);
        Assert.Null(Item(privileged: true).Decide(ReviewDecision.Keep, "On-call admin", "r@example.com", Now));
        Assert.Equal("justification", Item().Decide(ReviewDecision.Revoke, null, "r@example.com", Now)?.Field);
        Assert.Equal("justification", Item().Decide(ReviewDecision.Modify, "", "r@example.com", Now)?.Field);
        Assert.Null(Item().Decide(ReviewDecision.Revoke, "Left the company", "r@example.com", Now));
    }

    [Fact]
    public void Only_revoke_and_modify_are_verified_with_evidence_and_a_verified_decision_is_final()
    {
        var keep = Item();
        keep.Decide(ReviewDecision.Keep, null, "r@example.com", Now);
        Assert.NotNull(keep.Verify("ticket", "r@example.com", Now));

        var revoke = Item();
        revoke.Decide(ReviewDecision.Revoke, "Left", "r@example.com", Now);
        Assert.Equal("evidence", revoke.Verify("  ", "v@example.com", Now)?.Field);
        Assert.Null(revoke.Verify("IAM-42 closed", "v@example.com", Now));
        Assert.True(revoke.IsVerified);
        Assert.NotNull(revoke.Decide(ReviewDecision.Keep, null, "r@example.com", Now));
    }

    [Fact]
    public void A_campaign_closes_only_when_every_item_is_decided_and_every_change_verified()
    {
        var campaign = new Campaign { System = "", Title = "Q1 review", Reviewers = ["r@example.com"], DueOn = D, ItemCount = 0 };
        campaign.Name("Salesforce");
        Assert.NotNull(campaign.Open(Now)); // no items
        campaign.ItemCount = 3;
        Assert.Null(campaign.Open(Now));

        Assert.Contains("not decided", campaign.Close(new CampaignProgress(3, 2, 0), "r@example.com", Now));
        Assert.Contains("not verified", campaign.Close(new CampaignProgress(3, 3, 1), "r@example.com", Now));
        Assert.Equal(CampaignStatus.Open, campaign.Status);
        Assert.Null(campaign.Close(new CampaignProgress(3, 3, 0), "r@example.com", Now));
        Assert.Equal(CampaignStatus.Closed, campaign.Status);
        Assert.NotNull(campaign.Cancel(Now));
    }

    [Fact]
    public void Accounts_are_new_unchanged_or_changed_against_the_previous_campaign()
    {
        var previous = Item();
        Assert.Equal(AccountChange.New, ReviewItem.Compare(null, "read", false));
        Assert.Equal(AccountChange.Unchanged, ReviewItem.Compare(previous, "WRITE; read", false));
        Assert.Equal(AccountChange.Changed, ReviewItem.Compare(previous, "read;write;admin", false));
        Assert.Equal(AccountChange.Changed, ReviewItem.Compare(previous, "read;write", true));
    }

    [Fact]
    public void Completion_counts_open_and_closed_campaigns_due_in_the_365_days_before_D_and_ignores_drafts()
    {
        var summary = AccessReviewCompletion.Of(
        [
            new CampaignFacts(CampaignStatus.Open, D, 10, 4, 1),                 // in the window, due today: not overdue
            new CampaignFacts(CampaignStatus.Closed, D.AddDays(-364), 5, 5, 0),  // in the window
            new CampaignFacts(CampaignStatus.Open, D.AddDays(-365), 8, 2, 2),    // out of the window, but overdue and unverified count
            new CampaignFacts(CampaignStatus.Draft, D.AddDays(-1), 100, 0, 0),   // ignored
            new CampaignFacts(CampaignStatus.Cancelled, D.AddDays(-1), 7, 1, 3), // ignored
            new CampaignFacts(CampaignStatus.Open, D.AddDays(30), 4, 0, 0),      // due after D: not in the window, not overdue
        ], D);

        Assert.Equal(2, summary.Campaigns);
        Assert.Equal(15, summary.Items);
        Assert.Equal(9, summary.Decided);
        Assert.Equal(9.0 / 15, summary.Completion);
        Assert.Equal(1, summary.OverdueCampaigns);
        Assert.Equal(3, summary.UnverifiedRevocations);
        Assert.Null(AccessReviewCompletion.Of([], D).Completion);
    }
}
